"""Article text made safe for a terminal.

Articles are untrusted: an escape sequence in their text (an OSC 8 hyperlink,
a cursor move, a title change) would reach the analyst's terminal as a
command, and rich markup in them (`[link=...]`) would be rendered. Terminal
views print article strings as `rich.text.Text` (never parsed as markup)
after `terminal_safe`, which swaps every control character for a visible
one, one for one, so mention offsets into the text stay right.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls but newline, DEL, C1 controls, and the bidirectional overrides
# and isolates that reorder what a terminal shows ("Trojan Source").
_CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def terminal_safe(text: str) -> str:
    """`text` with each control character replaced by U+FFFD (tabs by a space)."""
    return _CONTROL_RE.sub(lambda m: " " if m.group() == "\t" else REPLACEMENT, text)


def safe_text(text: str, style: str = "") -> Text:
    """An untrusted string as rich Text: no markup parsed, no control character kept."""
    return Text(terminal_safe(text), style=style)
