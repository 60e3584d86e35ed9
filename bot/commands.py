"""Command words and the one registry of commands (issue 16).

Every command is declared where its handler is, with a router's decorator, in the spirit of
aiogram's routers and maubot's `@command.new`:

    @PATIENT.command("worse", sv=("sämre",), fi=("huonompi",), bare=ALONE)
    def _worse(self, call: PatientCall) -> None: ...

The declaration names the command (its English word), its Swedish and Finnish aliases, who may
use it, its argument (of a kind checked before the handler is called, and the text said when it
does not fit) and its line in the help text catalogue. Dispatch, `help`, Telegram's command menus
and the README's command table are all read from here. Commands are the same on every platform,
with `/` or `!`; some may also be typed as a bare word.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from bot.context import Services
    from bot.turn import Turn
    from storage.records import Case, StaffMember

Role = Literal["patient", "clinician", "admin"]
PATIENTS: frozenset[Role] = frozenset({"patient"})
CLINICIANS: frozenset[Role] = frozenset({"clinician"})
ADMINS: frozenset[Role] = frozenset({"admin"})
STAFF: frozenset[Role] = frozenset({"clinician", "admin"})

# Whether the word without `/` or `!` is the command too (only when no free text is expected):
# never, alone on the line ("status"), or with an argument ("mobil 070-123 45 67").
Bare = Literal["never", "alone", "with_argument"]
NEVER: Bare = "never"
ALONE: Bare = "alone"
WITH_ARGUMENT: Bare = "with_argument"

# The routers, in the order help, menus and the README list them. Patients' commands and staff's
# are two sides: a word may be a command on both (help), each with its own handler.
SIDES = {"patient": "patient", "staff": "staff", "admin": "staff"}
# The modules whose routers declare commands; imported when the registry is first read, since
# they import this module themselves.
_DECLARING = ("bot.patient", "bot.clinician", "bot.admin")

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
# No case id is larger than SQLite's INTEGER; a larger number cannot even be looked up.
_LARGEST_CASE_ID = 2**63 - 1


# -- arguments -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What an argument must be: `parse` gives its value, or None when the text is not one."""

    name: str
    parse: Callable[[str, Services], object | None]
    # How the typed text is quoted back in the refusal ("Okänt utfall {outcome}").
    quoted: Callable[[str], str] = lambda text: text


def case_number(text: str) -> int | None:
    """`12` or `#12`; None for anything else, and for numbers no case can have."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdecimal():
        return None
    number = int(cleaned)
    return number if number <= _LARGEST_CASE_ID else None


def _first_word(text: str) -> str:
    return text.split()[0].casefold() if text.split() else ""


TEXT = Kind("text", lambda text, _: text or None)
CASE_NUMBER = Kind("case number", lambda text, _: case_number(text), lambda text: text or "?")
OUTCOME = Kind(
    "outcome", lambda text, _: CLOSE_OUTCOMES.get(_first_word(text)), lambda t: _first_word(t)
)


@dataclass(frozen=True)
class Arg:
    """A command's argument. `shown` is how help and the README write it (NUMBER, TEXT)."""

    shown: str
    kind: Kind
    required: bool = True
    default: object = None
    # The refusal text's field for what was typed, if it quotes it ({case}, {outcome}).
    field: str = ""


@dataclass(frozen=True)
class Refusal:
    key: str
    values: dict[str, Any]


# -- declarations ----------------------------------------------------------------------------------

Handler = Callable[[Any, Any], None]
H = TypeVar("H", bound=Handler)


@dataclass(frozen=True)
class Spec:
    """One declared command of one side."""

    name: str
    router: str
    roles: frozenset[Role]
    handler: Handler
    sv: tuple[str, ...] = ()
    fi: tuple[str, ...] = ()
    arg: Arg | None = None
    # Said (in the reader's language) when the argument is missing or not of its kind.
    usage: str = ""
    # The line in help; None for a command help does not list (staff's own `help`).
    help: str | None = None
    bare: Bare = NEVER
    # Acts on one case of a clinician's (which must then be named when they have several).
    case: bool = False
    # Offered only where this part is on ("identity": e-ID).
    needs: str | None = None

    @property
    def side(self) -> str:
        return SIDES[self.router]

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.sv + self.fi

    @property
    def menu(self) -> str:
        """The short description in Telegram's command menu."""
        group = "commands" if self.side == "patient" else "staff_commands"
        return f"telegram.{group}.{self.name}"

    def offered(self, services: Services) -> bool:
        return self.needs != "identity" or services.config.identity.enabled

    def check(self, args: str, services: Services) -> object | Refusal:
        """The argument's value, or what to say instead of calling the handler."""
        arg = self.arg
        if arg is None:
            return None
        text = args.strip()
        if not text and not arg.required:
            return arg.default
        value = arg.kind.parse(text, services) if text else None
        if value is not None:
            return value
        return Refusal(self.usage, {arg.field: arg.kind.quoted(text)} if arg.field else {})


class Router:
    """The commands one desk answers; `@router.command(...)` declares one with its handler."""

    def __init__(self, name: str) -> None:
        assert name in SIDES
        self.name = name

    def command(
        self,
        name: str,
        *,
        roles: frozenset[Role] | None = None,
        sv: tuple[str, ...] = (),
        fi: tuple[str, ...] = (),
        arg: Arg | None = None,
        usage: str = "",
        help: str | None = "",
        bare: Bare = NEVER,
        case: bool = False,
        needs: str | None = None,
    ) -> Callable[[H], H]:
        default_roles = {"patient": PATIENTS, "staff": CLINICIANS, "admin": ADMINS}[self.name]
        group = "commands" if SIDES[self.name] == "patient" else "staff_commands"

        def register(handler: H) -> H:
            REGISTRY.add(
                Spec(
                    name,
                    self.name,
                    roles or default_roles,
                    handler,
                    sv,
                    fi,
                    arg,
                    usage,
                    f"help.{group}.{name}" if help == "" else help,
                    bare,
                    case,
                    needs,
                )
            )
            return handler

        return register


@dataclass
class Registry:
    specs: list[Spec] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    loaded: bool = False
    # `all()` in order, made again after an `add`: every message asks (`word`, `find`).
    _ordered: list[Spec] | None = field(default=None, repr=False, compare=False)

    def add(self, spec: Spec) -> None:
        if any(s.name == spec.name and s.side == spec.side for s in self.specs):
            raise ValueError(f"command {spec.name} declared twice for {spec.side}")
        words = (spec.name, *spec.aliases)
        for word in words:
            if self.words.get(word, spec.name) != spec.name:
                raise ValueError(f"{word} is already a word for {self.words[word]}")
        arg = spec.arg
        if arg is not None and not spec.usage and (arg.required or arg.kind is not TEXT):
            raise ValueError(f"command {spec.name}: an argument that can be refused needs usage")
        self.words.update(dict.fromkeys(words, spec.name))
        self.specs.append(spec)
        self._ordered = None

    def all(self) -> list[Spec]:
        if not self.loaded:
            for module in _DECLARING:
                importlib.import_module(module)
            self.loaded = True
        if self._ordered is None:
            order = list(SIDES)
            self._ordered = sorted(self.specs, key=lambda s: order.index(s.router))
        return list(self._ordered)  # the caller's own: the order stays as it is

    def find(self, name: str, side: str) -> Spec | None:
        return next((s for s in self.all() if s.name == name and s.side == side), None)

    def named(self, name: str) -> Iterator[Spec]:
        return (s for s in self.all() if s.name == name)

    def word(self, typed: str) -> str:
        self.all()
        return self.words.get(typed, typed)

    def for_role(self, role: Role, services: Services) -> list[Spec]:
        """What `role` may use, as help and menus list it: a staff member's list leaves out
        what patients have too (their help is `!help` itself)."""
        side = "patient" if role == "patient" else "staff"
        return [
            s
            for s in self.all()
            if role in s.roles and s.side == side and s.help is not None and s.offered(services)
        ]


REGISTRY = Registry()


@dataclass(frozen=True)
class StaffCall:
    """What a staff or admin command's handler is given. `case` is the one case a case command
    acts on (found, or the clinician told why not, before the handler is called)."""

    turn: Turn
    member: StaffMember
    active: list[Case]
    case: Case | None
    args: str
    value: object

    @property
    def the_case(self) -> Case:
        assert self.case is not None, "only case commands have a case"
        return self.case


# -- reading what was typed ------------------------------------------------------------------------


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
    name = REGISTRY.word(word)
    if explicit:
        if not word:
            return None
        return Command(name, rest.strip(), True)
    bare = {s.bare for s in REGISTRY.named(name)}
    if ALONE in bare and not rest.strip():
        return Command(name, "", False)
    if WITH_ARGUMENT in bare and rest.strip():
        return Command(name, rest.strip(), False)
    return None


def is_known(name: str) -> bool:
    return any(True for _ in REGISTRY.named(name))


# -- what is generated from it ---------------------------------------------------------------------


def help_text(services: Services, role: Role, lang: str) -> str:
    """`help` for a patient, clinician or admin: a heading, a line per command they may use."""
    texts = services.texts
    heading = {"patient": "help.patient", "clinician": "help.staff", "admin": "help.admin"}[role]
    lines = [texts.get(lang, heading)]
    lines += [texts.get(lang, s.help) for s in REGISTRY.for_role(role, services) if s.help]
    ending = {"patient": "help.patient_end", "clinician": "help.staff_end"}.get(role)
    if ending:
        lines.append(texts.get(lang, ending))
    return "\n".join(lines)


def menu_for(services: Services, role: Role, lang: str) -> list[tuple[str, str]]:
    """(command, description) for a platform's command menu (Telegram's setMyCommands)."""
    return [(s.name, services.texts.get(lang, s.menu)) for s in REGISTRY.for_role(role, services)]
