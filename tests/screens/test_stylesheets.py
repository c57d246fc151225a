"""The app's stylesheet and each screen's own: all there, all used, each read when needed."""

from __future__ import annotations

import importlib
import inspect
from datetime import date
from pathlib import Path

from pilot_helpers import settle
from textual.screen import Screen

from painlog.tui.app import PainlogApp

TUI = Path(__file__).resolve().parents[2] / "tui"
SCREEN_MODULES = [
    "alerts",
    "changed_elsewhere",
    "confirm",
    "emergency",
    "exercise_form",
    "export",
    "help",
    "history",
    "own_exercises",
    "settings",
    "today",
    "trends",
    "welcome",
]


def screen_sheets() -> dict[str, set[Path]]:
    """Each screen class's own stylesheets, by class name."""
    found: dict[str, set[Path]] = {}
    for name in SCREEN_MODULES:
        module = importlib.import_module(f"painlog.screens.{name}")
        for cls in vars(module).values():
            own = inspect.isclass(cls) and cls.__module__ == module.__name__
            if own and issubclass(cls, Screen):
                paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH]
                found[cls.__name__] = {Path(path) for path in paths if path}
    return found


def loaded(app) -> set[str]:
    return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}


def test_every_stylesheet_in_the_folder_is_read_by_the_app_or_a_screen():
    named = {path.resolve() for paths in screen_sheets().values() for path in paths}
    named.add(Path(PainlogApp.CSS_PATH).resolve())
    assert all(path.is_file() for path in named)
    assert {path.resolve() for path in TUI.glob("*.tcss")} == named


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
