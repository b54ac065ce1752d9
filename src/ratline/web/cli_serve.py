"""``ratline serve``: the web app over one corpus database (registered by ``ratline.cli``).

Kept apart from ``cli.py`` so the web's dependencies load only when serving.
"""
from __future__ import annotations

from typing import Callable

import click

from ratline.store import exists as store_exists
from ratline.store.pgsql import safe_url

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(main: click.Group, db_option: Callable) -> None:
    @main.command()
    @db_option
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to bind (the default answers this machine only).")
    @click.option("--port", default=8000, show_default=True, type=int)
    @click.option("--write-token", envvar="RATLINE_WRITE_TOKEN", default=None,
                  help="Accept merge/split judgements from the pages with this token "
                       "(or $RATLINE_WRITE_TOKEN); without it the app is read-only.")
    @click.pass_context
    def serve(ctx: click.Context, host: str, port: int, write_token: str | None) -> None:
        """The network, the map, the timeline and every source in a browser."""
        import uvicorn

        from ratline.web import create_app
        db = ctx.obj["db"]
        if not store_exists(db):
            raise click.ClickException(f"no database at {db}: run `ratline ingest` first")
        app = create_app(db, write_token=write_token)
        mode = "writable (token required)" if write_token else "read-only"
        if host not in LOOPBACK:
            click.echo(f"warning: {host} is not this machine only: anyone who can reach it "
                       "can read the corpus", err=True)
        click.echo(f"ratline serve: {safe_url(db)}, {mode}, on http://{host}:{port}/  (API docs: /docs)")
        uvicorn.run(app, host=host, port=port, log_level="warning")
