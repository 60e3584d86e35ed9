"""Families said another way (dev2): every family of misses found on the second blind corpus
(moderation_dev2.tsv) is fixed by a rule, and each rule is tried here on three other ways of
saying the same thing, written for this test and not taken from any corpus; the hard negatives
beside them must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words, may_be_crisis
from tests.test_moderation_corpora import CORPORA


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # Veiled threats: a consequence for you, without a threat word.
    ("consequence", "sv", "det här kommer att sluta illa för er på mottagningen", "threat"),
    ("consequence", "en", "mark my words, this is going to end badly for you", "threat"),
    ("consequence", "fi", "tää loppuu huonosti teille kaikille", "threat"),
    # Coming there with something.
    ("coming with", "sv", "jag dyker upp med något som ni inte kommer gilla", "threat"),
    ("coming with", "en", "I'll be coming over with a little surprise for the doctor", "threat"),
    ("coming with", "fi", "tuun käymään, ja sit saat nähdä", "threat"),
    # Your body: you will not walk or breathe.
    ("body", "sv", "du kommer inte att kunna gå igen när jag är klar med dig", "threat"),
    ("body", "en", "you won't be walking for weeks after I find you", "threat"),
    ("body", "fi", "et kävele enää kuukauteen", "threat"),
    # A weapon ready, a bomb or petrol at the place.
    ("armed", "sv", "pistolen ligger laddad i fickan", "threat"),
    ("armed", "en", "there are explosives in the building, better evacuate", "threat"),
    ("armed", "fi", "aulassa on pommi", "threat"),
    # Someone sent, someone will get hurt, taking you with me.
    ("sent", "sv", "mina polare hälsar på er efter stängning", "threat"),
    ("sent", "en", "my cousins will pay you a visit after work", "threat"),
    ("sent", "fi", "mun kaverit hoitelee teidät kyllä", "threat"),
    ("with me", "sv", "om jag går under så tar jag med mig några av er", "threat"),
    ("with me", "en", "if I go, I'm taking some of you with me", "threat"),
    ("with me", "fi", "jos mä lähden niin vien teidät mukanani", "threat"),
    # Stalking: I have seen your car where staff park; wait till you walk to it.
    ("stalking", "en", "I clocked your car in the staff car park yesterday", "threat"),
    ("stalking", "en", "just wait until you get home tonight", "threat"),
    ("stalking", "fi", "bongasin sun auton parkkihallissa", "threat"),
    # Sexual harassment by structure: your body in those clothes, camera, app, bed, undress.
    ("harassment", "sv", "dina lår i uniformen alltså", "sexual_harassment"),
    ("harassment", "en", "switch your camera on, I want to see more of you", "sexual_harassment"),
    ("harassment", "fi", "laita video päälle, haluun katsella sua", "sexual_harassment"),
    ("apps", "sv", "lägg till mig på snapchat så kan vi ha roligt", "sexual_harassment"),
    ("apps", "en", "add me on snapchat and we can have a bit of fun", "sexual_harassment"),
    ("apps", "fi", "tuu instaan niin pidetään hauskaa", "sexual_harassment"),
    ("dreams", "sv", "jag fantiserar om dig i duschen", "sexual_harassment"),
    ("dreams", "fi", "haaveilen susta suihkussa", "sexual_harassment"),
    ("undress", "sv", "jag betalar gärna om du klär av dig", "sexual_harassment"),
    ("undress", "en", "I'd pay extra for a massage from you personally", "sexual_harassment"),
    ("undress", "fi", "maksan hyvin jos riisuudut", "sexual_harassment"),
    # Discrimination: a group said to be unfit or unwanted.
    ("group", "sv", "muslimer ska inte få jobba i vården", "discrimination"),
    ("group", "en", "immigrants shouldn't be working in healthcare", "discrimination"),
    ("group", "fi", "maahanmuuttajat ei osaa mitään", "discrimination"),
    ("unwanted", "sv", "inga invandrare tack", "discrimination"),
    ("unwanted", "en", "no foreigners near me please", "discrimination"),
    ("unwanted", "fi", "ei mitään mamuja", "discrimination"),
    # Insults: an insulting first part on a staff title, a staff member called names.
    ("staff compound", "sv", "den där kukdoktorn fattar ingenting", "insult"),
    ("staff compound", "fi", "ääliöhoitaja taas vuorossa", "insult"),
    ("staff named", "sv", "receptionisten var en riktig pajas idag", "insult"),
    ("staff named", "fi", "se hoitaja oli täys tunari", "insult"),
    ("staff named", "en", "you lot are a bunch of muppets", "insult"),
    # Evasions: dotted letters, look-alikes, leet.
    ("evasion", "sv", "du ser p.u.l.b.a.r ut", "sexual_harassment"),
    ("evasion", "en", "your b.u.m in those scrubs", "sexual_harassment"),
    ("evasion", "sv", "det ligger en b0mb i väntrummet", "threat"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_families_said_another_way_dev2(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.category == category, (family, moderator.explain(text, lang))
    if category == "threat":
        assert moderator.check(text).action == "alert_staff"


HARD_NEGATIVES = [
    ("sv", "det slutar illa för mig om jag inte får min medicin"),
    ("sv", "jag kommer med remissen och något att äta"),
    ("sv", "kniven slant när jag skulle rensa fisken"),
    ("sv", "gravida kvinnor borde inte ta ibuprofen, stämmer det?"),
    ("sv", "min bror tar hand om mig efter operationen"),
    ("sv", "kan du slå på kameran så jag kan visa utslaget"),
    ("sv", "smärtan sitter lite längre ner i magen"),
    ("en", "after the knee operation I can't walk for a month"),
    ("en", "I'll shoot you an email with the results"),
    ("en", "pregnant women should not take ibuprofen, right?"),
    ("en", "my brother will sort out my prescription"),
    ("fi", "leikkauksen jälkeen en pysty kävelemään kuukauteen"),
    ("fi", "mulla on puukko taskussa kalastusta varten"),
    ("fi", "naiset ei kuulu tämän tutkimuksen piiriin?"),
]


@pytest.mark.parametrize(("lang", "text"), HARD_NEGATIVES)
def test_hard_negatives_of_the_families_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.check(text, lang).flagged, moderator.explain(text, lang)


REPORTED = [
    ("sv", 'En granne skrek "din jävla hora" åt mig i trappan och nu kan jag inte sova'),
    ("sv", "Min son kallade sköterskan för idiot, förlåt honom"),
    ("en", 'a man on the bus called me a "dirty foreigner" and I keep shaking'),
    ("en", 'my ex texted "I will kill you" and I am scared to go home'),
    ("fi", 'naapuri huusi mulle "senkin huora" ja nyt mua ahdistaa'),
]


@pytest.mark.parametrize(("lang", "text"), REPORTED)
def test_abuse_someone_else_said_is_the_writers_evidence(
    moderator: Moderator, lang: str, text: str
) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.action in ("none", "log"), moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("sv", 'jag sa "din jävla hora" till henne och jag menar det', "insult"),
        ("en", "I called you an idiot because you are one, you idiot", "insult"),
        ("sv", "jag kallade dig idiot och du är en idiot", "insult"),
    ],
)
def test_the_writers_own_words_are_not_reported_speech(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category, moderator.explain(text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "k!ll mys3lf tonight",
        "jag vill ta l\u200bivet av mig",
        "haluan t4ppaa itseni",
    ],
)
def test_crisis_words_behind_evasions_reach_a_clinician(moderator: Moderator, text: str) -> None:
    assert moderator.check(text).action == "clinical_alert", moderator.explain(text)


def test_the_cheap_crisis_look_never_skips_a_message_with_crisis_words() -> None:
    """may_be_crisis spares the danger scan only where crisis_words finds nothing: over every
    corpus line we may read (the untuned set is never opened)."""
    skipped_with_crisis = []
    skipped = 0
    for path in sorted(CORPORA.glob("*.tsv")):
        if path.stem == "moderation_unseen":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text = line.split("\t")[-1]
            if not may_be_crisis(text):
                skipped += 1
                if crisis_words(text) is not None:
                    skipped_with_crisis.append(text)
    assert skipped_with_crisis == []
    # It must also spare something: most lines hold no crisis words.
    assert skipped > 1000
