"""The thresholds data file: every number present, sourced, whole, and checked on load."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from painlog.seeds.thresholds import (
    NAMES,
    ThresholdError,
    Thresholds,
    build_thresholds,
    load_thresholds,
    thresholds,
)


def _document() -> dict:
    text = resources.files("painlog.seeds").joinpath("thresholds.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_packaged_values_are_the_ones_the_rules_were_specified_with():
    t = thresholds()
    assert isinstance(t, Thresholds)
    assert (t.subacute_weeks, t.chronic_weeks, t.check_after_weeks) == (6, 12, 6)
    assert (t.change_points, t.change_percent, t.severe_mean) == (2, 30, 7)
    assert (t.trend_window_days, t.trend_min_logs, t.baseline_logs) == (7, 4, 7)
    assert (t.age_over, t.age_under) == (55, 20)
    assert (t.episode_gap_days, t.flag_new_days, t.flag_active_days) == (14, 28, 28)
    assert (t.bed_rest_days, t.no_exercise_logs) == (3, 3)


def test_loaded_once_per_process():
    assert thresholds() is thresholds()


def test_every_threshold_names_a_source_and_extensions_say_so():
    t = thresholds()
    assert set(t.sources) == set(NAMES)
    for name in NAMES:
        assert t.source(name).strip()
    assert t.source("change_points").startswith("extension:")
    assert t.source("severe_mean").startswith("extension:")
    assert "Chou" in t.source("chronic_weeks")


def test_sources_cannot_be_changed_at_run_time():
    with pytest.raises(TypeError):
        thresholds().sources["change_points"] = "made up"  # type: ignore[index]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("severe_mean"), "missing threshold(s) severe_mean"),
        (lambda d: d.update(made_up={"value": 1, "unit": "days", "source": "x"}), "made_up"),
        (lambda d: d["change_percent"].update(value=30.0), "whole number"),
        (lambda d: d["change_percent"].update(value=True), "whole number"),
        (lambda d: d["change_percent"].update(value=300), "outside 1..99"),
        (lambda d: d["episode_gap_days"].update(value=0), "outside"),
        (lambda d: d["episode_gap_days"].update(unit="fortnights"), "unknown unit"),
        (lambda d: d["episode_gap_days"].update(source="  "), "source"),
        (lambda d: d["episode_gap_days"].pop("source"), "missing required field 'source'"),
        (lambda d: d["episode_gap_days"].update(note="x"), "unknown field"),
        (lambda d: d.update(severe_mean=7), "must be a table"),
        (lambda d: d["chronic_weeks"].update(value=6), "chronic_weeks must be more"),
        (lambda d: d["age_under"].update(value=60), "age_under must be less"),
        (lambda d: d["trend_min_logs"].update(value=8), "trend_min_logs cannot exceed"),
    ],
)
def test_malformed_thresholds_are_refused_with_a_message_naming_the_problem(change, message):
    document = _document()
    change(document)
    with pytest.raises(ThresholdError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build_thresholds(document)


def test_text_that_is_not_toml_is_refused():
    with pytest.raises(ThresholdError, match="not valid TOML"):
        load_thresholds("[episode_gap_days\nvalue = 14")


def test_the_packaged_file_round_trips_through_the_text_loader():
    text = resources.files("painlog.seeds").joinpath("thresholds.toml").read_text("utf-8")
    assert load_thresholds(text) == thresholds()
