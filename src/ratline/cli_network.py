"""CLI commands for the network (issue 3): ``merge``, ``split``, ``judgements``,
``resolve`` and the ``graph`` group.  Registered on the main group by
``ratline.cli`` (``register``), kept here so the command file stays small.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import click

from ratline.cli_errors import InputFileError, write_text
from ratline.graph import NotFound
from ratline.graph import text as gtext
from ratline.graph.questions import MEASURES
from ratline import render
from ratline.render import echo, to_json
from ratline.store.judgements import JudgementError

_JUDGEMENT_KEYS = ("id", "kind", "entity_id", "other", "made_at")


def _judgement_rows(path: str) -> list[dict]:
    """The judgements in a file written by ``judgements --export``, checked whole before
    any is added (``InputFileError`` names the file and the first problem)."""
    what = f"{path} is not a judgements file written by `ratline judgements --export`"
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{what}: not UTF-8 ({exc.reason})") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputFileError(f"{what}: not JSON ({getattr(exc, 'msg', 'nested too deeply')})") from None
    if not isinstance(rows, list):
        raise InputFileError(f"{what}: a JSON {type(rows).__name__}, not a list of judgements")
    for n, row in enumerate(rows, 1):
        missing = [k for k in _JUDGEMENT_KEYS if not isinstance(row, dict) or k not in row]
        if missing:
            raise InputFileError(f"{what}: entry {n} lacks {', '.join(missing)}")
    return rows


def register(main: click.Group, db_option: Callable, corpus: Callable, date: Callable) -> None:
    """Add the commands to ``main``; the helpers are ``cli``'s own."""

    def as_of_option(func):
        return click.option("--as-of", "as_of", callback=date,
                            help="Only what documents published up to this date reported "
                                 "(YYYY[-MM[-DD]]).")(func)

    def fmt_option(func):
        return click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                            default="text", show_default=True)(func)

    def emit(value, fmt: str, as_text: Callable) -> None:
        echo(to_json(value) if fmt == "json"
                   else as_text(value))

    def chosen(c, ref: str) -> str:
        """The entity id a name stands for, said on stderr when it was not an id."""
        choice = c.choose_entity(ref)
        if not choice.by_id:
            echo(choice.message(), err=True)
        return choice.id

    @main.command()
    @click.argument("keep")
    @click.argument("other")
    @click.option("--note", help="Why (kept with the judgement).")
    @db_option
    @click.pass_context
    def merge(ctx, keep: str, other: str, note: str | None) -> None:
        """Judge OTHER to be the same real thing as KEEP (names or ids)."""
        with corpus(ctx) as c:
            keep, other = chosen(c, keep), chosen(c, other)
            try:
                r = c.merge(keep, other, note)
            except (KeyError, JudgementError) as exc:
                echo(str(exc).strip('"'), err=True)
                ctx.exit(1)
        echo(f"merged {r['merged']} into {r['kept']} (judgement {r['judgement']}); "
                   f"{r['links_changed']} document links changed, "
                   f"{r['entities_after']} entities")

    @main.command()
    @click.argument("entity")
    @click.argument("name")
    @click.option("--note", help="Why (kept with the judgement).")
    @db_option
    @click.pass_context
    def split(ctx, entity: str, name: str, note: str | None) -> None:
        """Judge that NAME does not denote ENTITY: documents calling it so get their own entity."""
        with corpus(ctx) as c:
            entity = chosen(c, entity)
            try:
                r = c.split(entity, name, note)
            except (KeyError, JudgementError) as exc:
                echo(str(exc).strip('"'), err=True)
                ctx.exit(1)
        if r["undone"]:
            echo(f"undid the merge that brought {name!r} into {r['entity']} "
                       f"(judgement {', '.join(r['undone'])})")
        else:
            echo(f"{name!r} split from {r['entity']} into {r['split_to']} "
                       f"(judgement {r['judgement']})")
        echo(f"{r['links_changed']} document links changed, {r['entities_after']} entities")

    @main.command()
    @click.option("--export", "export_to", type=click.Path(dir_okay=False),
                  help="Write all judgements (JSON) to carry them to a rebuilt database.")
    @click.option("--import", "import_from", type=click.Path(exists=True, dir_okay=False),
                  help="Add judgements from such a file, then resolve again.")
    @click.option("--undo", "undo", metavar="ID", help="Make a judgement inactive, then resolve again.")
    @click.option("--format", "fmt", type=click.Choice(["table", "text", "csv", "json", "jsonl"]),
                  default="table", show_default=True)
    @db_option
    @click.pass_context
    def judgements(ctx, export_to, import_from, undo, fmt) -> None:
        """List the user's merge and split judgements (or export, import, undo one)."""
        from ratline.store import judgements as store_j
        with corpus(ctx) as c:
            if import_from:
                n = store_j.import_rows(c.store, _judgement_rows(import_from))
                c.reresolve()
                echo(f"{n} judgements added", err=True)
            if undo:
                if not store_j.retract(c.store, undo):
                    echo(f"no active judgement {undo!r}", err=True)
                    ctx.exit(1)
                c.reresolve()
            rows = c.judgements()
        if export_to:
            write_text(export_to, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            echo(f"wrote {export_to}", err=True)
            return
        if fmt == "text":
            echo(gtext.judgements_text(rows))
        else:
            echo(render.format_rows(rows, fmt, render.JUDGEMENT_TABLE, render.JUDGEMENT_CSV,
                                    "(no judgements)"), nl=False)

    @main.command()
    @db_option
    @click.pass_context
    def resolve(ctx) -> None:
        """Resolve every stored document entity again, under the judgements."""
        with corpus(ctx) as c:
            r = c.reresolve()
        echo(f"{r['document_entities']} document entities in {r['documents']} documents -> "
                   f"{r['entities_after']} entities (was {r['entities_before']}); "
                   f"{r['links_changed']} links changed")

    @main.group()
    def graph() -> None:
        """Questions about the reported network (who connects to whom, and how)."""

    @graph.command()
    @click.argument("entity")
    @click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6))
    @click.option("--events/--no-events", default=True, show_default=True,
                  help="Events as nodes (actor, target, place).")
    @as_of_option
    @fmt_option
    @db_option
    @click.pass_context
    def neighbours(ctx, entity, depth, events, as_of, fmt) -> None:
        """Everything within DEPTH steps of ENTITY, each link with its quotation."""
        with corpus(ctx) as c:
            try:
                r = c.network.neighbours(entity, depth=depth, as_of=as_of, events=events)
            except NotFound as exc:
                echo(exc.args[0], err=True)
                ctx.exit(1)
        emit(r, fmt, gtext.neighbours_text)

    @graph.command()
    @click.argument("a")
    @click.argument("b")
    @click.option("--events/--no-events", default=True, show_default=True)
    @as_of_option
    @click.option("--through-targets", is_flag=True,
                  help="Let the path pass through an event's target to what lies beyond it.")
    @fmt_option
    @db_option
    @click.pass_context
    def path(ctx, a, b, events, through_targets, as_of, fmt) -> None:
        """How A is connected to B: the shortest chain of reported links.

        A or B may be an entity, an event id, or "<place> <kind>" ("Karbala attack").
        An event's target is a step only with --through-targets (two groups that hit
        the same target are not thereby linked)."""
        with corpus(ctx) as c:
            try:
                r = c.network.path(a, b, as_of=as_of, events=events,
                                   through_targets=through_targets)
            except NotFound as exc:
                echo(exc.args[0], err=True)
                ctx.exit(1)
        emit(r, fmt, gtext.path_text)
        if r["hops"] is None:
            ctx.exit(1)

    @graph.command()
    @click.option("--measure", type=click.Choice(MEASURES), default="degree", show_default=True)
    @click.option("--top", default=20, show_default=True, type=click.IntRange(1))
    @click.option("--events/--no-events", default=False, show_default=True)
    @as_of_option
    @click.option("--format", "fmt", type=click.Choice(["table", "text", "csv", "json", "jsonl"]),
                  default="table", show_default=True)
    @db_option
    @click.pass_context
    def centrality(ctx, measure, top, events, as_of, fmt) -> None:
        """Rank actors by how central the reporting makes them (places left out);
        the id column is what `show` and the other graph commands take."""
        with corpus(ctx) as c:
            rows = c.network.centrality(measure, top, as_of=as_of, events=events)
        if fmt == "text":
            echo(gtext.centrality_text(rows, measure))
            return
        ranked = [{"rank": i, **r} for i, r in enumerate(rows, 1)]
        echo(render.format_rows(ranked, fmt, render.CENTRALITY_TABLE, render.CENTRALITY_CSV,
                                "(empty network)"), nl=False)

    @graph.command()
    @click.option("--events/--no-events", default=False, show_default=True)
    @as_of_option
    @fmt_option
    @db_option
    @click.pass_context
    def communities(ctx, events, as_of, fmt) -> None:
        """Groups of actors more linked to each other than to the rest (Louvain)."""
        with corpus(ctx) as c:
            groups = c.network.communities(as_of=as_of, events=events)
        emit(groups, fmt, gtext.communities_text)
