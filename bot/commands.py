"""Command words: the same on every platform, with `/` or `!`, plus Swedish and Finnish aliases."""

from __future__ import annotations

from dataclasses import dataclass

PATIENT_COMMANDS = frozenset(
    {
        "start",
        "status",
        "worse",
        "cancel",
        "language",
        "help",
        "back",
        "mobile",
        "privacy",
        "mydata",
        "access",
        "email",
        "misused",
    }
)
STAFF_COMMANDS = frozenset(
    {
        "queue",
        "next",
        "take",
        "release",
        "note",
        "close",
        "newcase",
        "video",
        "visit",
        "end",
        "resume",
    }
)
ADMIN_COMMANDS = frozenset({"staff", "hours", "closed", "stats", "lexicon", "audit", "deadletters"})
# Admin commands that clinicians may use as well.
STAFF_ROOM_ADMIN_COMMANDS = frozenset({"stats", "hours"})
# Commands that the bare word (without / or !) may trigger, when no free text is expected.
BARE_WORDS = frozenset(
    {"start", "status", "worse", "cancel", "help", "back", "privacy", "mydata", "access"}
)
# ...and those that the bare word may trigger with an argument ("mobil 070-123 45 67").
# `misused` is never a bare word: "missbruk" is also what some patients seek care for.
BARE_WITH_ARGUMENT = frozenset({"mobile", "language", "email"})

ALIASES = {
    # Swedish
    "börja": "start",
    "starta": "start",
    "sämre": "worse",
    "avbryt": "cancel",
    "språk": "language",
    "hjälp": "help",
    "tillbaka": "back",
    "mobil": "mobile",
    "integritet": "privacy",
    "minadata": "mydata",
    "åtkomst": "access",
    "loggar": "access",
    "mobilnummer": "mobile",
    "epost": "email",
    "e-post": "email",
    "mejl": "email",
    "missbruk": "misused",
    "ångra": "back",
    "kö": "queue",
    "kön": "queue",
    "nästa": "next",
    "ta": "take",
    "släpp": "release",
    "anteckning": "note",
    "avsluta": "close",
    "nyttärende": "newcase",
    "personal": "staff",
    "öppettider": "hours",
    "stängt": "closed",
    "statistik": "stats",
    "undanlagda": "deadletters",
    "besök": "visit",
    # Finnish
    "aloita": "start",
    "tila": "status",
    "huonompi": "worse",
    "peruuta": "cancel",
    "kieli": "language",
    "apua": "help",
    "ohje": "help",
    "takaisin": "back",
    "puhelin": "mobile",
    "tietosuoja": "privacy",
    "omattiedot": "mydata",
    "käyttöloki": "access",
    "sähköposti": "email",
    "väärinkäyttö": "misused",
    "jono": "queue",
    "seuraava": "next",
}

CLOSE_OUTCOMES = {
    "advice": "advice",
    "råd": "advice",
    "neuvonta": "advice",
    "video": "video",
    "visit": "visit",
    "besök": "visit",
    "käynti": "visit",
    "referred": "referred",
    "remiss": "referred",
    "lähete": "referred",
    "not_reached": "not_reached",
    "notreached": "not_reached",
    "ejnådd": "not_reached",
    "ej_nådd": "not_reached",
}


@dataclass(frozen=True)
class Command:
    name: str
    args: str
    explicit: bool


def parse_command(text: str) -> Command | None:
    """A command, if the message is one. Unknown `/words` come back with their name as typed."""
    stripped = text.strip()
    if not stripped:
        return None
    explicit = stripped[0] in "/!"
    body = stripped[1:] if explicit else stripped
    word, _, rest = body.partition(" ")
    # Telegram adds the bot's name in groups: /next@minvard_bot
    word = word.split("@", 1)[0].casefold()
    name = ALIASES.get(word, word)
    if explicit:
        if not word:
            return None
        return Command(name, rest.strip(), True)
    if name in BARE_WORDS and not rest.strip():
        return Command(name, "", False)
    if name in BARE_WITH_ARGUMENT and rest.strip():
        return Command(name, rest.strip(), False)
    return None


def is_known(name: str) -> bool:
    return name in PATIENT_COMMANDS or name in STAFF_COMMANDS or name in ADMIN_COMMANDS
