"""Which language a body is written in, so a page ratline cannot read is said so.

Every rule, trigger word and the parse are English.  An Arabic or French
article would be stored with nothing found and no word said, which a user
reads as "nothing happened".  py3langid (a maintained fork of langid.py that
ships its model inside the package, nothing downloaded) names the language;
a body confidently identified as another language is skipped with that reason.
Short or letter-poor bodies are not judged (too little to tell).
"""
from __future__ import annotations

from functools import lru_cache

MIN_LETTERS = 200        # below this langid guesses; the page is read as English
MIN_CONFIDENCE = 0.95    # normalised probability of the other language
SAMPLE = 20_000          # characters looked at (the model is fast; the head is enough)

NAMES = {
    "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "ps": "Pashto", "ku": "Kurdish",
    "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German", "it": "Italian",
    "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "hi": "Hindi", "bn": "Bengali", "id": "Indonesian", "ms": "Malay",
    "sw": "Swahili", "am": "Amharic", "so": "Somali", "he": "Hebrew", "nl": "Dutch",
}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) for ``text``, or None when it has too few letters."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def not_english_reason(body: str) -> str | None:
    """A one-line reason to skip ``body`` when it is confidently not English, else None."""
    found = identify(body)
    if found is None:
        return None
    lang, prob = found
    if lang in ("en", "zxx") or prob < MIN_CONFIDENCE:
        return None          # English, or "no linguistic content" (tables, lists of numbers)
    name = NAMES.get(lang, f"language '{lang}'")
    return (f"written in {name} (language identification: {lang}, {prob:.2f}); ratline reads "
            "English reporting only, so nothing would be found")
