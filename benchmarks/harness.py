"""Timing and reporting: medians of repeated runs, ratios against same-run baselines."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SECONDS = "s"


@dataclass(frozen=True)
class Result:
    """One row of the report: painlog's median beside its baseline's, in seconds.

    Attributes:
        name: What was measured, and against what.
        painlog: painlog's median, in seconds.
        baseline: The baseline's median, in seconds (for some rows the sum of two medians,
            as the row's name says).
        target: The largest painlog / baseline ratio that passes, or None for a figure
            reported for information only (no target).
        note: Anything to print beside the ratio (what the baseline is made of, a caveat).
    """

    name: str
    painlog: float
    baseline: float
    target: float | None
    note: str = ""

    @property
    def ratio(self) -> float:
        """painlog's median over the baseline's (infinite for a zero baseline)."""
        return self.painlog / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool | None:
        """Whether the ratio meets the target; None when there is no target."""
        return None if self.target is None else self.ratio <= self.target

    def as_json(self) -> dict[str, object]:
        """The row as `--json` prints it (medians in seconds)."""
        return {
            "measurement": self.name,
            "unit": SECONDS,
            "painlog_median": round(self.painlog, 4),
            "baseline_median": round(self.baseline, 4),
            "ratio": round(self.ratio, 3),
            "target": self.target,
            "pass": self.passed,
            "note": self.note,
        }


def shown(seconds: float) -> str:
    """A median as the table prints it, in milliseconds."""
    return f"{seconds * 1000:.1f} ms"


def timed(run: Callable[[], object], before: Callable[[], object] | None = None):
    """A callable that calls `before()` (untimed), then `run()`, and returns the seconds
    `run()` took: the shape `interleaved_reports` takes.

    The garbage collector is run to the end before the clock starts. Otherwise a full
    collection owed to the runs before (one walk of this whole process's heap, tens of
    milliseconds) falls inside whichever run crosses the collector's threshold: more
    often after bigger runs, so in-process medians would hinge on when it fell rather
    than on the work timed.
    """

    def measure() -> float:
        if before is not None:
            before()
        gc.collect()
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    return measure


def interleaved_reports(runs: Sequence[Callable[[], float]], repeat: int) -> list[float]:
    """The median of each of `runs` (each returns the seconds it measured), taken turn
    about: one of each per round, `repeat` rounds, so machine noise hits all alike.

    Each round starts one further along the list: whichever run comes right after
    another meets the caches, CPU frequency and memory that one left, and rotating gives
    every run each place in the order equally often (when `repeat` is a multiple of
    their number) instead of always the same neighbour.
    """
    times: list[list[float]] = [[] for _ in runs]
    for round_ in range(repeat):
        for step in range(len(runs)):
            which = (round_ + step) % len(runs)
            times[which].append(runs[which]())
    return [statistics.median(measured) for measured in times]


def interleaved(runs: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Median wall time of each of `runs`, taken turn about (see `interleaved_reports`)."""
    return interleaved_reports([timed(run) for run in runs], repeat)


ROOT = Path(__file__).resolve().parent.parent
"""The folder holding the `benchmarks` package, for child processes run from anywhere."""

LAYERS = ("seeds", "rules", "store", "screens", "tui", "cli")
"""painlog's source folders (the packages under `painlog.` that pyproject.toml maps)."""


def compile_sources() -> None:
    """Write painlog's bytecode, as installing it with pip does.

    An editable install run with PYTHONDONTWRITEBYTECODE set (as on the CI machines) would
    otherwise compile every painlog module from source in every timed process, while the
    baselines' libraries load theirs from bytecode.
    """
    import compileall

    for folder in LAYERS:
        compileall.compile_dir(ROOT / folder, quiet=1)


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """`env` (default: this process's) with `benchmarks` importable by a child Python."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return env


def process(args: Sequence[str], env: dict[str, str] | None = None) -> Callable[[], None]:
    """A callable that runs `python args...` to completion and fails loudly on error."""
    env = child_env(env)

    def run() -> None:
        done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(
                f"`python {' '.join(args)}` exited with {done.returncode}: {done.stderr.strip()}"
            )

    return run


def reported(args: Sequence[str], env: dict[str, str] | None = None) -> Callable[[], float]:
    """A callable that runs probe `args` and returns the seconds the probe reports."""
    env = child_env(env)

    def run() -> float:
        spawned = time.time()
        done = subprocess.run(
            [sys.executable, *args, repr(spawned)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        return float(done.stdout.strip().splitlines()[-1])

    return run


def table(results: Sequence[Result]) -> str:
    """The report as an aligned text table."""
    header = ("measurement", "painlog", "baseline", "ratio", "target", "result", "note")
    rows = [
        (
            r.name,
            shown(r.painlog),
            shown(r.baseline),
            f"{r.ratio:.2f}x",
            "-" if r.target is None else f"<= {r.target}x",
            {True: "pass", False: "MISS", None: "info"}[r.passed],
            r.note,
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
