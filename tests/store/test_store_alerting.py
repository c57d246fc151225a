"""The alerts as the person sees them: acknowledgements, and what the Today banner shows,
above all for an emergency before and after the day its sign was logged."""

from __future__ import annotations

from datetime import date, timedelta

from painlog.rules.records import DayLog, ExerciseDone, Profile
from painlog.store.alerting import alert_views, alerts_read, banner_alert

T = date(2026, 11, 21)
WALK = (ExerciseDone("walking"),)
SADDLE = DayLog(T - timedelta(days=2), 0, exercises=WALK, flags=("saddle-numbness",))
KEY = ("emergency", SADDLE.day)


def day(n: int) -> date:
    return T - timedelta(days=n)


def shown(logs, acknowledged, today):
    views = alert_views(logs, Profile(), acknowledged, today)
    return views, banner_alert(views)


def test_on_its_day_an_emergency_stays_in_the_banner_once_acknowledged():
    views, banner = shown([SADDLE], {KEY: SADDLE.day}, SADDLE.day)
    assert banner is views[0] and banner.acknowledged and banner.reported_today
    assert not banner.asks_assessed


def test_after_its_day_it_asks_and_the_days_understanding_does_not_answer():
    views, banner = shown([SADDLE], {KEY: SADDLE.day}, T)
    assert banner is views[0]
    assert banner.asks_assessed and not banner.acknowledged and not banner.reported_today
    assert banner.alert.message.startswith(f"Have you been assessed by a doctor since {day(2)}")


def test_saying_you_have_been_assessed_takes_it_off_the_banner_not_the_list():
    views, banner = shown([SADDLE], {KEY: day(1)}, T)
    assert banner is None
    assert [view.alert.kind for view in views] == ["emergency"] and views[0].acknowledged
    assert views[0].as_json()["reported"] == SADDLE.day.isoformat()


def test_a_new_report_of_the_sign_asks_again():
    again = DayLog(T, 1, exercises=WALK, flags=("saddle-numbness",))
    views, banner = shown([SADDLE, again], {KEY: day(1)}, T)
    assert banner is views[0] and banner.reported_today and not banner.acknowledged
    views, banner = shown([SADDLE, again], {KEY: day(1)}, T + timedelta(days=1))
    assert banner.asks_assessed and not banner.acknowledged


def test_other_alerts_leave_the_banner_once_acknowledged_on_any_day():
    logs = [DayLog(day(n), 2 if n > 6 else 6, exercises=WALK) for n in range(13, -1, -1)]
    views, banner = shown(logs, {}, T)
    assert banner.alert.kind == "worsening"
    views, banner = shown(logs, {banner.alert.key: banner.alert.since}, T)
    assert banner is None and views[0].acknowledged


def test_the_notes_come_with_the_alerts():
    logs = [DayLog(day(50), 5, flags=("fever",))] + [DayLog(day(n), 5) for n in (45, 30, 9, 2)]
    found = alerts_read(logs, Profile(), {}, T)
    assert [view.alert.kind for view in found.views] == ["duration", "keep_moving"]
    assert len(found.notes) == 1 and "Too few days logged" in found.notes[0]
