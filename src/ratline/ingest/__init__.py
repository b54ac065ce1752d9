"""Ingest: files, folders, stdin, JSONL and WARC in; ``Document`` records out.

The body (evidence) is kept apart from comments and page furniture, and every
Document carries a content hash so re-reading the same article is recognisable.
"""
from ratline.ingest.htmlpage import document_from_html
from ratline.ingest.reader import read_inputs
from ratline.ingest.textpage import NoArticleText, doc_id_for, document_from_text, split_page

__all__ = [
    "read_inputs", "document_from_text", "document_from_html",
    "doc_id_for", "split_page", "NoArticleText",
]
