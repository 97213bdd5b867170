"""Pictures: the institutional map, the network of ties and a purge, as SVG or PNG
(matplotlib with its Agg backend: no display and no system libraries needed).

The map is drawn in layers — elected offices on top, the appointed bodies that direct or
oversee agencies below them, the top-level agencies, then their units — with a solid arrow to
each agency's effective superior, a dashed arrow from each overseer (red where the agency's
powers over people reach that overseer: capture risk) and a thin line from a unit to its
agency. Agencies show their budget share and number of functions.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from custodes.analyses.institutions import Institutions
    from custodes.analyses.network import Network, Purge

_TIE_COLOURS = {
    "kin": "#b2182b",
    "client": "#2166ac",
    "patron": "#2166ac",
    "proxy": "#5e3c99",
    "associate": "#4d9221",
    "classmate": "#e08214",
}


def _plt():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, selectable
    matplotlib.rcParams["svg.hashsalt"] = "custodes"  # the same picture gives the same file
    # labels are names and quotes from documents: "$…$" is text, never a formula
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["text.usetex"] = False
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = Path(path)
    if path.suffix.lower() not in (".svg", ".png"):
        raise ValueError(f"{path.name}: a picture is .svg or .png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    _plt().close(fig)
    return path


def _wrap(text: str, width: int = 22) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line])


def draw_institutions(inst: Institutions, path: str | Path) -> Path:
    """The institutional map on its date (see the module docstring)."""
    plt = _plt()
    bodies = {b.name: b for b in inst.bodies}
    captured = {(a.agency, c.whom) for a in inst.measures.agencies for c in a.capture}
    directing = {s for b in inst.bodies for s in [*b.superiors, *b.overseers, *b.head_appointers]}
    layer: dict[str, int] = {}
    for b in inst.bodies:
        if b.part_of:
            layer[b.name] = 3
        elif b.elected:
            layer[b.name] = 0
        elif b.security or b.functions:
            layer[b.name] = 2
        elif b.name in directing:
            layer[b.name] = 1
        else:
            layer[b.name] = 1
    rows: dict[int, list[str]] = {}
    for name, lv in layer.items():
        rows.setdefault(lv, []).append(name)
    width = max(len(v) for v in rows.values())
    pos: dict[str, tuple[float, float]] = {}

    def place(lv: int, key: dict[str, float]) -> None:
        names = sorted(rows.get(lv, []), key=lambda n: (key.get(n, 1e9), n))
        for i, name in enumerate(names):
            pos[name] = ((i + 0.5) / len(names) * width, 3 - lv)

    # agencies first, then everything else next to what it is linked to (fewer crossings)
    place(2, {})
    links: dict[str, set[str]] = {}
    for b in inst.bodies:
        for other in [*b.superiors, *b.overseers, *b.head_appointers, *(filter(None, [b.part_of]))]:
            links.setdefault(b.name, set()).add(other)
            links.setdefault(other, set()).add(b.name)

    def mean_x(name: str) -> float:
        xs = [pos[o][0] for o in links.get(name, ()) if o in pos]
        return sum(xs) / len(xs) if xs else 1e9

    for lv in (3, 1, 0):
        place(lv, {n: mean_x(n) for n in rows.get(lv, [])})
    fig_w = max(10.0, 2.3 * width)
    fig, ax = plt.subplots(figsize=(fig_w, 9))
    shares = {s.agency: s.share for s in inst.measures.concentration.budget_shares}
    nfun = {k: len(v) for k, v in inst.measures.concentration.functions.items()}
    risky = {a.agency for a in inst.measures.agencies if a.capture_risk}

    def arrow(a: str, b: str, **kw: object) -> None:
        if a in pos and b in pos:
            ax.annotate(
                "",
                xy=pos[b],
                xytext=pos[a],
                arrowprops={"shrinkA": 22, "shrinkB": 22, **kw},
                zorder=1,
            )

    for b in inst.bodies:
        if b.part_of:
            arrow(b.name, b.part_of, arrowstyle="-", color="#999999", lw=1)
        if b.superiors:
            arrow(
                b.name,
                b.superiors[0],
                arrowstyle="-|>",
                color="black",
                lw=1.6,
                connectionstyle="arc3,rad=-0.08",
            )
        for o in b.overseers:
            bad = (b.name, o) in captured
            arrow(
                o,
                b.name,
                arrowstyle="-|>",
                color="#d7301f" if bad else "#3182bd",
                lw=1.4,
                linestyle="--",
                connectionstyle="arc3,rad=0.15",
            )
    for name, (x, y) in pos.items():
        b = bodies[name]
        label = _wrap(name)
        extra = []
        if name in shares:
            extra.append(f"budget {shares[name]:.0%}")
        if nfun.get(name):
            extra.append(f"{nfun[name]} functions")
        if extra:
            label += "\n" + ", ".join(extra)
        face = "#fee0d2" if name in risky else "#deebf7" if b.security else "#f0f0f0"
        if b.elected:
            face = "#e5f5e0"
        ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=8,
            zorder=2,
            bbox={
                "boxstyle": "round,pad=0.4",
                "fc": face,
                "ec": "#d7301f" if name in risky else "#636363",
                "lw": 1.5 if name in risky else 0.8,
            },
        )
    ax.set_xlim(-0.2, width + 0.2)
    ax.set_ylim(-0.6, 3.6)
    ax.axis("off")
    c = inst.measures.concentration
    eff = f"effective number {c.effective_number:.2f}" if c.effective_number else "no budgets"
    ax.set_title(
        f"Institutional map on {inst.on}{' (' + inst.country + ')' if inst.country else ''}: "
        f"solid = effective superior, dashed = oversight (red: capture risk), grey = unit of; "
        f"{eff}",
        fontsize=9,
    )
    return _save(fig, Path(path))


def draw_network(net: Network, path: str | Path, purge: Purge | None = None) -> Path:
    """People as points on a circle, ties as coloured lines; with a purge, who left is red and
    who came is green."""
    plt = _plt()
    people = list(net.people)
    if purge is not None:
        for g in [*purge.left, *purge.came]:
            people += [p for p in g.people if p not in people]
    n = max(len(people), 1)
    pos = {
        p: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
        for i, p in enumerate(people)
    }
    fig, ax = plt.subplots(figsize=(10, 10))
    for t in net.ties:
        if t.person in pos and t.other in pos:
            (x1, y1), (x2, y2) = pos[t.person], pos[t.other]
            ax.plot([x1, x2], [y1, y2], color=_TIE_COLOURS.get(t.kind, "grey"), lw=2, zorder=1)
            ax.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                t.detail or t.kind,
                fontsize=7,
                color=_TIE_COLOURS.get(t.kind, "grey"),
                ha="center",
            )
    left = {p for g in (purge.left if purge else []) for p in g.people}
    came = {p for g in (purge.came if purge else []) for p in g.people}
    origin = {
        p: g.label
        for g in (purge.came if purge else [])
        for p in g.people
        if g.label != "origin unknown"
    }
    for p, (x, y) in pos.items():
        colour = "#d7301f" if p in left else "#1a9850" if p in came else "#636363"
        ax.scatter([x], [y], s=120, color=colour, zorder=2)
        label = _wrap(p, 18) + (f"\n(from {_wrap(origin[p], 22)})" if p in origin else "")
        ax.text(x * 1.14, y * 1.14, label, fontsize=8, ha="center", va="center")
    handles = [
        plt.Line2D([0], [0], color=c, lw=2, label=k)
        for k, c in _TIE_COLOURS.items()
        if k != "patron"
    ]
    if purge is not None:
        handles += [
            plt.Line2D(
                [0], [0], marker="o", color="w", markerfacecolor="#d7301f", ms=9, label="left"
            ),
            plt.Line2D(
                [0], [0], marker="o", color="w", markerfacecolor="#1a9850", ms=9, label="came"
            ),
        ]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.5, 1.5)
    ax.set_aspect("equal")
    ax.axis("off")
    title = "Ties between people"
    if purge is not None:
        title = f"{purge.org}, {purge.d1} → {purge.d2}: who left (red) and who came (green)"
    ax.set_title(title, fontsize=10)
    return _save(fig, Path(path))
