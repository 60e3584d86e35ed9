"""Age without e-ID: a patient seeking care for themselves is asked their age once, and a child
under 13 is told kindly to ask a guardian or call 1177. Babies' ages as parents write them reach
triage: a six-week-old with 38.5 goes straight to the emergency department."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.age import AgeWords, parse_age_months, parse_own_age
from bot.config import Config
from bot.texts import Catalogue
from tests.conftest import OPEN_TIME, Chat, Clock, make_chat

LANGUAGE_NUMBER = {"sv": "1", "en": "2", "fi": "3"}
HOW_OLD = {"sv": "Hur gammal är du?", "en": "How old are you?", "fi": "Kuinka vanha olet?"}
TWELVE = {"sv": "jag är 12 år", "en": "I'm 12", "fi": "olen 12 vuotta"}
ASK_A_GUARDIAN = {
    "sv": "Be din vårdnadshavare att söka vård för dig här, eller ring 1177",
    "en": "Ask your parent or guardian to seek care for you here, or call 1177",
    "fi": "Pyydä huoltajaasi hakemaan hoitoa puolestasi täällä tai soita 1177",
}
WHAT_FOR = {"sv": "Vad söker du vård för?", "en": "What", "fi": "Mihin haet hoitoa?"}
DEPARTMENT_WITH_CHILD = {
    "sv": "Åk till närmaste akutmottagning med ditt barn nu.",
    "en": "Take your child to the nearest emergency department now.",
    "fi": "Vie lapsesi nyt lähimpään päivystykseen.",
}
TITLE_CHILD_FEVER = {"sv": "Barn med feber", "en": "Child with fever", "fi": "Kuumeinen lapsi"}
YES = {"sv": "ja", "en": "yes", "fi": "kyllä"}


@pytest.fixture
def words() -> AgeWords:
    return AgeWords.of(Catalogue.load(["sv", "en", "fi"]))


@pytest.mark.parametrize(
    ("typed", "months"),
    [
        ("2 månader", 2),
        ("8 veckor", 1),
        ("6 weeks", 1),
        ("2 kk", 2),
        ("6 viikkoa", 1),
        ("3 mån", 3),
        ("1,5 år", 18),
        ("18 mån", 18),
        ("nyfödd", 0),
        ("Newborn!", 0),
        ("vastasyntynyt", 0),
        ("10 dagar", 0),
        ("13 veckor", 2),  # 91 days: still under 3 months
        ("1 år och 3 mån", 15),
        ("2 months old", 2),
        ("4", 48),
    ],
)
def test_babies_ages_as_parents_write_them(words: AgeWords, typed: str, months: int) -> None:
    assert parse_age_months(typed, words) == months


@pytest.mark.parametrize("typed", ["8 v", "38 grader", "2 år 39", "hej", ""])
def test_an_age_that_could_be_read_two_ways_is_asked_again(words: AgeWords, typed: str) -> None:
    # "8 v" is eight weeks in Swedish and eight years in Finnish: never guessed.
    assert parse_age_months(typed, words) is None


@pytest.mark.parametrize(
    ("typed", "years"),
    [("34", 34), ("jag är 12 år", 12), ("I'm 12", 12), ("olen 34-vuotias", 34), ("8 mån", None)],
)
def test_ones_own_age(words: AgeWords, typed: str, years: int | None) -> None:
    assert parse_own_age(typed, words) == years


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_a_twelve_year_old_seeking_care_alone_is_told_to_ask_a_guardian(
    chat: Chat, lang: str
) -> None:
    chat.age = None
    await chat.say("hej")
    await chat.say(LANGUAGE_NUMBER[lang])
    printed = await chat.say("1")  # myself
    assert HOW_OLD[lang] in printed
    printed = await chat.say(TWELVE[lang])

    assert ASK_A_GUARDIAN[lang] in printed and "112" in printed
    case = await chat.case_of()
    assert case is not None and (case.state, case.priority) == ("cancelled", None)
    assert "Kön är tom." in await chat.say("clinician: !next")

    # Asking again does not change the answer, and the age is not asked a second time.
    await chat.say("!start")
    printed = await chat.say("1")
    assert ASK_A_GUARDIAN[lang] in printed and HOW_OLD[lang] not in printed


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_the_age_is_asked_once_per_account(chat: Chat, lang: str) -> None:
    chat.age = None
    await chat.say("hej")
    await chat.say(LANGUAGE_NUMBER[lang])
    assert HOW_OLD[lang] in await chat.say("1")
    printed = await chat.say("34")
    assert WHAT_FOR[lang] in printed
    await chat.say("!cancel")

    await chat.say("!start")
    printed = await chat.say("1")
    assert HOW_OLD[lang] not in printed and WHAT_FOR[lang] in printed


async def test_an_age_told_a_year_ago_has_grown_by_a_year(chat: Chat) -> None:
    chat.age = None
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    assert "Be din vårdnadshavare" in await chat.say("12")
    chat.clock.advance(days=366)

    await chat.say("!start")
    printed = await chat.say("1")
    assert "Vad söker du vård för?" in printed and "Hur gammal" not in printed


async def test_an_age_not_understood_is_asked_again(chat: Chat) -> None:
    chat.age = None
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    printed = await chat.say("ganska gammal")
    assert "Jag förstod inte din ålder" in printed
    case = await chat.case_of()
    assert case is not None and (case.state, case.step) == ("intake", "self_age")


@pytest.mark.parametrize(
    ("lang", "age"), [("sv", "6 veckor"), ("en", "6 weeks"), ("fi", "6 viikkoa")]
)
async def test_a_six_week_old_with_fever_goes_straight_to_the_emergency_department(
    chat: Chat, lang: str, age: str
) -> None:
    await chat.say("hej")
    await chat.say(LANGUAGE_NUMBER[lang])
    await chat.say("2")
    await chat.say("Mia")
    printed = await chat.say(age)
    assert "Mia" in printed  # the guardian question, not "I did not understand the age"
    await chat.say("1")
    await chat.say(TITLE_CHILD_FEVER[lang])
    printed = await chat.answer_calmly(
        overrides={"fever": YES[lang], "temp_measured": YES[lang], "temperature": "38,5"}
    )

    assert DEPARTMENT_WITH_CHILD[lang] in printed
    case = await chat.case_of()
    assert case is not None
    assert (case.state, case.rule_id) == ("redirected", "infant_fever_under_3_months")


async def test_one_and_a_half_years_reaches_the_clinician_as_eighteen_months(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("2")
    await chat.say("Mia")
    await chat.say("1,5 år")
    await chat.say("1")
    await chat.say("Barn med feber")
    await chat.answer_calmly()
    printed = await chat.say("clinician: !next")
    assert "Gäller barn: Mia, 1 år 6 mån" in printed


async def test_the_clinician_reads_the_age_the_patient_told(chat: Chat) -> None:
    chat.age = "67"
    await chat.start_to_queue()
    chat.clock.advance(days=400)
    printed = await chat.say("clinician: !next")
    assert "Ålder: 68 år (enligt patienten)" in printed


async def test_in_demo_mode_the_typed_personnummer_gives_the_age(tmp_path: Path) -> None:
    config = Config.model_validate(
        {"storage": {"path": str(tmp_path / "demo.db")}, "identity": {"provider": "demo"}}
    )
    chat = await make_chat(tmp_path / "demo.db", Clock(OPEN_TIME), config)
    chat.age = None
    try:
        await chat.say("hej")
        await chat.say("19121212-1212")  # 113 years old: nothing to ask
        await chat.say("1")  # svenska
        await chat.say("hoppa över")
        await chat.say("hoppa över")
        printed = await chat.say("1")  # myself
        assert "Vad söker du vård för?" in printed and "Hur gammal" not in printed
    finally:
        await chat.db.close()
