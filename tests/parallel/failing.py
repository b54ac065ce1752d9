"""An extractor that fails on a marked document, shipped to Dask workers by value
(the workers cannot import the tests package): the real pipeline for everything
else, so the failure is the only difference from a normal run."""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document, Extraction

MARK = "CORRUPTED-ON-PURPOSE"


def extract_or_fail(doc: Document) -> Extraction:
    if MARK in doc.body:
        raise ValueError(f"marked document {doc.name}")
    return extract(doc)
