"""The extraction pipeline as one pure function: a Document in, an Extraction out.

The CLI, the store, the evaluation gate and (later) Dask workers all call
``extract``/``extract_paths``; nothing here touches a database or a terminal.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import partial

from ratline.extract.backed import backed_relations
from ratline.extract.events import EventExtractor, build_events
from ratline.extract.offices import office_relations
from ratline.extract.parts import part_relations
from ratline.extract.victims import victim_relations
from ratline.extract.sanctions import sanction_relations
from ratline.extract.relations import date_relations, extract_relations
from ratline.extract.routes import extract_routes
from ratline.extract.tallies import extract_tallies
from ratline.ingest.published import decide_publication
from ratline.ingest.urldate import url_date
from ratline.mentions.finder import DocMentions, MentionFinder
from ratline.mentions.names import state_nouns
from ratline.mentions.numbers import find_quantities
from ratline.parse.mention_checks import (
    described_attackers, described_fighters, drop_adjective_places, names_before_area_nouns, place_police,
)
from ratline.parse.nlp import parse_body
from ratline.schema import Document, Entity, Extraction, Skipped
from ratline.timeparse.dates import find_dates

_FINDER: MentionFinder | None = None


def _finder() -> MentionFinder:
    global _FINDER
    if _FINDER is None:
        _FINDER = MentionFinder()
    return _FINDER


def extract(doc: Document, finder: MentionFinder | None = None) -> Extraction:
    finder = finder or _finder()
    parsed = parse_body(doc.body)
    dm = finder.find(doc, parsed)
    if not doc.published and not doc.published_basis:     # a Document built by hand
        doc.published, doc.published_precision, doc.published_basis = decide_publication(
            None, None, doc.url, doc.body)
    base = _publication_day(doc)
    dates_in = partial(find_dates, month=_publication_month(doc)) if base is None else find_dates
    paragraphs = _paragraph_index(doc.body, dm)
    drop_adjective_places(dm, parsed)
    names_before_area_nouns(dm)
    described_fighters(dm, parsed)
    described_attackers(dm, parsed)
    place_police(dm, doc.body)
    extractor = EventExtractor(dm, doc.body, base, dates_in, find_quantities, paragraphs, parsed)
    drafts = extractor.run()
    events, conflicts = build_events(drafts, dm, doc.published if base else None)
    tallies = extract_tallies(dm, base, dates_in, find_quantities, parsed)
    relations = extract_relations(dm)
    for from_parse in (backed_relations, office_relations, sanction_relations, part_relations, victim_relations):      # what the patterns did not already give
        relations += from_parse(dm, parsed, {(r.subject, r.predicate, r.object) for r in relations})
    date_relations(relations, base, dates_in, parsed)
    _drop_adjective_states(dm, doc.body, events, relations, tallies)
    entities = _entities(dm, events, relations, tallies)
    last = dm.sentences[-1].span.text if dm.sentences else None
    return Extraction(document=doc, entities=entities, mentions=dm.mentions, relations=relations,
                      events=events, tallies=tallies, conflicts=conflicts, body_last_sentence=last,
                      routes=extract_routes(dm, doc.body))


def extract_paths(paths: Iterable[str]) -> Iterator[Extraction | Skipped]:
    from ratline.ingest import read_inputs

    for item in read_inputs(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield extract(item)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
            yield Skipped(item.source, f"extraction failed: {type(exc).__name__}: {exc}")


def _paragraph_index(body: str, dm: DocMentions) -> list[int]:
    out = []
    para = 0
    prev_end = 0
    for sent in dm.sentences:
        if "\n\n" in body[prev_end:sent.span.start] or (prev_end and "\n" in body[prev_end:sent.span.start]):
            para += 1
        out.append(para)
        prev_end = sent.span.end
    return out


def _publication_day(doc: Document) -> dt.date | None:
    """The day relative dates are resolved against; a publication known only to the
    month (a URL's /2008/05/) resolves none: "on Tuesday" could be any of four."""
    if not doc.published or doc.published_precision == "month":
        return None
    return dt.date.fromisoformat(doc.published)


def _publication_month(doc: Document) -> dt.date | None:
    """The month a page was published in when its URL gives that month and nothing gives
    the day (a blog's /2010/01/): relative dates resolve to that month, with month
    precision.  A month merely inferred from the body's newest date is only a lower
    bound on publication, so it resolves nothing."""
    if doc.published_precision != "month" or not doc.published:
        return None
    in_url = url_date(doc.url)
    if in_url is None or in_url.precision != "month" or in_url.date.isoformat()[:7] != doc.published[:7]:
        return None
    return in_url.date


def _drop_adjective_states(dm: DocMentions, body: str, events, relations, tallies) -> None:
    """A state named only by its adjective ("Iranian agents", "Iraqi officials") and in no event,
    relation or tally of the report is no actor of it: its entity goes (the mentions of
    those adjectives with it).  "Iranian-backed" gives a relation and keeps it; "Iran said"
    is a mention of the state, not an adjective, and so is "U.S. officials" (``_names_the_state``)."""
    used = {k for e in events for k in (*e.actors, *e.targets)}
    used |= {k for r in relations for k in (r.subject, r.object)}
    used |= {k for t in tallies for k in (t.subject, *t.by) if k}
    named = {m.key for m in dm.mentions if not m.basis.endswith("adjective") or _names_the_state(body, m)}
    dropped = {key for key, e in dm.entities.items()
               if e.type == "government" and key not in used and key not in named}
    if not dropped:
        return
    for key in dropped:
        del dm.entities[key]
    dm.mentions = [m for m in dm.mentions if m.key not in dropped]
    dm._by_sentence = None               # the per-sentence index is rebuilt from what is left


def _names_the_state(body: str, m) -> bool:
    """"Russian officials", "the Nepalese government", "Afghan security forces": an adjective
    before a noun for the state's own people or bodies names the state."""
    after = body[m.span.end:m.span.end + 40]
    if after.startswith(".") and "." in m.span.text:
        after = after[1:]                # "U.S. officials": the abbreviation's last period
    words = [w.strip(".,;:").lower() for w in after.split()[:4]]
    if words[:1] and words[0] in ("and", "or"):
        words = words[2:]                # "Afghan and coalition forces"
    return bool(words) and words[0] in state_nouns()


def _entities(dm: DocMentions, events, relations, tallies) -> list[Entity]:
    return sorted(dm.entities.values(), key=lambda e: (e.type, e.name))
