"""Timing and reporting: medians of repeated runs, ratios against same-run baselines."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SECONDS = "s"
MEBIBYTES = "MiB"


@dataclass(frozen=True)
class Result:
    """One row of the report: painlog's median beside its baseline's, in the same unit.

    Attributes:
        name: What was measured, and against what.
        painlog: painlog's median, in `unit`.
        baseline: The baseline's median, in `unit`.
        target: The largest painlog / baseline ratio that passes, or None for a figure
            reported for information only (no target).
        note: Anything to print beside the ratio (an absolute figure and its target).
        unit: "s" for wall time (printed as ms) or "MiB" for memory.
    """

    name: str
    painlog: float
    baseline: float
    target: float | None
    note: str = ""
    unit: str = SECONDS

    @property
    def ratio(self) -> float:
        return self.painlog / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target

    def as_json(self) -> dict[str, object]:
        return {
            "measurement": self.name,
            "unit": self.unit,
            "painlog_median": round(self.painlog, 4),
            "baseline_median": round(self.baseline, 4),
            "ratio": round(self.ratio, 3),
            "target": self.target,
            "pass": self.passed,
            "note": self.note,
        }


def shown(value: float, unit: str) -> str:
    """A median as the table prints it: seconds as milliseconds, memory as it is."""
    if unit == SECONDS:
        return f"{value * 1000:.1f} ms"
    return f"{value:.1f} {unit}"


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of `run()` over `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of two measurements taken turn about, so machine noise hits both alike."""
    a, b = [], []
    for _ in range(repeat):
        for run, times in ((first, a), (second, b)):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


ROOT = Path(__file__).resolve().parent.parent
"""The folder holding the `benchmarks` package, for child processes run from anywhere."""


def compile_sources() -> None:
    """Write painlog's bytecode, as installing it with pip does.

    An editable install run with PYTHONDONTWRITEBYTECODE set (as on the CI machines) would
    otherwise compile every painlog module from source in every timed process, while the
    baselines' libraries load theirs from bytecode.
    """
    import compileall

    for folder in ("seeds", "rules", "store", "screens", "tui"):
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
        subprocess.run([sys.executable, *args], check=True, env=env, capture_output=True)

    return run


def reported(args: Sequence[str]) -> Callable[[], float]:
    """A callable that runs probe `args` and returns the seconds the probe reports."""
    env = child_env()

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


def interleaved_reports(
    first: Callable[[], float], second: Callable[[], float], repeat: int
) -> tuple[float, float]:
    """Medians of two self-reported measurements taken turn about."""
    a, b = [], []
    for _ in range(repeat):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def table(results: Sequence[Result]) -> str:
    """The report as an aligned text table."""
    header = ("measurement", "painlog", "baseline", "ratio", "target", "result", "note")
    rows = [
        (
            r.name,
            shown(r.painlog, r.unit),
            shown(r.baseline, r.unit),
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
