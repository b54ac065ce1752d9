"""Extraction on Dask workers, results back in input order.

Extraction (Document -> Extraction) is pure and costs nearly all of an ingest, so it
is what runs on the workers; reading, the resume check, resolution and the store stay
in the calling process, single-writer, and documents are stored in the order they were
read.  A parallel run therefore makes the same store as a serial one: two reports of
one event extracted on different workers still meet the same resolver and event merge,
one after the other.

``--workers N`` starts a ``dask.distributed.LocalCluster`` of N single-threaded
processes (spaCy and the matchers hold the GIL, so threads would not help);
``--scheduler tcp://HOST:PORT`` uses a cluster someone already runs, whose workers must
have ratline installed.  Memory stays bounded: at most ``window`` documents are out
on the cluster or waiting to be stored at any time.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from ratline.schema import Document, Extraction, Skipped

Extractor = Callable[[Document], Extraction]


def extract_one(doc: Document, extractor: Extractor, seconds: float | None) -> Extraction | Skipped:
    """One document's extraction, or the one-line reason it has none.

    The same function runs serially and on a worker, so a bad document gets the
    same skip reason either way."""
    from ratline.timelimit import TimeLimitExceeded, time_limit

    try:
        with time_limit(seconds):
            return extractor(doc)
    except TimeLimitExceeded as exc:
        return Skipped(doc.source, f"extraction {exc}")
    except Exception as exc:    # this document only; the run goes on
        return Skipped(doc.source, f"extraction failed: {type(exc).__name__}: {exc}")


def _on_worker(doc: Document, extractor: Extractor, seconds: float | None,
               model: str) -> Extraction | Skipped:
    """The task a worker runs: the client's choice of spaCy pipeline (``--model``
    is process state, which a worker process does not share), then ``extract_one``."""
    from ratline.parse.nlp import model_name, use_model

    if model_name() != model:
        use_model(model)
    return extract_one(doc, extractor, seconds)


def extract_in_order(client, docs: Iterable[Document], extractor: Extractor,
                     seconds: float | None, window: int | None = None,
                     idle: Callable[[], None] | None = None
                     ) -> Iterator[tuple[Document, Extraction | Skipped]]:
    """Each document with its extraction, in input order, computed on ``client``'s workers.

    Documents are submitted as the window frees up; the oldest result is awaited
    first, because it is the next to be stored (later ones finish meanwhile on the
    other workers and wait, at most ``window`` of them).  A task lost with its worker
    (a document that crashes the process every time it is tried) becomes a skip.
    ``idle`` is called before waiting for a result that is not ready (the store
    commits what it holds then, rather than keep its write lock while waiting)."""
    from ratline.parse.nlp import model_name

    window = window or default_window(client)
    model = model_name()
    pending: deque = deque()
    for doc in docs:
        pending.append((doc, client.submit(_on_worker, doc, extractor, seconds, model, pure=False)))
        if len(pending) >= window:
            yield _collect(*pending.popleft(), idle)
    while pending:
        yield _collect(*pending.popleft(), idle)


def _collect(doc: Document, future, idle: Callable[[], None] | None = None
             ) -> tuple[Document, Extraction | Skipped]:
    if idle is not None and not future.done():
        idle()
    try:
        return doc, future.result()
    except Exception as exc:    # the worker died or the task was lost: this document only
        return doc, Skipped(doc.source, f"extraction failed on a worker: {type(exc).__name__}: {exc}")


def default_window(client) -> int:
    """Four documents per worker thread: enough that no worker waits for the next
    document while the client stores, few enough to keep memory flat."""
    return max(4, 4 * sum(client.nthreads().values()))


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None):
    """A ``dask.distributed`` client: on ``scheduler``'s cluster, or on a new local
    cluster of ``workers`` processes that is shut down on leaving."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:     # pragma: no cover - a dependency, but say so plainly
        raise RuntimeError("parallel ingest needs dask[distributed] (`make install`)") from exc
    if scheduler:
        with Client(scheduler, set_as_default=False) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0", silence_logs=40) as cluster, \
            Client(cluster, set_as_default=False) as client:
        yield client
