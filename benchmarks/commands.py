"""Shell commands as whole processes: `painlog log`, and `painlog status` with and without
its cache.

`painlog status` keeps its line in a private file in the user cache folder, keyed by the
diary file's stat and the date (`painlog.cli.status`). Every process here runs with
XDG_CACHE_HOME (and XDG_STATE_HOME, for error logs) pointing inside the benchmark's own
temporary folder, so the person's real cache is never read or written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from unittest import mock

from benchmarks.harness import Result, interleaved_reports, process, timed
from benchmarks.histories import TODAY


def bench_env(folder: Path) -> dict[str, str]:
    """The environment of every process the benchmarks start: today pinned to `TODAY`,
    and the cache and state folders inside `folder`."""
    return {
        **os.environ,
        "PAINLOG_TODAY": TODAY.isoformat(),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "XDG_STATE_HOME": str(folder / "state"),
    }


def status_cache(db: Path, env: dict[str, str]) -> Path:
    """The cache file `painlog status` uses for `db` when run with `env`."""
    from painlog.cli.status import cache_file
    from painlog.store.location import resolve_location

    # platformdirs reads XDG_CACHE_HOME when asked, so this names the child's file.
    with mock.patch.dict(os.environ, {"XDG_CACHE_HOME": env["XDG_CACHE_HOME"]}):
        return cache_file(resolve_location(str(db)))


def cli_commands(
    folder: Path, db: Path, repeat: int, env: dict[str, str], left_out: list[str]
) -> list[Result]:
    """`painlog log 4 --did walking` against `import sqlmodel`; `painlog status` with its
    cache filled against `python -c pass`, and with it emptied against `painlog log`.

    Each command has a copy of the diary of its own: `log` writes to its copy, and each
    status's cache file is named after its diary. The processes run turn about. Where
    platformdirs does not follow XDG_CACHE_HOME (macOS), status would use the person's
    real cache: its rows are then left out, the reason appended to `left_out`.

    Raises:
        RuntimeError: when the warm status missed its cache and so timed the cold path.
    """
    copies = {
        name: folder / f"{name}.db" for name in ("log", "log-floor", "status-warm", "status-cold")
    }
    for copy in copies.values():
        shutil.copyfile(db, copy)

    def painlog(db: Path, *args: str):
        return process(["-m", "painlog.cli", "--db", str(db), *args], env)

    runs = [
        timed(painlog(copies["log"], "log", "4", "--did", "walking")),
        timed(process(["-c", "import sqlmodel"], env)),
        timed(process(["-m", "benchmarks.log_floor", str(copies["log-floor"]), str(TODAY)], env)),
    ]
    warm_cache, cold_cache = (status_cache(copies[n], env) for n in ("status-warm", "status-cold"))
    outside = [cache for cache in (warm_cache, cold_cache) if not cache.is_relative_to(folder)]
    if outside:
        left_out.append(
            f"`painlog status` rows left out: its cache would be {outside[0]}, outside the "
            "benchmark's folder (platformdirs ignores XDG_CACHE_HOME here)"
        )
    else:
        warm = painlog(copies["status-warm"], "status")
        warm()  # fills the cache the timed runs read
        filled = _stamp(warm_cache)
        runs += [
            timed(
                painlog(copies["status-cold"], "status"),
                before=lambda: cold_cache.unlink(missing_ok=True),
            ),
            timed(warm),
            timed(process(["-c", "pass"], env)),
        ]
    log_s, sqlmodel_s, floor_s, *status = interleaved_reports(runs, repeat)
    results = [
        Result("`painlog log` process, 10 years, vs `import sqlmodel`", log_s, sqlmodel_s, 1.3),
        Result(
            "the store's share of `painlog log` alone (`benchmarks.log_floor`) vs "
            "`import sqlmodel`",
            floor_s,
            sqlmodel_s,
            None,
            note="the Diary imported, opened, ten years read, one day changed",
        ),
    ]
    if status:
        if _stamp(warm_cache) != filled:
            raise RuntimeError("`painlog status` rewrote its cache: the warm runs were not warm")
        cold_s, warm_s, pass_s = status
        results += [
            Result("`painlog status`, warm cache, vs `python -c pass`", warm_s, pass_s, 2.0),
            Result("`painlog status`, cold cache, 10 years, vs `painlog log`", cold_s, log_s, 1.1),
        ]
    return results


def _stamp(path: Path) -> tuple[int, int, str]:
    """What changes when a file is written again (or is missing: FileNotFoundError)."""
    found = path.stat()
    return found.st_ino, found.st_mtime_ns, path.read_text(encoding="utf-8")
