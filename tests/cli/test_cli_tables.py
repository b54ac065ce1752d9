"""Golden tables: every listing at 80 and 200 columns, exactly as printed.

The files are in ``tests/cli/golden/`` (``<command>_<width>.txt``).  After a change
to a table that is meant, regenerate them and read the diff before committing:

    RATLINE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_cli_tables.py

Each run also checks what must hold at any width: no line wider than the terminal,
every id whole.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
# command -> the key of its id in --format json
LISTINGS = {"events": "event_id", "entities": "id", "documents": "doc_id", "judgements": "id",
            "graph centrality": "id"}


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_table_matches_its_golden_file(corpus_db, cli, command, width):
    result = cli("--db", corpus_db, *command.split(), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert all(len(line) <= width for line in text.splitlines())
    rows = json.loads(cli("--db", corpus_db, *command.split(), "--format", "json").stdout)
    assert rows and all(row[LISTINGS[command]] in text for row in rows)   # ids are never cut
    path = GOLDEN / f"{command.replace(' ', '_')}_{width}.txt"
    if os.environ.get("RATLINE_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), \
        f"{path.name} differs; if meant, regenerate (see this module's docstring)"


def test_a_long_cell_ends_in_an_ellipsis_and_a_wide_terminal_shows_it_whole(corpus_db, cli):
    title = "Iraqi Army raids Islamic State cell in Mosul"
    narrow = cli("--db", corpus_db, "documents", env={"COLUMNS": "100"}).stdout
    wide = cli("--db", corpus_db, "documents", env={"COLUMNS": "200"}).stdout
    assert title in wide and title not in narrow
    cells = [c.strip() for line in narrow.splitlines() for c in line.split("  ") if c.strip()]
    assert any(c.endswith("…") and title.startswith(c[:-1]) for c in cells)
