"""The one command registry (issue 16): dispatch, help, Telegram's menus and the README's command
table all come from the commands declared at their handlers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.assembly import build_services
from bot.command_table import README, command_table, readme_table
from bot.commands import ALONE, REGISTRY, Router, help_text, menu_for
from bot.config import Config
from bot.context import Services
from tests.conftest import Chat

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LANGUAGES = ("sv", "en", "fi")


def services(provider: str = "none") -> Services:
    config = Config.model_validate(
        {"storage": {"path": ":memory:"}, "identity": {"provider": provider}}
    )
    return build_services(config, {}, lambda: NOW)


def test_the_readme_table_is_the_registry() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme_table(readme) == command_table(services().texts), (
        "README.md's command table differs from the registry: "
        "run .venv/bin/python -m bot.command_table --write"
    )


def test_every_command_has_its_texts_in_every_language() -> None:
    everything = services("demo")
    texts = everything.texts
    # Telegram has a menu for patients and one for the staff group.
    in_menus = REGISTRY.for_role("patient", everything) + REGISTRY.for_role("clinician", everything)
    for spec in REGISTRY.all():
        keys = [spec.help, spec.menu if spec in in_menus else None, spec.usage or None]
        for key in filter(None, keys):
            for lang in LANGUAGES:
                assert key in texts.entries[lang], f"{spec.name}: no {key} in {lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_patient_help_lists_each_patient_command_and_e_id_ones_only_with_e_id(lang: str) -> None:
    without = help_text(services(), "patient", lang)
    with_eid = help_text(services("demo"), "patient", lang)
    texts = services().texts
    for name in ("start", "status", "worse", "cancel", "language", "mobile", "access", "help"):
        assert texts.get(lang, f"help.commands.{name}") in without
    for name in ("email", "misused"):
        line = texts.get(lang, f"help.commands.{name}")
        assert line not in without and line in with_eid
    # The emergency numbers close the help, after every command.
    assert with_eid.endswith(texts.get(lang, "help.patient_end"))


def test_staff_help_is_what_each_role_may_use() -> None:
    clinician = help_text(services(), "clinician", "sv")
    admin = help_text(services(), "admin", "sv")
    # A clinician is told of the video link, the visit hand-over and the figures they may see.
    for line in ("!video – ", "!visit – ", "!stats – ", "!hours – ", "!next – "):
        assert line in clinician
    assert "!staff list" not in clinician and "!deadletters" not in clinician
    # An admin takes no cases: no `!next` offered that would only be refused.
    assert "!next – " not in admin and "!queue – " in admin and "!deadletters list" in admin


def test_telegram_menus_have_every_command_of_the_role() -> None:
    patient = dict(menu_for(services(), "patient", "sv"))
    assert {"mobile", "access", "language", "help"} <= set(patient)
    assert "misused" not in patient and "email" not in patient
    assert {"misused", "email"} <= set(dict(menu_for(services("demo"), "patient", "en")))
    staff = dict(menu_for(services(), "clinician", "en"))
    assert staff["next"] == "Take the next case"
    assert {"stats", "hours", "queue"} <= set(staff) and "staff" not in staff
    assert all(description for description in staff.values())


def test_a_word_cannot_mean_two_commands() -> None:
    with pytest.raises(ValueError, match="sämre"):
        Router("patient").command("better", sv=("sämre",), bare=ALONE)(lambda desk, call: None)
    assert REGISTRY.find("better", "patient") is None and "better" not in REGISTRY.words


async def test_an_argument_is_checked_before_the_handler(chat: Chat) -> None:
    await chat.start_to_queue()
    assert "Hittar inget ärende x." in await chat.say("clinician: !take x")
    assert "Hittar inget ärende ?." in await chat.say("clinician: !take")
    case = await chat.case_of()
    assert case is not None and case.state == "queued"  # nothing was taken
    usage = "Skriv !språk sv för svenska, !språk en för engelska eller !språk fi för finska."
    assert usage in await chat.say("!språk klingon")
    assert "Okänt utfall x." not in await chat.say("clinician: !close x")  # no case yet


async def test_a_case_command_needs_a_case_before_its_argument(chat: Chat) -> None:
    said = await chat.say("clinician: !note")
    assert "Du har inget aktivt ärende." in said
    assert "Skriv !note följt av anteckningen." not in said
