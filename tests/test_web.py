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
