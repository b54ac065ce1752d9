"""Language identification: a body confidently in another language is named; English,
short bodies and text without linguistic content (logs, numbers) are read as usual."""
from __future__ import annotations

from ratline.ingest.language import not_english_reason

ENGLISH = ("Iraqi troops detained five suspected militants in a raid in Kut on Monday, the army "
           "said. A roadside bomb wounded two policemen on the highway south of Baghdad. ") * 3
SPANISH = ("Soldados iraquíes detuvieron el lunes a cinco presuntos milicianos en una operación en "
           "Kut, informó el ejército. Una bomba hirió a dos policías en la carretera al sur de "
           "Bagdad, según fuentes de seguridad que hablaron con la prensa local. ") * 2


def test_language_other_language_is_named():
    reason = not_english_reason(SPANISH)
    assert reason is not None and "Spanish" in reason and "English" in reason


def test_language_english_short_and_contentless_bodies_are_not_refused():
    assert not_english_reason(ENGLISH) is None
    assert not_english_reason("Kut. Raid.") is None                       # too little to tell
    assert not_english_reason("".join(f"Entry {n} was routine. " for n in range(500))) is None
