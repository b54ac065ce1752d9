"""The cue layer: data/cues.yaml's token patterns matched once over the parse, read by offsets."""
from __future__ import annotations

import pytest

from ratline.extract.cues import background_cue, in_background, said_before
from ratline.extract.masking import mask
from ratline.parse.cues import load_cues
from ratline.parse.nlp import parse_body
from ratline.schema import Mention, Span


def _texts(parsed, label):
    return [parsed.doc.text[s:e] for s, e in parsed.cues.get(label, [])]


def test_every_cue_says_why_and_compiles():
    cues = load_cues()
    assert {"habitual", "vague_plural", "spoken_on", "background", "tie_to_name"} <= set(cues)
    assert all(spec["why"].strip() and spec["patterns"] for spec in cues.values())
    parse_body("A word.").cues          # the matcher validates every pattern when it is built


def test_a_cue_without_a_reason_is_refused(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("habitual:\n  patterns:\n    - [{LOWER: often}]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="habitual"):
        load_cues(str(bad))


def test_matches_are_made_once_and_sorted():
    p = parse_body("Troops said on Monday they had carried out several night raids, officials told reporters.")
    assert p.cues is p.cues
    spans = p.cues["spoken_on"]
    assert spans == sorted(spans) and _texts(p, "spoken_on") == ["said", "told"]


def test_vague_plural_reads_words_not_names():
    p = parse_body("Troops carried out several night raids. There were many high-profile attacks. "
                   "Several Taliban attacks were foiled. A series of air strikes hit the town.")
    assert _texts(p, "vague_plural") == ["several night raids", "many high-profile attacks",
                                         "A series of air strikes"]      # a name between is no vague count


def test_cue_in_needs_the_whole_match_inside_the_range():
    text = "He was killed. The death toll rose to 12."
    p = parse_body(text)
    start = text.index("The")
    assert p.cue_in("number_ref", start, len(text)) == (start, start + len("The death toll"))
    assert p.cue_in("number_ref", 0, start + 5) is None       # "The d": cut inside the match


def test_cue_before_and_said_before_a_date():
    text = "The army said on Monday that it raided the village. It was raided. On Monday, they left."
    p = parse_body(text)
    monday = text.index("Monday")
    assert p.cue_before("spoken_on", monday, 25) == (text.index("said"), text.index("said") + 4)
    assert said_before(p, text, monday)
    assert not said_before(p, text, text.rindex("Monday"))      # a stop between: another sentence


def test_cue_next_reads_the_word_after_a_point():
    text = "The US has imposed sanctions; US agents left."
    p = parse_body(text)
    assert p.cue_next("noun_use", text.index("US") + 2) is not None          # "has"
    assert p.cue_next("noun_use", text.index("US agents") + 2) is None       # "agents"


def test_linked_to_a_name_opens_no_earlier_act():
    text = "Men linked to Hizbullah Brigades were held on Monday. He was linked to the bombing in May."
    p = parse_body(text)
    first = text.index(".") + 1
    assert background_cue(p, 0, first) is None
    assert background_cue(p, first, len(text)) == (text.index("linked to the"), text.index("linked to the") + 9)
    # a tie that the range cuts short ("linked to" at its end) still opens the act, as it did
    cut = text.index("Hizbullah")
    assert background_cue(p, 0, cut) is not None


def test_a_trigger_after_a_background_cue_is_background():
    text = "Police arrested a man suspected of the kidnapping of Ali Khan."
    p = parse_body(text)
    ali = text.index("Ali Khan")
    m = Mention(Span(ali, ali + 8, "Ali Khan"), "person", "ali_khan", 0, "shape")
    masked = mask(Span(0, len(text), text), [m], [])
    assert in_background(p, masked, masked.text.index("kidnapping"))
    assert not in_background(p, masked, masked.text.index("arrested"))
    assert masked.masked_offset(ali + 3) == masked.text.index("⟦0⟧")    # inside the name: its placeholder
    assert masked.masked_offset(ali + 8) == masked.text.index("⟦0⟧") + 3   # right after it
    assert masked.masked_offset(len(text) - 1) == len(masked.text) - 1


def test_a_partitive_inside_a_name_is_no_partitive():
    # "four of the group were killed": "the group" is a mention, so the four are the toll
    from ratline.extract.casualties import figures_in
    from ratline.schema import Quantity

    text = "Four of the group were killed and four of the people were wounded."
    p = parse_body(text)
    g = text.index("the group")
    group = Mention(Span(g, g + 9, "the group"), "armed_group", "imu", 0, "anaphora")
    q = Quantity(Span(0, 4, "Four"), 4, 4, 4)
    fig = figures_in(mask(Span(0, len(text), text), [group], [q]), p)
    assert fig.killed_best == 4
    fig = figures_in(mask(Span(0, len(text), text), [], [q]), p)
    assert fig.killed_best is None          # "Four of the group": part of a toll when nothing names the group


def test_clause_openings_and_window_verbs():
    from ratline.extract.tallies import since_windows

    text = "Hours later, a second strike hit the capital the rebels have held since January."
    p = parse_body(text)
    assert p.cue_next("same_day", 0) == (0, len("Hours later"))
    assert p.cue_next("same_day", text.index("a second")) is None

    class _Date:
        since = True
        span = Span(text.index("since"), len(text) - 1, "since January")
    assert since_windows(Span(0, len(text), text), [_Date()], p) == []     # "held since": the holding's window
    killed = "Troops have killed 91 fighters since January."
    p = parse_body(killed)

    class _Since:
        since = True
        span = Span(killed.index("since"), len(killed) - 1, "since January")
    assert len(since_windows(Span(0, len(killed), killed), [_Since()], p)) == 1


def test_who_speaks_right_after_a_name():
    from ratline.extract.cues import speaks_after

    text = "ISPR said troops had raided the compound, and Ali Khan was told by police to leave."
    p = parse_body(text)
    masked = mask(Span(0, len(text), text), [], [])
    assert speaks_after(p, masked, text.index("ISPR") + 4)            # "said"
    assert not speaks_after(p, masked, text.index("Ali Khan") + 8)    # "was told by": no speaker
    reported = "The figures were reported by the army."
    p = parse_body(reported)
    assert not speaks_after(p, mask(Span(0, len(reported), reported), [], []), reported.index("were"))


def test_a_cue_must_end_right_before_the_point():
    from ratline.extract.cues import right_before

    text = "A spokesman in Kabul said women were abducted near Herat."
    p = parse_body(text)
    assert right_before(p, "speaker_place", text.index("Kabul"))
    assert not right_before(p, "speaker_place", text.index("Herat"))
    assert right_before(p, "aux_before", text.index("abducted"))
    # a placeholder over part of the cue hides it
    hidden = Mention(Span(text.index("women"), text.index("women") + 5, "women"), "other", "w", 0, "t")
    masked = mask(Span(0, len(text), text), [hidden], [])
    assert right_before(p, "aux_before", text.index("abducted"), masked=masked)         # "were" alone
    were = Mention(Span(text.index("were"), text.index("were") + 4, "were"), "other", "x", 0, "t")
    masked = mask(Span(0, len(text), text), [were], [])
    assert not right_before(p, "aux_before", text.index("abducted"), masked=masked)


def test_a_subject_cue_a_few_words_before_the_trigger():
    from ratline.extract.cues import few_words, words_before

    text = "Rebel fighters from the north then entered the town. Police entered the house."
    p = parse_body(text)
    masked = mask(Span(0, len(text), text), [], [])
    assert words_before(p, masked, "armed_before", text.index("entered"), 80, 5)       # 4 words between
    assert not words_before(p, masked, "armed_before", text.index("entered"), 80, 3)
    assert not words_before(p, masked, "armed_before", text.rindex("entered"), 20, 5)  # none in reach
    assert few_words(" from ⟦3⟧ (ISIS) ", 3) and not few_words(" from, the ", 3) and not few_words("", 0)


def test_a_locative_as_written():
    text = "In Kabul, fighting went on in Nasir and near Ulang."
    p = parse_body(text)
    assert not p.cue_ending_at("locative_before", text.index("Kabul"), 30)     # "In" opening the sentence
    assert p.cue_ending_at("locative_before", text.index("Nasir"), 30)
    assert p.cue_ending_at("locative_before", text.index("Ulang"), 30)


def test_literal_patterns_match_as_the_matcher_would():
    # the literal cues are found by a lookup, the others by spaCy's Matcher: one result
    from spacy.matcher import Matcher

    from ratline.parse.cues import match_cues

    text = ("Among those captured were two men. The death toll rose, officials said on Monday, "
            "in the town's market. Several night raids, no one was killed; Hours later Iraq's army left.")
    doc = parse_body(text).doc
    full = Matcher(doc.vocab)
    for label, spec in load_cues().items():
        full.add(label, spec["patterns"])
    expected: dict = {}
    for match_id, s, e in full(doc):
        span = doc[s:e]
        expected.setdefault(doc.vocab.strings[match_id], set()).add((span.start_char, span.end_char))
    got = {label: set(spans) for label, spans in match_cues(doc).items()}
    assert got == expected and {"among_taken", "number_ref", "spoken_on", "same_place", "possessive_force"} <= set(got)
