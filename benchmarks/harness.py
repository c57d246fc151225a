"""Timing and reporting: medians of repeated runs, ratios against same-run baselines."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One row of the report."""

    name: str
    painlog_s: float
    baseline_s: float
    target: float
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.painlog_s / self.baseline_s if self.baseline_s else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target

    def as_json(self) -> dict[str, object]:
        return {
            "measurement": self.name,
            "painlog_median_s": round(self.painlog_s, 4),
            "baseline_median_s": round(self.baseline_s, 4),
            "ratio": round(self.ratio, 3),
            "target": self.target,
            "pass": self.passed,
            "note": self.note,
        }


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


def process(args: Sequence[str], env: dict[str, str] | None = None) -> Callable[[], None]:
    """A callable that runs `python args...` to completion and fails loudly on error."""

    def run() -> None:
        subprocess.run([sys.executable, *args], check=True, env=env, capture_output=True)

    return run


def reported(args: Sequence[str]) -> Callable[[], float]:
    """A callable that runs probe `args` and returns the seconds the probe reports."""

    def run() -> float:
        spawned = time.time()
        done = subprocess.run(
            [sys.executable, *args, repr(spawned)], check=True, capture_output=True, text=True
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
    header = ("measurement", "painlog", "baseline", "ratio", "target", "result")
    rows = [
        (
            r.name,
            f"{r.painlog_s * 1000:.1f} ms",
            f"{r.baseline_s * 1000:.1f} ms",
            f"{r.ratio:.2f}x",
            f"<= {r.target}x",
            "pass" if r.passed else "MISS",
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
