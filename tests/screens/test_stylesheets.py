"""The app's stylesheet and each screen's own: all there, all used, each read when needed."""

from __future__ import annotations

import importlib
import inspect
from datetime import date
from pathlib import Path

from pilot_helpers import settle
from textual.screen import Screen

from painlog.tui.app import PainlogApp

ROOT = Path(__file__).resolve().parents[2]
SCREEN_MODULES = [
    "alerts",
    "changed_elsewhere",
    "checkin_form",
    "confirm",
    "emergency",
    "exercise_form",
    "export",
    "help",
    "history",
    "item_form",
    "medication_form",
    "own_exercises",
    "own_list",
    "own_medications",
    "own_treatments",
    "peg_form",
    "settings",
    "today",
    "treatment_form",
    "trends",
    "welcome",
]


def name_module(class_name: str) -> str:
    """The module of a screen class named in `screen_sheets`."""
    for name in SCREEN_MODULES:
        module = importlib.import_module(f"painlog.screens.{name}")
        if class_name in vars(module) and vars(module)[class_name].__module__ == module.__name__:
            return name
    raise LookupError(class_name)


def screen_sheets() -> dict[str, set[Path]]:
    """The stylesheets each screen class names itself (not inherited), by class name."""
    found: dict[str, set[Path]] = {}
    for name in SCREEN_MODULES:
        module = importlib.import_module(f"painlog.screens.{name}")
        for cls in vars(module).values():
            own = inspect.isclass(cls) and cls.__module__ == module.__name__
            if own and issubclass(cls, Screen) and "CSS_PATH" in vars(cls):
                paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH]
                found[cls.__name__] = {Path(path) for path in paths if path}
    return found


def loaded(app) -> set[str]:
    return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}


def test_every_stylesheet_is_read_by_the_app_or_a_screen():
    named = {path.resolve() for paths in screen_sheets().values() for path in paths}
    named.add(Path(PainlogApp.CSS_PATH).resolve())
    assert all(path.is_file() for path in named)
    found = {
        path.resolve() for folder in ("tui", "screens") for path in (ROOT / folder).glob("*.tcss")
    }
    assert found == named


def test_each_screens_stylesheet_sits_beside_its_module():
    for name, paths in screen_sheets().items():
        module = importlib.import_module(f"painlog.screens.{name_module(name)}")
        cls = vars(module)[name]
        # A screen built on another (the check-in form on the item form) names that
        # one's sheet too, as it inherits its rules.
        beside = {
            Path(inspect.getfile(base)).resolve().with_suffix(".tcss")
            for base in cls.__mro__
            if base.__module__.startswith("painlog.screens.")
        }
        for path in paths:
            assert path.resolve() in beside, name
        assert Path(module.__file__).resolve().with_suffix(".tcss") in {
            path.resolve() for path in paths
        }, name


async def test_the_first_frame_reads_only_the_apps_stylesheet_and_a_screen_brings_its_own(
    tmp_path,
):
    app = PainlogApp(db=str(tmp_path / "diary.db"), today=date(2026, 11, 21))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert loaded(app) == {"painlog.tcss"}
        await pilot.press("f4")
        await settle(pilot)
        assert loaded(app) == {"painlog.tcss", "trends.tcss"}
        await pilot.press("f2")
        await settle(pilot)
        assert loaded(app) == {"painlog.tcss", "trends.tcss"}
