"""Episodes of pain: when one starts and ends, how long it has lasted, and what in the
profile counts as a red flag.

Rules (SOURCE_RULES section 1, thresholds in seeds/thresholds.toml), all applied by one
`EpisodeTracker` whichever caller asks:

* An episode starts at the profile's onset date when one is set; otherwise at the first
  logged day with pain >= 1 while no episode is open, which is the first painful log, or the
  first painful log after an episode ended.
* It ends once 14 consecutive *logged* days have pain 0. Unlogged days are unknown, not
  pain-free: they neither count toward the 14 nor break the run.
* It also ends when more than 28 days in a row pass without any log (between two logs, or
  from the last log to the day asked about): a person who stops logging for a month and
  comes back in pain is in a new episode, not one that silently went on. The episode the
  profile's onset starts is the exception: the person said when this pain began, so
  silence does not end it (14 pain-free logged days still do).
* An episode's end is its last painful log (the onset, if it had none).
* Logs from before the profile's onset are left out: the person has told us their current
  pain began on that date, so earlier logs belong to an older story. An onset after `today`
  is ignored (treated as unset) by the functions that take `today`.
* Duration class, by full days elapsed since the start: acute below 6 weeks (41 days),
  subacute from 42 days, chronic from 84 days (Chou et al., Ann Intern Med 2007).
* Age counts as a red flag of the three-criteria rule when over 55 or under 20, by birth
  year (the birthday is not known): over 55 when this year minus the birth year is 56 or
  more, under 20 when it is 20 or less, since someone who turns 20 this year may still be
  19 (for the warning, a wrong "maybe" is the safer error). A history of cancer counts too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from painlog.rules.records import DayLog, Profile
from painlog.rules.windows import day_logs
from painlog.seeds.thresholds import Thresholds, thresholds

__all__ = [
    "CANCER_HISTORY_REASON",
    "Episode",
    "EpisodeTracker",
    "age_flag",
    "age_label",
    "age_on",
    "current_episode",
    "duration_class",
    "episode_week",
    "episodes",
    "profile_flags",
    "split_episodes",
]


@dataclass(frozen=True, slots=True)
class Episode:
    """One episode of pain.

    Attributes:
        start: The first day of the episode (the onset, or its first painful log).
        end: The last logged day with pain in the episode (the start if it had none), set
            once it has ended (14 logged pain-free days, or a long silence); None while
            still open.
    """

    start: date
    end: date | None = None

    @property
    def is_open(self) -> bool:
        """Whether the episode is still going on."""
        return self.end is None


class EpisodeTracker:
    """Where episodes start and end, for logs fed one at a time in calendar order.

    The one place the episode rules (module docstring) are applied: `split_episodes` (so
    `episodes` and `current_episode`), `rules.alerts.evaluate` and the one-pass
    `rules.alert_kinds` all feed their logs through one. Besides the open episode's start
    it keeps what the alerts ask of it: the pain of its first logs (the baseline of
    criterion 2) and the first day a warning sign was logged in it (criterion 3).

    Attributes:
        start: The open episode's first day, or None when none is open (as of the last
            log fed; see `open_start` for a later day).
        first_pains: Pain of the open episode's first logs, up to `baseline_logs` of them.
        first_sign: The first day a warning sign was logged in the open episode, or None.
    """

    __slots__ = (
        "_from_onset",
        "_gap",
        "_keep",
        "_last_log",
        "_last_pain",
        "_onset",
        "_pain_free",
        "_silence",
        "first_pains",
        "first_sign",
        "start",
    )

    def __init__(self, onset: date | None, t: Thresholds | None = None) -> None:
        """Start before any log, with the profile's onset (None when not set or ignored)."""
        t = t or thresholds()
        self._onset = onset
        self._gap = t.episode_gap_days
        self._silence = t.episode_silence_days
        self._keep = max(t.baseline_logs, t.trend_min_logs)
        self.start = onset
        self._from_onset = onset is not None
        self._last_pain = onset
        self._last_log: date | None = None
        self._pain_free = 0
        self.first_sign: date | None = None
        self.first_pains: list[int] = []

    def feed(self, log: DayLog) -> Episode | None:
        """Take the next log (logs must come in calendar order, one per day).

        Returns:
            The episode this log shows to have ended (by the silence before it, or as its
            14th pain-free log in a row), or None.
        """
        if self._onset is not None and log.day < self._onset:
            return None
        closed = None
        if self.start is not None and self._silent_before(log.day):
            closed = self._close()
        if log.pain >= 1:
            if self.start is None:
                self.start = log.day
            self._last_pain = log.day
            self._pain_free = 0
        elif self.start is not None:
            self._pain_free += 1
            if self._pain_free >= self._gap:
                # The episode ended on this log: what it held says nothing about the next.
                return self._close()
        self._last_log = log.day
        if self.start is None:
            return closed  # a pain-free log with no episode open
        if log.flags and self.first_sign is None:
            self.first_sign = log.day
        if len(self.first_pains) < self._keep:
            self.first_pains.append(log.pain)
        return closed

    def open_start(self, day: date) -> date | None:
        """The start of the episode still open on `day` (after every log up to it was fed),
        or None when none is, or the silence since the last log has ended it."""
        if self.start is None or self._silent_before(day):
            return None
        return self.start

    def latest(self, day: date | None = None) -> Episode | None:
        """The episode the logs fed so far leave last, as of `day`: open, or ended by the
        silence before `day` (None: as of the last log fed); None when the logs left none
        open."""
        if self.start is None:
            return None
        if day is not None and self._silent_before(day):
            return Episode(self.start, self._last_pain)
        return Episode(self.start, None)

    def _silent_before(self, day: date) -> bool:
        """Whether more than `episode_silence_days` days without a log come before `day`
        (the days strictly between the last log and it). Never for the onset's episode."""
        if self._from_onset or self._last_log is None:
            return False
        return (day - self._last_log).days - 1 > self._silence

    def _close(self) -> Episode:
        ended = Episode(self.start, self._last_pain)
        self.start = self._last_pain = None
        self._from_onset = False
        self._pain_free = 0
        self.first_sign = None
        self.first_pains = []
        return ended


def split_episodes(
    days: Sequence[DayLog], onset: date | None, until: date | None = None
) -> list[Episode]:
    """Split logs that are sorted with one per day into episodes, in one pass.

    Args:
        days: Output of `day_logs`.
        onset: The profile's onset date, or None.
        until: The day asked about (normally today): a silence from the last log up to it
            ends the last episode too. None judges only by the logs.

    Returns:
        Episodes in order; only the last can be open.
    """
    tracker = EpisodeTracker(onset)
    found: list[Episode] = []
    for log in days:
        closed = tracker.feed(log)
        if closed is not None:
            found.append(closed)
    last = tracker.latest(until)
    if last is not None:
        found.append(last)
    return found


def episodes(logs: Iterable[DayLog], profile: Profile) -> list[Episode]:
    """Every episode in the logs, oldest first.

    Args:
        logs: Day logs in any order.
        profile: The person's profile; its onset, if set, starts the first episode.

    Returns:
        The episodes, judged by the logs alone (see `current_episode` for a given day);
        the last one is open (end None) unless 14 pain-free days followed it.
    """
    return split_episodes(day_logs(logs), profile.onset)


def current_episode(logs: Iterable[DayLog], profile: Profile, today: date) -> Episode | None:
    """The episode still open as of `today`, judged from logs up to `today` only.

    Returns:
        The open episode, or None when there is none (never in pain, or the last one closed).
    """
    onset = profile.onset if profile.onset is not None and profile.onset <= today else None
    found = split_episodes(day_logs(logs, until=today), onset, until=today)
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


CANCER_HISTORY_REASON = "a history of cancer"
"""How a history of cancer reads among the reasons of the three-criteria rule."""


def age_label(profile: Profile, day: date) -> str | None:
    """Why the person's age counts as a red flag in the year of `day`, in a few words.

    Over 55 when the year minus the birth year is more than 55; under 20 when it is 20 or
    less (module docstring: by birth year, 20 may still be 19).

    Returns:
        "over 55", "under 20" or "may be under 20"; None when age does not count or the
        birth year is not known.
    """
    t = thresholds()
    age = age_on(profile, day)
    if age is None:
        return None
    if age > t.age_over:
        return f"over {t.age_over}"
    if age < t.age_under:
        return f"under {t.age_under}"
    if age == t.age_under:
        return f"may be under {t.age_under}"
    return None


def age_flag(profile: Profile, today: date) -> str | None:
    """Why the person's age counts as a red flag for the three-criteria rule, if it does.

    It only counts toward criterion 3 of the three-criteria rule; on its own it raises no
    alert.

    Returns:
        A short reason such as "age 58 (over 55)", or None when age does not count or the
        birth year is not known.
    """
    label = age_label(profile, today)
    return None if label is None else f"age {age_on(profile, today)} ({label})"


def profile_flags(profile: Profile, day: date) -> tuple[str, ...]:
    """The red flags the profile itself brings to criterion 3 in the year of `day`: the age
    (as `age_flag` words it) and a history of cancer. Neither raises an alert alone."""
    found = []
    age = age_flag(profile, day)
    if age is not None:
        found.append(age)
    if profile.cancer_history:
        found.append(CANCER_HISTORY_REASON)
    return tuple(found)
