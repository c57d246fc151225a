"""The README says what the code does: its alert table lists every kind, in order, with
its severity, and the warning signs `--flag` takes are the catalogue's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from painlog.rules.alerts import KINDS, SEVERITY
from painlog.seeds import catalogue

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None]


def test_the_alert_table_has_every_kind_in_order_with_its_severity():
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", section("Alerts"), re.MULTILINE)
    assert [kind for kind, _ in rows] == list(KINDS)
    assert {kind: severity for kind, severity in rows} == SEVERITY


def test_the_flags_listed_for_the_command_line_are_the_catalogues():
    bullet = section("Command line").split("- `--flag`:")[1].split("\n- ")[0]
    listed = {
        slug
        for group in re.findall(r"`([a-z,\s-]+)`", bullet)
        for slug in re.split(r",\s*", group)
        if slug and not slug.startswith("painlog")
    }
    assert listed == {flag.slug for flag in catalogue().red_flags}


def test_the_coded_export_section_names_every_code_it_writes():
    from datetime import date

    from painlog.rules.records import DayLog, ExerciseDone
    from painlog.store.fhir import fhir_bundle

    start = README.index("\n### A coded export (FHIR)\n")
    text = README[start : README.index("\n##", start + 1)]
    day = DayLog(date(2026, 11, 21), 4, worst=6, exercises=(ExerciseDone("walking", minutes=30),))
    written = set()
    waiting = [json.loads(fhir_bundle([day], catalogue()))]
    while waiting:
        item = waiting.pop()
        if isinstance(item, dict):
            if "system" in item:
                written.add((item["system"], item["code"]))
            waiting += item.values()
        elif isinstance(item, list):
            waiting += item
    assert {code for _, code in written} == {"72514-3", "survey", "activity", "min"}
    for system, code in written:
        assert f"`{code}`" in text and system in text
    # Codes not confirmed against LOINC's own tables say so where they are named.
    bullets = [" ".join(bullet.split()).lower() for bullet in text.split("\n- ")[1:]]
    for code in ("72514-3", "91148-7", "91147-9"):
        (bullet,) = [bullet for bullet in bullets if f"`{code}`" in bullet]
        assert "not checked against loinc's own tables" in bullet


def test_the_reminders_shown_are_the_ones_remind_setup_prints():
    from datetime import time

    from painlog.cli.remind import setup_text

    text = section("Reminders: `painlog remind`")
    for target in ("cron", "systemd", "launchd"):
        printed = setup_text(target, time(20, 0), ["/opt/painlog/bin/painlog"])
        shown = printed.splitlines()[-1] if target == "cron" else printed.rstrip()
        assert shown in text, target
