"""The app's first read (stdlib `sqlite3`, read-only) gives what the `Diary` gives, and the
`LazyDiary` opens the `Diary` only when something asks for it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painlog.rules.records import DayLog, Profile
from painlog.store.alert_read import alert_history
from painlog.store.diary import Diary
from painlog.store.errors import StoreError
from painlog.store.lazy_diary import LazyDiary
from painlog.store.quick_read import NotForQuickRead, read_today
from tests.safety.safety_helpers import fingerprint
from tests.strategies import exercises, places

TODAY = date(2026, 11, 21)


def assert_same_as_the_diary(path: Path, day: date, today: date) -> None:
    read = read_today(path, day, today)
    with Diary.open(str(path)) as diary:
        profile = diary.profile()
        assert read.day == day
        assert read.log == diary.load_day(day)
        assert read.place_counts == diary.place_counts()
        assert read.exercise_counts == diary.exercise_counts()
        assert read.own_exercises == diary.own_exercises()
        assert read.profile == profile
        assert read.acknowledged == diary.acknowledged()
        assert read.alert_logs == alert_history(diary, profile, today)
        assert read.days_logged == diary.count_days()
        for key, value in read.settings.items():
            assert diary.setting(key) == value


day_logs = st.builds(
    DayLog,
    day=st.just(TODAY),
    pain=st.integers(0, 10),
    worst=st.none() | st.integers(0, 10),
    places=st.lists(places(), max_size=3, unique_by=lambda p: (p.location, p.side)).map(tuple),
    exercises=st.lists(exercises, max_size=3, unique_by=lambda e: e.slug).map(tuple),
    flags=st.lists(
        st.sampled_from(["fever", "saddle-numbness", "trauma", "weight-loss"]),
        max_size=2,
        unique=True,
    ).map(tuple),
    bed_rest=st.booleans(),
    note=st.text(max_size=40),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    logs=st.lists(day_logs, min_size=0, max_size=30),
    gaps=st.lists(st.integers(1, 40), min_size=30, max_size=30),
    birth_year=st.none() | st.integers(1930, 2010),
    onset_back=st.none() | st.integers(0, 400),
    acknowledged=st.booleans(),
    own=st.booleans(),
)
def test_the_first_read_is_what_the_diary_reads(
    tmp_path_factory, logs, gaps, birth_year, onset_back, acknowledged, own
):
    path = tmp_path_factory.mktemp("first") / "painlog.db"
    day, dated = TODAY, []
    for log, gap in zip(logs, gaps, strict=False):
        dated.append(DayLog(**{**_fields(log), "day": day}))
        day -= timedelta(days=gap)
    onset = None if onset_back is None else TODAY - timedelta(days=onset_back)
    with Diary.open(str(path)) as diary:
        diary.insert_days(sorted(dated, key=lambda x: x.day))
        diary.save_profile(Profile(birth_year, onset), TODAY)
        diary.set_setting("theme", "nord")
        if acknowledged:
            diary.acknowledge("duration", TODAY - timedelta(days=3))
        if own:
            diary.add_exercise("Physio band rows", "strength", "3x12")
    for day in (TODAY, TODAY - timedelta(days=1), dated[-1].day if dated else TODAY):
        assert_same_as_the_diary(path, day, TODAY)


def _fields(log: DayLog) -> dict:
    return {name: getattr(log, name) for name in DayLog.__slots__}


def test_ten_years_read_the_same(tmp_path):
    from painlog.store.demo import demo_history

    path = tmp_path / "painlog.db"
    with Diary.open(str(path)) as diary:
        diary.insert_days(demo_history(522, 7, TODAY))
    assert_same_as_the_diary(path, TODAY, TODAY)
    assert_same_as_the_diary(path, TODAY - timedelta(days=400), TODAY)


def test_the_first_read_changes_nothing_and_leaves_no_files(diary_file):
    folder = diary_file.parent
    before = fingerprint(folder)
    read = read_today(diary_file, TODAY, TODAY)
    assert read.log is not None and read.log.pain == 4
    assert fingerprint(folder) == before


def damaged(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def older_schema(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("UPDATE schema_version SET version = 1")
    connection.commit()
    connection.close()


def not_a_database(path: Path) -> None:
    path.write_text("eggs, milk\n", encoding="utf-8")


@pytest.mark.parametrize("spoil", [damaged, empty, older_schema, not_a_database])
def test_files_the_first_read_leaves_to_the_diary(diary_file, spoil):
    spoil(diary_file)
    before = fingerprint(diary_file.parent)
    with pytest.raises(NotForQuickRead):
        read_today(diary_file, TODAY, TODAY)
    assert LazyDiary(str(diary_file)).first_read(TODAY, TODAY) is None
    assert fingerprint(diary_file.parent) == before


def test_no_first_read_without_a_file(tmp_path):
    lazy = LazyDiary(str(tmp_path / "painlog.db"))
    assert lazy.first_read(TODAY, TODAY) is None
    assert not (tmp_path / "painlog.db").exists()
    assert LazyDiary(":memory:").first_read(TODAY, TODAY) is None


def test_the_lazy_diary_opens_on_first_use(diary_file):
    lazy = LazyDiary(str(diary_file))
    assert lazy.first_read(TODAY, TODAY) is not None
    assert not lazy.is_open
    assert lazy.location.path == diary_file
    assert lazy.load_day(TODAY).pain == 4  # any Diary method opens it
    assert lazy.is_open
    assert lazy.open() is lazy.open()
    lazy.close()


def test_closing_an_unopened_lazy_diary_does_nothing(diary_file):
    before = fingerprint(diary_file.parent)
    LazyDiary(str(diary_file)).close()
    assert fingerprint(diary_file.parent) == before


def test_a_diary_that_cannot_be_opened_says_so_each_time(tmp_path):
    (tmp_path / "painlog.db").mkdir()
    lazy = LazyDiary(str(tmp_path / "painlog.db"))
    for _ in range(2):
        with pytest.raises(StoreError):
            lazy.open()
    assert not lazy.is_open


def test_private_names_are_not_passed_on(diary_file):
    lazy = LazyDiary(str(diary_file))
    with pytest.raises(AttributeError):
        lazy._writer  # noqa: B018
    assert not lazy.is_open


def test_the_first_read_imports_no_sqlalchemy(diary_file):
    probe = (
        "import sys; from datetime import date; "
        "from painlog.store.lazy_diary import LazyDiary; "
        f"read = LazyDiary(sys.argv[1]).first_read(date({TODAY.year}, {TODAY.month}, "
        f"{TODAY.day}), date({TODAY.year}, {TODAY.month}, {TODAY.day})); "
        "print(read.log.pain, sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'textual')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(diary_file)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.split() == ["4", "[]"]
