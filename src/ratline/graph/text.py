"""Plain-text answers for the terminal: paths, neighbourhoods, rankings, groups,
judgements.  Every edge is followed by its quotation and document."""
from __future__ import annotations

import textwrap
from typing import Any


def _when(e: dict[str, Any]) -> str:
    bits = []
    if e.get("start"):
        bits.append(f"since {e['start']}")
    if e.get("end"):
        bits.append(f"until {e['end']}")
    if e.get("current"):
        bits.append(f"current {e['current']}")
    if e.get("ended"):
        bits.append("former")
    if e.get("date") and not bits:
        bits.append(e["date"])
    return f" [{', '.join(bits)}]" if bits else ""


def _sources(e: dict[str, Any]) -> str:
    s, d = e.get("sources") or 0, e.get("documents") or 0
    return f"{s} source{'s' if s != 1 else ''}" + (f" / {d} documents" if d != s else "")


def _quote_lines(e: dict[str, Any], width: int, indent: str = "      ") -> list[str]:
    if not e.get("quote"):
        return []
    quote = e["quote"] if len(e["quote"]) <= 300 else e["quote"][:299] + "…"
    return textwrap.wrap(f"“{quote}” [{e.get('doc')}]", width, initial_indent=indent,
                         subsequent_indent=indent)


def edge_line(e: dict[str, Any]) -> str:
    return (f"{e['subject_name']} —{e['predicate']}→ {e['object_name']}"
            f"{_when(e)}  ({_sources(e)})")


def path_text(result: dict[str, Any], width: int = 100) -> str:
    a, b, hops = result["from"], result["to"], result["hops"]
    if hops is None:
        return f"no reported connection between {a['name']} and {b['name']}"
    out = [f"{a['name']} → {b['name']}: {len(hops)} step{'s' if len(hops) != 1 else ''}"]
    for i, hop in enumerate(hops, 1):
        out.append(f"  {i}. {edge_line(hop)}")
        out += _quote_lines(hop, width)
    return "\n".join(out)


def neighbours_text(result: dict[str, Any], width: int = 100) -> str:
    c = result["center"]
    out = [f"{c['name']} ({c['type']}): {len(result['nodes'])} within {result['depth']} "
           f"step{'s' if result['depth'] != 1 else ''}"]
    for e in result["edges"]:
        out.append(f"  {edge_line(e)}")
        out += _quote_lines(e, width)
    return "\n".join(out)


def centrality_text(rows: list[dict[str, Any]], measure: str) -> str:
    if not rows:
        return "(empty network)"
    out = [f"{'rank':>4}  {measure:<11}  {'links':>5}  name (type)"]
    for i, r in enumerate(rows, 1):
        out.append(f"{i:>4}  {r['score']:<11.4f}  {r['neighbours']:>5}  {r['name']} ({r['type']})")
    return "\n".join(out)


def communities_text(groups: list[dict[str, Any]], width: int = 100) -> str:
    if not groups:
        return "(no connected groups)"
    out = []
    for i, g in enumerate(groups, 1):
        out.append(f"{i}. {g['label']}  ({g['size']} members)")
        out += textwrap.wrap(", ".join(m["name"] for m in g["members"]), width,
                             initial_indent="   ", subsequent_indent="   ")
    return "\n".join(out)


def judgements_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no judgements)"
    out = []
    for r in rows:
        state = "" if r["active"] else "  (undone)"
        if r["kind"] == "same":
            what = f"merge: {r['other']} is {r['entity_id']}"
        else:
            what = f"split: {r['name']!r} is not {r['entity_id']} -> {r['other']}"
        note = f"  — {r['note']}" if r.get("note") else ""
        out.append(f"{r['id']}  {r['made_at'][:19]}  {what}{note}{state}")
    return "\n".join(out)
