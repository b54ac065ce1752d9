"""``ratline serve``: the reported network, the ratline map, the timeline and
every fact's source in a browser, over the Python API (``ratline.Corpus``).

The framework is imported only when an app is made, so the CLI's other
commands do not pay for it.
"""


def create_app(db_path: str, write_token: str | None = None):
    """The ASGI app over the corpus at ``db_path`` (see ``ratline.web.app``)."""
    from ratline.web.app import create_app as make
    return make(db_path, write_token)


__all__ = ["create_app"]
