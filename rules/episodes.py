"""Episodes of pain: when one starts and ends, how long it has lasted, and age as a red flag.

Rules (SOURCE_RULES section 1, thresholds in seeds/thresholds.toml):

* An episode starts at the profile's onset date when one is set; otherwise at the first
  logged day with pain >= 1 while no episode is open, which is the first painful log, or the
  first painful log after an episode closed.
* It closes once 14 consecutive *logged* days have pain 0. Unlogged days are unknown, not
  pain-free: they neither count toward the 14 nor break the run.
* Logs from before the profile's onset are left out: the person has told us their current
  pain began on that date, so earlier logs belong to an older story. An onset after `today`
  is ignored (treated as unset) by the functions that take `today`.
* Duration class, by full days elapsed since the start: acute below 6 weeks (41 days),
  subacute from 42 days, chronic from 84 days (Chou et al., Ann Intern Med 2007).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from painlog.rules.records import DayLog, Profile
from painlog.rules.windows import day_logs
from painlog.seeds.thresholds import thresholds

__all__ = [
    "Episode",
    "age_flag",
    "age_on",
    "current_episode",
    "duration_class",
    "episode_week",
    "episodes",
    "split_episodes",
]


@dataclass(frozen=True, slots=True)
class Episode:
    """One episode of pain.

    Attributes:
        start: The first day of the episode (the onset, or its first painful log).
        end: The last logged day with pain in the episode (the start if it had none), set
            once 14 consecutive logged pain-free days have followed; None while still open.
    """

    start: date
    end: date | None = None

    @property
    def is_open(self) -> bool:
        """Whether the episode is still going on."""
        return self.end is None


def split_episodes(days: Sequence[DayLog], onset: date | None) -> list[Episode]:
    """Split logs that are sorted with one per day into episodes, in one pass.

    Args:
        days: Output of `day_logs`.
        onset: The profile's onset date, or None.

    Returns:
        Episodes in order; only the last can be open.
    """
    gap = thresholds().episode_gap_days
    found: list[Episode] = []
    start = onset
    last_pain = onset
    pain_free = 0
    for log in days:
        if onset is not None and log.day < onset:
            continue
        if log.pain >= 1:
            if start is None:
                start = log.day
            last_pain = log.day
            pain_free = 0
        elif start is not None:
            pain_free += 1
            if pain_free >= gap:
                found.append(Episode(start, last_pain))
                start = last_pain = None
                pain_free = 0
    if start is not None:
        found.append(Episode(start, None))
    return found


def episodes(logs: Iterable[DayLog], profile: Profile) -> list[Episode]:
    """Every episode in the logs, oldest first.

    Args:
        logs: Day logs in any order.
        profile: The person's profile; its onset, if set, starts the first episode.

    Returns:
        The episodes; the last one is open (end None) unless 14 pain-free days followed it.
    """
    return split_episodes(day_logs(logs), profile.onset)


def current_episode(logs: Iterable[DayLog], profile: Profile, today: date) -> Episode | None:
    """The episode still open as of `today`, judged from logs up to `today` only.

    Returns:
        The open episode, or None when there is none (never in pain, or the last one closed).
    """
    onset = profile.onset if profile.onset is not None and profile.onset <= today else None
    found = split_episodes(day_logs(logs, until=today), onset)
    if found and found[-1].is_open:
        return found[-1]
    return None


def _last_day(episode: Episode, today: date) -> date:
    return today if episode.end is None else min(episode.end, today)


def duration_class(episode: Episode, today: date) -> str:
    """How long the episode has lasted as of `today`: "acute", "subacute" or "chronic".

    Elapsed time is counted in whole days from the start (0 on the start day), so the class
    changes to subacute 42 days after the start and to chronic 84 days after it. A closed
    episode is measured to its end.
    """
    t = thresholds()
    elapsed = (_last_day(episode, today) - episode.start).days
    if elapsed >= t.chronic_weeks * 7:
        return "chronic"
    if elapsed >= t.subacute_weeks * 7:
        return "subacute"
    return "acute"


def episode_week(episode: Episode, day: date) -> int:
    """The 1-based week of the episode that `day` falls in (days 0-6 are week 1).

    Raises:
        ValueError: If `day` is before the episode started.
    """
    if day < episode.start:
        raise ValueError(f"{day.isoformat()} is before the episode start {episode.start}")
    return (day - episode.start).days // 7 + 1


def age_on(profile: Profile, day: date) -> int | None:
    """The person's age in the year of `day` (day.year - birth year), or None if unknown."""
    if profile.birth_year is None:
        return None
    age = day.year - profile.birth_year
    # A birth year after `day` is a typo, not a newborn; it must not count as "under 20".
    return age if age >= 0 else None


def age_flag(profile: Profile, today: date) -> str | None:
    """Why the person's age counts as a red flag for the three-criteria rule, if it does.

    Age is over 55 or under 20, with age = today.year - birth year. It only counts toward
    criterion 3 of the three-criteria rule; on its own it raises no alert.

    Returns:
        A short reason such as "age 58 (over 55)", or None when age does not count or the
        birth year is not known.
    """
    t = thresholds()
    age = age_on(profile, today)
    if age is None:
        return None
    if age > t.age_over:
        return f"age {age} (over {t.age_over})"
    if age < t.age_under:
        return f"age {age} (under {t.age_under})"
    return None
