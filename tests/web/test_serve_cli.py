"""`ratline serve`: binds 127.0.0.1 unless told otherwise, takes the write token
from the option or the environment, and refuses a database that does not exist."""
from __future__ import annotations

from click.testing import CliRunner

from ratline.cli import main


def _run(monkeypatch, args, env=None):
    seen = {}

    def fake_run(app, host, port, log_level):
        seen.update(host=host, port=port, writable=app.state.site.writable)
    monkeypatch.setattr("uvicorn.run", fake_run)
    result = CliRunner().invoke(main, args, env=env or {})
    return result, seen


def test_serve_binds_loopback_and_is_read_only_by_default(monkeypatch, web_db):
    result, seen = _run(monkeypatch, ["--db", web_db, "serve"], env={"RATLINE_WRITE_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8000, "writable": False}
    assert "read-only" in result.output


def test_serve_write_token_from_the_environment(monkeypatch, web_db):
    result, seen = _run(monkeypatch, ["serve", "--db", web_db, "--port", "8123"],
                        env={"RATLINE_WRITE_TOKEN": "t0ken"})
    assert result.exit_code == 0 and seen["writable"] and seen["port"] == 8123
    assert "t0ken" not in result.output            # the token is never echoed


def test_serve_refuses_a_missing_database(monkeypatch, tmp_path):
    result, seen = _run(monkeypatch, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code != 0 and "no database" in result.output and seen == {}
    assert not (tmp_path / "none.db").exists()


def test_serve_warns_when_bound_beyond_this_machine(monkeypatch, web_db):
    result, seen = _run(monkeypatch, ["--db", web_db, "serve", "--host", "0.0.0.0"])
    assert seen["host"] == "0.0.0.0" and "not this machine only" in result.output
