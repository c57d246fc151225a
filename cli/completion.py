"""`painlog completion SHELL`: the script that makes Tab complete painlog's words.

Completion comes from argcomplete, which reads the same parser the commands use, so a new
option is offered on Tab without a line here. The script asks `painlog` itself for the
words (see `main`), so it keeps up with the person's own exercises.
"""

from __future__ import annotations

import argparse

from painlog.cli import EXIT_OK, CommandFactory

SHELLS = ("bash", "zsh", "fish")

EPILOG = """\
examples:
  eval "$(painlog completion bash)"              in ~/.bashrc
  eval "$(painlog completion zsh)"               in ~/.zshrc, after compinit
  painlog completion fish > ~/.config/fish/completions/painlog.fish

Tab then completes commands, options, places, exercises (yours included) and warning
signs: painlog log 4 --did wal<Tab> gives walking."""


def register(command: CommandFactory) -> None:
    """Add the `completion` subcommand."""
    completion = command("completion", "print the script that turns on Tab completion", EPILOG)
    shell = completion.add_argument("shell", metavar="SHELL", help="bash, zsh or fish")
    shell.completer = complete_shell  # type: ignore[attr-defined]
    completion.set_defaults(handler=run)


def complete_shell(prefix: str, parsed_args=None, **_ignored) -> list[str]:
    """The shells a script is written for."""
    return [shell for shell in SHELLS if shell.startswith(prefix)]


def run(args: argparse.Namespace) -> int:
    from painlog.rules.entry import InvalidInput

    shell = args.shell.strip().lower()
    if shell not in SHELLS:
        raise InvalidInput("shell", args.shell, "bash, zsh or fish")
    # Imported here, as in `main`: no other command pays for it.
    import argcomplete

    print(argcomplete.shellcode(["painlog"], shell=shell), end="")
    return EXIT_OK
