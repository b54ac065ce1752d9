"""The sentence layer: one spaCy analysis of a document body, computed once and read by
every later stage (tokens, lemmas, parts of speech, the dependency parse), with the roles
of an event read from that parse.  The pipeline's NER is not loaded: nothing reads it yet."""
from ratline.parse.nlp import DEFAULT_MODEL, Parsed, load_pipeline, parse_body

__all__ = ["DEFAULT_MODEL", "Parsed", "load_pipeline", "parse_body"]
