#!/usr/bin/env python3
"""Validate the heldout5 gold files (adapted from shared/corpus/real/validate.py).

Checks: JSON parses; exact top-level / entity / relation / event / tally / conflict keys;
enumerated values; ids resolve and are unique; event locations are places; every quote,
alias, date_text and body_last_sentence is an exact substring of the article BODY (the text
up to the end of body_last_sentence; for the HTML page, from `<article` on, and also of the
visible text of the <article> element); body_last_sentence occurs once; dates match their
precision (month -> day 01, year -> 01-01, week -> a Monday) and are not after `published`;
killed_low <= killed_best <= killed_high; no duplicate relation triples; every page has an
entry in pages.jsonl whose text/html equals the article file.
"""
import datetime, glob, html, json, os, re, sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.abspath(__file__))
PREDICATES = {"supports","leads","commands","member_of","part_of","splinter_of","allied_with",
              "sibling_of","front_for","sanctioned_by","spokesman_for","captured_by","killed_by","released_by"}
EVTYPES = {"raid","armed_clash","airstrike","ied_attack","rocket_mortar_attack","arrest","release",
           "kidnapping","execution","assassination","other"}
ETYPES = {"armed_group","state_force","state_agency","government","person","place","company","other"}
PRECISION = {"day","week","month","year",None}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOP = ["doc","title","published","published_basis","body_last_sentence","has_comments",
       "entities","relations","events","tallies","claims_in_conflict"]
ENT_KEYS = {"id","type","name","aliases","country"}; ENT_OPT = {"note"}
REL_KEYS = {"subject","predicate","object","quote"}
EV_KEYS = {"id","type","date","date_precision","date_text","location","admin1","country","actors","targets",
           "killed_low","killed_best","killed_high","wounded","captured","casualty_side_note","claim_source","quote"}
TAL_KEYS = {"subject","since","killed","captured","by","quote"}; TAL_OPT = {"note"}


class _Visible(HTMLParser):
    """Collect the visible text inside <article>...</article>."""
    def __init__(self):
        super().__init__(convert_charrefs=True); self.depth = 0; self.out = []
    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth: self.depth += 1 if tag not in ("br","img","meta","link","hr","input") else 0
    def handle_endtag(self, tag):
        if self.depth and tag not in ("br","img","meta","link","hr","input"): self.depth -= 1
    def handle_data(self, data):
        if self.depth: self.out.append(data)


def load_pages():
    p = os.path.join(ROOT, "pages.jsonl")
    if not os.path.exists(p): return None
    return {json.loads(l)["id"]: json.loads(l) for l in open(p, encoding="utf-8") if l.strip()}


def check(gold_path, pages):
    errs = []
    g = json.load(open(gold_path, encoding="utf-8"))
    if list(g.keys()) != TOP: errs.append(f"top-level keys differ: {list(g.keys())}")
    art_path = os.path.join(ROOT, "articles", g["doc"])
    if not os.path.exists(art_path): return [f"article file missing: {g['doc']}"]
    text = open(art_path, encoding="utf-8").read()
    is_html = g["doc"].endswith(".html")
    last = g.get("body_last_sentence") or ""
    if text.count(last) != 1: errs.append(f"body_last_sentence occurs {text.count(last)} times")
    start = text.find("<article") if is_html else 0
    body = text[start:text.find(last) + len(last)] if last in text else text
    visible = None
    if is_html:
        v = _Visible(); v.feed(text); visible = "".join(v.out)
        if last not in visible: errs.append("body_last_sentence not in visible <article> text")
    def inbody(s):
        return s in body and (visible is None or s in visible)
    if g.get("title") is None or g["title"] not in text: errs.append("title not in text")
    pub = g.get("published")
    if pub is not None and not DATE_RE.match(pub): errs.append("bad published date")
    if not isinstance(g.get("has_comments"), bool): errs.append("has_comments not bool")
    ids, types = set(), {}
    for e in g["entities"]:
        ks = set(e.keys())
        if not ENT_KEYS <= ks or ks - ENT_KEYS - ENT_OPT: errs.append(f"entity keys {e.get('id')}: {sorted(ks)}")
        if e["id"] in ids: errs.append(f"duplicate entity id {e['id']}")
        ids.add(e["id"]); types[e["id"]] = e["type"]
        if e["type"] not in ETYPES: errs.append(f"bad entity type {e['id']}: {e['type']}")
        if not e.get("aliases"): errs.append(f"entity {e['id']} has no aliases")
        if len(set(e["aliases"])) != len(e["aliases"]): errs.append(f"duplicate alias in {e['id']}")
        for a in e.get("aliases", []):
            if not inbody(a): errs.append(f"alias not in body: {e['id']}: {a!r}")
    used = set(); triples = set()
    for r in g["relations"]:
        if set(r.keys()) != REL_KEYS: errs.append(f"relation keys {sorted(r.keys())}")
        if r["predicate"] not in PREDICATES: errs.append(f"bad predicate {r['predicate']}")
        t = (r["subject"], r["predicate"], r["object"])
        if t in triples: errs.append(f"duplicate relation {t}")
        triples.add(t)
        for side in ("subject","object"):
            if r[side] not in ids: errs.append(f"relation {side} unknown: {r[side]}")
            used.add(r[side])
        if not inbody(r["quote"]): errs.append(f"relation quote not in body: {r['quote'][:60]!r}")
    evids = set()
    for ev in g["events"]:
        if set(ev.keys()) != EV_KEYS: errs.append(f"event keys {ev.get('id')}: {sorted(set(ev.keys()) ^ EV_KEYS)}")
        if ev["id"] in evids: errs.append(f"duplicate event id {ev['id']}")
        evids.add(ev["id"])
        if ev["type"] not in EVTYPES: errs.append(f"bad event type {ev['id']}: {ev['type']}")
        d, p = ev.get("date"), ev.get("date_precision")
        if p not in PRECISION: errs.append(f"bad precision {ev['id']}")
        if (d is None) != (p is None): errs.append(f"date/precision mismatch {ev['id']}")
        if d is not None:
            if not DATE_RE.match(d): errs.append(f"bad date {ev['id']}")
            else:
                dt = datetime.date.fromisoformat(d)
                if p == "month" and dt.day != 1: errs.append(f"month date not 1st {ev['id']}")
                if p == "year" and (dt.month, dt.day) != (1, 1): errs.append(f"year date not Jan 1 {ev['id']}")
                if p == "week" and dt.weekday() != 0: errs.append(f"week date not a Monday {ev['id']}")
                if pub and d > pub: errs.append(f"event date after published {ev['id']}")
        if ev.get("date_text") is not None and not inbody(ev["date_text"]):
            errs.append(f"date_text not in body {ev['id']}: {ev['date_text']!r}")
        if ev.get("location") is not None:
            if ev["location"] not in ids: errs.append(f"event location unknown {ev['id']}: {ev['location']}")
            elif types[ev["location"]] != "place": errs.append(f"event location not a place {ev['id']}")
            used.add(ev["location"])
        for side in ("actors","targets"):
            for a in ev.get(side, []):
                if a not in ids: errs.append(f"event {ev['id']} {side} unknown: {a}")
                used.add(a)
        for n in ("killed_low","killed_best","killed_high","wounded","captured"):
            v = ev.get(n)
            if v is not None and (not isinstance(v, int) or v <= 0): errs.append(f"bad {n} in {ev['id']} (null, never 0)")
        ks = [ev.get(n) for n in ("killed_low","killed_best","killed_high")]
        if ks[0] is not None and ks[1] is not None and ks[0] > ks[1]: errs.append(f"killed_low > best {ev['id']}")
        if ks[1] is not None and ks[2] is not None and ks[1] > ks[2]: errs.append(f"killed_best > high {ev['id']}")
        if ks[0] is not None and ks[2] is not None and ks[0] > ks[2]: errs.append(f"killed_low > high {ev['id']}")
        if not inbody(ev["quote"]): errs.append(f"event quote not in body {ev['id']}: {ev['quote'][:60]!r}")
    for t in g["tallies"]:
        ks = set(t.keys())
        if not TAL_KEYS <= ks or ks - TAL_KEYS - TAL_OPT: errs.append(f"tally keys {sorted(ks)}")
        if t["subject"] not in ids: errs.append(f"tally subject unknown {t['subject']}")
        for b in t.get("by", []):
            if b not in ids: errs.append(f"tally by unknown {b}")
        if t.get("since") is not None and not DATE_RE.match(t["since"]): errs.append("bad tally since")
        if pub and t.get("since") and t["since"] > pub: errs.append("tally since after published")
        if not inbody(t["quote"]): errs.append(f"tally quote not in body: {t['quote'][:60]!r}")
    for c in g["claims_in_conflict"]:
        if set(c.keys()) != {"about","claims"}: errs.append("conflict keys")
        if c["about"] not in evids: errs.append(f"claims_in_conflict about unknown event {c['about']}")
        if len(c["claims"]) < 2: errs.append(f"conflict on {c['about']} has fewer than 2 claims")
        for cl in c["claims"]:
            if set(cl.keys()) != {"source","says"}: errs.append("claim keys")
    unused = ids - used - {r for tt in g["tallies"] for r in [tt["subject"], *tt["by"]]}
    # unused entities are allowed (people quoted, places mentioned); not an error
    if pages is not None:
        pid = os.path.splitext(g["doc"])[0]
        pg = pages.get(pid)
        if pg is None: errs.append("no pages.jsonl entry")
        else:
            field = "html" if is_html else "text"
            if pg.get(field) != text: errs.append(f"pages.jsonl {field} differs from article file")
            if not pg.get("url", "").startswith("http"): errs.append("pages.jsonl url missing")
    return errs


def main(paths):
    if not paths: paths = sorted(glob.glob(os.path.join(ROOT, "gold", "*.json")))
    pages = load_pages()
    if pages is None: print("(pages.jsonl not found: skipping page checks)")
    bad = 0
    for p in paths:
        try: errs = check(p, pages)
        except Exception as ex: errs = [f"exception: {ex!r}"]
        print(f"{'OK ' if not errs else 'ERR'} {os.path.basename(p)}")
        for e in errs: print("    -", e)
        bad += bool(errs)
    print(f"{len(paths)-bad} passed, {bad} failed")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
