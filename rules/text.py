"""Free text is text: what painlog refuses in a note or a name, and how it shows what an
older diary may still hold.

A terminal obeys control characters: an ESC sequence in a note printed raw could retitle
the window, write the clipboard (OSC 52) or blank the screen. So notes and names are
refused when they hold one (line breaks and tabs are text and are kept), and anything
shown from a diary goes through `shown_text`, which makes any control character left in
it (written by an older painlog, or by hand) visible as `\\x1b`, never raw.
"""

from __future__ import annotations

import re

KEPT_CONTROLS = "\t\n\r"
"""Control characters that are text: tab and the line breaks (`\\n`, `\\r\\n`, `\\r`)."""

_REFUSED = "".join(
    chr(code)
    for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
    if chr(code) not in KEPT_CONTROLS
)
REFUSED_CONTROLS = frozenset(_REFUSED)
"""C0 (NUL to US, ESC among them) but tab and line breaks, DEL, and C1 (0x80-0x9f)."""

_REFUSED_PATTERN = re.compile(f"[{re.escape(_REFUSED)}]")
_BREAKS = re.compile(r"\r\n?|\n")


def escaped_control(character: str) -> str:
    """`\\x1b` for ESC: a control character as four visible characters."""
    return f"\\x{ord(character):02x}"


def control_characters(text: str) -> list[str]:
    """The refused control characters in `text`, each once, in the order they appear."""
    return list(dict.fromkeys(_REFUSED_PATTERN.findall(text)))


def check_text(field: str, text: str) -> None:
    """Refuse text holding a control character other than a tab or a line break.

    Args:
        field: The name the person knows the field by (`note`, `name`).
        text: What was typed or imported.

    Raises:
        InvalidInput: naming `field`, the text (its controls escaped), the characters
            found and where the first one is.
    """
    found = _REFUSED_PATTERN.search(text)
    if found is None:
        return
    # Imported here: this module is also what every screen shows text through, and the
    # first frame should not pay for the checks' imports (the catalogue among them).
    from painlog.rules.entry import InvalidInput

    names = ", ".join(escaped_control(ch) for ch in control_characters(text))
    raise InvalidInput(
        field,
        text,
        f"text without control characters (found {names}, the first at character "
        f"{found.start() + 1}); line breaks and tabs are kept",
    )


def shown_text(text: str, breaks: str | None = "\n") -> str:
    """`text` as it may be written to a terminal or a screen: every control character but
    a tab and a line break shown escaped (`\\x1b`), never raw.

    Args:
        text: A note or a name as the diary holds it.
        breaks: What each line break (`\\n`, `\\r\\n` or a lone `\\r`) becomes: `\\n` for a
            terminal (a raw carriage return would let the rest of a line overwrite its
            start), ` ⏎ ` for a place one line high, or None to keep each as it is (a
            note put back in an editor keeps its line ends).

    Returns:
        The text with each refused control character as `\\xNN`.
    """
    if not text:
        return text
    shown = _REFUSED_PATTERN.sub(lambda match: escaped_control(match.group()), text)
    if breaks is not None and ("\r" in shown or breaks != "\n"):
        shown = _BREAKS.sub(breaks, shown)
    return shown


def counted(count: int, word: str) -> str:
    """`1 day`, `2 days`: a count with its noun in the right number (regular plurals)."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
