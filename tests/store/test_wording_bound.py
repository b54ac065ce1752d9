"""The same-wording test skips ``partial_ratio`` when an LCS bound says it cannot
reach 90 (``eventmerge._same_wording``): the answer must be the one the two ratios
give on every pair, near the cut-off above all."""
from __future__ import annotations

import random

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ratline.store import eventmerge as em

SENTENCES = [
    "Gunmen on motorbikes opened fire on a checkpoint outside the district office, killing "
    "three policemen and wounding a passer-by, the provincial governor said on Tuesday.",
    "Security forces detained eleven suspects in a dawn raid on a farmhouse near the river, "
    "seizing rifles, two mortar tubes and a quantity of explosives, a spokesman said.",
    "A roadside bomb struck a minibus carrying wedding guests on the highway south of the "
    "town late on Friday; at least nine people died and fourteen were hurt.",
    "The rebels said in a statement that they had released the four engineers unharmed "
    "after elders from both villages mediated for more than a week.",
]


def _edited(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 45)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.35:
            chars[i] = rng.choice("abcdefgh ")
        elif op < 0.7:
            del chars[i]
        else:
            chars.insert(i, rng.choice("xyz q"))
    out = "".join(chars)
    if rng.random() < 0.5:          # the passage inside a longer quote
        out = rng.choice(SENTENCES)[: rng.randint(0, 90)] + " " + out
    return out


def _reference(a: str, b: str) -> bool:
    qa, qb = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    if min(len(qa), len(qb)) < 40:
        return False
    return fuzz.partial_ratio(qa, qb) >= 90 or fuzz.token_sort_ratio(qa, qb) >= 90


def test_same_wording_with_the_lcs_bound_answers_as_the_two_ratios_do():
    rng = random.Random(7)
    pairs = [(s, _edited(s, rng)) for _ in range(600) for s in SENTENCES]
    pairs += [(rng.choice(SENTENCES), rng.choice(SENTENCES)) for _ in range(200)]
    same = bounded = near = 0
    for a, b in pairs:
        assert em._same_wording(a, b) == _reference(a, b), (a, b)
        qa, qb = em._flat(a), em._flat(b)
        m = min(len(qa), len(qb))
        same += _reference(a, b)
        bounded += 11 * LCSseq.similarity(qa, qb) < 9 * m
        near += 85 <= fuzz.partial_ratio(qa, qb) < 95
    # the pairs exercise both answers, the bound and the cut-off's neighbourhood
    assert same > 500 and bounded > 100 and near > 500
