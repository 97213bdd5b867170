"""GraphML and GEXF (networkx): people, organisations and posts as nodes; tenures, posts'
organisations, ties, subordination and oversight as dated edges, so Gephi and Cytoscape open
the network with its time dimension.

Every edge has ``kind`` (tenure, post_of, tie, part_of, subordinate_to, oversees, appoints_head)
and, where known, ``start`` and ``end`` as ISO days (a year or month counts from its first
day), which GEXF writes as a dynamic graph (``timeformat="date"``) and GraphML as attributes.
Nodes are keyed ``person:KEY``, ``org:KEY``, ``post:KEY``.
"""

from __future__ import annotations

import io
from typing import IO, Any

import networkx as nx

from custodes.exchange.tables import Record, tenure_id
from custodes.extract.dates import PartialDate
from custodes.store.keys import org_key, person_key

ORG_EDGES = {"part_of", "subordinate_to", "oversees", "appoints_head"}


def _day(value: str | None) -> str | None:
    try:
        return PartialDate.parse(value).first_day().isoformat() if value else None
    except ValueError:
        return None


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF take no None: an unknown value is left out."""
    return {k: v for k, v in attrs.items() if v is not None}


def build(rec: Record) -> nx.MultiDiGraph:
    """The network of a record."""
    g = nx.MultiDiGraph()
    for key, (name, aliases) in sorted(rec.people.items()):
        g.add_node(f"person:{key}", label=name, type="person", aliases="; ".join(aliases))
    for key, name in rec.orgs.items():
        g.add_node(f"org:{key}", label=name, type="organisation")
    for t in rec.tenures:
        post = f"post:{t.post_key}"
        if post not in g:
            g.add_node(post, label=t.label, type="post", role=t.role or "")
            if t.org_key:
                g.add_edge(post, f"org:{t.org_key}", kind="post_of")
        who = f"person:{t.person_key}"
        if who not in g:
            g.add_node(who, label=t.person, type="person", aliases="")
        attrs = {
            "kind": "tenure",
            "id": tenure_id(t),
            "start": t.start.first_day().isoformat() if t.start else t.first_seen.isoformat(),
            "end": t.end.first_day().isoformat() if t.end else None,
            "end_reason": t.end_reason,
            "inferred": t.end_inferred,
        }
        g.add_edge(who, post, key=tenure_id(t), **_clean(attrs))
    for r in rec.relations:
        if r.type == "tie" and r.object:
            a, b = (f"person:{person_key(x) or x}" for x in (r.subject, r.object))
        elif r.type in ORG_EDGES and r.object:
            a, b = (f"org:{org_key(x) or x}" for x in (r.subject, r.object))
        else:
            continue
        for node, name in ((a, r.subject), (b, r.object)):
            if node not in g:
                g.add_node(node, label=name, type=node.split(":")[0], aliases="")
        attrs = {
            "kind": r.type if r.type != "tie" else "tie",
            "id": r.id[:20],
            "value": r.value,
            "detail": r.detail,
            "start": _day(r.date_from),
            "end": _day(r.date_until),
        }
        g.add_edge(a, b, key=r.id[:20], **_clean(attrs))
    return g


def write(rec: Record, out: IO[str], fmt: str) -> None:
    """Write the network as ``graphml`` or ``gexf``."""
    buf = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(build(rec), buf)
    out.write(buf.getvalue().decode("utf-8"))
