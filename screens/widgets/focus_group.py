"""A container that knows when focus is inside it, so helpers can show only then."""

from __future__ import annotations

from textual.containers import Vertical


class FocusGroup(Vertical):
    """Has the class `-active` while any widget inside it has focus.

    A class (rather than the `:focus-within` pseudo-class) restyles the children too, so
    rules like `.-active > .hint` take effect at once.
    """

    DEFAULT_CSS = """
    FocusGroup {
        height: auto;
    }
    """

    def on_descendant_focus(self) -> None:
        self.add_class("-active")

    def on_descendant_blur(self) -> None:
        self.remove_class("-active")
