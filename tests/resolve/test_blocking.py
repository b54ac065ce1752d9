"""The fuzzy block finds exactly what a full scan with the same scorer finds."""
from __future__ import annotations

import random
import string

import pytest
from rapidfuzz import fuzz, process

from ratline.resolve.blocking import FuzzyBlock, max_edits, pieces
from ratline.resolve.crossdoc import FUZZY_CUTOFF, FUZZY_LIMIT


def _variant(rng: random.Random, name: str) -> str:
    """A spelling variant: a letter dropped, doubled or changed, or words swapped."""
    chars = list(name)
    i = rng.randrange(len(chars))
    op = rng.choice(["drop", "double", "change", "swap"])
    if op == "drop" and len(chars) > 3:
        del chars[i]
    elif op == "double":
        chars.insert(i, chars[i])
    elif op == "change":
        chars[i] = rng.choice(string.ascii_lowercase)
    else:
        return " ".join(reversed(name.split()))
    return "".join(chars)


def _names(rng: random.Random, n: int) -> list[str]:
    words = ["".join(rng.choice("aeioubdhklmnqrstyz") for _ in range(rng.randint(2, 10)))
             for _ in range(300)]
    base = [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(n)]
    return base + [_variant(rng, rng.choice(base)) for _ in range(n)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocked_extract_equals_the_full_scan(seed):
    rng = random.Random(seed)
    names = _names(rng, 1500)
    block = FuzzyBlock(FUZZY_CUTOFF)
    for name in names:
        block.add(name)
    queries = [_variant(rng, rng.choice(names)) for _ in range(400)] + names[:100]
    matched = 0
    for q in queries:
        full = process.extract(q, names, scorer=fuzz.token_sort_ratio,
                               score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT)
        assert block.extract(q, FUZZY_LIMIT) == [(c, float(s), i) for c, s, i in full], q
        matched += bool(full)
    assert matched > 300                      # the queries do find near names


def test_blocking_narrows_the_comparisons():
    rng = random.Random(4)
    names = _names(rng, 2000)
    block = FuzzyBlock(FUZZY_CUTOFF)
    for name in names:
        block.add(name)
    sizes = [len(block.candidates(_variant(rng, rng.choice(names)))) for _ in range(200)]
    assert sum(sizes) / len(sizes) < len(names) / 20


@pytest.mark.parametrize("length", [1, 5, 12, 30, 80])
def test_pieces_cover_the_text_and_outnumber_the_edits(length):
    text = "x" * length
    n = max_edits(length, FUZZY_CUTOFF) + 1
    got = pieces(text, n)
    assert "".join(got) == text and all(got) and len(got) == min(n, length)
