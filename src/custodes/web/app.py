"""``custodes serve``: the analyst's workbench over HTTP, a thin layer over the library.

Every page is rendered on the server (Jinja2, autoescaped) and has a JSON twin under ``/api/``
with the same data (FastAPI documents them at ``/openapi.json``). Reads are open; every write
needs the server's token: ``Authorization: Bearer TOKEN`` on the API, and in a browser the
cookie that ``/?token=TOKEN`` sets plus the CSRF field every form carries. Document text is
untrusted: it is only ever escaped (HTML by Jinja2, JSON by ``json``), the
Content-Security-Policy allows no inline script, and pictures get their data from the JSON
twin (``static/app.js``), never from a script written into the page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from datetime import date as _date
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.middleware.base import BaseHTTPMiddleware

from custodes.analyses import UnknownName, conflicts, diff, people, roster
from custodes.analyses.entities import busiest
from custodes.analyses.institutions import Institutions, institutions
from custodes.analyses.network import network
from custodes.analyses.review import STATUSES, queue_size, review_queue
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, ReviewError, View
from custodes.tenures import derive_tenures

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
COOKIE = "custodes_token"
MAX_OFFSET = 10**9  # a page further than any knowledge base (and within SQLite's integers)
EVERYONE = 100  # how many people a search page without a query lists
Status = Annotated[str, Query(description="unreviewed, accepted, rejected, edited or all")]


class _Headers(BaseHTTPMiddleware):
    """The security headers of every answer."""

    async def dispatch(self, request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


class EditBody(BaseModel):
    """An edit from the API: any of the fields (``title`` is the post's title)."""

    person: str | None = None
    title: str | None = None
    org: str | None = None
    date: str | None = None
    precision: str | None = None


class BelieveBody(BaseModel):
    over: list[str]


class IdentityBody(BaseModel):
    kind: str  # merge | not_same | split
    a: str
    b: str | None = None
    undo: bool = False


def _plain(obj: Any) -> Any:
    """Dataclasses (and lists of them) as JSON-ready data: the CLI's ``--format json``."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, list):
        return [_plain(x) for x in obj]
    return obj


def _day(value: str | None, name: str) -> PartialDate | None:
    if value in (None, ""):
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as e:
        raise HTTPException(422, f"{name}: {e}") from None


def _required_day(value: str, name: str) -> PartialDate:
    day = _day(value, name)
    if day is None:
        raise HTTPException(422, f"{name}: a date is needed (YYYY, YYYY-MM or YYYY-MM-DD)")
    return day


def create_app(db: str, token: str | None = None, schema: str | None = None) -> FastAPI:
    """The workbench on the knowledge base ``db`` (on PostgreSQL, in ``schema`` if given);
    ``token`` guards every write (one is made when none is given: ``app.state.token``)."""
    kb = KnowledgeBase.open(db, schema=schema)
    token = token or secrets.token_urlsafe(24)
    csrf = hmac.new(token.encode(), b"csrf", hashlib.sha256).hexdigest()
    app = FastAPI(
        title="custodes",
        version="0.1.0",
        description="Sourced records of who held which post in security institutions.",
    )
    app.state.kb, app.state.token = kb, token
    app.add_middleware(_Headers)
    web = resources.files("custodes").joinpath("web")
    templates = Jinja2Templates(directory=str(web.joinpath("templates")))
    templates.env.autoescape = True
    app.mount("/static", StaticFiles(directory=str(web.joinpath("static"))), name="static")

    # One view (with its resolved identities) and the analyses over all of it are kept while
    # the knowledge base does not change: every write logs a row of ``changes``, so a new
    # newest row means a new view. A page after a write pays for the derivation once.
    cache: dict[str, Any] = {"marker": None, "view": None, "memo": {}}
    app.state.cache = cache  # benchmarks/bench_web.py empties it to time a first visit

    def view() -> View:
        marker = kb.last_change()
        if marker != cache["marker"] or cache["view"] is None:
            cache.update(marker=marker, view=kb.view(), memo={})
        return cache["view"]

    def memo(key: str, make: Any) -> Any:
        v = view()
        if key not in cache["memo"]:
            cache["memo"][key] = make(v)
        return cache["memo"][key]

    def page(request: Request, template: str, **context: Any) -> HTMLResponse:
        signed_in = hmac.compare_digest(request.cookies.get(COOKIE, ""), token)
        return templates.TemplateResponse(
            request,
            template,
            {"csrf": csrf, "signed_in": signed_in, **context},
            status_code=422 if context.get("refused") else 200,
        )

    def api_writer(authorization: Annotated[str | None, Header()] = None) -> None:
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given, token):
            raise HTTPException(401, "writes need the server's token: Authorization: Bearer …")

    def form_writer(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
        if not hmac.compare_digest(request.cookies.get(COOKIE, ""), token):
            raise HTTPException(401, "sign in first: open the address `custodes serve` printed")
        if not hmac.compare_digest(csrf_token, csrf):
            raise HTTPException(403, "the form's CSRF token is missing or wrong")

    @app.exception_handler(UnknownName)
    async def _unknown(request: Request, e: UnknownName) -> JSONResponse:
        return JSONResponse({"detail": str(e)}, status_code=404)

    @app.exception_handler(ReviewError)
    async def _bad_review(request: Request, e: ReviewError) -> JSONResponse:
        return JSONResponse({"detail": str(e)}, status_code=422)

    # ---- documents

    def documents_data() -> list[dict[str, Any]]:
        def make(v: View) -> list[dict[str, Any]]:
            counts = v.statement_counts()
            return [{**_plain(d), "n_statements": counts.get(d.id, 0)} for d in v.documents()]

        return memo("documents", make)

    @app.get("/", include_in_schema=False)
    def home(token_: Annotated[str | None, Query(alias="token")] = None) -> Response:
        response = RedirectResponse("/documents", status_code=303)
        if token_ is not None and hmac.compare_digest(token_, token):
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    @app.get("/api/documents")
    def api_documents() -> list[dict[str, Any]]:
        """Every document: date, language, source, counts."""
        return documents_data()

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, limit: int = 500, offset: int = 0) -> HTMLResponse:
        every = documents_data()
        limit, offset = max(1, min(limit, 10_000)), min(max(0, offset), MAX_OFFSET)
        shown = every[offset : offset + limit]
        return page(
            request,
            "documents.html",
            documents=shown,
            total=len(every),
            limit=limit,
            offset=offset,
        )

    def document_data(doc_id: str) -> dict[str, Any]:
        v = view()
        text = v.document_text(doc_id)
        if text is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        info = v.document(doc_id)
        stmts = v.statements(doc_id=doc_id)
        return {
            **_plain(info),
            "text": text,
            "statements": [_statement(s) for s in stmts],
        }

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> dict[str, Any]:
        """A document's text and every statement it makes, with spans."""
        return document_data(doc_id)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        data = document_data(doc_id)
        return page(request, "document.html", doc=data, parts=_segments(data))

    # ---- review

    def queue(status: str, limit: int, offset: int) -> list[Any]:
        """One page of the queue: read through indexes when the conflicts are kept, else over
        the conflicts computed once for this view."""
        if status not in STATUSES:
            raise HTTPException(422, f"status: use one of {', '.join(STATUSES)}")

        def make(v: View) -> list[Any]:
            found = None if v.conflicts_stored else memo("conflicts", conflicts)
            return review_queue(v, limit, found=found, status=status, offset=offset)

        return memo(f"review {status} {limit} {offset}", make)

    @app.get("/api/review")
    def api_review(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
        status: Status = "unreviewed",
    ) -> list[dict[str, Any]]:
        """Statements to review (unreviewed by default): conflicts first, then lowest
        confidence, then newest; one page of ``limit`` from ``offset``."""
        return _plain(queue(status, limit, offset))

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review_page(
        request: Request, limit: int = 100, offset: int = 0, status: str = "unreviewed"
    ) -> HTMLResponse:
        limit, offset = max(1, min(limit, 1000)), min(max(0, offset), MAX_OFFSET)
        items = queue(status, limit, offset)
        total = memo(f"queue size {status}", lambda v: queue_size(v, status))
        query = {"status": status, "limit": limit, "offset": offset}
        here = "/review" if (status, limit, offset) == ("unreviewed", 100, 0) else "/review?"
        here += "" if here == "/review" else urlencode(query)
        return page(
            request,
            "review.html",
            items=items,
            total=total,
            status=status,
            statuses=list(STATUSES),
            limit=limit,
            offset=offset,
            here=here,
        )

    def _act(sid: str, action: str, edits: dict[str, Any] | None = None) -> dict[str, Any]:
        if action == "edit":
            result = kb.edit(sid, **(edits or {}))
        elif action == "undo":
            result = kb.undo_review(sid)
        elif action in ("accept", "reject"):
            result = getattr(kb, action)(sid)
        else:
            raise HTTPException(422, f"unknown action {action!r}")
        return dataclasses.asdict(result)

    @app.post("/api/statements/{sid}/accept", dependencies=[Depends(api_writer)])
    def api_accept(sid: str) -> dict[str, Any]:
        return _act(sid, "accept")

    @app.post("/api/statements/{sid}/reject", dependencies=[Depends(api_writer)])
    def api_reject(sid: str) -> dict[str, Any]:
        return _act(sid, "reject")

    @app.post("/api/statements/{sid}/undo", dependencies=[Depends(api_writer)])
    def api_undo(sid: str) -> dict[str, Any]:
        return _act(sid, "undo")

    @app.post("/api/statements/{sid}/edit", dependencies=[Depends(api_writer)])
    def api_edit(sid: str, body: EditBody) -> dict[str, Any]:
        edits = {k: v for k, v in body.model_dump().items() if v not in (None, "")}
        return _act(sid, "edit", edits)

    @app.post("/api/statements/{sid}/believe", dependencies=[Depends(api_writer)])
    def api_believe(sid: str, body: BelieveBody) -> dict[str, Any]:
        return dataclasses.asdict(kb.believe(sid, body.over))

    @app.post("/review/{sid}", include_in_schema=False, dependencies=[Depends(form_writer)])
    def review_form(
        sid: str,
        action: Annotated[str, Form()],
        back: Annotated[str, Form()] = "/review",
        person: Annotated[str, Form()] = "",
        title: Annotated[str, Form()] = "",
        org: Annotated[str, Form()] = "",
        date: Annotated[str, Form()] = "",
        precision: Annotated[str, Form()] = "",
        over: Annotated[str, Form()] = "",
        side: Annotated[str, Form()] = "",
        every: Annotated[str, Form()] = "",
    ) -> Response:
        if action == "believe":  # ``over`` the others, or ``every`` id but those of ``side``
            mine = {sid, *side.split(",")}
            others = over or ",".join(o for o in every.split(",") if o not in mine)
            kb.believe(sid, [o for o in others.split(",") if o])
        else:
            edits = {"person": person, "title": title, "org": org, "date": date}
            edits["precision"] = precision
            _act(sid, action, {k: v.strip() for k, v in edits.items() if v.strip()})
        return RedirectResponse(
            back if back.startswith("/") and not back.startswith("//") else "/review",
            status_code=303,
        )

    # ---- people and organisations

    def person_data(name: str) -> dict[str, Any]:
        v = view()
        keys = v.match_people(name)
        if not keys:
            raise UnknownName(f"no person matches {name!r}")
        stmts = v.statements(person_keys=keys)
        resolved = v.identities_of(keys)
        who = {resolved.get(k, k) for k in keys}
        spellings = sorted({s.person for s in stmts if s.person and s.person_key in who})
        if v.tenures_stored:  # kept at write time: read, not derived from the statements
            tenures = v.stored_tenures(person_keys=who)
            tenures.sort(key=lambda t: (t.org_key or "", t.post_key, t.first_seen, t.person))
        else:
            tenures = [t for t in derive_tenures(stmts) if t.person_key in who]
        return {
            "name": name,
            "spellings": spellings,
            "tenures": [
                {
                    "post": t.label,
                    "org": t.org,
                    "start": t.start.label if t.start else None,
                    "from": (t.start.first_day() if t.start else t.first_seen).isoformat(),
                    "until": (t.end.first_day() if t.end else t.last_seen).isoformat(),
                    "end": t.end.label if t.end else None,
                    "end_reason": t.end_reason,
                    "end_inferred": t.end_inferred,
                    "statement_ids": t.statement_ids,
                }
                for t in tenures
            ],
            "statements": [_statement(s) for s in stmts if s.person_key in who],
            "decisions": v.standing_decisions(keys),
        }

    @app.get("/api/people/{name}")
    def api_person(name: str) -> dict[str, Any]:
        """A person: every spelling (any script), tenures and statements."""
        return memo(f"person {name}", lambda v: person_data(name))

    @app.get("/people/{name}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, name: str) -> HTMLResponse:
        person = memo(f"person {name}", lambda v: person_data(name))
        return page(request, "person.html", person=person)

    @app.get("/api/orgs/{name}/roster")
    def api_roster(name: str, on: str) -> dict[str, Any]:
        """The organisation's posts and holders on a date (as `custodes roster --format json`)."""
        day = _required_day(on, "on")
        return _plain(memo(f"roster {name} {day.iso}", lambda v: roster(v, name, day)))

    @app.get("/api/orgs/{name}/diff")
    def api_diff(
        name: str, d1: Annotated[str, Query(alias="from")], d2: Annotated[str, Query(alias="to")]
    ) -> dict[str, Any]:
        """Who left and who came between two dates (as `custodes diff --format json`)."""
        a, b = _required_day(d1, "from"), _required_day(d2, "to")
        return _plain(memo(f"diff {name} {a.iso} {b.iso}", lambda v: diff(v, name, a, b)))

    @app.get("/orgs/{name}", response_class=HTMLResponse, include_in_schema=False)
    def org_page(
        request: Request,
        name: str,
        on: str | None = None,
        d1: Annotated[str | None, Query(alias="from")] = None,
        d2: Annotated[str | None, Query(alias="to")] = None,
    ) -> HTMLResponse:
        day = _day(on, "on") or PartialDate.from_date(_date.today())
        r = memo(f"roster {name} {day.iso}", lambda v: roster(v, name, day))
        change = None
        a, b = _day(d1, "from"), _day(d2, "to")
        if a and b:
            change = memo(f"diff {name} {a.iso} {b.iso}", lambda v: diff(v, name, a, b))
        v = view()
        key = v.resolve_org(name)
        stored = [k for k, to in v.org_identity().items() if to == key] + [key or ""]
        units: dict[str, list[Any]] = {}
        for p in r.posts:
            units.setdefault(p.unit or "", []).append(p)
        return page(
            request,
            "org.html",
            name=name,
            roster=r,
            on=day.iso,
            units=units,
            diff=change,
            d1=d1 or "",
            d2=d2 or "",
            decisions=v.standing_decisions(stored, org=True),
        )

    # ---- conflicts, network, search, identity

    def conflicts_data(limit: int | None, offset: int) -> tuple[int, list[Any]]:
        """(how many, one page): the kept conflicts read through their index, or, where they
        are not kept (an analyst's edit stands, say), all computed once for this view."""
        v = view()
        if v.conflicts_stored:
            return memo(
                f"conflicts {limit} {offset}",
                lambda v: v.conflict_page(10**9 if limit is None else limit, offset),
            )
        found = memo("conflicts", conflicts)
        return len(found), found[offset : None if limit is None else offset + limit]

    @app.get("/api/conflicts")
    def api_conflicts(
        limit: Annotated[int | None, Query(ge=1, le=MAX_OFFSET)] = None,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> list[dict[str, Any]]:
        """Contradicting claims side by side with their sources (every one, or a page of
        ``limit`` from ``offset``)."""
        return _plain(conflicts_data(limit, offset)[1])

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request, limit: int = 100, offset: int = 0) -> HTMLResponse:
        v = view()
        believed = {k for k, (a, _) in v.reviews().items() if a == "believe"}
        limit, offset = max(1, min(limit, 10_000)), min(max(0, offset), MAX_OFFSET)
        total, shown = conflicts_data(limit, offset)
        return page(
            request,
            "conflicts.html",
            conflicts=shown,
            total=total,
            believed=believed,
            limit=limit,
            offset=offset,
        )

    @app.get("/api/network")
    def api_network() -> dict[str, Any]:
        """Ties between people (kin, patrons, associates) and the circles they make."""
        return _plain(memo("network", network))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request) -> HTMLResponse:
        return page(request, "network.html", net=memo("network", network))

    def institutions_data(day: PartialDate, country: str | None) -> dict[str, Any]:
        key = f"institutions {day.iso} {country or ''}"
        result = memo(key, lambda v: institutions(v, day, country))
        return {**_plain(result), "graph": institution_graph(result)}

    @app.get("/api/institutions")
    def api_institutions(on: str, country: str | None = None) -> dict[str, Any]:
        """The institutional map on a date (as `custodes institutions --format json`), its
        measures (as `custodes oversight`) and the graph drawn from them: bodies with their
        capture-risk and missing-oversight flags, and the relations between them."""
        return institutions_data(_required_day(on, "on"), country)

    @app.get("/institutions", response_class=HTMLResponse, include_in_schema=False)
    def institutions_page(
        request: Request, on: str | None = None, country: str | None = None
    ) -> HTMLResponse:
        day = _day(on, "on") or PartialDate.from_date(_date.today())
        try:
            data = institutions_data(day, country)
        except UnknownName as e:
            return page(request, "message.html", message=str(e), back="/documents")
        query = {"on": day.iso, **({"country": country} if country else {})}
        api = f"/api/institutions?{urlencode(query)}"
        return page(request, "institutions.html", map=data, on=day.iso, api=api, country=country)

    def search_data(q: str) -> dict[str, Any]:
        v = view()
        keys = v.match_people(q) if q.strip() else []
        found = memo(f"people {q}", lambda v: people(v, keys)) if keys else []
        org = v.resolve_org(q) if q.strip() else None
        return {
            "q": q,
            "people": _plain(found),
            "orgs": [{"key": org, "name": v.org_name(org)}] if org else [],
        }

    @app.get("/api/search")
    def api_search(q: str = "") -> dict[str, Any]:
        """People and organisations a name stands for, in any script ("Масимов")."""
        return search_data(q)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        # the people with the most evidence, to start from when nothing is asked yet
        shown = [] if q.strip() else everyone()
        return page(request, "search.html", found=search_data(q), everyone=shown)

    def everyone() -> list[Any]:
        """The people with the most evidence (every one on a small knowledge base)."""

        return memo("everyone", lambda v: busiest(v, EVERYONE))

    def _decide(body: IdentityBody) -> dict[str, Any]:
        try:
            status = kb.decide(body.kind, body.a, body.b, undo=body.undo)
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
        return {"kind": body.kind, "a": body.a, "b": body.b, "status": status}

    @app.post("/api/identity", dependencies=[Depends(api_writer)])
    def api_identity(body: IdentityBody) -> dict[str, Any]:
        """Merge, not-same or split of people or organisations (refused when it makes no
        sense: an unknown name, a name with itself, a person with an organisation)."""
        return _decide(body)

    @app.post("/identity", include_in_schema=False, dependencies=[Depends(form_writer)])
    def identity_form(
        request: Request,
        kind: Annotated[str, Form()],
        a: Annotated[str, Form()],
        b: Annotated[str, Form()] = "",
        undo: Annotated[str, Form()] = "",
        back: Annotated[str, Form()] = "/search",
    ) -> Response:
        """Merge, not-same or split from a person's or an organisation's page (``undo``
        withdraws one); a refusal (an unknown name, a name with itself, a person with an
        organisation) is the page's message, as the CLI's one line."""
        safe = back if back.startswith("/") and not back.startswith("//") else "/search"
        try:
            status = kb.decide(kind, a.strip(), b.strip() or None, undo=bool(undo))
        except ValueError as e:
            return page(request, "message.html", message=str(e), back=safe, refused=True)
        what = {"merge": "one", "not_same": "never the same", "split": "a spelling of its own"}
        said = f"{a} / {b}" if b and kind != "split" else a
        verb = ("undo: " if undo else "") + what.get(kind, kind)
        return page(request, "message.html", message=f"{said}: {verb} — {status}", back=safe)

    return app


def institution_graph(result: Institutions) -> dict[str, Any]:
    """The map as nodes and edges for a picture: every body (and any body a line names), and
    one edge per relation, drawn from the ruling body to the one it rules (the superior to its
    subordinate, the appointer to the body whose head it appoints, the overseer to the body it
    oversees, the whole to its part). A node carries the measures' flags: ``capture_risk``
    (its powers over people reach a body that controls it) and ``no_oversight`` (an agency with
    no independent overseer)."""
    agencies = {a.agency: a for a in result.measures.agencies}
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []

    def node(name: str, security: bool = False, elected: bool = False) -> None:
        a = agencies.get(name)
        nodes.setdefault(
            name,
            {
                "id": name,
                "security": security,
                "elected": elected,
                "agency": a is not None,
                "capture_risk": bool(a and a.capture_risk),
                "no_oversight": bool(a and not a.independent),
                "capture": [dataclasses.asdict(c) for c in a.capture] if a else [],
            },
        )

    for b in result.bodies:
        node(b.name, b.security, b.elected)
    for b in result.bodies:
        lines = [(b.part_of, "has part")] if b.part_of else []
        lines += [(x, "superior of") for x in b.superiors[:1]]
        lines += [(x, "superior of (also)") for x in b.superiors[1:]]
        lines += [(x, "appoints the head of") for x in b.head_appointers]
        lines += [(x, "oversees") for x in b.overseers]
        for source, kind in lines:
            node(source)
            edges.append({"source": source, "target": b.name, "kind": kind})
    return {"nodes": list(nodes.values()), "edges": edges}


def _statement(s: Any) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "event_type": s.event_type,
        "person": s.person,
        "post": s.post_label if (s.title or s.unit) else None,
        "org": s.org,
        "date": s.date.label if s.date else None,
        "quote": s.quote,
        "start": s.start,
        "end": s.end,
        "confidence": s.confidence,
        "status": s.status,
        "doc_id": s.doc_id,
    }


def _segments(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's text cut at statement spans: plain pieces and marked pieces (the first
    statement at a span wins the mark; its id links to the statement)."""
    text: str = doc["text"]
    marks = sorted(doc["statements"], key=lambda s: (s["start"], -s["end"]))
    out, at = [], 0
    for s in marks:
        start, end = max(s["start"], at), min(s["end"], len(text))
        if start >= end:
            continue
        if start > at:
            out.append({"text": text[at:start], "mark": None})
        out.append({"text": text[start:end], "mark": s})
        at = end
    if at < len(text):
        out.append({"text": text[at:], "mark": None})
    return out
