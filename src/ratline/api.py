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

import json
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from tqdm import tqdm

from ratline.resolve.crossdoc import CanonicalIndex
from ratline.schema import Document, Extraction, Skipped
from ratline.store import Store
from ratline.store import queries
from ratline.store.dossier import dossier as _dossier
from ratline.store.interchange import export_documents

Reader = Callable[[Iterable[str]], Iterator["Document | Skipped"]]
Extractor = Callable[[Document], Extraction]


def default_reader(paths: Iterable[str]) -> Iterator[Document | Skipped]:
    from ratline.ingest import read_inputs
    return read_inputs(paths)


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
                      ) -> Iterator[Extraction | Skipped]:
    """Read and extract, turning a failure on one document into a ``Skipped``."""
    reader = reader or default_reader
    extractor = extractor or default_extractor
    for item in reader(_as_paths(paths)):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield extractor(item)
        except Exception as exc:    # one bad document must not stop the run
            yield Skipped(item.source, f"extraction failed: {type(exc).__name__}: {exc}")


def write_interchange(paths, json_dir: str | Path, reader: Reader | None = None,
                      extractor: Extractor | None = None,
                      on_skip: Callable[[Skipped], None] | None = None,
                      ) -> tuple[list[Path], list[Skipped]]:
    """One interchange JSON per input document, ``<base name>.json``; nothing stored."""
    out_dir = Path(json_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for item in extract_documents(paths, reader, extractor):
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


class Corpus:
    """A corpus database and the questions one asks of it."""

    def __init__(self, db_path: str | Path = "ratline.db", *, reader: Reader | None = None,
                 extractor: Extractor | None = None):
        self.db_path = str(db_path)
        self.store = Store.open(self.db_path)
        self._reader = reader
        self._extractor = extractor
        self._index: CanonicalIndex | None = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def index(self) -> CanonicalIndex:
        """The resolver's view of the stored canonical entities (built once)."""
        if self._index is None:
            index = CanonicalIndex(dictionary_ids())
            for canon, aliases in self.store.canonical_entities():
                index.add(canon, aliases)
            self._index = index
        return self._index

    # -- writing ----------------------------------------------------------------
    def add(self, extraction: Extraction) -> bool:
        """Resolve and store one extraction in one transaction; False if present.

        If another process stored canonical entities meanwhile (a generated id
        now taken), the index is reloaded from the database and the document
        resolved again, once.
        """
        res = self.index.plan(extraction.entities)
        try:
            stored = self.store.add(extraction, res)
        except sqlite3.IntegrityError:
            self._index = None
            res = self.index.plan(extraction.entities)
            stored = self.store.add(extraction, res)
        if stored:
            self.index.commit(res)
        return stored

    def ingest(self, paths, progress: bool = True,
               on_skip: Callable[[Skipped], None] | None = None) -> IngestReport:
        """Read, extract and store; documents already stored are not re-extracted.

        A bad input becomes a ``Skipped`` (reported through ``on_skip`` as it
        happens) and the run goes on.  Each document is committed on its own,
        so an interrupted run keeps everything finished before it.
        """
        reader = self._reader or default_reader
        extractor = self._extractor or default_extractor
        report = IngestReport()

        def skip(item: Skipped) -> None:
            report.skipped.append(item)
            if on_skip:
                on_skip(item)

        bar = tqdm(unit="doc", desc="ingest", file=sys.stderr, disable=not progress,
                   dynamic_ncols=True)
        try:
            for item in reader(_as_paths(paths)):
                if isinstance(item, Skipped):
                    skip(item)
                    continue
                bar.update(1)
                if self.store.has_document(item.doc_id):
                    report.already_present += 1
                    continue
                try:
                    stored = self.add(extractor(item))
                except Exception as exc:    # this document only; the run goes on
                    skip(Skipped(item.source, f"not stored: {type(exc).__name__}: {exc}"))
                    continue
                if stored:
                    report.stored += 1
                else:
                    report.already_present += 1
                bar.set_postfix(stored=report.stored, skipped=len(report.skipped), refresh=False)
        finally:
            bar.close()
        return report

    # -- reading ----------------------------------------------------------------
    def events(self, actor: str | None = None, since: str | None = None,
               until: str | None = None, place: str | None = None) -> list[dict[str, Any]]:
        """Events, oldest first; ``actor`` matches either side (actors or targets)."""
        return queries.events(self.store, actor=actor, since=since, until=until, place=place)

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
        result = _dossier(self.store, ids[0])
        names = queries.entity_names(self.store)
        result["other_matches"] = [{"id": i, "name": names.get(i, i)} for i in ids[1:]]
        return result

    def export_json(self) -> list[dict[str, Any]]:
        """The stored corpus in the interchange shape, one dict per document."""
        return export_documents(self.store)

    def summary(self) -> dict[str, Any]:
        return queries.summary(self.store)
