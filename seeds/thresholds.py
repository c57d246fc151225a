"""The numeric thresholds of painlog's rules, as data with their sources.

The numbers live in `thresholds.toml` beside this module so a clinician can read and check
them, each next to the publication it comes from. This module reads them once, checks that
every expected threshold is there as a whole number in a sensible range, and hands out one
frozen `Thresholds` record. Stdlib only; nothing else of painlog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from types import MappingProxyType
from typing import Any

__all__ = [
    "FILE",
    "NAMES",
    "UNITS",
    "ThresholdError",
    "Thresholds",
    "build_thresholds",
    "load_thresholds",
    "thresholds",
]

FILE = "thresholds.toml"
"""The packaged data file."""

UNITS: frozenset[str] = frozenset({"days", "weeks", "years", "points", "percent", "logs"})
"""The units a threshold may be given in."""


class ThresholdError(ValueError):
    """The thresholds file is malformed; the message names the threshold and the problem."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every threshold the rules use, as whole numbers, with where each comes from.

    Attributes:
        episode_gap_days: Consecutive logged pain-free days that close an episode.
        episode_silence_days: More days than this in a row without any log end an episode
            (one that began with a painful log; an onset the person gave is kept).
        subacute_weeks: Weeks after which an episode is subacute (and the first duration alert).
        chronic_weeks: Weeks after which an episode is chronic (the second duration alert).
        persisting_days: Pain persists while a day this recent was logged with pain.
        trend_window_days: Length of a window whose mean pain is compared.
        trend_min_logs: Logged days a window needs before its mean is used.
        baseline_logs: How many of an episode's first logged days make its baseline.
        change_points: A rise of this many points (0-10 scale) is a real change.
        change_percent: A change of this many percent is a real change.
        change_min_points: ... provided it is also at least this many points.
        severe_mean: A weekly mean at or above this is severe pain.
        sparse_window_days: With too few days logged this week, criterion 2 reads the
            latest logged days within this many days.
        check_after_weeks: Criterion 1 of the three-criteria rule.
        age_over: An age above this counts as a red flag.
        age_under: An age below this (or equal to it, by birth year) counts as a red flag.
        flag_new_days: A sign is new when not logged in this many days before.
        flag_active_days: A warning-sign alert lasts while the sign was logged this recently.
        emergency_active_days: Same, for emergency signs.
        same_day_pair_days: A fall and not bearing weight this close together call for
            same-day care.
        same_day_recent_days: ... while the later of them was logged this recently.
        same_day_age: From this age (by birth year) either sign alone calls for it.
        hip_quiet_days: No activity advice while a fall or not bearing weight was logged
            this recently.
        bed_rest_days: A bed-rest day this recent raises the keep-moving reminder.
        no_exercise_logs: This many latest logs without exercise raise it too.
        recent_log_days: ... provided the latest log is this recent.
        well_logs: No keep-moving reminder when this many latest logs had pain 0.
        sources: Threshold name -> the source text from the data file.
        units: Threshold name -> its unit.
    """

    episode_gap_days: int
    episode_silence_days: int
    subacute_weeks: int
    chronic_weeks: int
    persisting_days: int
    trend_window_days: int
    trend_min_logs: int
    baseline_logs: int
    change_points: int
    change_percent: int
    change_min_points: int
    severe_mean: int
    sparse_window_days: int
    check_after_weeks: int
    age_over: int
    age_under: int
    flag_new_days: int
    flag_active_days: int
    emergency_active_days: int
    same_day_pair_days: int
    same_day_recent_days: int
    same_day_age: int
    hip_quiet_days: int
    bed_rest_days: int
    no_exercise_logs: int
    recent_log_days: int
    well_logs: int
    sources: Mapping[str, str] = field(repr=False)
    units: Mapping[str, str] = field(repr=False)

    def source(self, name: str) -> str:
        """Return the source of the threshold called `name`.

        Raises:
            KeyError: If there is no such threshold.
        """
        return self.sources[name]


# Every threshold is a field of Thresholds except the two mappings.
NAMES: tuple[str, ...] = tuple(
    f.name for f in fields(Thresholds) if f.name not in ("sources", "units")
)

# (low, high) inclusive bounds, so a typo such as 300 percent or 0 days is refused at load
# time instead of silently switching a rule off.
_BOUNDS: dict[str, tuple[int, int]] = {
    "change_percent": (1, 99),
    "severe_mean": (1, 10),
    "change_points": (1, 10),
    "change_min_points": (1, 10),
    "same_day_age": (1, 130),
    "age_over": (1, 130),
    "age_under": (1, 130),
}
_DEFAULT_BOUNDS = (1, 3650)


def _check_entry(name: str, entry: object) -> tuple[int, str, str]:
    where = f"{FILE}: [{name}]"
    if not isinstance(entry, Mapping):
        raise ThresholdError(f"{where}: must be a table with value, unit and source")
    unknown = sorted(set(entry) - {"value", "unit", "source"})
    if unknown:
        raise ThresholdError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}")
    for key in ("value", "unit", "source"):
        if key not in entry:
            raise ThresholdError(f"{where}: missing required field {key!r}")
    value = entry["value"]
    # bool is a subclass of int, and a float would bring back rounding at the thresholds.
    if type(value) is not int:
        raise ThresholdError(f"{where}: value must be a whole number, got {value!r}")
    low, high = _BOUNDS.get(name, _DEFAULT_BOUNDS)
    if not low <= value <= high:
        raise ThresholdError(f"{where}: value {value} is outside {low}..{high}")
    unit = entry["unit"]
    if unit not in UNITS:
        raise ThresholdError(
            f"{where}: unknown unit {unit!r}; expected one of {', '.join(sorted(UNITS))}"
        )
    source = entry["source"]
    if not isinstance(source, str) or not source.strip():
        raise ThresholdError(f"{where}: source must be non-empty text")
    return value, unit, source


def build_thresholds(document: Mapping[str, Any]) -> Thresholds:
    """Validate a parsed thresholds document and build the record.

    Args:
        document: Parsed TOML: one table per threshold name.

    Returns:
        The validated thresholds.

    Raises:
        ThresholdError: If a threshold is missing, unknown, not a whole number, out of range,
            or the set is inconsistent (e.g. chronic before subacute).
    """
    missing = [name for name in NAMES if name not in document]
    if missing:
        raise ThresholdError(f"{FILE}: missing threshold(s) {', '.join(missing)}")
    unknown = sorted(set(document) - set(NAMES))
    if unknown:
        raise ThresholdError(f"{FILE}: unknown threshold(s) {', '.join(unknown)}")
    values: dict[str, int] = {}
    sources: dict[str, str] = {}
    units: dict[str, str] = {}
    for name in NAMES:
        values[name], units[name], sources[name] = _check_entry(name, document[name])
    if values["chronic_weeks"] <= values["subacute_weeks"]:
        raise ThresholdError(f"{FILE}: chronic_weeks must be more than subacute_weeks")
    if values["age_under"] >= values["age_over"]:
        raise ThresholdError(f"{FILE}: age_under must be less than age_over")
    if values["trend_min_logs"] > values["trend_window_days"]:
        raise ThresholdError(f"{FILE}: trend_min_logs cannot exceed trend_window_days")
    if values["sparse_window_days"] < values["trend_window_days"]:
        raise ThresholdError(f"{FILE}: sparse_window_days cannot be less than trend_window_days")
    if values["change_min_points"] > values["change_points"]:
        raise ThresholdError(f"{FILE}: change_min_points cannot exceed change_points")
    return Thresholds(**values, sources=MappingProxyType(sources), units=MappingProxyType(units))


def load_thresholds(text: str) -> Thresholds:
    """Parse and validate thresholds given as TOML text (for tests and tools).

    Raises:
        ThresholdError: If the text is not valid TOML or fails validation.
    """
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ThresholdError(f"{FILE}: not valid TOML ({error})") from error
    return build_thresholds(document)


@cache
def thresholds() -> Thresholds:
    """Load and validate the packaged thresholds, once per process.

    Returns:
        The shared, immutable thresholds.

    Raises:
        ThresholdError: If the file is missing or malformed.
    """
    # Imported here, as in catalogue.py: importlib.resources pulls in zipfile and friends.
    from importlib import resources

    try:
        text = (
            resources.files(__package__ or "painlog.seeds")
            .joinpath(FILE)
            .read_text(encoding="utf-8")
        )
    except OSError as error:
        raise ThresholdError(f"{FILE}: cannot read packaged data file ({error})") from error
    return load_thresholds(text)
