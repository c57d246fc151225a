"""The layers only point down: seeds <- rules <- store <- cli, with drawing beside the store
(charts from the rules' summaries, for cli and screens alike); none of them pulls in the TUI.

Every module in seeds/, rules/ and store/ is found by listing its folder, so a module added
later is covered without editing this file. The imports run in a fresh interpreter, since
this test process may already have imported Textual for other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import painlog.cli
import painlog.drawing
import painlog.rules
import painlog.seeds
import painlog.store

TUI = ("textual", "rich")
DATABASE = ("sqlalchemy", "sqlmodel")


def modules_of(package) -> list[str]:
    folder = Path(package.__file__).parent
    names = sorted(path.stem for path in folder.glob("*.py") if path.stem != "__init__")
    return [package.__name__] + [f"{package.__name__}.{name}" for name in names]


LAYERS = {
    "seeds": modules_of(painlog.seeds),
    "rules": modules_of(painlog.rules),
    # Probed before the store, so what it loads is its own (the probe loads cumulatively).
    "drawing": modules_of(painlog.drawing),
    "store": modules_of(painlog.store),
    "cli": [name for name in modules_of(painlog.cli) if not name.endswith("__main__")],
}

PROBE = """
import importlib, json, sys
layers = json.loads(sys.argv[1])
seen = {}
for layer, modules in layers.items():
    for module in modules:
        importlib.import_module(module)
    seen[layer] = sorted(sys.modules)
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def loaded() -> dict[str, list[str]]:
    """The modules loaded after importing seeds, then rules, then store, in one interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(LAYERS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def offenders(modules: list[str], roots: tuple[str, ...]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in roots]


def test_every_layer_module_is_probed():
    assert "painlog.store.diary" in LAYERS["store"]
    assert "painlog.rules.entry" in LAYERS["rules"]
    assert "painlog.rules.parsing" in LAYERS["rules"]
    assert "painlog.seeds.catalogue" in LAYERS["seeds"]


@pytest.mark.parametrize("layer", ["seeds", "rules", "store", "drawing", "cli"])
def test_no_layer_below_the_screens_imports_textual_or_rich(loaded, layer):
    assert offenders(loaded[layer], TUI) == []


@pytest.mark.parametrize("layer", ["seeds", "rules", "drawing"])
def test_seeds_and_rules_import_no_database_library(loaded, layer):
    assert offenders(loaded[layer], DATABASE) == []


@pytest.mark.parametrize("layer", ["seeds", "rules", "store", "drawing", "cli"])
def test_no_layer_imports_a_layer_above_it(loaded, layer):
    above = {
        "seeds": (
            "painlog.rules",
            "painlog.store",
            "painlog.screens",
            "painlog.tui",
            "painlog.cli",
        ),
        "rules": ("painlog.store", "painlog.screens", "painlog.tui", "painlog.cli"),
        "store": ("painlog.screens", "painlog.tui", "painlog.cli"),
        "drawing": ("painlog.store", "painlog.screens", "painlog.tui", "painlog.cli"),
        "cli": ("painlog.screens", "painlog.tui"),
    }[layer]
    assert [name for name in loaded[layer] if name.startswith(above)] == []


def test_no_module_imports_another_modules_private_names():
    """A name with a leading underscore is its module's own: another module that needs it
    needs it public, with a docstring, or it has grown a second path."""
    import ast

    root = Path(painlog.store.__file__).parent.parent
    found = []
    for folder in ("seeds", "rules", "store", "drawing", "cli", "screens", "tui"):
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("painlog"):
                    private = [a.name for a in node.names if a.name.startswith("_")]
                    if private:
                        found.append(f"{path.relative_to(root)}: {node.module} {private}")
    assert found == []
