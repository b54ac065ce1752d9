"""CLI commands for the stored documents: ``documents``, ``document``, ``remove``.

Registered on the main group by ``ratline.cli`` (``register``), kept here so the
command file stays small; each is a thin face over ``Corpus.documents``,
``Corpus.read_document`` and ``Corpus.remove``.
"""
from __future__ import annotations

import textwrap
from typing import Any, Callable

import click

from ratline import render
from ratline.render import echo


def document_text(d: dict[str, Any], width: int | None = None) -> str:
    """One document for reading: what it is, its body, then apart the page furniture,
    the reader comments (never evidence) and the facts read in it with their offsets."""
    width = width or render.terminal_width()
    counts = ", ".join(f"{d[k]} {k}" for k in ("events", "entities", "relations", "tallies",
                                               "mentions"))
    out = [f"{d['name']}  id: {d['doc_id']}",
           f"title:     {d['title'] or '(none)'}",
           f"published: {d['published'] or 'unknown'}  ({d['published_basis'] or 'no basis'})",
           f"source:    {d['source']}" + (f"  url: {d['url']}" if d.get("url") else ""),
           f"facts:     {counts}", "", "Body", "----", d["body"].rstrip()]
    out += _section("Furniture (page text that is not the article)", d["furniture"], width)
    out += _section("Comments (readers' opinion, never evidence)",
                    [c if isinstance(c, str) else c.get("text", str(c)) for c in d["comments"]],
                    width)
    out += _section("Facts", [f"{f['start']}-{f['end']} {f['kind']}: {f['what']}"
                              for f in d["facts"]], width)
    return "\n".join(out)


def _section(title: str, items: list[str], width: int) -> list[str]:
    out = ["", title + ("" if items else "  (none)")]
    for item in items:
        out += textwrap.wrap(" ".join(str(item).split()), width, initial_indent="  - ",
                             subsequent_indent="    ") or ["  -"]
    return out


def register(main: click.Group, db_option: Callable, corpus: Callable, emit: Callable,
             show_choice: Callable) -> None:
    """Add the commands to ``main``; the helpers are ``cli``'s own."""
    formats = click.Choice(["table", "csv", "json", "jsonl"])

    @main.command()
    @click.option("--format", "fmt", type=formats, default="table", show_default=True)
    @db_option
    @click.pass_context
    def documents(ctx, fmt: str) -> None:
        """List the stored documents: id, publication date (and its basis), file name,
        title and how many events, entities and relations rest on each."""
        with corpus(ctx) as c:
            rows = c.documents()
        emit(rows, fmt, render.DOCUMENT_TABLE, render.DOCUMENT_CSV)

    @main.command()
    @click.argument("ref", metavar="DOCUMENT")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                  show_default=True)
    @db_option
    @click.pass_context
    def document(ctx, ref: str, fmt: str) -> None:
        """One document (id, id prefix or file name): body, furniture, comments and facts."""
        with corpus(ctx) as c:
            choice = c.choose_document(ref)
            show_choice(choice)
            d = c.read_document(choice.id)
        echo(render.to_json(d) if fmt == "json" else document_text(d))

    @main.command()
    @click.argument("ref", metavar="DOCUMENT")
    @db_option
    @click.pass_context
    def remove(ctx, ref: str) -> None:
        """Remove a document (id or file name) and every fact resting only on it.

        Facts other documents also report stay (an event keeps their reports and is
        rebuilt from them); ingesting the same text again needs `ingest --force`."""
        with corpus(ctx) as c:
            choice = c.choose_document(ref)
            show_choice(choice)
            r = c.remove(choice.id)
        echo(f"removed {r.name} ({r.doc_id}): {r.reports} event reports "
             f"({r.events_removed} events gone, {r.events_rebuilt} rebuilt from other "
             f"documents), {r.entities_removed} entities and {r.aliases_removed} aliases no "
             f"other document names, {r.facts} other facts")
