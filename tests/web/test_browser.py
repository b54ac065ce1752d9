"""The app in Debian's headless chromium, as a reader uses it: each view loads over
the sample corpus, a click on a node reaches a quotation, a date filter changes
the map and the timeline, a search finds a name, a route shows as an arc, and
an article holding markup shows it as text."""
from __future__ import annotations

import os

import pytest

from webdriving import CHROMIUM, chromium, click_node, running_app

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} missing: `make browser` installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} missing (`make browser` installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def base(web_db):
    with running_app(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors             # no script error, no CSP violation


def _wait_for(page, attr: str, timeout: int = 20000) -> int:
    # predicates as functions: a string would need eval, which the app's CSP forbids
    page.wait_for_function("(a) => document.body.dataset[a] !== undefined", arg=attr, timeout=timeout)
    return int(page.evaluate(f"document.body.dataset.{attr}"))


def test_browser_network_node_click_reaches_a_quotation_in_its_document(page, base):
    page.goto(base + "/")
    assert _wait_for(page, "nodes") > 20
    click_node(page, "Qods Force")
    page.wait_for_selector("#panel h2:text('Qods Force')")
    quote = page.locator("#panel blockquote.quote").first.inner_text()
    assert len(quote) > 20
    page.locator("#panel a.src").first.click()
    page.wait_for_selector("mark#quote")
    assert " ".join(page.locator("mark#quote").inner_text().split()) == " ".join(quote.split())
    assert page.locator("section.comments h2").inner_text().endswith("not evidence")


def test_browser_network_edge_click_lists_its_quotations(page, base):
    page.goto(base + "/")
    _wait_for(page, "edges")
    point = page.evaluate("""() => {
        const box = document.getElementById('cy').getBoundingClientRect();
        const inside = (p, b) => p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
        const clear = (p) => Number.isFinite(p.x) && window.ratlineCy.nodes().every(
            (n) => !inside(p, n.renderedBoundingBox({includeLabels: true})));
        const edge = window.ratlineCy.edges().filter((e) => clear(e.renderedMidpoint()))[0];
        const p = edge.renderedMidpoint();
        return {x: box.left + p.x, y: box.top + p.y, pred: edge.data('predicate')};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#panel blockquote.quote")
    # the panel tells of the edge the click selected (edges can cross at a midpoint)
    tapped = page.evaluate("""() => { const e = window.ratlineCy.edges(':selected')[0];
        return e ? {pred: e.data('predicate'), source: e.source().data('label')} : null; }""")
    assert tapped is not None
    heading = page.locator("#panel h2").inner_text()
    assert tapped["pred"] in heading and heading.startswith(tapped["source"])


def test_browser_network_as_of_slider_replays_fewer_relations(page, base):
    page.goto(base + "/")
    every = _wait_for(page, "edges")
    page.evaluate("""() => { const s = document.getElementById('asof'); s.value = '1';
                             s.dispatchEvent(new Event('change')); }""")
    page.wait_for_function("(n) => Number(document.body.dataset.edges) < n", arg=every)
    assert "as reported up to" in page.locator("#status").inner_text()


def _filter_dates(page, since: str, until: str) -> None:
    page.fill("#f-since", since)
    page.fill("#f-until", until)
    page.click("#filters button[type=submit]")


def test_browser_date_filter_changes_the_map(page, base):
    page.goto(base + "/map")
    placed = _wait_for(page, "points")
    assert placed > 5
    assert page.locator("#map path").count() > 0          # outlines drawn without a tile server
    page.evaluate("delete document.body.dataset.points")
    _filter_dates(page, "2007-06-01", "2007-06-30")
    fewer = _wait_for(page, "points")
    assert 0 < fewer < placed


def test_browser_date_filter_changes_the_timeline(page, base):
    page.goto(base + "/timeline")
    months = _wait_for(page, "months")
    events = _wait_for(page, "events")
    page.evaluate("delete document.body.dataset.months")
    _filter_dates(page, "2007-06-01", "2007-06-30")
    assert _wait_for(page, "months") == 1 < months
    labels = page.evaluate("Chart.getChart('timeline').data.labels")
    assert labels == ["2007-06"]
    assert 0 < int(page.evaluate("document.body.dataset.events")) < events


def test_browser_search_finds_a_name(page, base):
    page.goto(base + "/")
    page.fill("header input[name=q]", "Qazali")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("li.hit-entity a")
    page.locator("li.hit-entity a", has_text="Qazali").first.click()
    assert "Qazali" in page.locator("h1").inner_text()
    assert page.locator(".dossier blockquote.quote").count() > 0


def test_browser_a_route_from_the_samples_shows_as_an_arc(page, base):
    page.goto(base + "/map")
    _wait_for(page, "routes")
    arcs = page.locator("path.route-arc")
    assert arcs.count() >= 1
    point = page.evaluate("""() => {          // a point on the curve, not its box's centre
        const path = document.querySelector('path.route-arc');
        const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM());
        return {x: p.x, y: p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#panel blockquote.quote")
    assert "Iran" in page.locator("#panel h2").inner_text()


def test_browser_markup_in_an_article_shows_as_text(page, base, hostile_doc_id):
    page.goto(f"{base}/document/{hostile_doc_id}")
    body = page.locator("pre.body").inner_text()
    assert "<script>window.__pwned = 1</script>" in body
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert page.locator("pre.body img, pre.body script, pre.body b").count() == 0
    assert "<script>" in page.locator("h1").inner_text()      # the title too
    assert page.evaluate("window.__pwned") is None
    page.goto(f"{base}/search?q=pwned")
    assert page.locator("li.hit").count() >= 1
    assert page.evaluate("window.__pwned") is None


def test_browser_dossier_is_read_only_without_a_token(page, base):
    page.goto(base + "/search?q=Qods")
    page.locator("li.hit-entity a").first.click()
    assert page.locator("form.judge").count() == 0
    assert "read-only" in page.locator(".dossier").inner_text()


def test_browser_merge_from_a_dossier_needs_the_token(browser, web_db, tmp_path):
    import shutil
    copy = tmp_path / "writable.db"
    shutil.copyfile(web_db, copy)
    with running_app(str(copy), write_token="s3cret") as url:
        page = browser.new_page()
        page.goto(url + "/search?q=Laith")
        page.locator("li.hit-entity a").first.click()
        form = page.locator("#merge-form")
        form.locator("input[name=other]").fill("Qais Qazali")
        form.locator("input[name=token]").fill("wrong")
        form.locator("button").click()
        page.wait_for_selector("#judge-status:text('refused')")
        form.locator("input[name=token]").fill("s3cret")
        form.locator("button").click()
        page.wait_for_selector("#judge-status:text('recorded')")
        page.close()


def test_browser_api_docs_page_lists_the_routes_from_local_files(page, base):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/network" in " ".join(paths)
    assert all(url.startswith(base) for url in requests), requests    # nothing from elsewhere


def test_browser_an_older_answer_arriving_last_does_not_redraw_the_timeline(page, base):
    # the answer to the request sent before the filter (no dates) is held back until the
    # filtered one has been drawn: the page must keep showing the filtered months
    held = []

    def hold_unfiltered(route):
        if "since=" not in route.request.url:
            held.append(route)
        else:
            route.continue_()

    page.goto(base + "/timeline")
    _wait_for(page, "months")
    page.route("**/api/timeline*", hold_unfiltered)
    page.evaluate("delete document.body.dataset.months")
    page.evaluate("document.getElementById('filters').dispatchEvent(new Event('change'))")   # an unfiltered request
    _filter_dates(page, "2007-06-01", "2007-06-30")
    assert _wait_for(page, "months") == 1
    assert held, "the unfiltered request was not sent"
    for route in held:
        route.continue_()
    page.wait_for_timeout(500)
    assert page.evaluate("Chart.getChart('timeline').data.labels") == ["2007-06"]
    assert page.evaluate("document.body.dataset.months") == "1"
