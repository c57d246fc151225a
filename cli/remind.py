"""`painlog remind`: a nudge to log, for cron, a systemd timer or launchd.

It prints nothing and exits 0 when today is logged; otherwise it prints one line saying so
and exits 1, so a scheduler can show that line. On the last day of a diary week it also
asks for the week's PEG answers when they are missing and the week was not skipped (the
same test as Today's offer), once a week rather than every day.

`--setup` prints (and never installs) a ready timer, crontab line or launchd agent that
shows the line as a desktop notification where the system has a notifier (`notify-send`,
`osascript`) and otherwise writes it to the person's terminal.
"""

from __future__ import annotations

import argparse
import shlex
from datetime import date, time

from painlog.cli import CommandFactory

TARGETS = ("systemd", "cron", "launchd")
DEFAULT_AT = "20:00"
EXIT_NOT_LOGGED = 1


def register(command: CommandFactory) -> None:
    """Add the `remind` subcommand."""
    remind = command(
        "remind",
        "say when today is not logged yet (exit 1), for a daily timer; --setup prints one",
        "examples:\n"
        "  painlog remind                      # nothing and exit 0 when today is logged\n"
        "\nOn the last day of the week it also says when the week's PEG is not answered.\n"
        "  painlog remind --setup cron         # a crontab line for 20:00\n"
        "  painlog remind --setup systemd --at 21:30\n"
        "  painlog remind --setup launchd > ~/Library/LaunchAgents/painlog.remind.plist\n"
        "\n--setup only prints: nothing is installed or changed. The reminder it sets up\n"
        "shows a desktop notification where notify-send (Linux) or osascript (macOS) is\n"
        "found, and otherwise writes to your terminal.",
    )
    remind.add_argument(
        "--setup",
        metavar="TARGET",
        default=None,
        help="print a ready reminder for " + ", ".join(TARGETS) + " (nothing is installed)",
    )
    remind.add_argument(
        "--at",
        metavar="HH:MM",
        default=None,
        help=f"with --setup: the time of day to remind (default {DEFAULT_AT})",
    )
    remind.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from painlog.rules.entry import InvalidInput

    if args.setup is None:
        if args.at is not None:
            raise InvalidInput(
                "at", args.at, "together with --setup (the time a set-up reminder runs)"
            )
        return _remind(args)
    target = args.setup.strip().lower()
    if target not in TARGETS:
        raise InvalidInput("setup", args.setup, "one of " + ", ".join(TARGETS))
    from painlog.rules.parsing import read_time

    at = read_time("at", DEFAULT_AT if args.at is None else args.at)
    print(setup_text(target, at, painlog_command(args.db)), end="")
    return 0


def _remind(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from painlog.cli import local_today, read_diary
    from painlog.store.errors import NoDiary

    today = local_today()
    try:
        with read_diary(args) as diary:
            logged = diary.load_day(today) is not None
            # The same week and test as Today's offer, asked on the week's last day.
            week = diary.peg_week(today)
            peg_missing = week.due and today == week.start + timedelta(days=6)
    except NoDiary:
        logged, peg_missing = False, False
    lines = ([] if logged else [reminder_line(today)]) + ([PEG_LINE] if peg_missing else [])
    for line in lines:
        print(line)
    return EXIT_NOT_LOGGED if lines else 0


PEG_LINE = (
    "painlog: this week's PEG (three questions about the week) is not answered yet "
    "(open painlog, or: painlog peg PAIN ENJOYMENT ACTIVITY)"
)


def reminder_line(today: date) -> str:
    """What a person is told when `today` has no log yet."""
    return (
        f"painlog: today, {today:%a} {today.day} {today:%b}, is not logged yet "
        "(open painlog, or: painlog log PAIN)"
    )


def painlog_command(db: str | None) -> list[str]:
    """How a scheduler starts this painlog: its full path (a scheduler's PATH is short),
    and the diary when one was named with --db or PAINLOG_DB."""
    import os
    import shutil
    import sys
    from pathlib import Path

    found = shutil.which("painlog")
    words = [found] if found else [sys.executable, "-m", "painlog"]
    named = db if db is not None else os.environ.get("PAINLOG_DB")
    if named:
        is_url = "://" in named
        words += ["--db", named if is_url else str(Path(named).expanduser().resolve())]
    return words


def notify_script(painlog: list[str]) -> str:
    """The shell lines a scheduler runs: remind, and when it has something to say, show
    it with the system's notifier, or write it to the person's terminal."""
    # Double quotes only, so the script can sit inside single quotes in a unit file, a
    # crontab line or a plist without escaping.
    command = shlex.join([*painlog, "remind"])
    return (
        f"msg=$({command} 2>&1) && exit 0; "
        'if command -v notify-send >/dev/null 2>&1; then notify-send painlog "$msg"; '
        "elif command -v osascript >/dev/null 2>&1; then "
        'osascript -e "on run argv" '
        '-e "display notification (item 1 of argv) with title \\"painlog\\"" '
        '-e "end run" "$msg"; '
        'else printf "%s\\n" "$msg" | write "$(id -un)" 2>/dev/null '
        '|| printf "%s\\n" "$msg"; fi'
    )


def setup_text(target: str, at: time, painlog: list[str]) -> str:
    """The reminder for `target` (one of `TARGETS`), running every day at `at`."""
    script = notify_script(painlog)
    return {"systemd": _systemd, "cron": _cron, "launchd": _launchd}[target](script, at)


def _systemd(script: str, at: time) -> str:
    # systemd reads C escapes and expands $VAR and % itself: doubled, each reaches the
    # shell as written.
    escaped = script.replace("\\", "\\\\").replace("$", "$$").replace("%", "%%")
    return f"""\
# A daily painlog reminder as a systemd user timer. Save the two parts below as
#   ~/.config/systemd/user/painlog-remind.service
#   ~/.config/systemd/user/painlog-remind.timer
# then run:
#   systemctl --user daemon-reload
#   systemctl --user enable --now painlog-remind.timer

# --- painlog-remind.service ---
[Unit]
Description=painlog: remind when today is not logged yet

[Service]
Type=oneshot
ExecStart=/bin/sh -c {shlex.quote(escaped)}

# --- painlog-remind.timer ---
[Unit]
Description=painlog: daily reminder at {at:%H:%M}

[Timer]
OnCalendar=*-*-* {at:%H:%M}:00
Persistent=true

[Install]
WantedBy=timers.target
"""


def _cron(script: str, at: time) -> str:
    # cron ends a command at an unescaped %; the user's session bus lets notify-send reach
    # the desktop from cron.
    escaped = script.replace("%", "\\%")
    return f"""\
# A daily painlog reminder for cron. Add the line below with `crontab -e`:
{at.minute} {at.hour} * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus \
/bin/sh -c {shlex.quote(escaped)}
"""


def _launchd(script: str, at: time) -> str:
    from xml.sax.saxutils import escape

    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<!-- A daily painlog reminder for launchd. Save as
     ~/Library/LaunchAgents/painlog.remind.plist
     then run: launchctl load ~/Library/LaunchAgents/painlog.remind.plist -->
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" \
"http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>Label</key>
    <string>painlog.remind</string>
    <key>ProgramArguments</key>
    <array>
        <string>/bin/sh</string>
        <string>-c</string>
        <string>{escape(script)}</string>
    </array>
    <key>StartCalendarInterval</key>
    <dict>
        <key>Hour</key>
        <integer>{at.hour}</integer>
        <key>Minute</key>
        <integer>{at.minute}</integer>
    </dict>
</dict>
</plist>
"""
