"""The README's "Using it" session, run line by line against a store built from
``corpus/demo`` with the real pipeline: what the README tells an analyst to type works.

Lines are the ``$ ratline ...`` lines of the ``console`` blocks of that section;
``export NAME=value`` sets the environment of the lines after it."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from ratline.cli import main

REPO = Path(__file__).resolve().parents[2]


def session_lines(readme: str) -> list[str]:
    section = readme.split("\n## Using it", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.DOTALL)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def test_the_readme_has_a_session_that_ingests_reads_and_removes():
    lines = session_lines((REPO / "README.md").read_text(encoding="utf-8"))
    commands = [shlex.split(line, comments=True)[:2] for line in lines]
    assert ["ratline", "ingest"] in commands and ["ratline", "remove"] in commands
    assert len(lines) >= 8


def test_the_readme_session_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").symlink_to(REPO / "corpus")
    monkeypatch.delenv("RATLINE_DB", raising=False)
    env: dict[str, str] = {}
    runner = CliRunner()
    counts_after_first_ingest = None
    for line in session_lines((REPO / "README.md").read_text(encoding="utf-8")):
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            env[name] = value
            continue
        assert words[0] == "ratline", line
        result = runner.invoke(main, words[1:], env=env, catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        assert result.stdout.strip(), f"{line} printed nothing"
        if counts_after_first_ingest is None and words[1] == "ingest":
            counts_after_first_ingest = _counts(runner, env)
    assert _counts(runner, env) == counts_after_first_ingest   # removed, re-ingested: as before


def _counts(runner: CliRunner, env: dict[str, str]) -> dict:
    result = runner.invoke(main, ["summary", "--format", "json"], env=env)
    return json.loads(result.stdout)
