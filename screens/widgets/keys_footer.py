"""The footer every painlog screen shows: Textual's `Footer`, laid out to fit the terminal,
and rebuilt only when the keys it shows or the layout they need change."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

LOW_PRIORITY_ACTIONS = ("command_palette", "quit")
"""Keys left out first when the footer is short of room, in that order: ctrl+p and ctrl+q
also work unseen, and both are listed in Help and in the palette."""


@dataclass(frozen=True, slots=True)
class Key:
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    app_wide: bool
    """A key of the App (the F1-F7 sections, quit), not of the screen in front."""

    def width(self, compact: bool) -> int:
        """Columns it takes, with the gap after it (`f2 Today ` or ` f2 Today `)."""
        return len(self.display) + len(self.description) + (2 if compact else 3)

    @property
    def palette(self) -> bool:
        return _action(self) == "command_palette"


@dataclass(frozen=True, slots=True)
class Layout:
    """The rows of keys the footer draws, and in which style."""

    rows: tuple[tuple[Key, ...], ...]
    compact: bool


def plan(keys: list[Key], width: int) -> Layout:
    """Fit `keys` into `width` columns: one row as Textual draws it if that fits; else one
    compact row; else two compact rows, the screen's keys above the sections.

    The sections (F1-F7) always stay. When two rows are still too short, the palette and
    quit keys go first, then the screen's keys from the last declared (a screen lists its
    main key first). Too narrow even for the sections alone, the keys run on from the
    first row into the second in their usual order.

    Args:
        keys: The screen's keys first, then the App's.
        width: The terminal's width in columns.
    """

    def fits(row, compact: bool) -> bool:
        return sum(key.width(compact) for key in row) <= width

    if fits(keys, compact=False):
        return Layout((tuple(keys),), compact=False)
    if fits(keys, compact=True):
        return Layout((tuple(keys),), compact=True)
    kept = list(keys)
    droppable = [
        *(key for action in LOW_PRIORITY_ACTIONS for key in keys if _action(key) == action),
        *reversed([key for key in keys if not key.app_wide and not key.palette]),
    ]
    while True:
        rows = _two_rows(kept, width)
        if rows is not None or not droppable:
            break
        kept.remove(droppable.pop(0))
    if rows is None:
        rows = _flow(kept, width) or (tuple(kept),)
    return Layout(tuple(row for row in rows if row), compact=True)


def _action(key: Key) -> str:
    return key.action.removeprefix("app.")


def _two_rows(keys: list[Key], width: int) -> tuple[tuple[Key, ...], ...] | None:
    """The screen's keys (and quit, the palette) above the sections, or else the keys run
    on over two rows; None when neither fits."""
    sections = tuple(
        key for key in keys if key.app_wide and _action(key) not in LOW_PRIORITY_ACTIONS
    )
    others = tuple(key for key in keys if key not in sections)
    if all(sum(key.width(True) for key in row) <= width for row in (others, sections)):
        return (others, sections)
    return _flow(keys, width)


def _flow(keys: list[Key], width: int) -> tuple[tuple[Key, ...], ...] | None:
    """`keys` in order, starting a second row where the first is full; None when they need
    a third."""
    rows: list[list[Key]] = [[]]
    used = 0
    for key in keys:
        if used + key.width(True) > width and rows[-1]:
            rows.append([])
            used = 0
        rows[-1].append(key)
        used += key.width(True)
    return tuple(tuple(row) for row in rows) if len(rows) <= 2 else None


class KeysFooter(Footer):
    """A `Footer` that keeps the section keys F1-F7 in view at any width, and rebuilds
    its keys once per change of what it shows.

    Textual's footer is one row that crops what does not fit: at 80 columns that was
    F5 to F7 and F1. This one lays its keys out with `plan` (compact, then two rows).
    Textual's footer also schedules a full rebuild (every key mounted again) for each
    binding change the screen publishes, and a screen coming up publishes several in a
    row (focus set, rows mounted, the diary attached) that mostly leave the shown keys
    as they were.
    """

    DEFAULT_CSS = """
    KeysFooter.-two-rows {
        height: 2;
        layout: vertical;
    }
    KeysFooter > .keys-row {
        width: 1fr;
        height: 1;
    }
    """

    _rebuild_pending = False
    _shown: Hashable = None

    def on_mount(self) -> None:
        super().on_mount()
        # Mounted after its screen (lazily), it may have missed the bindings the screen
        # published first: it takes them as they are now.
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._schedule_rebuild()

    def on_resize(self, event: events.Resize) -> None:
        # Wider or narrower, the keys may need another layout.
        if self._bindings_ready:
            self._schedule_rebuild()

    def _schedule_rebuild(self) -> None:
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> list[Key]:
        """The keys to show: the screen's in their order, then the App's with F1 first,
        then the palette's."""
        by_action: dict[str, Key] = {}
        show_palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        for key, (node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            palette = key == self.app.COMMAND_PALETTE_BINDING
            if (palette and show_palette) or (binding.show and not palette):
                by_action.setdefault(binding.action, self._key(binding, enabled, tooltip, node))
        keys = list(by_action.values())
        return (
            [key for key in keys if not key.app_wide and not key.palette]
            + sorted(
                (key for key in keys if key.app_wide and not key.palette),
                key=lambda key: (_action(key) == "quit", _fkey_number(key.key)),
            )
            + [key for key in keys if key.palette]
        )

    def _key(self, binding: Binding, enabled: bool, tooltip: str, node) -> Key:
        return Key(
            key=binding.key,
            display=self.app.get_key_display(binding),
            description=binding.description,
            action=binding.action,
            enabled=enabled,
            tooltip=tooltip or binding.tooltip or binding.description,
            app_wide=node is self.app,
        )

    def _layout(self) -> Layout:
        width = self.app.size.width
        return plan(self._keys(), width)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        layout = self._layout()
        self.compact = layout.compact
        two_rows = len(layout.rows) > 1
        self.set_class(two_rows, "-two-rows")
        for row in layout.rows:
            if two_rows:
                with HorizontalGroup(classes="keys-row"):
                    yield from self._footer_keys(row, layout.compact)
            else:
                yield from self._footer_keys(row, layout.compact)

    def _footer_keys(self, row: tuple[Key, ...], compact: bool) -> ComposeResult:
        # Each key is made in the style it keeps: the footer is composed again whenever
        # its layout (compact or not) changes, so the keys need no binding to the
        # footer's `compact`, whose watcher restyles every key once more as it mounts.
        # The palette's key is always compact, as in Textual's footer.
        for key in row:
            key_compact = compact or key.palette
            classes = ("-command-palette " if key.palette else "") + (
                "-compact" if key_compact else ""
            )
            footer_key = FooterKey(
                key.key,
                key.display,
                key.description,
                key.action,
                disabled=not key.enabled,
                tooltip=key.tooltip,
                classes=classes,
            )
            footer_key.set_reactive(FooterKey.compact, key_compact)
            yield footer_key

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._layout()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()


def _fkey_number(key: str) -> int:
    """F1 before F2 before F10; keys that are no function key after them."""
    first = key.split(",")[0]
    if first.startswith("f") and first[1:].isdigit():
        return int(first[1:])
    return 100
