"""Demo identity, for trying the bot without e-ID: the patient types a personnummer in the chat.

Off by default. A typed personnummer is never an identity except here, and the bot must announce
demo mode in every session (text key :data:`DEMO_WARNING_TEXT_KEY`); ``minvard check`` warns
loudly while it is on.
"""

from __future__ import annotations

from datetime import datetime

from bot.identity import PersonalNumber, parse_personnummer, stockholm_date

PROVIDER = "demo"
# Text catalogue keys (bot/texts/*.yaml) the core uses in demo mode.
DEMO_WARNING_TEXT_KEY = "identity.demo_warning"
DEMO_PROMPT_TEXT_KEY = "identity.demo_prompt"
DEMO_INVALID_TEXT_KEY = "identity.demo_invalid"


def demo_identity(text: str, now: datetime) -> PersonalNumber | None:
    """The personnummer typed in ``text`` if it is valid on the Stockholm date of ``now``."""
    return parse_personnummer(text, stockholm_date(now))
