"""The Python API: what a notebook user, the CLI and (later) the web UI call.

    from ratline import Corpus
    corpus = Corpus("ratline.db")
    report = corpus.ingest(["articles/"])      # idempotent, resumable
    corpus.events(actor="Asaib al Haq", since="2007-06-01")
    corpus.dossier("Qais Qazali")

``Corpus`` ties the pure stages (ingest -> extract) to the store, with the
cross-document resolver in between.  Reading and extracting are looked up at
call time (``reader=``/``extractor=`` override them), so the API works — and is
testable — whatever stage implementation is plugged in.
"""
from __future__ import annotations

import itertools
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from tqdm import tqdm

from ratline.resolve.crossdoc import CanonicalIndex
from ratline.schema import Document, Extraction, Skipped
from ratline.store import IntegrityError, OperationalError, Store
from ratline.store import queries
from ratline.store.interchange import export_documents
from ratline.store import judgements
from ratline.store import eventmerge, relink
from ratline.store import documents as _documents
from ratline.store import naming
from ratline.store.naming import Ambiguous, Choice  # noqa: F401 - part of the API
from ratline.store.batch import DOCUMENTS as BATCH_DOCUMENTS, SECONDS as BATCH_SECONDS
from ratline.store.removal import Removal, remove_document
from ratline.parallel import extract_one
from ratline.timelimit import default_seconds

Reader = Callable[[Iterable[str]], Iterator["Document | Skipped"]]
Extractor = Callable[[Document], Extraction]


def default_reader(paths: Iterable[str]) -> Iterator[Document | Skipped]:
    from ratline.ingest import read_inputs
    return read_inputs(paths)


def _dated(reader: Reader, published: str | None) -> Reader:
    """The reader, with a user's publication date for documents that give none."""
    if not published:
        return reader
    from ratline.ingest.published import given_by_user

    def read(paths: Iterable[str]) -> Iterator[Document | Skipped]:
        for item in reader(paths):
            if isinstance(item, Document):
                given_by_user(item, published)
            yield item
    return read


def default_extractor(doc: Document) -> Extraction:
    from ratline.pipeline import extract
    return extract(doc)


def dictionary_ids() -> set[str]:
    """Ids of dictionary-known actors (their ids are stable across documents).

    Empty when no dictionary is available: the resolver then relies on
    ``Entity.basis`` saying "dictionary...".
    """
    try:
        from ratline.mentions.dictionary import default_dictionary
        return set(default_dictionary().actors)
    except Exception:   # no dictionary installed or unreadable: fall back to basis
        return set()


@dataclass
class IngestReport:
    stored: int = 0
    already_present: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def _as_paths(paths: Iterable[str | Path] | str | Path) -> list[str]:
    if isinstance(paths, (str, Path)):
        return [str(paths)]
    return [str(p) for p in paths]


def extract_documents(paths, reader: Reader | None = None, extractor: Extractor | None = None,
                      published: str | None = None) -> Iterator[Extraction | Skipped]:
    """Read and extract, turning a failure on one document into a ``Skipped``.
    ``published`` (YYYY-MM-DD) dates the documents whose own date is unknown."""
    reader = _dated(reader or default_reader, published)
    extractor = extractor or default_extractor
    seconds = default_seconds()
    for item in reader(_as_paths(paths)):
        yield item if isinstance(item, Skipped) else extract_one(item, extractor, seconds)


def write_interchange(paths, json_dir: str | Path, reader: Reader | None = None,
                      extractor: Extractor | None = None,
                      on_skip: Callable[[Skipped], None] | None = None,
                      published: str | None = None) -> tuple[list[Path], list[Skipped]]:
    """One interchange JSON per input document, ``<base name>.json``; nothing stored."""
    out_dir = Path(json_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for item in extract_documents(paths, reader, extractor, published):
        if isinstance(item, Skipped):
            skipped.append(item)
            if on_skip:
                on_skip(item)
            continue
        stem = Path(item.document.name).stem or item.document.doc_id
        name, n = stem, 2
        while name in used:              # two inputs with one base name: keep both
            name, n = f"{stem}_{n}", n + 1
        used.add(name)
        target = out_dir / f"{name}.json"
        target.write_text(json.dumps(item.to_interchange(), ensure_ascii=False, indent=2),
                          encoding="utf-8")
        written.append(target)
    return written, skipped


def _placements(extraction: Extraction) -> dict:
    """Points for events whose named place the gazetteer lacks (``place.fallback``)."""
    if not any(e.location and e.latitude is None for e in extraction.events):
        return {}
    from ratline.place.fallback import place_unplaced
    try:
        return place_unplaced(extraction)
    except Exception as exc:     # no gazetteer data: store the document unplaced
        print(f"warning: places not looked up: {type(exc).__name__}: {exc}", file=sys.stderr)
        return {}


def _environmental(exc: Exception) -> bool:
    """A database error no later document would escape (stop the run, say why)."""
    low = str(exc).lower()
    return any(w in low for w in ("full", "readonly", "read-only", "locked", "disk i/o", "unable to open",
                                  "no space", "connection", "terminating", "server closed",
                                  "permission denied"))


class Corpus:
    """A corpus database and the questions one asks of it."""

    def __init__(self, db_path: str | Path = "ratline.db", *, reader: Reader | None = None,
                 extractor: Extractor | None = None, create: bool = True):
        """``db_path`` is an SQLite file or a ``postgresql://`` URL.  ``create=False``
        refuses a database that does not exist (``StoreMissing``) instead of creating
        an empty one: what a command that only reads wants."""
        self.db_path = str(db_path)
        self.store = Store.open(self.db_path, create=create)
        self._reader = reader
        self._extractor = extractor
        # stored reports' light rows (eventmerge.LightCache): dropped with the index
        self._light = eventmerge.LightCache()
        self._index: CanonicalIndex | None = None
        self._generation = -1           # the store's generation the index reflects

    @property
    def _index(self) -> CanonicalIndex | None:
        return self._resolver_index

    @_index.setter
    def _index(self, index: CanonicalIndex | None) -> None:
        # whatever makes the resolver's index stale (another writer, links moved,
        # a document removed, re-resolution, a batch rolled back) makes the light
        # rows of stored reports so too: both are forgotten together
        if index is None:
            self._light.clear()
        self._resolver_index = index

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def index(self) -> CanonicalIndex:
        """The resolver's view of the stored canonical entities (built once),
        under the user's merge/split judgements (``store/judgements.py``)."""
        if self._index is None:
            self._generation = self.store.generation()      # read first: never newer than the index
            self._index = judgements.judged_index(self.store, dictionary_ids())
        return self._index

    # -- writing ----------------------------------------------------------------
    @contextmanager
    def batch(self, documents: int = BATCH_DOCUMENTS, seconds: float = BATCH_SECONDS):
        """A block in which ``add`` shares a transaction among up to ``documents``
        documents (or ``seconds``), each still stored whole or not at all
        (``store/batch.py``: committing every document cost as much as resolving
        it).  For extractions already in hand; ``ingest`` uses one itself.  If
        the block fails, the resolver's index is read again from the store (a
        rolled-back batch takes with it entities the index had learnt)."""
        try:
            with self.store.batch(documents, seconds):
                yield self
        except BaseException:
            self._index = None
            raise

    def add(self, extraction: Extraction) -> bool:
        """Resolve and store one extraction in one transaction (a savepoint of the
        open ``batch``'s, if any); False if present.

        The document is resolved inside the transaction, holding the write lock:
        if another process wrote since the index was loaded, the index is
        reloaded first, so concurrent writers link to each other's entities
        instead of making a second one.  A clash on a generated id all the same
        is resolved again, once, on a fresh index.
        """
        # in the same transaction: merge the document's events with stored ones
        placements = _placements(extraction)
        moved: list = []

        def merge(conn) -> None:
            # links of earlier documents this one makes wrong (resolve/crossdoc.py, Order)
            rejudged = self.index.rejudgements(planned[0])
            moved[:] = [relink.apply(conn, rejudged, self.index.new_id)] if rejudged else []
            if moved and moved[0] is not None:
                self._light.forget(moved[0])    # their party ids or place moved
            eventmerge.integrate(conn, extraction.document.doc_id, placements, self._light)
            if moved and moved[0] is not None:
                eventmerge.rejudge(conn, moved[0])
            _documents.forget_removal(conn, extraction.document.doc_id)   # a forced re-ingest
        planned: list = []

        def plan():
            seen = self.store.generation()
            if seen != self._generation:
                self._index = None
            planned[:] = [self.index.plan(extraction.entities), seen + 1]   # + this commit
            return planned[0]
        try:
            try:
                stored = self.store.add(extraction, plan, after=merge)
            except IntegrityError:
                self._index = None
                stored = self.store.add(extraction, plan, after=merge)
        except BaseException:
            self._light.clear()         # rows read in a rolled-back transaction
            raise
        if stored and moved and moved[0] is not None:
            self._index = None              # links moved: the index is read again
        elif stored:
            self.index.commit(planned[0])
            self._generation = planned[1]
        return stored

    def ingest(self, paths, progress: bool = False,
               on_skip: Callable[[Skipped], None] | None = None,
               published: str | None = None, force: bool = False, workers: int | None = None,
               scheduler: str | None = None) -> IngestReport:
        """Read, extract and store; documents already stored are not re-extracted.

        ``published`` (YYYY-MM-DD) is the date of the documents whose own date is
        unknown (or known only to the month); a date the page states is kept.
        A document the user removed (``remove``) is skipped with that reason unless
        ``force``.  ``progress`` draws a bar on stderr (a notebook asks for it).

        ``workers`` (N local processes) or ``scheduler`` (``tcp://host:port`` of a
        running Dask cluster) extract on Dask; this process still reads, resolves and
        stores, in input order, so the store is the one a serial run makes.

        A bad input becomes a ``Skipped`` (reported through ``on_skip`` as it
        happens) and the run goes on.  Each document is stored whole or not at
        all, and what is stored is committed before the run waits for the next
        extraction (results that are already waiting share a transaction: see
        ``batch``), so an interrupted run keeps everything finished before it
        (a killed one, all but the last few documents' worth, which the next run
        stores again).
        """
        report = IngestReport()

        def skip(item: Skipped) -> None:
            report.skipped.append(item)
            if on_skip:
                on_skip(item)

        bar = tqdm(unit="doc", desc="ingest", file=sys.stderr, disable=not progress,
                   dynamic_ncols=True)
        try:
            with self.batch():      # committed before each wait for an extraction
                new = self._new_documents(paths, published, force, report, skip, bar)
                for doc, extraction in self._extractions(new, workers, scheduler):
                    if isinstance(extraction, Skipped):
                        skip(extraction)
                        continue
                    self._store(doc, extraction, report, skip)
                    bar.set_postfix(stored=report.stored, skipped=len(report.skipped), refresh=False)
        finally:
            bar.close()
        return report

    def _new_documents(self, paths, published: str | None, force: bool, report: IngestReport,
                       skip: Callable[[Skipped], None], bar) -> Iterator[Document]:
        """The documents read that are not stored yet (nor removed by the user, unless
        ``force``): a resumed run sends nothing already stored to extraction (nor to a
        worker)."""
        reader = _dated(self._reader or default_reader, published)
        for item in reader(_as_paths(paths)):
            if isinstance(item, Skipped):
                skip(item)
                continue
            bar.update(1)
            if self.store.has_document(item.doc_id):
                report.already_present += 1
                continue
            if not force and (gone := _documents.removal_of(self.store, item.doc_id)):
                skip(Skipped(item.source, f"removed on {gone['removed_at'][:10]} by "
                                          f"`ratline remove`: add --force to ingest it again"))
                continue
            yield item

    def _extractions(self, docs: Iterator[Document], workers: int | None, scheduler: str | None
                     ) -> Iterator[tuple[Document, Extraction | Skipped]]:
        """Each document with its extraction (or skip), in input order: here, or on Dask."""
        extractor = self._extractor or default_extractor
        seconds = default_seconds()
        if not workers and not scheduler:
            for doc in docs:
                self.store.commit_batch()       # no write lock held while extracting
                yield doc, extract_one(doc, extractor, seconds)
            return
        first = next(docs, None)
        if first is None:            # nothing new (a finished run again): start no cluster
            return
        from ratline.parallel import dask_client, extract_in_order
        with dask_client(workers, scheduler) as client:
            yield from extract_in_order(client, itertools.chain([first], docs), extractor, seconds,
                                        idle=self.store.commit_batch)

    def _store(self, doc: Document, extraction: Extraction, report: IngestReport,
               skip: Callable[[Skipped], None]) -> None:
        """Resolve and store one extraction, counting it; a failure skips this document
        only, unless no later document could be stored either (then it is raised)."""
        try:
            stored = self.add(extraction)
        except OperationalError as exc:
            if _environmental(exc):
                raise                # disk full, read-only, locked: no document can be stored
            skip(Skipped(doc.source, f"not stored: {type(exc).__name__}: {exc}"))
            return
        except Exception as exc:    # this document only; the run goes on
            skip(Skipped(doc.source, f"not stored: {type(exc).__name__}: {exc}"))
            return
        if stored:
            report.stored += 1
        else:
            report.already_present += 1

    # -- reading ----------------------------------------------------------------
    def events(self, actor: str | None = None, since: str | None = None,
               until: str | None = None, place: str | None = None,
               disputed: bool = False, *, include_parts: bool = False,
               type: str | None = None, doc: str | None = None,
               min_killed: int | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Events, oldest first.  ``actor`` (a name, alias or id) matches either side
        (actors or targets), with ``include_parts`` also the units and fronts the
        reporting makes part of it; ``place`` is a country, province or town by
        name, alias or code; ``type`` an event type; ``doc`` a document (id or file
        name: ``choose_document``); ``min_killed`` the least best killed figure;
        ``disputed`` keeps those whose sources disagree; ``limit``/``offset`` page."""
        doc_id = self.choose_document(doc).id if doc else None
        return queries.events(self.store, actor=actor, since=since, until=until, place=place,
                              disputed=disputed, include_parts=include_parts, type_=type,
                              doc=doc_id, min_killed=min_killed, limit=limit, offset=offset)

    # -- names a user types -----------------------------------------------------
    def choose_document(self, ref: str) -> Choice:
        """The document an id, id prefix, file name or title means (``Ambiguous`` lists
        the candidates, KeyError when none)."""
        return naming.choose_document(self.store, ref)

    def choose_entity(self, ref: str) -> Choice:
        """The entity an id, name or alias means, best-documented first."""
        return naming.choose_entity(self.store, ref)

    def choose_event(self, ref: str) -> Choice:
        """The event an id or ``<document name>:<event id>`` means."""
        return naming.choose_event(self.store, ref)

    def choose_report(self, ref: str) -> Choice:
        """One report of an event, ``<document id or name>:<event id>``."""
        return naming.choose_report(self.store, ref)

    # -- documents --------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Every stored document: id, name, title, published and its basis, source,
        and how many events, entities, relations, tallies and mentions rest on it."""
        return _documents.listing(self.store)

    def read_document(self, ref: str) -> dict[str, Any]:
        """One document by id or name: body, furniture and comments apart, its facts."""
        return _documents.view(self.store, self.choose_document(ref).id)

    def remove(self, ref: str) -> Removal:
        """Remove a document (id or name) and every fact resting only on it; facts other
        documents support stay (``store/removal.py``).  A later ingest of the same
        text needs ``force``."""
        removal = remove_document(self.store, self.choose_document(ref).id)
        self._index = None             # entities may be gone: the resolver reloads
        return removal

    def merge_events(self, first: str, second: str) -> str:
        """Judge two events one (outranks the machine, survives new documents); the merged id."""
        with self.store.transaction() as conn:
            return eventmerge.merge(conn, first, second)

    def split_event(self, event_id: str, report: str) -> tuple[str, str]:
        """Judge one report (``<doc id or name>:<event id>``) apart from the rest of its event."""
        with self.store.transaction() as conn:
            return eventmerge.split(conn, event_id, report)

    def routes(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Reported movements of people, weapons, money or training, each with its
        source (only those one document states, with ``doc_id``)."""
        return queries.routes(self.store, doc_id)

    def tallies(self, events: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Each running tally beside the stored events in its window; ``events``
        (all of ``events()``) saves reading them again when the caller has them."""
        from ratline.reconcile import reconcile
        return reconcile(self.store, events)

    def export(self, fmt: str) -> str:
        """The corpus as ``json`` (interchange), ``acled`` or ``ged`` (CSV) or ``geojson``;
        the network as ``graphml``, ``gexf`` or ``ftm`` (see ``export_network``)."""
        if fmt in NETWORK_FORMATS:
            return self.export_network(fmt)
        from ratline.export.eventformats import render_export
        return render_export(self, fmt)

    def entities(self, kind: str | None = None) -> list[dict[str, Any]]:
        return queries.entities(self.store, kind)

    def find(self, name_or_id: str) -> list[str]:
        """Canonical ids a name or id refers to, best first."""
        return queries.find_entities(self.store, name_or_id)

    def dossier(self, name_or_id: str) -> dict[str, Any]:
        """Everything known about one entity; KeyError if nothing matches."""
        ids = self.find(name_or_id)
        if not ids:
            raise KeyError(f"no entity matches {name_or_id!r}")
        from ratline.graph.dossier import dossier    # the graph side (networkx) loads on demand
        result = dossier(self.store, ids[0])
        names = queries.names_of(self.store, set(ids[1:]))
        result["other_matches"] = [{"id": i, "name": names.get(i, i)} for i in ids[1:]]
        return result

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document, its text, every fact read in it (with offsets) and,
        apart, its reader comments; None if no such document."""
        return queries.document(self.store, doc_id)

    def export_json(self) -> list[dict[str, Any]]:
        """The stored corpus in the interchange shape, one dict per document."""
        return export_documents(self.store)

    def summary(self) -> dict[str, Any]:
        return queries.summary(self.store)

    # -- the network (issue 3): graph questions, judgements, network exports ------
    @property
    def network(self):
        """Graph questions: ``.path(a, b)``, ``.neighbours(x, depth)``,
        ``.centrality(measure)``, ``.communities()``, ``.graph()`` (networkx)."""
        from ratline.graph import Network
        return Network(self.store)

    def merge(self, keep: str, other: str, note: str | None = None) -> dict[str, Any]:
        """Judge two entities (names or ids) one real thing; the corpus is
        resolved again under all judgements. Returns the ids and the re-resolution."""
        a, b = self._one(keep), self._one(other)
        j = judgements.record_merge(self.store, a, b, note)
        return {"judgement": j.id, "kept": a, "merged": b, **self.reresolve()}

    def split(self, entity: str, name: str, note: str | None = None) -> dict[str, Any]:
        """Judge that ``name`` is not ``entity``: documents that call it so get
        their own entity (or an earlier user merge that brought it in is undone)."""
        eid = self._one(entity)
        res = judgements.record_split(self.store, eid, name, note)
        out = {"entity": eid, "name": name, "undone": res.undone,
               "judgement": res.judgement.id if res.judgement else None,
               "split_to": res.judgement.other if res.judgement else None}
        return {**out, **self.reresolve()}

    def judgements(self, include_inactive: bool = True) -> list[dict[str, Any]]:
        return judgements.listing(self.store, include_inactive)

    def reresolve(self) -> dict[str, Any]:
        """Resolve every stored document entity again (machine rules, then judgements)."""
        from dataclasses import asdict
        report = judgements.reresolve(self.store, dictionary_ids())
        self._index = None
        return asdict(report)

    def export_network(self, fmt: str, as_of: str | None = None) -> str:
        """``graphml`` / ``gexf`` (networkx writers) or ``ftm`` (FollowTheMoney JSON lines)."""
        if fmt == "ftm":
            from ratline.export.ftm import ftm_lines
            return ftm_lines(self.store)
        from ratline.export.graphml import render
        return render(self.store, fmt, as_of)

    def _one(self, name_or_id: str) -> str:
        ids = self.find(name_or_id)
        if not ids:
            raise KeyError(f"no entity matches {name_or_id!r}")
        return ids[0]


NETWORK_FORMATS = ("graphml", "gexf", "ftm")
