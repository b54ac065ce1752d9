"""Issue 9: the CLI as an analyst uses it — ids to act on, names for ids, filters by
name, documents listed, read and removed, formats, progress and extract to stdout.

The corpus is ``conftest.corpus_db``: three small articles and a real demo page read
by the real reader, extracted by a fixed fake extractor."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from ratline import Corpus

TABLES = ("documents", "entities", "aliases", "entity_links", "mentions", "events",
          "event_reports", "relations", "tallies", "conflicts", "routes", "event_judgements",
          "report_places")


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def events_json(cli, db, *args) -> list[dict]:
    result = cli("--db", db, "events", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- 1. ids in every listing, names for ids -------------------------------------------
def test_every_listing_shows_the_ids_its_commands_take(corpus_db, cli):
    ev = events_json(cli, corpus_db)
    table = cli("--db", corpus_db, "events").stdout
    assert all(e["event_id"] in table for e in ev)
    ents = json.loads(cli("--db", corpus_db, "entities", "--format", "json").stdout)
    assert all(e["id"] in cli("--db", corpus_db, "entities").stdout for e in ents)
    docs = json.loads(cli("--db", corpus_db, "documents", "--format", "json").stdout)
    listing = cli("--db", corpus_db, "documents").stdout
    assert len(docs) == 4 and all(d["doc_id"] in listing for d in docs)
    judged = json.loads(cli("--db", corpus_db, "judgements", "--format", "json").stdout)
    assert judged[0]["id"] in cli("--db", corpus_db, "judgements").stdout


def test_ids_are_never_cut_even_at_40_columns(corpus_db, cli):
    ev = events_json(cli, corpus_db)
    narrow = cli("--db", corpus_db, "events", env={"COLUMNS": "40"}).stdout
    assert all(e["event_id"] in narrow for e in ev)
    assert "left out to fit" in narrow


def test_show_takes_an_alias_and_says_which_entity_it_chose(corpus_db, cli):
    shown = cli("--db", corpus_db, "show", "islamic state")
    assert shown.exit_code == 0
    assert "'islamic state' is islamic_state (Islamic State, by name or alias)" in shown.stderr
    by_id = cli("--db", corpus_db, "show", "islamic_state")
    assert by_id.stderr == "" and by_id.stdout == shown.stdout


def test_document_by_file_name_or_prefix_and_ambiguous_names_list_candidates(corpus_db, cli):
    one = cli("--db", corpus_db, "document", "b_maiduguri")
    assert one.exit_code == 0 and "by file name prefix" in one.stderr
    assert "ISWAP ambushed soldiers near Maiduguri" in one.stdout
    both = cli("--db", corpus_db, "document", "a_mosul")      # unique prefix
    assert both.exit_code == 0
    many = cli("--db", corpus_db, "document", "mosul raid")   # no document of that name
    assert many.exit_code == 1 and "no document matches" in many.stderr
    with Corpus(corpus_db, create=False) as c:
        docs = c.documents()
    ambiguous = cli("--db", corpus_db, "remove", "d0")         # too short a prefix: none
    assert ambiguous.exit_code == 1
    same_title = [d["doc_id"] for d in docs if d["name"].endswith(".txt")]
    with sqlite3.connect(corpus_db) as conn:                  # two documents, one title
        conn.executemany("UPDATE documents SET title = 'Same' WHERE doc_id = ?",
                         [(i,) for i in same_title[:2]])
    result = cli("--db", corpus_db, "document", "same")
    assert result.exit_code == 1 and "fits 2 documents" in result.stderr
    assert all(i in result.stderr for i in same_title[:2]) and "Traceback" not in result.output


def test_events_merge_and_split_take_document_name_and_event(corpus_db, cli):
    split = cli("--db", corpus_db, "events", "split", "a_mosul_raid.txt:e1", "c_mosul:e1")
    assert split.exit_code == 0, split.output
    assert "'a_mosul_raid.txt:e1' is" in split.stderr
    assert "'c_mosul:e1' is" in split.stderr and "by file name prefix" in split.stderr
    assert len(events_json(cli, corpus_db, "--place", "Mosul")) == 2
    merged = cli("--db", corpus_db, "events", "merge", "a_mosul_raid.txt:e1", "c_mosul_followup.txt:e1")
    assert merged.exit_code == 0 and "(2 reports)" in merged.stdout
    missing = cli("--db", corpus_db, "events", "merge", "nowhere.txt:e9", "a_mosul_raid.txt:e1")
    assert missing.exit_code == 1 and "no document matches 'nowhere.txt'" in missing.stderr


# -- 2. filters by name ---------------------------------------------------------------
@pytest.mark.parametrize("name", ["Iraq", "IQ", "iraq", "IRQ", "Nineveh", "Ninawa", "Mosul"])
def test_place_takes_a_country_province_or_town_by_name_alias_or_code(corpus_db, cli, name):
    found = events_json(cli, corpus_db, "--place", name)
    assert [e["place"] for e in found] == ["Mosul"]


def test_place_somalia_and_borno_find_the_events_inside_them(corpus_db, cli):
    somalia = events_json(cli, corpus_db, "--place", "Somalia")
    assert somalia and {e["country"] for e in somalia} == {"SO"}
    assert [e["place"] for e in events_json(cli, corpus_db, "--place", "Borno")] == ["Maiduguri"]
    assert events_json(cli, corpus_db, "--place", "Kenya") == []


def test_actor_with_include_parts_brings_in_units(corpus_db, cli):
    alone = events_json(cli, corpus_db, "--actor", "Islamic State")
    parts = events_json(cli, corpus_db, "--actor", "Islamic State", "--include-parts")
    assert [e["place"] for e in alone] == ["Mosul"]
    assert sorted(e["place"] for e in parts) == ["Maiduguri", "Mosul"]   # ISWAP part_of IS


def test_type_doc_and_min_killed_filters(corpus_db, cli):
    assert {e["type"] for e in events_json(cli, corpus_db, "--type", "airstrike")} == {"airstrike"}
    assert len(events_json(cli, corpus_db, "--type", "airstrike")) == 3
    by_doc = cli("--db", corpus_db, "events", "--doc", "c_mosul_followup.txt", "--format", "json")
    assert [e["place"] for e in json.loads(by_doc.stdout)] == ["Mosul"]
    assert "by file name" in by_doc.stderr
    assert [e["killed_best"] for e in events_json(cli, corpus_db, "--min-killed", "10")] == [12]
    assert cli("--db", corpus_db, "events", "--type", "picnic").exit_code == 2


@pytest.mark.parametrize("bad", ["2011-13", "2011-02-30", "June", "11-02", "2011-2"])
def test_dates_are_checked_with_a_clear_message(corpus_db, cli, bad):
    result = cli("--db", corpus_db, "events", "--since", bad)
    assert result.exit_code == 2 and repr(bad) in result.stderr


@pytest.mark.parametrize("good", ["2016", "2016-10", "2016-10-20"])
def test_dates_at_year_month_and_day_are_taken(corpus_db, cli, good):
    assert [e["place"] for e in events_json(cli, corpus_db, "--since", good, "--until", good)] \
        == ["Mosul"]


# -- 3. documents, document, remove -------------------------------------------------
def test_documents_lists_id_title_published_basis_source_and_counts(corpus_db, cli):
    rows = json.loads(cli("--db", corpus_db, "documents", "--format", "json").stdout)
    raid = next(r for r in rows if r["name"] == "a_mosul_raid.txt")
    assert raid["title"] == "Iraqi Army raids Islamic State cell in Mosul"
    assert raid["published"] and raid["published_basis"]
    assert raid["source"].endswith("a_mosul_raid.txt")
    assert (raid["events"], raid["relations"]) == (1, 1) and raid["entities"] == 4


def test_document_shows_body_furniture_and_comments_apart(corpus_db, cli):
    page = cli("--db", corpus_db, "document", "d04_jilib_airstrike.html").stdout
    body, rest = page.split("\nFurniture", 1)
    furniture, rest = rest.split("\nComments", 1)
    comments, facts = rest.split("\nFacts", 1)
    assert "Every week they say 20 or 30 dead" in comments
    assert "Every week they say" not in body                  # a comment is not evidence
    assert "airstrike" in facts
    as_json = json.loads(cli("--db", corpus_db, "document", "d04", "--format", "json").stdout)
    assert {"body", "comments", "furniture", "facts"} <= as_json.keys()


def test_remove_then_reingest_round_trip_leaves_counts_exactly_as_before(fake, tmp_path, articles, cli):
    db = tmp_path / "r.db"
    followup = articles / "c_mosul_followup.txt"
    others = [p for p in sorted(articles.iterdir()) if p != followup]
    assert cli("--db", db, "ingest", *others).exit_code == 0
    before = counts(db)
    assert cli("--db", db, "ingest", followup).exit_code == 0
    after_first = counts(db)
    assert after_first["event_reports"] == before["event_reports"] + 1
    assert after_first["events"] == before["events"]          # the follow-up joined the raid

    removed = cli("--db", db, "remove", "c_mosul_followup.txt")
    assert removed.exit_code == 0 and "1 rebuilt from other documents" in removed.stdout
    assert counts(db) == before
    raid = events_json(cli, db, "--place", "Mosul")
    assert len(raid) == 1 and raid[0]["killed_best"] == 12 and len(raid[0]["reports"]) == 1

    refused = cli("--db", db, "ingest", followup)
    assert refused.exit_code == 2 and "--force" in refused.stderr and counts(db) == before
    assert cli("--db", db, "ingest", "--force", followup).exit_code == 0
    assert counts(db) == after_first
    assert cli("--db", db, "ingest", followup).exit_code == 0     # no longer a removed one


def test_remove_drops_what_rests_only_on_the_document(corpus_db, cli):
    with Corpus(corpus_db, create=False) as c:
        removal = c.remove("b_maiduguri_ambush.txt")
        names = {e["id"] for e in c.entities()}
        assert removal.events_removed == 1 and "maiduguri" not in names
        assert "iswap" in names                          # the Mosul article names it too
        assert c.events(place="Borno") == []
    assert cli("--db", corpus_db, "remove", "b_maiduguri_ambush.txt").exit_code == 1


# -- 4. formats -----------------------------------------------------------------------
@pytest.mark.parametrize("command", [["events"], ["entities"], ["documents"], ["judgements"]])
def test_every_listing_takes_csv_json_and_jsonl(corpus_db, cli, command):
    as_json = json.loads(cli("--db", corpus_db, *command, "--format", "json").stdout)
    lines = cli("--db", corpus_db, *command, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json and as_json
    rows = list(csv.DictReader(io.StringIO(cli("--db", corpus_db, *command, "--format", "csv").stdout)))
    assert len(rows) == len(as_json)


def test_show_groups_a_relations_sources_under_it(fake, tmp_path, cli):
    folder = tmp_path / "two"
    folder.mkdir()
    sentence = "ISWAP is part of Islamic State, officials added."
    for n, lead in enumerate(["Officials spoke on Monday.", "A second report came on Tuesday."]):
        (folder / f"r{n}.txt").write_text(f"Report {n}\n\n{lead} {sentence}\n", encoding="utf-8")
    db = tmp_path / "g.db"
    assert cli("--db", db, "ingest", folder).exit_code == 0
    text = cli("--db", db, "show", "iswap").stdout
    relations = text.split("\nRelations", 1)[1].split("\nEvents", 1)[0]
    assert relations.count("ISWAP part_of Islamic State") == 1
    assert relations.count(f"“{sentence}”") == 2
    assert "[r0.txt]" in relations and "[r1.txt]" in relations


# -- 5. progress, extract to stdout, ingest help --------------------------------------
def test_the_python_api_draws_no_progress_unless_asked(fake, tmp_path, articles, capsys):
    with Corpus(tmp_path / "p.db") as c:
        c.ingest([articles])
    assert capsys.readouterr().err == ""
    with Corpus(tmp_path / "q.db") as c:
        c.ingest([articles], progress=True)
    assert "doc" in capsys.readouterr().err


def test_extract_dash_writes_json_lines_to_standard_output(fake, cli, articles):
    from click.testing import CliRunner
    from ratline.cli import main
    text = (articles / "a_mosul_raid.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "-"], input=text)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["events"][0]["type"] == "raid"
    several = cli("extract", "--json-dir", "-", articles)
    assert len(several.stdout.splitlines()) == 4


def test_ingest_help_names_every_format_it_reads(cli):
    from ratline.ingest.reader import KNOWN_EXT
    text = " ".join(cli("ingest", "--help").stdout.split())
    assert all(ext in text for ext in KNOWN_EXT) and ".warc" in text and ".json" in text
