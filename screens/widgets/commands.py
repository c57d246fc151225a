"""A command-palette provider that offers a screen's own key bindings by name.

A screen lists it in `COMMANDS`; every binding with a tooltip then shows in ctrl+p as
"Tooltip (key)" and runs the binding's action on the screen, so the palette and the keys
can never disagree about what a screen can do.
"""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class BindingCommands(Provider):
    """The active screen's bindings that carry a tooltip, as palette commands."""

    def _commands(self) -> list[tuple[str, str, object]]:
        screen = self.screen
        found = []
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.tooltip:
                continue
            key = binding.key_display or binding.key.split(",")[0]
            name = f"{binding.tooltip} ({key})"
            run = partial(screen.run_action, binding.action)
            found.append((name, f"{binding.description} on this screen", run))
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = max(matcher.match(name), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
