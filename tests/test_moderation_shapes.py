"""Tone rules that hold on words nobody tuned for (issue 14): productive shapes, not lists.

Compounds, vocatives, weapon threats, sexual requests aimed at staff, and hate codes that count
only when they stand alone. Every message here is new: none is a lexicon example.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.moderation import Moderator, check_lexicon
from tests.conftest import Chat


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        # Compounds: a head with an insulting last part, and ethnic or Sámi stems.
        ("Din vårdcentralsjävel, svara!", "sv", "insult"),
        ("Du är en surkärring.", "sv", "insult"),
        ("Ditt pisshuvud.", "sv", "insult"),
        ("Jävla lappjävlar.", "sv", "discrimination"),
        ("Finnpajsare som du.", "sv", "discrimination"),
        ("Din samehora.", "sv", "discrimination"),
        ("Saamelaispaska.", "fi", "discrimination"),
        # Vocatives: a noun that only insults when said to someone.
        ("Din gamla häxa.", "sv", "insult"),
        ("Ditt feta svin.", "sv", "insult"),
        ("You disgusting rat.", "en", "insult"),
        ("Senkin lehmä.", "fi", "insult"),
        ("Sä vitun nilkki.", "fi", "insult"),
        # A slur said to someone, although the word is on the medical allowlist.
        ("Din bög.", "sv", "discrimination"),
        ("Senkin homo.", "fi", "discrimination"),
        # Threats: a weapon and coming with it; staff and their family; where you live.
        ("Jag kommer till vårdcentralen med ett gevär.", "sv", "threat"),
        ("Imorgon dyker jag upp med yxan.", "sv", "threat"),
        ("I'll turn up at your surgery with a shotgun.", "en", "threat"),
        ("Mä tuun vastaanotolle kirveen kanssa.", "fi", "threat"),
        ("Jag vet vilken förskola dina barn går på.", "sv", "threat"),
        ("I know what time you leave work.", "en", "threat"),
        ("Tiedän missä sä asut.", "fi", "threat"),
        ("I'll be waiting by your car when your shift is over.", "en", "threat"),
        # Sexual requests and comments aimed at staff, without a swear word.
        ("Kan du skicka ett foto på dig?", "sv", "sexual_harassment"),
        ("Do you want to go on a date with me?", "en", "sexual_harassment"),
        ("Lähetä kuva susta.", "fi", "sexual_harassment"),
        # Evasions: spacing, leet, missing diacritics, stretched letters, invisible characters.
        ("l a p p j ä v e l", "sv", "discrimination"),
        ("Din h4xk4rring", "sv", "insult"),
        ("din haxkarring", "sv", "insult"),
        ("Din häääxa", "sv", "insult"),
        ("Din hä\u200bxa", "sv", "insult"),
    ],
)
def test_shapes_nobody_listed_get_their_category(
    moderator: Moderator, text: str, lang: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category


@pytest.mark.parametrize(
    "text",
    [
        "Jag kommer till vårdcentralen med ett gevär.",
        "Tuun sinne puukon kanssa.",
        "I'll come to the clinic with a gun.",
    ],
)
def test_weapon_threats_alert_staff_in_any_language(moderator: Moderator, text: str) -> None:
    assert moderator.check(text).action == "alert_staff"


@pytest.mark.parametrize(
    "text",
    [
        "rad 1488 i journalen är fel",
        "Ring mig på 070-1488 122.",
        "070 14 88 122",
        "Mitt ärendenummer är 1488.",
        "Storgatan 14, 881 22 Sollefteå",
        "Hb 148, B-glukos 8,8",
        "room 88",
        "Min mamma är 88 år.",
        "88",
        "Dosen är 1488 mg per dygn.",
        "Verenpaine oli 148/88.",
    ],
)
def test_numbers_in_numbers_are_not_hate_codes(moderator: Moderator, text: str) -> None:
    assert "discrimination" not in moderator.check(text).categories


@pytest.mark.parametrize("text", ["1488", "Hälsningar 1488!", "14/88", "heil 88", "14 88 ✊"])
def test_hate_codes_standing_alone_count(moderator: Moderator, text: str) -> None:
    assert moderator.check(text).category == "discrimination"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jag är bög och vill testa mig för klamydia.", "sv"),
        ("Olen homo ja tarvitsen testin.", "fi"),
        ("Jag har en finne i pannan.", "sv"),
        ("Kan jag få en lapp med tiderna?", "sv"),
        ("Jag bor i Lappland.", "sv"),
        ("Asun Lapissa.", "fi"),
        ("Jag kom in med ett knivsår i handen.", "sv"),
        ("I'm coming in with a knife wound.", "en"),
        ("Leikkasin sormeen puukolla.", "fi"),
        ("Min hund bet mig, måste jag komma in?", "sv"),
        ("Ska jag skicka en bild på utslaget?", "sv"),
        ("I don't know where you are, can you send the address?", "en"),
        ("Sä oot ihana, kiitos!", "fi"),
    ],
)
def test_benign_words_that_look_like_the_rules_stay_benign(
    moderator: Moderator, text: str, lang: str
) -> None:
    assert not moderator.check(text, lang).flagged


def test_explain_names_the_shape_that_matched(moderator: Moderator) -> None:
    text = moderator.explain("jag kommer till vårdcentralen med ett gevär", "sv")
    assert "sv.thr.vapen_kommer" in text and "(near)" in text and "gevär" in text
    text = moderator.explain("rad 1488", "sv")
    assert "not a code standing alone" in text


def test_new_modes_are_checked_like_the_others(tmp_path: Path) -> None:
    (tmp_path / "sv.yaml").write_text(
        "language: sv\nsecond_person: [din]\nslots:\n  vapen: [kniv, gevär]\nentries:\n"
        "  - {id: a, pattern: jävel, mode: compound, category: insult, severity: 2,"
        " examples_match: ['din jävel']}\n"
        "  - {id: b, pattern: '{vapen}', mode: near, category: threat, severity: 3,"
        " examples_match: ['kniv']}\n"
        "  - {id: c, pattern: 'kommer ~ {vapen}', mode: near, within: -1, category: threat,"
        " severity: 3, examples_match: ['kommer med kniv']}\n"
        "  - {id: d, pattern: jävel, mode: suffix, within: 2, category: insult,"
        " examples_match: ['din idiotjävel']}\n",
        encoding="utf-8",
    )
    problems = check_lexicon(tmp_path)
    # A compound needs a head: the bare word is not a compound.
    assert "sv.yaml: a: example 'din jävel' does not match as insult" in problems
    assert any(p.startswith("sv.yaml: b: near needs parts") for p in problems)
    assert any(p.startswith("sv.yaml: c: within must be") for p in problems)
    assert "sv.yaml: d: within and unless need mode near" in problems


async def _active(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def test_a_row_number_reaches_the_clinician_without_a_strike(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("rad 1488 i journalen stämmer inte")
    assert "[patient → clinician] rad 1488 i journalen stämmer inte" in printed
    assert "Håll god ton" not in printed and "[bot → staff]" not in printed


async def test_a_slur_said_to_the_clinician_is_warned_despite_the_allowlist(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("din bög")
    assert "[bot → patient]" in printed and "[varnat:" in printed
    verdicts = await chat.repos(lambda r: r.verdicts.of_case(1))
    assert any(category == "discrimination" for _, category, _ in verdicts)


async def test_a_weapon_threat_is_held_and_alerts_staff(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("jag kommer till vårdcentralen med ett gevär")
    assert "[patient → clinician]" not in printed
    assert "[bot → staff] HOT i ärende #1" in printed
