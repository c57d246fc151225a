"""What a finished `painlog` command must look like, for the command-line tests."""

from __future__ import annotations


def ok(result) -> str:
    """The output of a command that succeeded and said nothing on standard error."""
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def refused(result) -> str:
    """The one line of a command refused with status 2, which printed nothing else."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("painlog: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]
