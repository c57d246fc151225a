"""The README says what the code does: its alert table lists every kind, in order, with
its severity, and the warning signs `--flag` takes are the catalogue's."""

from __future__ import annotations

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
