"""Dependencies point one way (DESIGN.md): the pure stages know no database, the
store knows the schema and nothing above it.

Every ``import`` statement is read with ``ast`` — function-level imports too,
since a lazy import is still a dependency — so a view slipping back into the
store (the dossier once imported ``graph/build.py`` from ``store/``) or a gold
check into a pure stage (the resolution audit once opened the store from
``resolve/``) fails here, whatever code path imports it.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "ratline"

# package folder -> modules of ratline it must never import (prefix match)
FORBIDDEN = {
    "store": ("ratline.graph", "ratline.web", "ratline.api", "ratline.cli", "ratline.render",
              "ratline.export", "ratline.evaluate", "ratline.pipeline", "ratline.extract"),
    "resolve": ("ratline.store", "ratline.graph", "ratline.web", "ratline.api", "ratline.cli",
                "ratline.evaluate"),
}


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = "ratline." + ".".join(path.relative_to(SRC).parent.parts)
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return out


def _violations(folder: str) -> list[str]:
    bad = []
    for path in sorted((SRC / folder).glob("*.py")):
        for mod in sorted(imported_modules(path)):
            if any(mod == f or mod.startswith(f + ".") for f in FORBIDDEN[folder]):
                bad.append(f"{path.relative_to(SRC)} imports {mod}")
    return bad


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(folder):
    assert _violations(folder) == []


def test_the_checker_sees_lazy_and_relative_imports(tmp_path, monkeypatch):
    """The scan would catch the two imports this layout once had."""
    fake = tmp_path / "ratline"
    (fake / "store").mkdir(parents=True)
    (fake / "store" / "view.py").write_text(
        "def f():\n    from ratline.graph.build import period\n    from ..web import app\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", fake)
    assert _violations("store") == ["store/view.py imports ratline.graph.build",
                                    "store/view.py imports ratline.graph.build.period",
                                    "store/view.py imports ratline.web",
                                    "store/view.py imports ratline.web.app"]
