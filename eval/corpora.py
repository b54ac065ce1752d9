"""The annotated sets the evaluation gate and ``tools/score_sets.py`` score.

Each set is (inputs, gold folder); inputs are article files or a crawler's JSON lines
file (``pages.jsonl``: ``{"id", "url", "text"}`` per line), so the same pages can be
scored as bare text and as a crawler hands them over, URL included.
"""
from __future__ import annotations

import json
from pathlib import Path

from ratline.pipeline import extract_paths
from ratline.schema import Skipped

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
DATA = REPO / "tests" / "data"
ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


def _articles(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)


def corpora() -> dict[str, tuple[list[Path], Path]]:
    """name -> (input paths, gold folder); sets whose files are absent are left out."""
    sets: dict[str, tuple[list[Path], Path]] = {
        "seeds": (_articles(SHARED / "seeds"), SHARED / "gold"),
        "demo": (_articles(REPO / "corpus" / "demo"), DATA / "gold_own"),
    }
    for sub in sorted(DATA.glob("heldout*")):
        sets[sub.name] = (_articles(sub / "articles"), sub / "gold")
        if (sub / "pages.jsonl").exists():
            sets[f"{sub.name}.jsonl"] = ([sub / "pages.jsonl"], sub / "gold")
    for name in ("real", "world"):
        sets[name] = (_articles(SHARED / name / "articles"), SHARED / name / "gold")
        pages = SHARED / name / "pages.jsonl"
        sets[f"{name}.jsonl"] = ([pages] if pages.exists() else [], SHARED / name / "gold")
    return {k: v for k, v in sets.items() if v[0] and v[1].is_dir() and any(v[1].glob("*.json"))}


def still_blind(name: str) -> bool:
    """A held-out set whose first run is not yet recorded in its README: it is scored
    only when asked for by name, so its first run is a deliberate one."""
    if not name.startswith("heldout"):
        return False
    readme = DATA / name.split(".")[0] / "README.md"
    return not readme.exists() or "to be filled" in readme.read_text(encoding="utf-8")


def sealed(name: str) -> bool:
    """A blind set kept for a later end measure: its totals may be shown, never its misses."""
    readme = DATA / name.split(".")[0] / "README.md"
    return readme.exists() and "do not read its misses" in readme.read_text(encoding="utf-8")


def predict(paths: list[Path], out: Path) -> list[str]:
    """Extract every input into ``out`` (one interchange JSON per document, named after
    the document); return the one-line reasons for inputs that were skipped."""
    skipped = []
    written: set[str] = set()
    for item in extract_paths([str(p) for p in paths]):
        if isinstance(item, Skipped):
            skipped.append(f"{item.source}: {item.reason}")
            continue
        doc = item.to_interchange()
        stem = Path(item.document.name).stem
        if stem in written:          # two inputs with one name (a.txt and a.html): say so, keep the first
            skipped.append(f"{item.document.source}: a prediction named {stem}.json was already written")
            continue
        written.add(stem)
        (out / f"{stem}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return skipped
