"""The workbench over HTTP (issue 11): every page has a JSON twin, reads are open, writes need
the token (API) or the sign-in cookie plus the form's CSRF token (pages), every answer carries a
strict Content-Security-Policy, and the analyst's decisions change what the pages show."""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Iterator
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from custodes.analyses.institutions import oversight
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, View
from custodes.web import create_app

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXAMPLES = resources.files("custodes").joinpath("data/examples")


@pytest.fixture
def client(kb_path: Path, tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "kb.db"
    shutil.copy(kb_path, db)
    app = create_app(str(db), TOKEN)
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


def _holders(client: TestClient, post: str, on: str = "2022-01-05") -> list[str]:
    r = client.get("/api/orgs/NSC/roster", params={"on": on}).json()
    return [h["person"] for p in r["posts"] if p["label"] == post for h in p["holders"]]


def _dismissal(client: TestClient) -> str:
    people = client.get("/api/people/Anuar Sadykulov").json()
    return next(s["id"] for s in people["statements"] if s["event_type"] == "dismissed")


PAGES = [
    ("/documents", "/api/documents"),
    ("/review", "/api/review"),
    ("/conflicts", "/api/conflicts"),
    ("/orgs/NSC?on=2022-01-05", "/api/orgs/NSC/roster?on=2022-01-05"),
    (
        "/orgs/NSC?on=2022-01-05&from=2022-01-05&to=2022-02-16",
        "/api/orgs/NSC/diff?from=2022-01-05&to=2022-02-16",
    ),
    ("/people/Karim Massimov", "/api/people/Karim Massimov"),
    ("/network", "/api/network"),
    ("/institutions?on=2021-12-31", "/api/institutions?on=2021-12-31"),
    ("/search?q=Масимов", "/api/search?q=Масимов"),
]


@pytest.mark.parametrize(("page", "api"), PAGES)
def test_every_page_has_a_json_twin_and_a_strict_policy(
    client: TestClient, page: str, api: str
) -> None:
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    csp = html.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in html.text and not re.search(r"<script(?![^>]*\bsrc=)", html.text)
    assert client.get(api).status_code == 200


def test_the_openapi_document_lists_every_twin(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/review",
        "/api/conflicts",
        "/api/orgs/{name}/roster",
        "/api/orgs/{name}/diff",
        "/api/people/{name}",
        "/api/network",
        "/api/institutions",
        "/api/search",
        "/api/statements/{sid}/reject",
        "/api/identity",
    } <= paths
    assert not any(p.startswith("/review") or p == "/" for p in paths)  # pages are not API


def test_the_document_page_marks_every_statement_at_its_span(client: TestClient) -> None:
    doc = client.get("/api/documents").json()[0]
    data = client.get(f"/api/documents/{doc['id']}").json()
    html = client.get(f"/documents/{doc['id']}").text
    s = data["statements"][0]
    assert data["text"][s["start"] : s["end"]] == s["quote"]
    assert f'href="#s-{s["id"]}"' in html and f'id="s-{s["id"]}"' in html
    assert client.get("/api/documents/nope").status_code == 404


def test_search_finds_a_person_across_scripts(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Масимов"}).json()
    assert [p["name"] for p in found["people"]] == ["Karim Massimov"]


def test_writes_need_the_token(client: TestClient) -> None:
    sid = _dismissal(client)
    assert client.post(f"/api/statements/{sid}/reject").status_code == 401
    assert (
        client.post(f"/api/statements/{sid}/reject", headers={"Authorization": "x"}).status_code
        == 401
    )
    assert "Anuar Sadykulov" in _holders(client, "Head of Special Service “A”")
    r = client.post(f"/api/statements/{sid}/reject", headers=AUTH)
    assert r.status_code == 200 and r.json()["status"] == "decided"
    assert "Anuar Sadykulov" not in _holders(client, "Head of Special Service “A”")
    assert client.post(f"/api/statements/{sid}/undo", headers=AUTH).json()["status"] == "undone"
    assert "Anuar Sadykulov" in _holders(client, "Head of Special Service “A”")


def test_an_edit_over_the_api_moves_the_tenure(client: TestClient) -> None:
    sid = _dismissal(client)
    r = client.post(f"/api/statements/{sid}/edit", headers=AUTH, json={"date": "2022-01-09"})
    assert r.status_code == 200
    tenures = client.get("/api/people/Anuar Sadykulov").json()["tenures"]
    assert {t["end"] for t in tenures} == {"2022-01-09"}
    bad = client.post(f"/api/statements/{sid}/edit", headers=AUTH, json={"date": "2022-13"})
    assert bad.status_code == 422 and "not a date" in bad.json()["detail"]


def test_forms_need_the_sign_in_cookie_and_the_csrf_token(client: TestClient) -> None:
    sid = _dismissal(client)
    form = {"action": "reject", "csrf_token": "wrong"}
    assert client.post(f"/review/{sid}", data=form).status_code == 401  # not signed in
    client.get(f"/?token={TOKEN}")  # the address `custodes serve` prints sets the cookie
    assert client.post(f"/review/{sid}", data=form).status_code == 403  # a forged form
    csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/review").text)
    assert csrf is not None
    ok = client.post(f"/review/{sid}", data={**form, "csrf_token": csrf.group(1)})
    assert ok.status_code == 200 and "Anuar Sadykulov" not in _holders(
        client, "Head of Special Service “A”"
    )


def test_identity_over_the_api_refuses_what_makes_no_sense(client: TestClient) -> None:
    r = client.post("/api/identity", headers=AUTH, json={"kind": "merge", "a": "Foo", "b": "Foo"})
    assert r.status_code == 422 and "holds no person or organisation" in r.json()["detail"]
    r = client.post(
        "/api/identity",
        headers=AUTH,
        json={"kind": "merge", "a": "Karim Massimov", "b": "National Security Committee"},
    )
    assert r.status_code == 422 and "a person and" in r.json()["detail"]


def test_unknown_names_are_404_not_500(client: TestClient) -> None:
    for url in ("/people/Nobody", f"/api/orgs/{quote('<x>')}/roster?on=2022", "/orgs/Nowhere"):
        assert client.get(url).status_code == 404
    assert client.get("/api/orgs/NSC/roster?on=2022-13-45").status_code == 422


def test_believing_one_side_of_a_conflict_keeps_the_other(client: TestClient) -> None:
    conflict = client.get("/api/conflicts").json()[0]
    one, other = (side["sources"][0]["statement_id"] for side in conflict["sides"][:2])
    r = client.post(f"/api/statements/{one}/believe", headers=AUTH, json={"over": [other]})
    assert r.status_code == 200 and r.json()["action"] == "believe"
    assert "<b>believed</b>" in client.get("/conflicts").text
    kept = {
        s["id"]
        for d in client.get("/api/documents").json()
        for s in client.get(f"/api/documents/{d['id']}").json()["statements"]
    }
    assert {one, other} <= kept  # the other claim is kept, not deleted


@pytest.fixture
def kz(kb_path: Path, tmp_path: Path) -> Iterator[tuple[TestClient, View]]:
    """The bundled report and its example case file (as `make demo` builds): a map with both
    flags, and the library's own view of it."""
    db = tmp_path / "kz.db"
    shutil.copy(kb_path, db)
    with resources.as_file(EXAMPLES.joinpath("kz-nsc-casefile.yaml")) as case:
        with KnowledgeBase.open(db) as kb:
            assert kb.ingest_casefile(case).status == "ingested"
    app = create_app(str(db), TOKEN)
    with TestClient(app) as c:
        yield c, app.state.kb.view()
    app.state.kb.close()


@pytest.mark.parametrize("on", ["2021-12-31", "2022-01-06"])
def test_the_institutional_map_marks_what_the_measures_find(
    kz: tuple[TestClient, View], on: str
) -> None:
    client, view = kz
    data = client.get("/api/institutions", params={"on": on}).json()
    measures = oversight(view, PartialDate.parse(on))  # the library's own answer
    nodes = {n["id"]: n for n in data["graph"]["nodes"]}
    assert data["on"] == measures.on and data["measures"]["on"] == measures.on
    captured = {a.agency for a in measures.agencies if a.capture_risk}
    unwatched = {a.agency for a in measures.agencies if not a.independent}
    assert captured  # the case file's vetting power reaches the NSC's overseers on both dates
    assert {k for k, n in nodes.items() if n["capture_risk"]} == captured
    assert {k for k, n in nodes.items() if n["no_oversight"]} == unwatched
    edges = data["graph"]["edges"]
    for a in measures.agencies:  # every line the measures know is an edge of the graph
        assert all(
            {"source": o, "target": a.agency, "kind": "oversees"} in edges for o in a.overseers
        )
        assert all(
            {"source": x, "target": a.agency, "kind": "appoints the head of"} in edges
            for x in a.head_appointers
        )
    html = client.get("/institutions", params={"on": on}).text
    assert f'id="institutions" data-api="/api/institutions?on={on}"' in html
    for name in captured:
        assert re.search(rf'<tr class="capture[^"]*">\s*<td>{re.escape(escape(name))}', html)
    for name in unwatched:
        assert re.search(rf'<tr class="[^"]*no-oversight">\s*<td>{re.escape(escape(name))}', html)


def test_the_institutional_map_without_institutions_says_so(client: TestClient) -> None:
    on = "2021-12-31"
    assert client.get("/api/institutions", params={"on": "2021-13"}).status_code == 422
    assert client.get("/api/institutions", params={"on": on, "country": "ZZ"}).status_code == 404
    html = client.get("/institutions", params={"on": on, "country": "ZZ"})
    assert html.status_code == 200 and "no institutional statements for ZZ" in html.text


def _csrf(client: TestClient, url: str) -> str:
    client.get(f"/?token={TOKEN}")  # signs in
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get(url).text)
    assert found is not None, f"{url} has a form"
    return found.group(1)


def _identity(client: TestClient, csrf: str, back: str, **form: str) -> tuple[int, str]:
    r = client.post("/identity", data={"csrf_token": csrf, "back": back, **form})
    message = re.search(r'<p class="message[^"]*">(.*?)</p>', r.text, re.S)
    assert message is not None, r.text
    return r.status_code, message.group(1)


def test_merge_and_undo_two_people_from_the_person_page(client: TestClient) -> None:
    page = "/people/Anuar Sadykulov"
    csrf = _csrf(client, page)
    html = client.get(page).text
    assert 'action="/identity"' in html and 'value="merge"' in html and "Split it out" not in html
    pair = {"a": "Anuar Sadykulov", "b": "Anuar Kunanbayev"}
    code, said = _identity(client, csrf, page, kind="merge", **pair)
    assert code == 200 and "decided" in said
    one = client.get("/api/people/Anuar Sadykulov").json()
    assert one["spellings"] == ["Anuar Kunanbayev", "Anuar Sadykulov"]  # one timeline
    assert len(one["tenures"]) == 2  # the same two posts: one person's tenures now
    [decision] = one["decisions"]
    assert decision["kind"] == "merge" and decision["who"]
    html = client.get(page).text
    assert 'id="decisions"' in html and "Split it out" in html  # two spellings now
    # undo, as the decision's row does: by the keys it stores
    code, said = _identity(
        client, csrf, page, kind="merge", a=decision["a"], b=decision["b"], undo="1"
    )
    assert code == 200 and "undone" in said
    again = client.get("/api/people/Anuar Sadykulov").json()
    assert again["spellings"] == ["Anuar Sadykulov"] and not again["decisions"]


def test_the_identity_forms_refuse_what_the_cli_refuses(client: TestClient) -> None:
    page = "/people/Karim Massimov"
    csrf = _csrf(client, page)
    for form, words in (
        ({"kind": "merge", "a": "Karim Massimov", "b": "Foo"}, "holds no person or organisation"),
        ({"kind": "merge", "a": "Karim Massimov", "b": "karim massimov"}, "merged with itself"),
        ({"kind": "not_same", "a": "Karim Massimov", "b": "NSC"}, "a person and"),
        ({"kind": "merge", "a": "NSC", "b": "National Security Committee"}, "merged with itself"),
        ({"kind": "split", "a": "Nobody Atall"}, "holds no person or organisation"),
    ):
        code, said = _identity(client, csrf, page, **form)
        assert code == 422 and said.startswith("Refused: ") and words in said, (form, said)
    html = client.get("/orgs/NSC").text
    assert "Split it out" in html and 'value="not_same"' in html


def test_organisations_split_and_undo_from_their_page(client: TestClient) -> None:
    page = "/orgs/NSC"
    csrf = _csrf(client, page)
    code, said = _identity(client, csrf, page, kind="split", a="NSC")
    assert code == 200 and "decided" in said
    html = client.get(page).text
    row = re.search(r'<table id="decisions">.*?</table>', html, re.S)
    assert row is not None and "split" in row.group(0)
    a = re.search(r'name="kind" value="split"><input type="hidden" name="a" value="([^"]+)"', html)
    assert a is not None
    code, said = _identity(client, csrf, page, kind="split", a=a.group(1), undo="1")
    assert code == 200 and "undone" in said and 'id="decisions"' not in client.get(page).text


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(
    request: pytest.FixtureRequest, report: tuple[Any, Any], tmp_path: Path
) -> Iterator[TestClient]:
    """The workbench on the bundled report, once on SQLite and once on PostgreSQL (in a
    schema of its own; skipped when no server answers)."""
    from contextlib import nullcontext

    from conftest import PG_URL, _postgres_answers, pg_schema

    if request.param == "postgresql" and not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    pg = request.param == "postgresql"
    with pg_schema("custodes_web") if pg else nullcontext(None) as schema:
        db = PG_URL if pg else str(tmp_path / "kb.db")
        with KnowledgeBase.open(db, schema=schema) as kb:
            kb.ingest_document(*report)
        app = create_app(db, TOKEN, schema=schema)
        with TestClient(app) as c:
            yield c
        app.state.kb.close()


def test_reviews_and_decisions_through_the_web_app_on_both_backends(
    backend: TestClient,
) -> None:
    client, post = backend, "Head of Special Service “A”"
    assert "Anuar Sadykulov" in _holders(client, post)
    queue = client.get("/api/review").json()
    assert queue and queue[0]["conflicts"], "conflicts first"
    csrf = _csrf(client, "/review")
    sid = _dismissal(client)
    r = client.post(f"/review/{sid}", data={"action": "reject", "csrf_token": csrf})
    assert r.status_code == 200 and "Anuar Sadykulov" not in _holders(client, post)
    rejected = client.get("/api/review", params={"status": "rejected"}).json()
    assert sid in {i["statement_id"] for i in rejected}  # with the event's other post
    assert {i["status"] for i in rejected} == {"rejected"}
    assert sid not in {i["statement_id"] for i in client.get("/api/review").json()}
    assert "rejected" in client.get("/review?status=rejected").text
    assert client.post(f"/api/statements/{sid}/undo", headers=AUTH).status_code == 200
    assert "Anuar Sadykulov" in _holders(client, post)
    r = client.post(f"/api/statements/{sid}/edit", headers=AUTH, json={"date": "2022-01-09"})
    assert r.status_code == 200
    tenures = client.get("/api/people/Anuar Sadykulov").json()["tenures"]
    assert {t["end"] for t in tenures} == {"2022-01-09"}
    assert sid in {i["statement_id"] for i in client.get("/api/review?status=edited").json()}
    assert client.post(f"/api/statements/{sid}/undo", headers=AUTH).status_code == 200
    # a conflict believed from its page, then people merged and apart again from theirs
    conflict = client.get("/api/conflicts").json()[0]
    one, other = (side["sources"][0]["statement_id"] for side in conflict["sides"][:2])
    r = client.post(f"/api/statements/{one}/believe", headers=AUTH, json={"over": [other]})
    assert r.status_code == 200 and "<b>believed</b>" in client.get("/conflicts").text
    page = "/people/Anuar Sadykulov"
    pair = {"a": "Anuar Sadykulov", "b": "Anuar Kunanbayev"}
    code, said = _identity(client, csrf, page, kind="merge", **pair)
    assert code == 200 and "decided" in said
    assert len(client.get("/api/people/Anuar Kunanbayev").json()["spellings"]) == 2
    code, said = _identity(client, csrf, page, kind="merge", undo="1", **pair)
    assert code == 200 and "undone" in said
    assert client.get("/api/people/Anuar Kunanbayev").json()["spellings"] == ["Anuar Kunanbayev"]
    r = client.post("/api/identity", headers=AUTH, json={"kind": "split", "a": "NSC"})
    assert r.status_code == 200 and r.json()["status"] == "decided"


def test_believing_from_the_conflicts_page_keeps_the_other_side(client: TestClient) -> None:
    csrf = _csrf(client, "/conflicts")
    html = client.get("/conflicts").text
    form = re.search(r'<form method="post" id="c-1" class="believe">(.*?)</form>', html, re.S)
    assert form is not None
    every = re.search(r'name="every" value="([^"]+)"', form.group(1))
    side_button = r'form="c-1" formaction="/review/([0-9a-f]+)" name="side" value="([^"]+)"'
    button = re.search(side_button, html)
    assert every is not None and button is not None
    sid, side = button.groups()
    data = {"csrf_token": csrf, "action": "believe", "every": every.group(1), "side": side}
    assert client.post(f"/review/{sid}", data=data).status_code == 200
    reviews = client.app.state.kb.view().reviews()
    action, fields = reviews[sid]
    others = [o for o in every.group(1).split(",") if o and o not in side.split(",")]
    assert action == "believe" and others and sorted(fields["over"]) == sorted(others)
    assert html.count('name="every"') == html.count('class="conflict-pair"')
