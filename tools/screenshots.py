"""The README's pictures: the three views (and a source page) over the project's own
demo corpus (corpus/demo, written in our words: published articles are never copied
into the repository, not even as pictures of their sentences), taken in Debian's
headless chromium by the same tooling as the browser tests (tests/web/webdriving.py).

    .venv/bin/python tools/screenshots.py [--out docs]      # or: make screenshots
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from webdriving import chromium, click_node, running_app  # noqa: E402

from ratline.api import Corpus  # noqa: E402

DEMO = ROOT / "corpus" / "demo"


def _ready(page, attr: str) -> None:
    page.wait_for_function("(a) => document.body.dataset[a] !== undefined", arg=attr, timeout=30000)
    page.wait_for_timeout(400)      # let the drawing settle


def shoot(base: str, out: Path, actor: str) -> list[Path]:
    shots = []
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 860}).new_page()
        page.goto(base + "/")
        _ready(page, "nodes")
        click_node(page, actor)
        page.wait_for_selector("#panel blockquote.quote")
        shots.append(out / "network.png")
        page.screenshot(path=str(shots[-1]))

        page.goto(base + "/map")
        _ready(page, "routes")
        point = page.evaluate("""() => {
            const path = document.querySelector('path.route-arc');
            if (!path) return null;
            const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM());
            return {x: p.x, y: p.y};
        }""")
        if point is not None:          # a route's panel when the corpus reports one
            page.mouse.click(point["x"], point["y"])
            page.wait_for_selector("#panel blockquote.quote")
        shots.append(out / "map.png")
        page.screenshot(path=str(shots[-1]))

        page.goto(base + "/timeline")
        _ready(page, "months")
        shots.append(out / "timeline.png")
        page.screenshot(path=str(shots[-1]), full_page=True)

        page.goto(base + "/")
        _ready(page, "nodes")
        click_node(page, actor)
        page.wait_for_selector("#panel a.src")
        page.locator("#panel a.src").first.click()
        page.wait_for_selector("mark#quote")
        shots.append(out / "source.png")
        page.screenshot(path=str(shots[-1]))
    return shots


def _best_connected_actor(corpus: Corpus) -> str:
    """The actor with the most relations and events: the node the network picture opens."""
    graph = corpus.network.graph()
    actors = [n for n in graph.nodes if not str(n).startswith("event:")]
    best = max(actors, key=graph.degree)
    return graph.nodes[best].get("name") or str(best)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    if not DEMO.is_dir():
        print(f"the demo corpus is not at {DEMO}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.db")
        with Corpus(db) as corpus:
            corpus.ingest([str(DEMO)], progress=False)
            actor = _best_connected_actor(corpus)
        with running_app(db) as base:
            for path in shoot(base, args.out, actor):
                print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
