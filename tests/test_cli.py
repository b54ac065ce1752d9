"""The ratline command: options contract, bad input, resumption, output formats.

Most tests plug a small fake extractor into ``ratline.api`` (the real pipeline
is tested on its own); the real reader from ``ratline.ingest`` is used, so bad
input is judged exactly as users meet it.  One test runs the real pipeline.
"""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratline import api
from ratline.cli import main
from ratline.schema import Entity, Event, Extraction, Span

GOOD = """Iraqi troops detain militia commander in Basra

Iraqi Special Operations Forces detained a Mahdi Army commander in Basra on Tuesday, the Iraqi Ministry of Defence said. Two gunmen were killed and three were wounded during the raid, according to a ministry statement.

The commander, Karim al-Mousawi, is accused of leading a cell that attacked police stations in the city. Police said the Mahdi Army cell had received weapons from Iran.
"""
SECOND = """Gunmen kidnap engineer near Kirkuk

Gunmen kidnapped an engineer near Kirkuk on Sunday, police said. The Mahdi Army denied any role in the kidnapping, which police blamed on a local gang.
"""
KNOWN = {   # a toy dictionary: surface form -> (id, type)
    "Mahdi Army": ("mahdi_army", "armed_group"),
    "Iraqi Special Operations Forces": ("iraqi_sof", "state_force"),
    "Karim al-Mousawi": ("p_karim", "person"),
    "Basra": ("basra", "place"),
    "Kirkuk": ("kirkuk", "place"),
}
TRIGGERS = {"detained": "arrest", "kidnapped": "kidnapping"}


def fake_extract(doc) -> Extraction:
    """Entities by substring, one event per sentence holding a trigger word."""
    ents = [Entity(eid, etype, form, [form], "IQ",
                   basis="dictionary:test" if not eid.startswith("p_") else "name")
            for form, (eid, etype) in KNOWN.items() if form in doc.body]
    events = []
    for m in re.finditer(r"[^.\n]+\.", doc.body):
        sentence = m.group().strip()
        start = doc.body.index(sentence, m.start())
        for word, etype in TRIGGERS.items():
            if word in sentence:
                place = next((e.id for e in ents if e.type == "place" and e.name in sentence), None)
                events.append(Event(
                    id=f"e{len(events) + 1}", type=etype, quote=sentence,
                    span=Span(start, start + len(sentence), sentence), location=place,
                    actors=[e.id for e in ents if e.type == "state_force" and e.name in sentence],
                    targets=[e.id for e in ents if e.type == "armed_group" and e.name in sentence],
                    killed_low=2 if "killed" in doc.body else None,
                    killed_best=2 if "killed" in doc.body else None,
                    killed_high=2 if "killed" in doc.body else None))
    return Extraction(document=doc, entities=ents, events=events)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(api, "default_extractor", fake_extract)
    monkeypatch.delenv("RATLINE_DB", raising=False)


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 20)
    return folder


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def db_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "entities", "aliases", "entity_links", "events",
                          "event_reports", "mentions")}
    finally:
        conn.close()


def skip_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("skipped ")]


def test_cli_ingest_bad_inputs_are_reported_and_the_run_goes_on(fake, tmp_path, articles):
    db = tmp_path / "r.db"
    first = run("--db", db, "ingest", "--no-progress", articles)
    assert first.exit_code == 2
    reasons = skip_lines(first.stderr)
    assert len(reasons) == 2
    assert any("blob.txt" in r for r in reasons) and any("empty.txt" in r for r in reasons)
    assert "1 stored, 0 already present, 2 skipped" in first.stdout
    before = db_counts(db)
    assert before["documents"] == 1 and before["events"] == 1

    again = run("--db", db, "ingest", "--no-progress", articles)
    assert again.exit_code == 2
    assert "0 stored, 1 already present, 2 skipped" in again.stdout
    assert db_counts(db) == before          # nothing new, nothing duplicated


def test_cli_ingest_exit_zero_and_progress_bar_on_stderr_only_when_asked(fake, tmp_path):
    src = tmp_path / "good.txt"
    src.write_text(GOOD, encoding="utf-8")
    result = run("ingest", src, "--db", tmp_path / "r.db")       # --db after the subcommand
    assert result.exit_code == 0
    assert result.stderr == "" and "1 stored" in result.stdout   # stderr is no terminal here
    assert (tmp_path / "r.db").exists()
    forced = run("ingest", "--progress", src, "--db", tmp_path / "r.db")
    assert forced.exit_code == 0 and "doc" in forced.stderr and "1 already present" in forced.stdout


def test_cli_db_from_environment_and_working_directory(fake, tmp_path, monkeypatch):
    src = tmp_path / "good.txt"
    src.write_text(GOOD, encoding="utf-8")
    cwd = tmp_path / "work"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    assert run("ingest", "--no-progress", src).exit_code == 0
    assert (cwd / "ratline.db").exists()
    env_db = tmp_path / "env.db"
    result = run("ingest", "--no-progress", src, env={"RATLINE_DB": str(env_db)})
    assert result.exit_code == 0 and "1 stored" in result.stdout and env_db.exists()


def test_cli_interrupted_ingest_keeps_finished_documents_and_resumes(monkeypatch, tmp_path):
    monkeypatch.delenv("RATLINE_DB", raising=False)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(SECOND, encoding="utf-8")
    calls = []

    def interrupted(doc):
        calls.append(doc.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return fake_extract(doc)

    monkeypatch.setattr(api, "default_extractor", interrupted)
    db = tmp_path / "r.db"
    result = run("--db", db, "ingest", "--no-progress", folder)
    assert result.exit_code == 130 and "resume" in result.stderr
    assert db_counts(db)["documents"] == 1
    monkeypatch.setattr(api, "default_extractor", fake_extract)
    resumed = run("--db", db, "ingest", "--no-progress", folder)
    assert resumed.exit_code == 0 and "1 stored, 1 already present" in resumed.stdout
    assert db_counts(db)["documents"] == 2


def test_cli_extraction_failure_on_one_document_is_a_skip(monkeypatch, tmp_path):
    monkeypatch.delenv("RATLINE_DB", raising=False)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(SECOND, encoding="utf-8")

    def picky(doc):
        if "Kirkuk" in doc.body:
            raise ValueError("cannot parse\nthis")
        return fake_extract(doc)

    monkeypatch.setattr(api, "default_extractor", picky)
    result = run("--db", tmp_path / "r.db", "ingest", "--no-progress", folder)
    assert result.exit_code == 2
    [reason] = skip_lines(result.stderr)
    assert "b.txt" in reason and "ValueError: cannot parse this" in reason


def test_cli_extract_writes_one_json_per_input_and_stores_nothing(fake, tmp_path, articles,
                                                                  monkeypatch):
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    result = run("extract", articles, "--json-dir", out)
    assert not (tmp_path / "ratline.db").exists()
    assert result.exit_code == 2 and len(skip_lines(result.stderr)) == 2
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    doc = json.loads((out / "good.json").read_text(encoding="utf-8"))
    assert doc["doc"] == "good.txt"
    assert doc["events"][0]["type"] == "arrest"
    assert doc["events"][0]["quote"] in GOOD


@pytest.fixture
def stored(fake, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    db = tmp_path / "r.db"
    assert run("--db", db, "ingest", "--no-progress", folder).exit_code == 0
    return db


def test_cli_events_formats_and_filters(stored):
    as_json = json.loads(run("--db", stored, "events", "--format", "json").stdout)
    assert sorted(e["type"] for e in as_json) == ["arrest", "kidnapping"]
    for e in as_json:
        assert e["quote"] and e["doc"] in ("good.txt", "second.txt")
    only = json.loads(run("--db", stored, "events", "--place", "Basra", "--format", "json").stdout)
    assert [e["type"] for e in only] == ["arrest"]
    by_actor = json.loads(run("--db", stored, "events", "--actor", "mahdi army",
                              "--format", "json").stdout)
    assert [e["type"] for e in by_actor] == ["arrest"]
    csv_out = run("--db", stored, "events", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("event_id,date,") and len(csv_out) == 3
    table = run("--db", stored, "events").stdout.splitlines()
    assert table[0].split()[:4] == ["id", "date", "type", "place"]
    assert all(len(line) <= 100 for line in table)
    assert run("--db", stored, "events", "--since", "June").exit_code == 2   # bad date: usage error


def test_cli_entities_and_show(stored):
    people = json.loads(run("--db", stored, "entities", "--kind", "person", "--format", "json").stdout)
    assert [p["name"] for p in people] == ["Karim al-Mousawi"]
    table = run("--db", stored, "entities").stdout.splitlines()
    assert all(len(line) <= 100 for line in table) and any("mahdi_army" in l for l in table)
    shown = run("--db", stored, "show", "Mahdi Army")
    assert shown.exit_code == 0
    assert "arrest in Basra (target)" in shown.stdout
    assert "[good.txt]" in shown.stdout and "detained a Mahdi Army commander" in shown.stdout
    assert all(len(line) <= 100 for line in shown.stdout.splitlines())
    missing = run("--db", stored, "show", "Nobody At All")
    assert missing.exit_code == 1 and "no entity matches" in missing.stderr


def test_cli_export_and_summary(stored, tmp_path):
    out = tmp_path / "export.json"
    assert run("--db", stored, "export", "--format", "json", "--out", out).exit_code == 0
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(d["doc"] for d in docs) == ["good.txt", "second.txt"]
    assert {"entities", "events", "relations", "tallies", "claims_in_conflict"} <= docs[0].keys()
    summary = run("--db", stored, "summary").stdout
    assert re.search(r"documents\s+2\b", summary) and re.search(r"events\s+2\b", summary)
    counts = json.loads(run("--db", stored, "summary", "--format", "json").stdout)
    assert counts["documents"] == 2 and counts["relations"] == 0


def test_cli_eval_scores_extractions_against_gold(fake, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text(GOOD, encoding="utf-8")
    gold = tmp_path / "gold"
    assert run("extract", articles, "--json-dir", gold).exit_code == 0   # gold = its own output
    keep = tmp_path / "pred"
    result = run("eval", gold, articles, "--json-dir", keep)
    assert result.exit_code == 0
    assert (keep / "good.json").exists()
    assert "1.000" in result.stdout or "1.0" in result.stdout


ARTICLE = """Militants ambushed in Diyala, army says

BAQUBA, Iraq, March 3 (Reuters) - Iraqi soldiers killed at least 12 Mahdi Army fighters and captured 4 in a raid on a village near Baquba on Monday, the Iraqi army said. Two soldiers were wounded.

A local official said the dead included three farmers.
"""


def test_cli_real_pipeline_ingests_and_exports_an_invented_article(tmp_path, monkeypatch):
    pytest.importorskip("ratline.pipeline")
    monkeypatch.delenv("RATLINE_DB", raising=False)
    src = tmp_path / "diyala.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "r.db"
    result = run("--db", db, "ingest", "--no-progress", src)
    assert result.exit_code == 0, result.stderr
    events = json.loads(run("--db", db, "events", "--format", "json").stdout)
    assert events, "the raid must be found"
    body = json.loads(run("--db", db, "export").stdout)[0]
    assert body["doc"] == "diyala.txt"
    for ev in body["events"]:
        assert ev["quote"] in ARTICLE
    assert any("mahdi" in (e["name"] or "").lower() for e in body["entities"])
    again = run("--db", db, "ingest", "--no-progress", src)
    assert "0 stored, 1 already present" in again.stdout


def test_cli_ingest_reads_standard_input(fake, tmp_path):
    db = tmp_path / "r.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-progress", "-"],
                                input=GOOD)
    assert result.exit_code == 0, result.stderr
    assert db_counts(db)["documents"] == 1


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
GOLD = SEEDS.parent / "gold"


def test_cli_export_from_the_database_scores_like_direct_extraction(tmp_path, monkeypatch):
    """The store loses nothing the scorer looks at: ingest + export == extract."""
    pytest.importorskip("ratline.pipeline")
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus not beside the checkout")
    from ratline.evaluate import score_dirs
    monkeypatch.delenv("RATLINE_DB", raising=False)
    db, direct, exported = tmp_path / "r.db", tmp_path / "direct", tmp_path / "exported"
    assert run("extract", SEEDS, "--json-dir", direct).exit_code == 0
    assert run("--db", db, "ingest", "--no-progress", SEEDS).exit_code == 0
    exported.mkdir()
    for doc in json.loads(run("--db", db, "export").stdout):
        (exported / (Path(doc["doc"]).stem + ".json")).write_text(json.dumps(doc), encoding="utf-8")
    assert score_dirs(GOLD, exported) == score_dirs(GOLD, direct)


def test_cli_ingest_published_dates_only_pages_that_state_none(tmp_path):
    """--published is the user's word for pages with no date; a stated date is kept."""
    (tmp_path / "undated.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "dated.txt").write_text(SECOND.replace("\n\n", "\n\nMarch 2, 2009\n\n", 1), encoding="utf-8")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-progress",
                                       "--published", "2008-06-11", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = dict(sqlite3.connect(db).execute("SELECT name, published FROM documents"))
    assert rows == {"undated.txt": "2008-06-11", "dated.txt": "2009-03-02"}
    bad = CliRunner().invoke(main, ["--db", str(db), "ingest", "--published", "2008-13-40", str(tmp_path)])
    assert bad.exit_code == 2 and "not a calendar date" in bad.output


def test_cli_extract_without_a_date_leaves_relative_dates_unresolved(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--json-dir", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert doc["published"] is None and doc["published_basis"].startswith("unknown")
    assert doc["events"] and all(e["date"] is None for e in doc["events"])
    assert any("Tuesday" in (e.get("date_text") or "") for e in doc["events"])
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--json-dir", str(out),
                                       "--published", "2008-06-11"])
    doc = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert doc["published"] == "2008-06-11"
    assert any(e["date"] == "2008-06-10" for e in doc["events"])          # that Tuesday


def test_cli_model_option_names_the_pipeline_and_a_missing_one_is_a_clear_error(tmp_path, monkeypatch):
    from ratline.parse import nlp
    monkeypatch.setattr(nlp, "_CHOSEN", None)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["--model", "no_such_pipeline_xx", "extract", str(tmp_path / "a.txt"),
                                       "--json-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no_such_pipeline_xx" in result.output and "never downloads" in result.output
    assert nlp.model_name() == "no_such_pipeline_xx"         # the name reached the sentence layer
    nlp.use_model(None)
    assert nlp.model_name() == nlp.DEFAULT_MODEL
