"""The evaluation gate: extractor scores on annotated documents may not fall below
the floors pinned in eval/floors.json (see eval/README.md).

Two annotated sets are scored: the five sample articles (../shared/corpus/seeds
against ../shared/corpus/gold) and the project's own demo corpus (corpus/demo
against tests/data/gold_own).  Run with ``-s`` to see the full report.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ratline.evaluate import MEASURES, format_report, measures, score_dirs
from ratline.schema import Skipped

REPO = Path(__file__).parents[1]
FLOORS_FILE = REPO / "eval" / "floors.json"
SHARED = REPO / ".." / "shared" / "corpus"
CORPORA = {
    # name: (articles, gold annotations)
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "demo": (REPO / "corpus" / "demo", REPO / "tests" / "data" / "gold_own"),
    # written and annotated blind for the project; scored blind once, then used to find
    # general failure modes (see NOTES.md), so it now guards against regressions only
    "heldout": (REPO / "tests" / "data" / "heldout" / "articles", REPO / "tests" / "data" / "heldout" / "gold"),
    # a second set written and annotated blind by a helper in session 6; its first run is in its
    # README and NOTES.md, after which it too only guards against regressions
    "heldout2": (REPO / "tests" / "data" / "heldout2" / "articles", REPO / "tests" / "data" / "heldout2" / "gold"),
    # a third blind set (session 6); first run in its README
    "heldout3": (REPO / "tests" / "data" / "heldout3" / "articles", REPO / "tests" / "data" / "heldout3" / "gold"),
    # a fourth blind set, scored once at the end of session 6 (first run in its README)
    "heldout4": (REPO / "tests" / "data" / "heldout4" / "articles", REPO / "tests" / "data" / "heldout4" / "gold"),
}
ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}

from ratline.pipeline import extract_paths


def _floors() -> dict[str, dict[str, float]]:
    data = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    return {name: table for name, table in data.items() if not name.startswith("_")}


def _predict(article_dir: Path, out_dir: Path) -> list[str]:
    """Run the extractor over every article; write one interchange file each.

    Returns the one-line reasons for inputs the extractor skipped.
    """
    paths = sorted(str(p) for p in article_dir.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    skipped = []
    for item in extract_paths(paths):
        if isinstance(item, Skipped):
            skipped.append(f"{item.source}: {item.reason}")
            continue
        doc = item.to_interchange()
        name = Path(doc.get("doc") or item.document.name).stem + ".json"
        (out_dir / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return skipped


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_eval_gate_scores_stay_above_floors(corpus, tmp_path):
    articles, gold = CORPORA[corpus]
    if not any(gold.glob("*.json")):
        pytest.skip(f"no gold files in {gold}")
    skipped = _predict(articles, tmp_path)
    misses: list[str] = []
    totals = score_dirs(gold, tmp_path, misses)
    unpredicted = sorted(g.name for g in gold.glob("*.json") if not (tmp_path / g.name).exists())

    print(f"\n=== evaluation gate: {corpus} ({articles}) ===")
    print(format_report(totals))
    for line in skipped:
        print(f"skipped input: {line}")
    for name in unpredicted:
        print(f"no prediction for {name} (scored as empty)")
    print("\n".join(misses))

    got = measures(totals)
    below = {m: (got[m], floor) for m, floor in _floors()[corpus].items() if got[m] < floor}
    assert not below, f"{corpus}: below floor: " + ", ".join(
        f"{m} {score:.3f} < {floor:.3f}" for m, (score, floor) in sorted(below.items()))


def test_eval_floors_name_only_known_measures():
    floors = _floors()
    assert set(floors) == set(CORPORA)
    for corpus, table in floors.items():
        unknown = sorted(set(table) - set(MEASURES))
        assert not unknown, f"{corpus}: unknown measure names {unknown}"
        for name, value in table.items():
            assert isinstance(value, (int, float)) and 0.0 <= value <= 1.0, (corpus, name, value)


def test_eval_floors_do_not_drop_below_committed_floors():
    """Floors only go up: the working copy may not lower a committed floor."""
    try:
        run = subprocess.run(["git", "show", "HEAD:eval/floors.json"], cwd=REPO,
                             capture_output=True, text=True, check=False)
    except OSError:
        pytest.skip("git not available")
    if run.returncode != 0:
        pytest.skip("eval/floors.json is not committed yet")
    committed = {k: v for k, v in json.loads(run.stdout).items() if not k.startswith("_")}
    current = _floors()
    lowered = [f"{corpus}.{m}: {old} -> {current.get(corpus, {}).get(m)}"
               for corpus, table in committed.items() for m, old in table.items()
               if current.get(corpus, {}).get(m, -1.0) < old]
    assert not lowered, "floors only go up; lowered or removed: " + "; ".join(lowered)
