"""The real app on a loopback port and Debian's headless chromium driven by
Playwright: shared by the browser tests, the README screenshots and the bench.

Playwright is pointed at /usr/bin/chromium (``make browser`` installs it); it
never downloads a browser of its own.
"""
from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path
from typing import Iterator

CHROMIUM = Path(os.environ.get("RATLINE_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags chromium keeps trying hosts this
# closed network refuses; a fresh profile per launch keeps runs independent.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(db_path: str, write_token: str | None = None) -> Iterator[str]:
    """Serve the app on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    from ratline.web import create_app
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_path, write_token), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian chromium under Playwright (a Browser)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def click_node(page, label: str) -> str:
    """Click, with the mouse, the centre of the network node labelled ``label``; its id."""
    found = page.evaluate("""(label) => {
        const node = window.ratlineCy.nodes().filter((n) => n.data('label') === label)[0];
        if (!node) return null;
        const box = document.getElementById('cy').getBoundingClientRect();
        const p = node.renderedPosition();
        return {id: node.id(), x: box.left + p.x, y: box.top + p.y};
    }""", label)
    if found is None:
        raise LookupError(label)
    page.mouse.click(found["x"], found["y"])
    return found["id"]
