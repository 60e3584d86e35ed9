"""Text as it may be shown to a person: control characters out, what was written kept elsewhere.

A patient's words reach a clinician's screen (relayed, quoted in an alert or a summary). Escape
sequences there would let them colour, move the cursor or clear the screen, and bidi overrides
reorder what is read, so a line could be drawn that looks like the bot's ("verified with
BankID"). The record keeps the words as written; only what is displayed passes through here.
"""

from __future__ import annotations

import re

# ESC sequences as terminals read them: CSI (ESC [ … final byte), OSC/DCS/SOS/PM/APC strings
# (ESC ] … up to BEL or ESC \; one never ended loses only its opening, not the words after it),
# and two-character ones (ESC 7, ESC c, …). The 8-bit C1 forms (U+009B CSI, U+009D OSC, …) too.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]?"
)
# Line breaks other than \n become \n, so the display decides how a new line looks.
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")
# C0 and C1 controls except tab and newline (NUL, BEL, backspace, ESC left over, DEL, …), and
# the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """`text` without what would act on a screen instead of being read."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", _ESCAPES.sub("", text)))
