"""Tone rules, second pass (issue 14): the classes a corpus written without the lexicon showed.

A message that is only an insult is said to the reader; staff titles aim an insult; disability
slurs said to someone are discrimination; hidden letters ("c*nt", "mu1kku") are read every way;
threats without a weapon word (fire, a gang, no way out alive); sexual requests without a swear
word. Every message here is new: none is a lexicon example or a corpus line.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.conftest import Chat


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        # A sentence of insult words alone, or beside a word of address or a staff title.
        ("Pillock.", "en", "insult"),
        ("hey numpty, where are my results", "en", "insult"),
        ("Tampio!", "fi", "insult"),
        ("no mikä dorka", "fi", "insult"),
        ("Klant. Ring mig nu.", "sv", "insult"),
        ("hölmö lääkäri", "fi", "insult"),
        ("incompetent receptionist hung up on me", "en", "insult"),
        # Compounds of a rude first part and a head, face or brain; staff-title compounds.
        ("you knobhead", "en", "insult"),
        ("senkin paskanaama", "fi", "insult"),
        ("läkarfittan skrev fel", "sv", "insult"),
        # Comparatives said to someone.
        ("du är dummare än en dörr", "sv", "insult"),
        ("you are thicker than mince", "en", "insult"),
        # Disability slurs said to someone are discrimination.
        ("are you retarded or what", "en", "discrimination"),
        ("din mongo", "sv", "discrimination"),
        # Hidden letters.
        ("you stupid tw*t", "en", "insult"),
        ("din f*tta", "sv", "insult"),
        ("senkin mu1kku", "fi", "insult"),
        # Threats without a weapon word.
        ("det vore synd om ditt hus brann upp", "sv", "threat"),
        ("your car would go up in flames nicely", "en", "threat"),
        ("you won't get out alive", "en", "threat"),
        ("et pääse sieltä elävänä", "fi", "threat"),
        ("jag dödar dig", "sv", "threat"),
        # Sexual requests and comments to staff without a swear word.
        ("what colour is your bra today", "en", "sexual_harassment"),
        ("laita mulle sun privanumero", "fi", "sexual_harassment"),
        ("hej sexiga sköterska", "sv", "sexual_harassment"),
        ("tuu istuu mun syliin", "fi", "sexual_harassment"),
        ("your son goes to Oakfield Primary, doesn't he", "en", "threat"),
        ("jag följer efter dig hem", "sv", "threat"),
        ("seuraan sua kotiin", "fi", "threat"),
        ("meet me at the hotel after work", "en", "sexual_harassment"),
        ("ring mig när du är ensam", "sv", "sexual_harassment"),
        ("haluun koskea sun rintoja", "fi", "sexual_harassment"),
        # Discrimination without a slur word.
        ("women can't be doctors, they don't have the brains", "en", "discrimination"),
        ("painukaa ruotsiin", "fi", "discrimination"),
        ("jag vill ha en annan, inte nån transa", "sv", "discrimination"),
    ],
)
def test_classes_from_the_untuned_corpus_get_their_category(
    moderator: Moderator, text: str, lang: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # About the writer, or about someone not in the chat.
        ("Jag är en sån klant, jag tappade receptet.", "sv"),
        ("I was such a muppet, I left my inhaler on the bus", "en"),
        ("the idiot who hit my car drove off, can I still come at ten", "en"),
        ("Min son är efterbliven sedan förlossningen, kan ni hjälpa oss?", "sv"),
        ("My brother is retarded after a brain injury, who do we call?", "en"),
        # Medical words that end like an insult compound.
        ("mulla on alapää kipeä", "fi"),
        ("pikkuaivot näytti normaaleilta kuvissa", "fi"),
        ("I have blackheads on my forehead, can you look", "en"),
        # Numbers after a compound label.
        ("Portkoden är 1488 om ni kommer hem.", "sv"),
        ("Asiakasnumero 1488, voitteko soittaa?", "fi"),
        ("My patient number ends in 1488.", "en"),
        # Fire, naked and bras that are about the writer.
        ("Det brann i min lägenhet i natt och jag har hosta av röken.", "sv"),
        ("Do I need to be naked for the scan?", "en"),
        ("Should I wear a sports bra after the biopsy?", "en"),
        ("son of a bitch, I hit my knee on the table", "en"),
        ("pulled a splinter out, anything to watch out for?", "en"),
        ("Your kids go to school with mine, small world!", "en"),
        ("I'm staying at a hotel, can I see a doctor nearby?", "en"),
        ("Ska jag vara naken när sjukgymnasten ger massage?", "sv"),
        ("Ring mig när du har provsvaren.", "sv"),
        ("Kan medicinen ta livet av dig om man tar för mycket?", "sv"),
        ("Mulla on puukko autossa kalastusta varten ja satutin käden.", "fi"),
        # A star that is a footnote or arithmetic, not a hidden letter.
        ("Take 2*2 tablets? The leaflet says so*", "en"),
    ],
)
def test_lookalikes_of_the_new_classes_stay_benign(
    moderator: Moderator, text: str, lang: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged


def test_a_disability_slur_not_said_to_anyone_is_only_logged(moderator: Moderator) -> None:
    verdict = moderator.check("the retarded parking rules here, can I park at the back", "en")
    assert (verdict.category, verdict.action) == ("profanity", "log")
    assert "not aimed at a person" in verdict.hits[0].explanation


def test_explain_says_which_reading_of_a_hidden_letter_matched(moderator: Moderator) -> None:
    text = moderator.explain("din f*tta", "sv")
    assert "fitta" in text and "insult" in text


async def _active(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def test_a_lone_insult_to_the_clinician_is_warned_and_struck(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("Pucko.")
    assert "Håll god ton." in printed and "[varnat: förolämpning]" in printed
    verdicts = await chat.repos(lambda r: r.verdicts.of_case(1))
    assert any(action == "warn_strike" and category == "insult" for action, category, _ in verdicts)


async def test_a_threat_to_burn_the_clinicians_home_is_held_and_alerts_staff(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("vore tråkigt om ditt hus brann upp i natt")
    assert "[patient → clinician]" not in printed
    assert "[bot → staff] HOT i ärende #1" in printed


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("Lapp-jävel", "sv", "discrimination"),
        ("din läkar-hora", "sv", "insult"),
    ],
)
def test_a_hyphenated_compound_is_read_as_one_word(
    moderator: Moderator, text: str, lang: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category


def test_a_hyphen_between_words_stays_two_words(moderator: Moderator) -> None:
    assert not moderator.check("Jag har en finne-liknande knöl, kan du titta?", "sv").flagged
