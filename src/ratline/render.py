"""Text renderings for the CLI: tables that fit a terminal, CSV, JSON, dossiers.

Kept apart from ``cli.py`` so the command definitions stay a thin layer over
the API, and so the formats can be tested without running commands.  Tables
fit the terminal (100 columns when output is not a terminal) by narrowing the
widest columns first; nothing is wrapped mid-row, long cells end in "…".
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
import textwrap
from typing import Any, Sequence

# (header, getter) or (header, getter, narrowest width it may be cut to)
Column = tuple
GAP = "  "
MIN_WIDTH = 8


def terminal_width() -> int:
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100


# Characters a terminal obeys instead of showing: C0/C1 controls (BEL, backspace, carriage
# return, escape sequences) and the bidirectional overrides and isolates that reorder what
# follows (an RTL override makes "killed 3" read "3 dellik").  Tabs and newlines stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without terminal control and bidi-override characters (quoted evidence
    is shown, never obeyed)."""
    return _CONTROL.sub("", text)


def echo(text: Any = "", **kwargs) -> None:
    """``click.echo`` for anything built from stored text: controls removed first."""
    import click
    click.echo(printable(str(text)), **kwargs)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(printable(str(value)).split())


def table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], width: int | None = None) -> str:
    width = width or terminal_width()
    heads = [c[0] for c in columns]
    data = [[cell(c[1](r)) for c in columns] for r in rows]
    widths = [max([len(h)] + [len(d[i]) for d in data]) for i, h in enumerate(heads)]
    floors = [min(w, max(len(c[0]), c[2] if len(c) > 2 else MIN_WIDTH))
              for c, w in zip(columns, widths)]
    budget = width - len(GAP) * (len(columns) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1

    def fit(text: str, w: int) -> str:
        return text.ljust(w) if len(text) <= w else text[:w - 1] + "…"

    lines = [GAP.join(fit(h, w) for h, w in zip(heads, widths)).rstrip(),
             GAP.join("-" * w for w in widths)]
    lines += [GAP.join(fit(c, w) for c, w in zip(d, widths)).rstrip() for d in data]
    return "\n".join(lines)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c[0] for c in columns])
    for r in rows:
        writer.writerow([cell(c[1](r)) for c in columns])
    return buf.getvalue()


def to_json(value: Any) -> str:
    """JSON with every control and bidi character escaped (``\\u202e``): the data stays
    whole, the terminal shows it without obeying it."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def killed(ev: dict[str, Any]) -> str:
    """"20" for a single figure, "20-36" for a range, "20+" for "over 20".

    A single stated number has low = best = high, so a missing high with a
    known low means the text gave only a floor.
    """
    low, best, high = ev.get("killed_low"), ev.get("killed_best"), ev.get("killed_high")
    low = low if low is not None else best
    if low is None:
        return "" if high is None else f"<={high}"
    if high is None:
        return f"{low}+"
    return str(low) if high == low else f"{low}-{high}"


EVENT_TABLE: list[Column] = [
    ("date", lambda e: e["date"], 10), ("type", lambda e: e["type"], 11),
    ("place", lambda e: e.get("place") or e.get("admin1") or e.get("country")),
    ("actors", lambda e: e.get("actor_names")), ("targets", lambda e: e.get("target_names")),
    ("killed", killed, 6), ("wnd", lambda e: e.get("wounded"), 4),
    ("capt", lambda e: e.get("captured"), 4), ("doc", lambda e: e.get("doc"), 12),
    ("rep", lambda e: f"{len(e.get('reports') or [])}{'!' if e.get('disputed') else ''}", 3),
]
EVENT_CSV: list[Column] = [
    (k, (lambda key: lambda e: e.get(key))(k)) for k in (
        "event_id", "date", "date_precision", "date_text", "type", "place", "admin1", "country",
        "lat", "lon", "actor_names", "target_names", "killed_low", "killed_best", "killed_high",
        "wounded", "captured", "claim_source", "doc", "start", "end", "quote",
        "where_precision", "best_rule", "disputed")
] + [("reports", lambda e: len(e.get("reports") or []))]
ENTITY_TABLE: list[Column] = [
    ("id", lambda e: e["id"], 16), ("type", lambda e: e["type"], 12),
    ("name", lambda e: e["name"], 20), ("cc", lambda e: e.get("country"), 2),
    ("docs", lambda e: e.get("documents"), 4), ("aliases", lambda e: e.get("aliases"), 20),
]
ENTITY_CSV: list[Column] = [
    (k, (lambda key: lambda e: e.get(key))(k))
    for k in ("id", "type", "name", "country", "documents", "aliases")
]


def disputed_text(events: Sequence[dict[str, Any]], width: int | None = None) -> str:
    """Events whose sources disagree: what they disagree on, then each claim and its source."""
    width = width or terminal_width()
    out: list[str] = []
    for e in events:
        place = f" in {e['place']}" if e.get("place") else ""
        out.append(f"{e['date'] or 'undated'} {e['type']}{place}  ({len(e['reports'])} "
                   f"report(s); killed {killed(e) or '?'}, best = {e.get('best_rule')})  "
                   f"id: {e['event_id']}")
        for line in e.get("disputes", []):
            out.extend(textwrap.wrap(f"disputed: {line}", width, initial_indent="  ",
                                     subsequent_indent="    "))
        for c in e.get("claims", []):
            where = " (within the document)" if c.get("within_document") else ""
            out.extend(textwrap.wrap(f"- {c.get('source')}: {c.get('says')} [{c.get('doc')}]{where}",
                                     width, initial_indent="    ", subsequent_indent="      "))
        out.append("")
    return "\n".join(out).rstrip()


def dossier_text(d: dict[str, Any], width: int | None = None) -> str:
    """A dossier for reading: every fact line followed by its quote and source."""
    width = width or terminal_width()
    out: list[str] = []
    country = f", {d['country']}" if d.get("country") else ""
    out.append(f"{d['name']}  ({d['type']}{country})  id: {d['id']}")

    def fact(line: str, quote: str | None, doc: str | None) -> None:
        out.extend(textwrap.wrap(line, width, initial_indent="  ", subsequent_indent="    ")
                   or ["  " + line])
        src = f"[{doc}]" if doc else ""
        body = f"“{quote}” {src}" if quote else src or "(no quotation)"
        out.extend(textwrap.wrap(body, width, initial_indent="      ", subsequent_indent="      "))

    out.append("\nAliases")
    for a in d["aliases"]:
        seen = a["first_seen"] or "date unknown"
        if a["last_seen"] and a["last_seen"] != a["first_seen"]:
            seen += f" .. {a['last_seen']}"
        fact(f"{a['alias']}  (seen {seen})", a.get("quote"), a["doc"])
    out.append("\nRelations" + ("" if d["relations"] else "  (none)"))
    for r in d["relations"]:
        when = ", ".join(x for x in (
            r.get("date") and f"dated {r['date']}", r.get("start_date") and f"since {r['start_date']}",
            r.get("end_date") and f"until {r['end_date']}", r.get("current") and f"current {r['current']}",
            r.get("former") and "former") if x)
        extra = "".join(x for x in (f" [{when}]" if when else "",
                                    f" ({r['sources']} source{'s' if r['sources'] != 1 else ''})"
                                    if r.get("sources") else ""))
        fact(f"{r['subject_name']} {r['predicate']} {r['object_name']}{extra}", r["quote"], r["doc"])
    out.append("\nEvents" + ("" if d["events"] else "  (none)"))
    for e in d["events"]:
        figures = ", ".join(f"{label} {val}" for label, val in (
            ("killed", killed(e)), ("wounded", e.get("wounded")),
            ("captured", e.get("captured"))) if val not in (None, ""))
        place = f" in {e['place']}" if e.get("place") else ""
        line = f"{e['date'] or 'undated'} {e['type']}{place} ({e['role']})"
        fact(line + (f": {figures}" if figures else ""), e["quote"], e["doc"])
    out.append("\nTallies" + ("" if d["tallies"] else "  (none)"))
    for t in d["tallies"]:
        line = (f"{t['subject_name'] or '?'} since {t['since'] or '?'}: killed "
                f"{cell(t['killed']) or '?'}, captured {cell(t['captured']) or '?'}"
                f" by {cell(t['by_names']) or '?'}")
        fact(line, t["quote"], t["doc"])
    out.append("\nAttached from" + ("" if d["links"] else "  (none)"))
    for link in d["links"]:
        score = f" {link['score']:g}" if link["score"] is not None else ""
        why = f": {link['evidence']}" if link.get("evidence") else ""
        out.extend(textwrap.wrap(f"{link['doc']}: {link['name']!r} by {link['rule']}{score}{why}",
                                 width, initial_indent="  ", subsequent_indent="      "))
    if d.get("judgements"):
        out.append("\nUser judgements")
        for j in d["judgements"]:
            what = (f"{j['other']} merged into {j['entity_id']}" if j["kind"] == "same"
                    else f"{j['name']!r} split from {j['entity_id']} to {j['other']}")
            state = "" if j["active"] else " (undone)"
            note = f" — {j['note']}" if j.get("note") else ""
            out.append(f"  {j['made_at'][:19]} {what}{note}{state}  [{j['id']}]")
    if d.get("other_matches"):
        out.append("\nAlso matches: " + ", ".join(f"{m['name']} ({m['id']})" for m in d["other_matches"]))
    return "\n".join(out)
