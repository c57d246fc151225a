"""The footer every painlog screen shows: Textual's `Footer`, rebuilt only when the keys
it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A `Footer` that rebuilds its keys once per change of what it shows.

    Textual's footer schedules a full rebuild (every key mounted again) for each
    binding change the screen publishes, and a screen coming up publishes several in a
    row (focus set, rows mounted, the diary attached) that mostly leave the shown keys
    as they were.
    """

    _rebuild_pending = False
    _shown: Hashable = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _keys_shown(self) -> Hashable:
        """What the footer would draw: each shown binding with its state."""
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "app.command_palette"
        )

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
