"""Screenshots: saved in the pictures folder (made when missing), private, and offline."""

from __future__ import annotations

import re
import stat
from datetime import date, datetime

import pytest
from pilot_helpers import settle

from painlog.tui import screenshot
from painlog.tui.app import PainlogApp
from painlog.tui.screenshot import offline_svg, save_screenshot, screenshot_name

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 8, 12, 5)


def _network_references(svg: str) -> list[str]:
    without_comments = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    return re.findall(r"(?:https?:)?(//[^\s\"')]+)", without_comments)


async def test_the_palettes_screenshot_goes_to_a_pictures_folder_made_when_missing(
    tmp_path, monkeypatch
):
    pictures = tmp_path / "home" / "Pictures"
    monkeypatch.setattr(screenshot, "screenshot_folder", lambda: pictures)
    app = PainlogApp(db=str(tmp_path / "diary.db"), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        saved = app.deliver_screenshot()
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications]
    assert saved is not None
    files = list(pictures.iterdir())
    assert [str(f) for f in files] == [saved]
    assert files[0].name.startswith("painlog-today-") and files[0].suffix == ".svg"
    assert stat.S_IMODE(pictures.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert any(saved in toast for toast in toasts), toasts
    svg = files[0].read_text(encoding="utf-8")
    assert "Pain" in svg
    assert "cdnjs" not in svg and not re.search(r"url\(\s*[\"']?(https?:)?//", svg)
    # The only addresses left are XML namespace names, which nothing fetches.
    assert {ref for ref in _network_references(svg)} <= {"//www.w3.org/2000/svg"}


async def test_a_folder_that_cannot_be_made_is_named_in_the_toast_and_nothing_breaks(
    tmp_path, monkeypatch
):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setattr(screenshot, "screenshot_folder", lambda: blocker / "Pictures")
    app = PainlogApp(db=str(tmp_path / "diary.db"), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.deliver_screenshot() is None
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications]
        assert app.screen.is_current
    assert any(str(blocker / "Pictures") in toast for toast in toasts), toasts


def test_offline_svg_keeps_the_local_fonts_and_drops_the_web_ones():
    svg = """<svg><style>
    @font-face {
        font-family: "Fira Code";
        src: local("FiraCode-Regular"),
                url("https://cdn.example/FiraCode-Regular.woff2") format("woff2"),
                url("https://cdn.example/FiraCode-Regular.woff") format("woff");
    }
    </style></svg>"""
    cleaned = offline_svg(svg)
    assert 'src: local("FiraCode-Regular");' in cleaned
    assert "url(" not in cleaned


def test_offline_svg_refuses_a_web_reference_it_does_not_know():
    with pytest.raises(ValueError):
        offline_svg('<svg><image href="x" style="background: url(https://x.example/a.png)"/>')


def test_two_pictures_in_the_same_second_are_both_kept(tmp_path):
    first = save_screenshot("<svg>one</svg>", "trends", NOW, tmp_path)
    second = save_screenshot("<svg>two</svg>", "trends", NOW, tmp_path)
    assert first.name == "painlog-trends-2026-11-21-081205.svg"
    assert second.name == "painlog-trends-2026-11-21-081205-2.svg"
    assert first.read_text() == "<svg>one</svg>"


def test_the_name_says_which_screen():
    assert screenshot_name("History", NOW) == "painlog-history-2026-11-21-081205.svg"
    assert screenshot_name("???", NOW) == "painlog-screen-2026-11-21-081205.svg"
