"""A trigger word whose direct object says it is another act ("released a statement",
"capturing government buildings") reports no event of that kind; with a person as its
object it does."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _types(body: str) -> list[str]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2019-08-31")
    return [ev.type for ev in extract(doc).events]


@pytest.mark.parametrize("body", [
    "The provincial police command released a statement on Friday saying the city was calm.",
    "The rebels released a video on Tuesday showing the commander alive.",
])
def test_releasing_a_document_is_no_release(body):
    assert "release" not in _types(body)


def test_releasing_people_is_a_release():
    assert "release" in _types("The rebels released six hostages to a peace group on Tuesday.")


def test_capturing_buildings_is_no_arrest():
    assert "arrest" not in _types("We are capturing government buildings one after the other, the commander said on Friday.")


def test_fighting_an_insurgency_is_no_clash():
    body = "Suspicion fell on militants from the North Caucasus, where Russia is fighting a growing Islamist insurgency."
    assert "armed_clash" not in _types(body)


def test_a_release_as_a_document_is_no_release():
    body = "In a release, the Treasury targeted a known adviser to insurgent groups on Thursday."
    assert "release" not in _types(body)


def test_the_release_of_people_is_a_release():
    assert "release" in _types("The release of six hostages in Kidal on Monday ended a long siege.")


def test_freed_up_is_no_release():
    assert "release" not in _types("The task force teams have been freed up to hunt other networks in Baghdad.")


def test_near_daily_attacks_are_a_habit_not_an_event():
    body = "The insurgents carry out near-daily assassinations and roadside bombings in Mogadishu."
    assert _types(body) == []


@pytest.mark.parametrize("body", [
    # a campaign told in the perfect progressive: going on, not one act
    "For the past month the Somali army has been conducting an offensive against al-Shabaab in Lower Shabelle.",
    "The Malian army, which has been fighting jihadists near Kidal, said it was ready to talk.",
    # acts in general, owned by a noun that says so
    "The Nigerian army has a long history of clashes with Boko Haram in Borno.",
    "The G5 Sahel force has set itself the task of fighting the armed gangs operating near Kidal.",
])
def test_ongoing_or_general_acts_are_no_event(body):
    assert [t for t in _types(body) if t != "other"] == []


@pytest.mark.parametrize("body", [
    "Rebels fought soldiers in the hills near Kidal on Friday, killing four.",
    "The history teacher said gunmen had clashed with police outside the school on Friday.",
    "Witnesses described the scene of the clashes in Kidal on Friday, where four soldiers died.",
])
def test_one_act_told_beside_those_words_is_still_an_event(body):
    assert "armed_clash" in _types(body)
