"""Every text key the code uses exists in Swedish, English and Finnish, and every key in the
catalogue is used: a missing key is a KeyError in front of a patient, an unused one is a text
nobody reads but translators keep up.

The code is read, not run: every string constant that looks like a catalogue key, and every
f-string that starts with a catalogue section ("urgent.{advice}_busy"). An f-string's members
cannot be read from the code, so each family is listed below, from the code's own constants
where it has them; a new f-string key fails here until its family is listed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

from bot.commands import CLOSE_OUTCOMES, REGISTRY
from bot.identity.desk import CONTACT_STEPS
from bot.jobs import _sms_state
from bot.moderation.lexicon import CATEGORIES
from bot.privacy import ACTIONS
from bot.queue import ElsewhereAdvice
from bot.texts import Catalogue

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("adapters", "bot", "flows", "storage")
LANGUAGES = ("sv", "en", "fi")
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")

# Dotted strings in the code that name something else than a text.
NOT_TEXTS = {
    "identity.oidc": "a config section named in a config error",
    "admin.{language}.{number}": "the id of a lexicon entry an admin adds",
    "hours.closures.{number}: {_CLOSURE_PROBLEMS[problem]}": "a config error's key path",
}


def _families() -> dict[str, set[str]]:
    specs = REGISTRY.all()
    return {
        "answer_error.{parsed.error}": {
            f"answer_error.{code}"
            for code in (
                "empty",
                "too_long",
                "not_yes_no",
                "not_a_choice",
                "not_integer",
                "not_number",
                "out_of_range",
            )
        },
        "closed.{outcome}": {f"closed.{outcome}" for outcome in set(CLOSE_OUTCOMES.values())},
        "dead_letters.direction_{letter.direction}": {
            "dead_letters.direction_in",
            "dead_letters.direction_out",
        },
        "dead_letters.status_{letter.status}": {
            f"dead_letters.status_{status}" for status in ("new", "retrying", "retried", "dropped")
        },
        "help.{group}.{name}": {spec.help for spec in specs if spec.help is not None},
        "identity.contact_{step}": {
            f"identity.contact_{step}" for step in CONTACT_STEPS if step != "language"
        },
        "identity.how.{login.provider}": {
            f"identity.how.{provider}" for provider in ("oidc", "bankid", "demo")
        },
        "jobs.sms_{_sms_state(sent[-1])}": {
            f"jobs.sms_{_sms_state(status)}" for status in ("delivered", "failed", "queued")
        },
        "language.name_{offered}": {f"language.name_{code}" for code in LANGUAGES},
        "moderation.category.{category}": {
            f"moderation.category.{category}" for category in CATEGORIES
        },
        "privacy.action.{action}": {f"privacy.action.{action}" for action in ACTIONS},
        # Telegram's menus are the patient's and the clinician's (menu_for), not the admin's.
        "telegram.{group}.{self.name}": {
            spec.menu
            for spec in specs
            if spec.help is not None and spec.roles & {"patient", "clinician"}
        },
        "urgent.{advice}_busy": {f"urgent.{advice}_busy" for advice in get_args(ElsewhereAdvice)},
        "urgent.{advice}_closed": {
            f"urgent.{advice}_closed" for advice in get_args(ElsewhereAdvice)
        },
        "words.{key}": {f"words.{key}" for key in ("years", "months", "weeks", "days", "newborn")},
    }


# Keys put together another way than an f-string: the file that does it, and how.
BUILT_OTHERWISE = {
    "outcome.call_112_child": ("bot/questionnaire_walk.py", 'key += "_child"'),
    "outcome.emergency_department_child": ("bot/questionnaire_walk.py", 'key += "_child"'),
}


def _template(node: ast.JoinedStr) -> str:
    return "".join(
        part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
        for part in node.values
    )


def _code_keys(sections: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Literal keys and f-string templates in the code, each with where it is first used."""
    literal: dict[str, str] = {}
    templates: dict[str, str] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parts_of_fstrings = {
                id(part)
                for node in ast.walk(tree)
                if isinstance(node, ast.JoinedStr)
                for part in node.values
            }
            where = str(path.relative_to(ROOT))
            for node in ast.walk(tree):
                if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                    head = str(node.values[0].value)
                    if "." in head and head.split(".")[0] in sections:
                        templates.setdefault(_template(node), f"{where}:{node.lineno}")
                elif (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in parts_of_fstrings
                    and KEY.match(node.value)
                    and node.value.split(".")[0] in sections
                ):
                    literal.setdefault(node.value, f"{where}:{node.lineno}")
    return literal, templates


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(LANGUAGES)


@pytest.fixture(scope="module")
def code(catalogue: Catalogue) -> tuple[dict[str, str], dict[str, str]]:
    sections = {key.split(".")[0] for key in catalogue.entries["sv"]}
    return _code_keys(sections)


def _missing(catalogue: Catalogue, key: str) -> list[str]:
    return [lang for lang in LANGUAGES if key not in catalogue.entries[lang]]


def test_every_literal_key_exists_in_every_language(
    catalogue: Catalogue, code: tuple[dict[str, str], dict[str, str]]
) -> None:
    literal, _ = code
    assert len(literal) > 300  # the walk found the code's keys at all
    missing = {
        f"{key} ({where})": _missing(catalogue, key)
        for key, where in literal.items()
        if key not in NOT_TEXTS and _missing(catalogue, key)
    }
    assert missing == {}


def test_every_fstring_key_family_is_listed_and_exists(
    catalogue: Catalogue, code: tuple[dict[str, str], dict[str, str]]
) -> None:
    _, templates = code
    families = _families()
    unlisted = {t: where for t, where in templates.items() if t not in families | NOT_TEXTS}
    assert unlisted == {}, "list the members of these key families in _families()"
    stale = sorted(set(families) - set(templates))
    assert stale == [], "these families are no longer built in the code"
    for template, members in families.items():
        shape = re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z0-9_]+", re.escape(template)) + "$")
        assert members, template
        assert [m for m in members if not shape.match(m)] == [], template
        missing = {m: _missing(catalogue, m) for m in sorted(members) if _missing(catalogue, m)}
        assert missing == {}, template


def test_keys_built_otherwise_exist() -> None:
    catalogue = Catalogue.load(LANGUAGES)
    for key, (path, how) in BUILT_OTHERWISE.items():
        assert how in (ROOT / path).read_text(encoding="utf-8"), (key, path)
        assert _missing(catalogue, key) == [], key


def test_every_catalogue_key_is_used(
    catalogue: Catalogue, code: tuple[dict[str, str], dict[str, str]]
) -> None:
    literal, _ = code
    used = set(literal) | set(BUILT_OTHERWISE)
    for members in _families().values():
        used |= members
    # One-word keys (e.g. "weekdays") are used as plain string constants.
    words = {
        node.value
        for folder in SOURCES
        for path in (ROOT / folder).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    unused = sorted(k for k in catalogue.entries["sv"] if k not in used and k not in words)
    assert unused == []
