"""Text renderings for the CLI: tables that fit a terminal, CSV, JSON, dossiers.

Kept apart from ``cli.py`` so the command definitions stay a thin layer over
the API, and so the formats can be tested without running commands.  Tables
fit the terminal (``$COLUMNS``, else the terminal's width, else 100 columns when
output is not a terminal): the widest columns are narrowed first and long cells
end in "…"; an id column is never cut (it is what commands take), and when even
the narrowest columns do not fit, the least needed ones are left out and a last
line names them.  Nothing is wrapped mid-row.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Sequence

GAP = "  "
MIN_WIDTH = 8
DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class Column:
    """A table column: its header, how to read a row's cell, the narrowest width it may
    be cut to, whether it is an id (never cut), and ``drop``: when the table cannot
    fit, columns are left out in ascending ``drop`` order (None: always shown)."""

    head: str
    get: Callable[[dict[str, Any]], Any]
    floor: int = MIN_WIDTH
    is_id: bool = False
    drop: int | None = None


def terminal_width() -> int:
    """``$COLUMNS`` when set (what a user or a test asks for), else the terminal's width,
    else 100 (output to a file or a pipe)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return max(40, int(env))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


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
    """Rows as a table ``width`` columns wide (``terminal_width()`` by default)."""
    width = width or terminal_width()
    data = [[cell(c.get(r)) for c in columns] for r in rows]
    widths = [max([len(c.head)] + [len(d[i]) for d in data]) for i, c in enumerate(columns)]
    floors = [w if c.is_id else min(w, max(len(c.head), c.floor)) for c, w in zip(columns, widths)]
    shown = _columns_that_fit(columns, floors, width)
    widths = _narrowed([widths[i] for i in shown], [floors[i] for i in shown],
                       width - len(GAP) * (len(shown) - 1))

    def line(cells: Sequence[str]) -> str:
        return GAP.join(_fit(cells[i], w) for i, w in zip(shown, widths)).rstrip()

    lines = [line([c.head for c in columns]), GAP.join("-" * w for w in widths)]
    lines += [line(d) for d in data]
    left_out = [columns[i].head for i in range(len(columns)) if i not in shown]
    if left_out:
        lines.append(f"({len(left_out)} column{'s' if len(left_out) > 1 else ''} left out to fit "
                     f"{width}: {', '.join(left_out)}; --format csv has all)")
    return "\n".join(lines)


def _columns_that_fit(columns: Sequence[Column], floors: list[int], width: int) -> list[int]:
    """Indexes of the columns to show: all, less the first to drop while even their
    narrowest widths exceed ``width``."""
    shown = list(range(len(columns)))
    droppable = sorted((i for i, c in enumerate(columns) if c.drop is not None),
                       key=lambda i: columns[i].drop)
    while droppable and sum(floors[i] for i in shown) + len(GAP) * (len(shown) - 1) > width:
        shown.remove(droppable.pop(0))
    return shown


def _narrowed(widths: list[int], floors: list[int], budget: int) -> list[int]:
    """The widths, the widest narrowed one character at a time down to its floor,
    until they sum to ``budget`` (or every column is at its floor)."""
    widths = list(widths)
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


def _fit(text: str, w: int) -> str:
    return text.ljust(w) if len(text) <= w else text[:w - 1] + "…"


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.head for c in columns])
    for r in rows:
        writer.writerow([cell(c.get(r)) for c in columns])
    return buf.getvalue()


def format_rows(rows: Sequence[dict[str, Any]], fmt: str, table_cols: Sequence[Column],
                csv_cols: Sequence[Column], empty: str = "(none)") -> str:
    """Rows as the CLI prints them in ``fmt`` (table, csv, json or jsonl), ending in a
    newline: one place for every listing, so each takes the same formats."""
    if fmt == "json":
        return to_json(list(rows)) + "\n"
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(rows, csv_cols)
    return (table(rows, table_cols) if rows else empty) + "\n"


def to_jsonl(rows: Sequence[Any]) -> str:
    """One compact JSON value per line (controls escaped as in ``to_json``)."""
    return "".join(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}",
                                json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


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


def _key(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row.get(name)


def _csv(*keys: str) -> list[Column]:
    return [Column(k, _key(k)) for k in keys]


EVENT_TABLE: list[Column] = [
    Column("id", _key("event_id"), is_id=True), Column("date", _key("date"), 10),
    Column("type", _key("type"), 8),
    Column("place", lambda e: e.get("place") or e.get("admin1") or e.get("country")),
    Column("actors", _key("actor_names")), Column("targets", _key("target_names"), drop=3),
    Column("killed", killed, 6), Column("wnd", _key("wounded"), 3, drop=2),
    Column("capt", _key("captured"), 4, drop=1), Column("doc", _key("doc"), 12, drop=4),
    Column("rep", lambda e: f"{len(e.get('reports') or [])}{'!' if e.get('disputed') else ''}",
           3, drop=5),
]
EVENT_CSV: list[Column] = _csv(
        "event_id", "date", "date_precision", "date_text", "type", "place", "admin1", "country",
        "lat", "lon", "actor_names", "target_names", "killed_low", "killed_best", "killed_high",
        "wounded", "captured", "claim_source", "doc", "start", "end", "quote",
        "where_precision", "best_rule", "disputed") + [
    Column("reports", lambda e: len(e.get("reports") or []))]
ENTITY_TABLE: list[Column] = [
    Column("id", _key("id"), is_id=True), Column("type", _key("type"), 11),
    Column("name", _key("name"), 16), Column("cc", _key("country"), 2, drop=2),
    Column("docs", _key("documents"), 4, drop=3), Column("aliases", _key("aliases"), 12, drop=1),
]
ENTITY_CSV: list[Column] = _csv("id", "type", "name", "country", "documents", "aliases")
DOCUMENT_TABLE: list[Column] = [
    Column("id", _key("doc_id"), is_id=True), Column("published", _key("published"), 10),
    Column("name", _key("name"), 14), Column("title", _key("title"), 12, drop=5),
    Column("ev", _key("events"), 2, drop=4), Column("ent", _key("entities"), 3, drop=3),
    Column("rel", _key("relations"), 3, drop=2), Column("basis", _key("published_basis"), 10,
                                                        drop=1),
]
DOCUMENT_CSV: list[Column] = _csv(
    "doc_id", "name", "title", "published", "published_basis", "source", "url", "fmt",
    "ingested_at", "events", "entities", "relations", "tallies", "mentions")
JUDGEMENT_TABLE: list[Column] = [
    Column("id", _key("id"), is_id=True), Column("made", lambda j: (j.get("made_at") or "")[:10], 10),
    Column("kind", _key("kind"), 5), Column("entity", _key("entity_id"), 12),
    Column("other", _key("other"), 12), Column("name", _key("name"), 8, drop=2),
    Column("active", lambda j: "yes" if j.get("active") else "undone", 6),
    Column("note", _key("note"), 8, drop=1),
]
CENTRALITY_TABLE: list[Column] = [
    Column("rank", _key("rank"), 4), Column("id", _key("id"), is_id=True),
    Column("score", _key("score"), 6), Column("links", _key("neighbours"), 5),
    Column("name", _key("name"), 12), Column("type", _key("type"), 11, drop=1),
]
CENTRALITY_CSV: list[Column] = _csv("rank", "id", "name", "type", "score", "neighbours")
JUDGEMENT_CSV: list[Column] = _csv("id", "kind", "entity_id", "other", "name", "note",
                                   "made_at", "active")


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


def relation_groups(relations: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The dossier's relations grouped by (subject, predicate, object), in first-seen
    order: a relation is read once, with every sentence that reports it under it."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in relations:
        groups.setdefault((r["subject"], r["predicate"], r["object"]), []).append(r)
    return list(groups.values())


def _relation_when(r: dict[str, Any]) -> str:
    return ", ".join(x for x in (
        r.get("date") and f"dated {r['date']}", r.get("start_date") and f"since {r['start_date']}",
        r.get("end_date") and f"until {r['end_date']}", r.get("current") and f"current {r['current']}",
        r.get("former") and "former") if x)


def _relation_lines(group: list[dict[str, Any]], width: int) -> list[str]:
    """One relation: its line (with the dates any source gives and the number of
    independent sources), then each reporting sentence with its document."""
    first = group[0]
    whens = list(dict.fromkeys(w for w in map(_relation_when, group) if w))
    n = first.get("sources") or len(group)
    head = (f"{first['subject_name']} {first['predicate']} {first['object_name']}"
            + (f" [{'; '.join(whens)}]" if whens else "")
            + f" ({n} source{'s' if n != 1 else ''})")
    out = textwrap.wrap(head, width, initial_indent="  ", subsequent_indent="    ") or ["  " + head]
    for r in group:
        body = f"“{r['quote']}” [{r['doc']}]" if r.get("quote") else f"[{r['doc']}]"
        out.extend(textwrap.wrap(body, width, initial_indent="      - ",
                                 subsequent_indent="        "))
    return out


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
    for group in relation_groups(d["relations"]):
        out.extend(_relation_lines(group, width))
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
