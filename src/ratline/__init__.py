"""ratline: conflict reporting in, sourced events, actors, relations and tallies out."""
from ratline.schema import (  # noqa: F401
    Document, Entity, Event, Extraction, Relation, Skipped, Span, Tally,
)

__version__ = "0.1.0"
from ratline.api import Corpus, IngestReport  # noqa: E402,F401
