"""Crisis words that alarmed benign patients (precision round p22), each kind said in sv/en/fi
beside the crisis wordings the same words are for (flows/questionnaires/_phrases.yaml, concepts
suffixed `_P22`):

- a rope swing, a hammock or a boxing bag hanging from a beam (ROPE + HANG_PLACE names
  ROPE_PLAY_P22 as a veto: nouns only, "swing from the beam" is no swing);
- a will made after a heart attack, a stroke or a diagnosis: planning, as before an operation
  (the will phrases left FAREWELL for WILL_P22, whose own rule names HEALTH_SCARE_P22; the rules
  naming FAREWELL name WILL_P22 too);
- standing on a bridge waiting for the bus, late for the appointment, or on the balcony having a
  smoke (BE_THERE + HIGH_PLACE names WAIT_RIDE_P22, WORK_HEIGHT_S20 and BALCONY_HABIT_P22; a
  train or a tram is never a veto).
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words
from tests.moderation_verdicts import assert_below_log, assert_category

CRISES = [
    # a rope at a hanging point
    ("en", "I've tied a rope to the beam in the garage"),
    ("en", "the rope is hanging from the beam, tonight"),
    ("sv", "jag har knutit ett rep i takbjälken"),
    ("sv", "repet hänger redan i bjälken i garaget"),
    ("fi", "köysi roikkuu jo kattopalkissa"),
    # a will, with nothing that makes it planning
    ("en", "i wrote my will and a note"),
    ("en", "I've made my will, everything is sorted"),
    ("en", "made my will and gave my dog away, wanted someone to know"),
    ("sv", "har skrivit testamente, nu är allt klart"),
    ("fi", "tein testamentin, kaikki on valmista"),
    # on a bridge, a roof, the tracks, a balcony
    ("sv", "jag står på bron"),
    ("sv", "står på bron och väntar på tåget"),
    ("sv", "står på balkongen"),
    ("en", "I'm standing on the bridge"),
    ("en", "standing on the tracks waiting for the train"),
    ("fi", "seison sillalla ja odotan junaa"),
    ("fi", "seison parvekkeella"),
]

NEAR_MISSES = [
    # a rope swing or a toy where a rope hangs
    ("en", "the kids love the rope swing hanging from the beam in the barn"),
    ("en", "the boxing bag hangs from a rope on the beam in the garage"),
    ("sv", "vi har en repgunga som hänger i bjälken i ladan, barnen älskar den"),
    ("fi", "lapset rakastaa köysikeinua joka roikkuu navetan parrusta"),
    # a will after a health scare
    ("en", "I made my will after the heart attack, is that normal to feel calm now"),
    ("en", "made my will after the stroke, feel oddly calm"),
    ("en", "I wrote my will since my cancer diagnosis, is that morbid?"),
    ("sv", "skrev testamente efter hjärtinfarkten, är det normalt att känna sig lugn"),
    ("fi", "tein testamentin sydänkohtauksen jälkeen, onko normaalia olla rauhallinen"),
    # on a bridge waiting for the bus; on the balcony for a smoke
    ("sv", "står på bron och väntar på bussen, hinner jag till mottagningen?"),
    ("sv", "står på bron vid busshållplatsen, bussen är sen"),
    ("sv", "står på balkongen och röker, kan jag ta alvedon med penicillin?"),
    ("en", "I'm standing on the bridge waiting for the bus, will I make it to the clinic by 10?"),
    ("en", "I'm standing on the balcony smoking, can I take ibuprofen with my antibiotics"),
    ("fi", "seison sillalla ja odotan bussia, ehdinkö ajoissa vastaanotolle"),
    ("fi", "seison parvekkeella tupakalla, voiko buranaa ottaa antibiootin kanssa"),
]


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_the_crisis_wording_is_still_a_crisis(lang: str, text: str) -> None:
    assert crisis_words(text) is not None, (lang, text)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_the_benign_kind_alarms_nobody(lang: str, text: str) -> None:
    found = crisis_words(text)
    assert found is None, (lang, text, found)


@pytest.mark.parametrize(("lang", "text"), CRISES[::4])
def test_moderation_reads_the_crisis_as_self_harm(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_category(moderator, text, lang, "self_harm", text)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_moderation_keeps_the_benign_kind_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)
