"""Score extraction output against hand-made gold files (interchange schema).

The measures are those of the shared reference scorer
(``../shared/tools/score_extraction.py``), implemented afresh so that the test
suite and the evaluation gate need nothing outside the package:

* **events** and **events_core** (the latter ignores type ``other`` on both
  sides): precision / recall / F1 after pairing gold and predicted events one to
  one.  A pair is possible only when the dates agree within a slack set by the
  gold precision, a prediction without a date is never paired with a dated gold
  event, and the places share a name when gold names one.  Possible pairs are
  ranked by points (type family, equal figures) and taken best first.
* **relations**: same predicate (``commands`` counts as ``leads``) and subject
  and object sharing a name; gold triples are counted once.
* **tallies**: killed and captured both equal (an equal subject only ranks).
* **entities**: gold entities that some prediction names, and predictions that
  name some gold entity.  **alias_pairs**: pairs of one gold entity's names that
  a single predicted entity carries together.
* **event_fields**: on paired events, how often type, date, killed_best,
  wounded, captured and actors are right (counted only where gold has a value).
* **published** (within three days) and **has_comments**.

Entities are compared by normalised names, never by ids, so two files can use
different ids for the same thing.  Totals are summed over documents before the
ratios are taken (micro-average).

Python use::

    from ratline.evaluate import score_dirs, format_report
    print(format_report(score_dirs("gold/", "predicted/")))

Command line: ``python -m ratline.evaluate GOLD_DIR PRED_DIR [--json | --measures] [--misses]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable

Doc = dict[str, Any]

#: predicates that are scored as another one
PREDICATE_ALIASES = {"commands": "leads"}

#: event types that may stand in for one another when events are paired
TYPE_FAMILY = {
    "raid": "operation", "armed_clash": "operation", "airstrike": "operation",
    "arrest": "arrest", "release": "release", "kidnapping": "kidnapping",
    "ied_attack": "attack", "rocket_mortar_attack": "attack",
    "execution": "killing", "assassination": "killing", "other": "other",
}

#: days two event dates may differ and still be paired, by gold precision
PAIRING_SLACK_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
#: days a paired event's date may differ and still count as right
DATE_FIELD_SLACK_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}
PUBLISHED_SLACK_DAYS = 3

#: article words and Arabic particles that do not tell two names apart
_FILLER_WORDS = frozenset({"the", "al", "el", "an", "ad", "as", "ash", "at", "az"})

#: pairing points: a possible pair starts at BASE, gains FAMILY when the
#: event types fall in one family and FIGURE for each gold figure matched
_BASE, _FAMILY, _FIGURE = 10, 5, 2
_FIGURES = ("killed_best", "wounded", "captured")
_FIELDS = ("type", "date", "killed_best", "wounded", "captured", "actors")
_PRF_AREAS = ("events", "events_core", "relations", "tallies")
_PAIR_AREAS = ("alias_pairs", "published", "has_comments")


# ---------------------------------------------------------------- names

def name_key(text: str) -> str:
    """Fold a name for comparison: ASCII, lower case, no punctuation, no particles.

    ``"Jaysh al-Mahdi"`` and ``"Jaysh Al Mahdi"`` both give ``"jaysh mahdi"``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.lower().replace("'", "")
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text).split()
    return " ".join(w for w in words if w not in _FILLER_WORDS)


def entity_keys(entity: Doc) -> frozenset[str]:
    """Every folded name an entity goes by (its name and its aliases)."""
    raw = [entity.get("name") or "", *(entity.get("aliases") or [])]
    return frozenset(k for k in map(name_key, raw) if k)


class _Names:
    """One side's entities, so that a reference (an id or a bare name) becomes names."""

    def __init__(self, doc: Doc):
        self.entities: dict[str, Doc] = {}
        for ent in doc.get("entities") or []:
            if "id" in ent:
                self.entities[ent["id"]] = ent
        self.by_id = {eid: entity_keys(ent) for eid, ent in self.entities.items()}

    def of(self, ref: Any) -> frozenset[str]:
        if ref is None:
            return frozenset()
        try:
            known = self.by_id.get(ref)
        except TypeError:  # an unhashable reference can only be a bare name
            known = None
        if known is not None:
            return known
        key = name_key(str(ref))
        return frozenset({key}) if key else frozenset()


def _share_name(a: Iterable[str], b: Iterable[str]) -> bool:
    return not set(a).isdisjoint(b)


# ---------------------------------------------------------------- helpers

def _as_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _days_apart(a: dt.date, b: dt.date) -> int:
    return abs((a - b).days)


def _ratio_block(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """tp/pred/gold and P, R, F1 rounded to 3 places.

    Nothing predicted is perfect precision only when nothing was expected;
    nothing expected is perfect recall.
    """
    if n_pred:
        precision = tp / n_pred
    else:
        precision = 0.0 if n_gold else 1.0
    recall = tp / n_gold if n_gold else 1.0
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold,
            "p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3)}


def _pair_greedily(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs from (points, gold index, predicted index) candidates.

    Highest points first; among equal points the later gold item and then the
    later prediction are taken first (the reference scorer's order, so both
    give the same counts).  Candidates with no points are never paired.
    """
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for points, gi, pi in sorted(candidates, key=lambda c: (-c[0], -c[1], -c[2])):
        if points <= 0 or gi in taken_gold or pi in taken_pred:
            continue
        taken_gold.add(gi)
        taken_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


# ---------------------------------------------------------------- events

def _event_points(gold: Doc, pred: Doc, gnames: _Names, pnames: _Names) -> int:
    """0 if the two cannot be one event, else how well they agree."""
    gdate, pdate = _as_date(gold.get("date")), _as_date(pred.get("date"))
    if gdate is not None:
        if pdate is None:
            return 0
        slack = PAIRING_SLACK_DAYS.get(gold.get("date_precision") or "day", 1)
        if _days_apart(gdate, pdate) > slack:
            return 0
    if gold.get("location") and not _share_name(
            gnames.of(gold["location"]), pnames.of(pred.get("location"))):
        return 0
    points = _BASE
    if TYPE_FAMILY.get(gold.get("type")) == TYPE_FAMILY.get(pred.get("type")):
        points += _FAMILY
    for figure in _FIGURES:
        if gold.get(figure) is not None and gold.get(figure) == pred.get(figure):
            points += _FIGURE
    return points


def _pair_events(gold_events: list[Doc], pred_events: list[Doc],
                 gnames: _Names, pnames: _Names) -> list[tuple[int, int]]:
    candidates = [(_event_points(g, p, gnames, pnames), gi, pi)
                  for gi, g in enumerate(gold_events) for pi, p in enumerate(pred_events)]
    return _pair_greedily(candidates)


def _date_right(gold: Doc, pred: Doc) -> bool:
    gdate, pdate = _as_date(gold.get("date")), _as_date(pred.get("date"))
    if gdate is None or pdate is None:
        return False
    slack = DATE_FIELD_SLACK_DAYS.get(gold.get("date_precision") or "day", 0)
    return _days_apart(gdate, pdate) <= slack


def _field_verdicts(gold: Doc, pred: Doc, gnames: _Names, pnames: _Names) -> dict[str, bool]:
    """Right/wrong per field of a paired event; fields gold leaves empty are absent."""
    verdicts = {"type": gold.get("type") == pred.get("type")}
    if gold.get("date"):
        verdicts["date"] = _date_right(gold, pred)
    for figure in _FIGURES:
        if gold.get(figure) is not None:
            verdicts[figure] = gold.get(figure) == pred.get(figure)
    if gold.get("actors"):
        verdicts["actors"] = any(
            _share_name(gnames.of(a), pnames.of(b))
            for a in gold["actors"] for b in pred.get("actors") or [])
    return verdicts


def _describe_event(ev: Doc) -> str:
    return f"{ev.get('type')} {ev.get('date')} {ev.get('location')} :: {str(ev.get('quote', ''))[:90]}"


# ---------------------------------------------------------------- one document

def score_document(gold: Doc, pred: Doc, misses: list[str] | None = None) -> dict[str, Any]:
    """Counts for one gold/predicted pair (the reference scorer's per-file shape).

    If ``misses`` is a list, lines naming missed and spurious events and missed
    relations are appended to it.
    """
    gnames, pnames = _Names(gold), _Names(pred)
    out: dict[str, Any] = {}

    gold_events = gold.get("events") or []
    pred_events = pred.get("events") or []
    pairs = _pair_events(gold_events, pred_events, gnames, pnames)
    out["events"] = _ratio_block(len(pairs), len(pred_events), len(gold_events))

    gold_core = [e for e in gold_events if e.get("type") != "other"]
    pred_core = [e for e in pred_events if e.get("type") != "other"]
    core_pairs = _pair_events(gold_core, pred_core, gnames, pnames)
    out["events_core"] = _ratio_block(len(core_pairs), len(pred_core), len(gold_core))

    tally = {f: [0, 0] for f in _FIELDS}
    for gi, pi in pairs:
        for f, ok in _field_verdicts(gold_events[gi], pred_events[pi], gnames, pnames).items():
            tally[f][0] += int(ok)
            tally[f][1] += 1
    out["event_fields"] = tally
    if misses is not None:
        paired_gold = {gi for gi, _ in pairs}
        paired_pred = {pi for _, pi in pairs}
        misses.extend(f"  missed event: {_describe_event(e)}"
                      for i, e in enumerate(gold_events) if i not in paired_gold)
        misses.extend(f"  spurious event: {_describe_event(e)}"
                      for i, e in enumerate(pred_events) if i not in paired_pred)

    out["relations"] = _score_relations(gold, pred, gnames, pnames, misses)
    out["entities"], out["alias_pairs"] = _score_entities(gnames, pnames)
    out["tallies"] = _score_tallies(gold, pred, gnames, pnames)

    gpub, ppub = _as_date(gold.get("published")), _as_date(pred.get("published"))
    close = gpub is not None and ppub is not None and _days_apart(gpub, ppub) <= PUBLISHED_SLACK_DAYS
    out["published"] = [int(close), int(gpub is not None)]
    out["has_comments"] = [int(gold.get("has_comments") == pred.get("has_comments")), 1]
    return out


def _predicate(value: Any) -> Any:
    return PREDICATE_ALIASES.get(value, value)


def _score_relations(gold: Doc, pred: Doc, gnames: _Names, pnames: _Names,
                     misses: list[str] | None) -> dict[str, Any]:
    unique: dict[tuple, Doc] = {}
    for rel in gold.get("relations") or []:
        unique[(rel.get("subject"), _predicate(rel.get("predicate")), rel.get("object"))] = rel
    gold_rels = list(unique.values())
    pred_rels = pred.get("relations") or []

    def agrees(g: Doc, p: Doc) -> bool:
        return (_predicate(g.get("predicate")) == _predicate(p.get("predicate"))
                and _share_name(gnames.of(g.get("subject")), pnames.of(p.get("subject")))
                and _share_name(gnames.of(g.get("object")), pnames.of(p.get("object"))))

    pairs = _pair_greedily([(int(agrees(g, p)), gi, pi)
                            for gi, g in enumerate(gold_rels) for pi, p in enumerate(pred_rels)])
    if misses is not None:
        found = {gi for gi, _ in pairs}
        misses.extend(f"  missed relation: {g.get('subject')} {g.get('predicate')} {g.get('object')}"
                      for gi, g in enumerate(gold_rels) if gi not in found)
    return _ratio_block(len(pairs), len(pred_rels), len(gold_rels))


def _score_entities(gnames: _Names, pnames: _Names) -> tuple[dict[str, int], list[int]]:
    gold_sets = list(gnames.by_id.values())
    pred_sets = list(pnames.by_id.values())
    found = sum(any(_share_name(g, p) for p in pred_sets) for g in gold_sets)
    useful = sum(any(_share_name(p, g) for g in gold_sets) for p in pred_sets)
    entities = {"found": found, "gold": len(gold_sets), "pred": len(pred_sets),
                "pred_matching_gold": useful}
    kept = possible = 0
    for names in gold_sets:
        ordered = sorted(names)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                possible += 1
                kept += any(first in p and second in p for p in pred_sets)
    return entities, [kept, possible]


def _score_tallies(gold: Doc, pred: Doc, gnames: _Names, pnames: _Names) -> dict[str, Any]:
    gold_t = gold.get("tallies") or []
    pred_t = pred.get("tallies") or []

    def points(g: Doc, p: Doc) -> int:
        if g.get("killed") != p.get("killed") or g.get("captured") != p.get("captured"):
            return 0
        return 2 + int(_share_name(gnames.of(g.get("subject")), pnames.of(p.get("subject"))))

    pairs = _pair_greedily([(points(g, p), gi, pi)
                            for gi, g in enumerate(gold_t) for pi, p in enumerate(pred_t)])
    return _ratio_block(len(pairs), len(pred_t), len(gold_t))


# ---------------------------------------------------------------- totals

def _add_into(acc: dict[str, Any], part: dict[str, Any]) -> None:
    for key, value in part.items():
        if key in _PRF_AREAS:
            slot = acc.setdefault(key, {"tp": 0, "pred": 0, "gold": 0})
            for k in slot:
                slot[k] += value[k]
        elif key == "event_fields":
            slot = acc.setdefault(key, {})
            for field, (ok, n) in value.items():
                have = slot.setdefault(field, [0, 0])
                have[0] += ok
                have[1] += n
        elif key == "entities":
            slot = acc.setdefault(key, dict.fromkeys(value, 0))
            for k in slot:
                slot[k] += value[k]
        else:
            slot = acc.setdefault(key, [0, 0])
            slot[0] += value[0]
            slot[1] += value[1]


def _finish(acc: dict[str, Any]) -> dict[str, Any]:
    return {key: (_ratio_block(v["tp"], v["pred"], v["gold"]) if key in _PRF_AREAS else v)
            for key, v in acc.items()}


def score_documents(pairs: Iterable[tuple[Doc, Doc]],
                    misses: list[str] | None = None) -> dict[str, Any]:
    """Micro-averaged totals over (gold, predicted) document pairs.

    A missing prediction is passed as ``{}``.  The result has the keys of the
    reference scorer's ``--json`` output (empty when there are no pairs).
    """
    acc: dict[str, Any] = {}
    for gold, pred in pairs:
        _add_into(acc, score_document(gold, pred or {}, misses))
    return _finish(acc)


def _load(path: Path) -> Doc:
    return json.loads(path.read_text(encoding="utf-8"))


def score_dirs(gold_dir: str | Path, pred_dir: str | Path,
               misses: list[str] | None = None) -> dict[str, Any]:
    """Score every ``GOLD_DIR/X.json`` against ``PRED_DIR/X.json`` (absent = empty)."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    acc: dict[str, Any] = {}
    for gold_file in sorted(gold_dir.glob("*.json")):
        pred_file = pred_dir / gold_file.name
        pred = _load(pred_file) if pred_file.exists() else {}
        notes: list[str] | None = [] if misses is not None else None
        _add_into(acc, score_document(_load(gold_file), pred, notes))
        if notes:
            misses.extend([gold_file.name, *notes])
    return _finish(acc)


# ---------------------------------------------------------------- flat measures

def _fraction(ok: int, n: int) -> float:
    return round(ok / n, 3) if n else 1.0


#: every name ``measures()`` returns; the evaluation gate's floors use these
MEASURES: tuple[str, ...] = (
    *(f"{area}.{m}" for area in ("events_core", "events", "relations", "tallies")
      for m in ("p", "r", "f1")),
    "entities.recall", "entities.precision", "alias_pairs",
    *(f"fields.{f}" for f in _FIELDS),
    "published", "has_comments",
)


def measures(totals: dict[str, Any]) -> dict[str, float]:
    """The totals as flat ratios in [0, 1], keyed by the names in ``MEASURES``.

    An area with nothing to count scores 1.0 (nothing could be got wrong).
    """
    out: dict[str, float] = {}
    for area in ("events_core", "events", "relations", "tallies"):
        block = totals.get(area) or _ratio_block(0, 0, 0)
        for m in ("p", "r", "f1"):
            out[f"{area}.{m}"] = block[m]
    ents = totals.get("entities") or {}
    out["entities.recall"] = _fraction(ents.get("found", 0), ents.get("gold", 0))
    n_pred = ents.get("pred", 0)
    if n_pred:
        out["entities.precision"] = _fraction(ents.get("pred_matching_gold", 0), n_pred)
    else:
        out["entities.precision"] = 0.0 if ents.get("gold", 0) else 1.0
    out["alias_pairs"] = _fraction(*(totals.get("alias_pairs") or [0, 0]))
    fields = totals.get("event_fields") or {}
    for f in _FIELDS:
        out[f"fields.{f}"] = _fraction(*fields.get(f, [0, 0]))
    out["published"] = _fraction(*(totals.get("published") or [0, 0]))
    out["has_comments"] = _fraction(*(totals.get("has_comments") or [0, 0]))
    return out


# ---------------------------------------------------------------- report

def format_report(totals: dict[str, Any]) -> str:
    """A plain-text report laid out like the reference scorer's."""
    lines = []
    for area in ("events_core", "events", "relations", "tallies"):
        b = totals.get(area) or _ratio_block(0, 0, 0)
        lines.append(f"{area:<11} P={b['p']:.3f} R={b['r']:.3f} F1={b['f1']:.3f}  "
                     f"(tp {b['tp']}, pred {b['pred']}, gold {b['gold']})")
    ents = totals.get("entities") or {}
    lines.append(f"entities   found {ents.get('found', 0)}/{ents.get('gold', 0)} gold; "
                 f"{ents.get('pred_matching_gold', 0)}/{ents.get('pred', 0)} predicted match a gold entity")
    kept, possible = totals.get("alias_pairs") or [0, 0]
    lines.append(f"aliases    {kept}/{possible} gold alias pairs kept together")
    for field, (ok, n) in (totals.get("event_fields") or {}).items():
        lines.append(f"  matched events, {field:<11} right {ok}/{n}")
    pub = totals.get("published") or [0, 0]
    com = totals.get("has_comments") or [0, 0]
    lines.append(f"published  {pub[0]}/{pub[1]} within 3 days; has_comments {com[0]}/{com[1]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ratline.evaluate",
        description="Score interchange JSON files against gold annotations.")
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("pred_dir", type=Path)
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed and spurious items per file")
    parser.add_argument("--measures", action="store_true",
                        help="print the flat measures (the names eval/floors.json uses) as JSON")
    args = parser.parse_args(argv)
    notes: list[str] | None = [] if args.misses else None
    totals = score_dirs(args.gold_dir, args.pred_dir, notes)
    if notes:
        print("\n".join(notes))
    if args.measures:
        print(json.dumps(measures(totals), indent=1))
    elif args.json:
        print(json.dumps(totals, indent=1))
    else:
        print(format_report(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
