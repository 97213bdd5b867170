"""The workbench in a real browser (issue 11): Debian's chromium driven by Playwright (never a
browser download; skipped where no chromium is installed). One browser for the module.

* reject one event in the review queue → the roster of that date changes;
* edit a date → the person's timeline moves;
* merge two organisations → one roster;
* merge two people from a person's page → one timeline; undo the merge → two again (a name
  the knowledge base does not hold is refused on the page);
* 300+ XSS payloads in a document's text, in names and posts → nothing runs: no dialog, no
  request to anywhere but the workbench itself.

Screenshots of each page go to ``docs/pictures/web-*.png``.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from custodes.store import KnowledgeBase

EXAMPLES = resources.files("custodes").joinpath("data/examples")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)"),
]
TOKEN = "browser-token"
PICTURES = Path(__file__).resolve().parents[1] / "docs" / "pictures"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``custodes serve`` in a thread of this process, on a copy of a knowledge base."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from custodes.web import create_app

        self.port = _free_port()
        self.app = create_app(str(db), TOKEN)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="error")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)
        self.app.state.kb.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def server(kb_path: Path, tmp_path: Path) -> Iterator[Server]:
    db = tmp_path / "kb.db"
    shutil.copy(kb_path, db)
    s = Server(db)
    yield s
    s.stop()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(f"{server.url}/?token={TOKEN}")  # signs in (the cookie), lands on documents
    yield pg
    context.close()


def _shot(page: Any, name: str) -> None:
    PICTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(PICTURES / f"web-{name}.png"), full_page=False)


def _roster_names(page: Any, server: Server, post: str, on: str) -> list[str]:
    page.goto(f"{server.url}/orgs/NSC?on={on}")
    row = page.locator("#roster tr", has_text=post).first
    return row.locator("a.holder").all_inner_texts()


def test_reject_in_the_review_queue_changes_the_roster(page: Any, server: Server) -> None:
    post = "Head of Special Service “A”"
    assert "Anuar Sadykulov" in _roster_names(page, server, post, "2022-01-05")
    _shot(page, "org")
    page.goto(f"{server.url}/conflicts")
    _shot(page, "conflicts")  # before the reject: it removes the report's contradiction
    page.goto(f"{server.url}/review")
    _shot(page, "review")
    item = page.locator("section.item", has_text="dismissed · Anuar Sadykulov").first
    item.locator("button.reject").click()
    page.wait_for_url(f"{server.url}/review")
    assert "Anuar Sadykulov" not in _roster_names(page, server, post, "2022-01-05")
    page.goto(f"{server.url}/documents")
    _shot(page, "documents")
    page.locator("table a").first.click()
    _shot(page, "document")


def _timeline_end(page: Any, server: Server) -> str:
    page.goto(f"{server.url}/people/Anuar Sadykulov")
    page.wait_for_selector("#timeline[data-ready]")
    page.wait_for_selector(".vis-item")
    return page.locator("#tenures tbody tr").first.locator("td").nth(3).inner_text()


def test_an_edited_date_moves_the_timeline(page: Any, server: Server) -> None:
    assert _timeline_end(page, server) == "2022-01-06"
    axis = page.locator(".vis-time-axis.vis-foreground").first.inner_text()
    _shot(page, "person")
    page.goto(f"{server.url}/review")
    item = page.locator("section.item", has_text="dismissed · Anuar Sadykulov").first
    item.locator("input[name=date]").fill("2022-03-20")
    item.locator("button.edit").click()
    page.wait_for_url(f"{server.url}/review")
    assert _timeline_end(page, server) == "2022-03-20"
    assert page.locator(".vis-item").first.inner_text().endswith("→ 2022-03-20")
    assert (
        page.locator(".vis-time-axis.vis-foreground").first.inner_text() != axis
    )  # the bars span March now


def test_the_institutional_map_is_drawn_with_its_flags(
    browser: Any, kb_path: Path, tmp_path: Path
) -> None:
    db = tmp_path / "kz.db"  # the report and its example case file, as `make demo` builds
    shutil.copy(kb_path, db)
    with resources.as_file(EXAMPLES.joinpath("kz-nsc-casefile.yaml")) as case:
        with KnowledgeBase.open(db) as kb:
            kb.ingest_casefile(case)
    server = Server(db)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/institutions?on=2021-12-31")
        page.wait_for_selector("#institutions[data-ready] canvas")
        drawn = int(page.locator("#institutions").get_attribute("data-ready"))
        twin = page.request.get(f"{server.url}/api/institutions?on=2021-12-31").json()
        assert drawn == len(twin["graph"]["nodes"]) > 0  # every body of the JSON twin is drawn
        assert page.locator("#measures tr.capture").count() > 0  # the NSC's vetting power
        page.wait_for_timeout(300)  # the layout settles
        _shot(page, "institutions")
        page.locator("input[name=on]").fill("2022-01-06")
        page.locator("form.dates button").click()
        page.wait_for_url(f"{server.url}/institutions?on=2022-01-06")
        assert page.locator("h1").inner_text().startswith("The institutional map on 2022-01-06")
    finally:
        context.close()
        server.stop()


def test_merging_two_organisations_shows_one_roster(
    browser: Any, tmp_path: Path, report_path: Path
) -> None:
    text = (
        "On 2 May 2019 Timur Bekov was appointed Head of the Border Service. "
        "On 9 May 2020 Marat Osipov was appointed Head of the State Border Service."
    )
    (tmp_path / "a.txt").write_text(text, "utf-8")
    db = tmp_path / "orgs.db"
    with KnowledgeBase.open(db) as kb:
        kb.ingest_file(tmp_path / "a.txt")
    server = Server(db)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?token={TOKEN}")
        page.goto(f"{server.url}/orgs/Border Service?on=2020-06-01")
        assert page.locator("a.holder").all_inner_texts() == ["Timur Bekov"]
        page.locator("input[name=b]").fill("State Border Service")
        page.locator("button[value=merge]").click()
        assert "decided" in page.locator("p.message").inner_text()
        page.goto(f"{server.url}/orgs/Border Service?on=2020-06-01")
        assert sorted(page.locator("a.holder").all_inner_texts()) == ["Marat Osipov", "Timur Bekov"]
        page.goto(f"{server.url}/orgs/State Border Service?on=2020-06-01")
        assert page.locator("h1").inner_text() == "Border Service"
        page.set_viewport_size({"width": 1280, "height": 900})
        page.locator("#decisions").scroll_into_view_if_needed()
        assert page.locator("#decisions tbody tr").count() == 1  # the merge, with its Undo
        _shot(page, "org-identity")
        page.locator("#decisions button.undo").click()
        assert "undone" in page.locator("p.message").inner_text()
        page.goto(f"{server.url}/orgs/Border Service?on=2020-06-01")
        assert page.locator("a.holder").all_inner_texts() == ["Timur Bekov"]
    finally:
        context.close()
        server.stop()


def test_merging_two_people_shows_one_timeline_and_undoing_it_two(
    page: Any, server: Server
) -> None:
    person = f"{server.url}/people/Anuar Sadykulov"

    def bars() -> list[str]:
        page.wait_for_selector("#timeline[data-ready]")
        page.wait_for_selector(".vis-item")
        return page.locator(".vis-item").all_inner_texts()

    page.goto(person)
    alone = bars()
    page.goto(f"{server.url}/people/Anuar Kunanbayev")
    other = bars()
    page.goto(person)
    page.locator("form.identity input[name=b]").fill("Nobody Atall")
    page.locator("form.identity button[value=merge]").click()
    refused = page.locator("p.message.refused").inner_text()
    assert refused.startswith("Refused: ") and "holds no person" in refused
    _shot(page, "identity-refused")
    page.goto(person)
    page.locator("form.identity input[name=b]").fill("Anuar Kunanbayev")
    _shot(page, "identity")
    page.locator("form.identity button[value=merge]").click()
    assert "decided" in page.locator("p.message").inner_text()
    page.goto(person)
    merged = bars()
    spellings = page.locator("p .spelling").all_inner_texts()
    assert spellings == ["Anuar Kunanbayev", "Anuar Sadykulov"]  # one person, one timeline
    assert len(merged) < len(alone) + len(other)  # the same posts, one bar each
    assert page.locator("#decisions tbody tr").count() == 1
    _shot(page, "identity-merged")
    page.locator("#decisions button.undo").click()
    assert "undone" in page.locator("p.message").inner_text()
    page.goto(person)
    assert bars() == alone and page.locator("p .spelling").all_inner_texts() == ["Anuar Sadykulov"]
    page.goto(f"{server.url}/people/Anuar Kunanbayev")
    assert bars() == other


VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<img src=http://127.0.0.2:9/leak>",
    "<link rel=stylesheet href=http://127.0.0.2:9/x.css>",
    "<meta http-equiv=refresh content='0;url=http://127.0.0.2:9/'>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<style>@import 'http://127.0.0.2:9/x';</style>",
    "<script src=http://127.0.0.2:9/x.js></script>",
    "javascript:alert(1)",
    "{{7*7}}<b>{% raw %}</b>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<marquee onstart=alert(1)>",
    "<img src=x onerror=fetch('http://127.0.0.2:9/')>",
    "<base href=http://127.0.0.2:9/>",
]
BREAKOUTS = [
    "",
    '">',
    "'>",
    "</pre>",
    "</textarea>",
    "</script>",
    "-->",
    "</title>",
    "`",
    "</a>",
    "</blockquote>",
    "]]>",
    "</style>",
]


def payloads() -> list[str]:
    """300 and more: every vector after every way out of a context."""
    return [b + v for b in BREAKOUTS for v in VECTORS]


def test_no_payload_in_document_text_names_or_posts_runs(browser: Any, tmp_path: Path) -> None:
    every = payloads()
    assert len(every) >= 300
    lines = [
        f"On {1 + i % 28} May 2019 Timur Bekov{i} was appointed Head of the Border Service. {p}"
        for i, p in enumerate(every)
    ]
    (tmp_path / "xss.txt").write_text("\n\n".join(lines), "utf-8")
    db = tmp_path / "xss.db"
    with KnowledgeBase.open(db) as kb:
        kb.ingest_file(tmp_path / "xss.txt")
        events = [s for s in kb.view().statements(kinds=["event"])]
        for s, p in zip(events[:40], every[::8], strict=False):  # names and posts too
            kb.edit(s.id, person=f"Timur {p}", title=p)
        # and in the names of bodies on the institutional map (a case file; JSON is YAML)
        bodies = [f"Body {i} {p}" for i, p in enumerate(every[::8])]
        top = "Top <script>alert(1)</script>"
        case = {
            "country": "XX",
            "sources": {"analyst": {"title": "<img src=x onerror=alert(1)>"}},
            "bodies": [{"name": top, "elected": True}]
            + [{"name": b, "security": True} for b in bodies],
            "statements": [
                {"type": "subordinate_to", "subject": b, "object": top, "source": "analyst"}
                | {"quote": b}
                for b in bodies
            ],
        }
        (tmp_path / "case.yaml").write_text(json.dumps(case), "utf-8")
        assert kb.ingest_casefile(tmp_path / "case.yaml").status == "ingested"
    server = Server(db)
    fired: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (fired.append(f"dialog {d.message}"), d.dismiss()))
        page.on(
            "request",
            lambda r: None if r.url.startswith(server.url) else fired.append(f"request {r.url}"),
        )
        page.set_content("<script>alert('control')</script>")  # the watch itself works
        assert fired == ["dialog control"]
        fired.clear()
        page.goto(f"{server.url}/?token={TOKEN}")
        doc = page.locator("tr", has_text="xss.txt").locator("a").first.get_attribute("href")
        for url in [
            doc,
            "/review?limit=1000",
            "/conflicts",
            "/search?q=Timur",
            "/orgs/Border Service?on=2019-06-01",
            "/people/Timur Bekov1",
            "/institutions?on=2019-06-01",
        ]:
            page.goto(server.url + url)
            page.wait_for_load_state("load")
            page.wait_for_timeout(100)
        page.goto(server.url + "/institutions?on=2019-06-01")
        page.wait_for_selector("#institutions[data-ready] canvas")  # the names are drawn too
        assert page.locator("#measures tbody tr").count() == len(bodies)
        page.goto(server.url + doc)
        shown = page.locator("pre.text").inner_text()
        assert all(p in shown for p in every)  # shown as text, every one of them
    finally:
        context.close()
        server.stop()
    assert fired == []
