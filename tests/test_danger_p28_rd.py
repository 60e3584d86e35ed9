"""Crisis false alarms of the danger words (round p28, helper rd).

The crisis words (flows/questionnaires/_phrases.yaml, the "rd28" concepts and rules) gave the
crisis numbers and a clinical alert to: a cut while working with a knife (gutting fish, bread,
whittling, woodwork, a cut in the finger: "skar mig igen på fiskekniven", "viilsin itteeni
fileerausveitsellä"); going out on the ice to fish, ski or drive the snowmobile ("ska ut på
isen och fiska"); a gun held at clay shooting, on the range or on the stand of the hunt; two
painkillers "but I still woke up" ("heräsin" read as a slip of "keräsin", I collected); a
small child who swallowed pills or vitamins, a poisoning that is rf_child's question, not the
writer's crisis ("my toddler ate a whole pack"). Each family is written here in words of our
own in Swedish, English and Finnish (none is a corpus line): the benign lines get no crisis
help and stay below "log" in moderation, and the crisis lines a word or two away still alert.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from bot.moderation.normalisation import normalise
from flows.phrases import crisis_words, red_flag_hits
from tests.moderation_verdicts import assert_below_log, assert_clinical_alert

BENIGN = [
    # a cut while working with a knife or in the finger
    ("sv", "skar mig igen på brödkniven, tummen blöder, behöver jag sy?"),
    ("sv", "rensade gäddan och skar mig igen, nu är fingret svullet"),
    ("en", "cut myself deep on the filleting knife gutting trout, does it need stitches"),
    ("en", "whittling a spoon and cut myself again, deep one in my thumb"),
    ("fi", "viilsin itteeni puukolla kun vuolin lusikkaa, tarviiko tikit"),
    ("fi", "perkasin ahvenia ja viilsin taas peukaloon, turpoaa"),
    # out on the ice for the day
    ("sv", "ska ut på isen och pimpla i helgen, klarar jag kylan med min astma"),
    ("sv", "tänker åka skidor ut på sjön ikväll, funkar det med blodtrycksmedicinen"),
    ("en", "going out on the ice tonight to fish, is my inhaler ok in the cold"),
    ("fi", "aion hiihtää järven jäälle tänään, sopiiko se sydänlääkkeiden kanssa"),
    # the gun at clay shooting, on the range, on the stand
    ("en", "been holding a shotgun at clay shooting every sunday and my shoulder aches"),
    ("en", "sitting with the rifle in the deer stand every morning has wrecked my back"),
    ("sv", "står med bössan på älgpasset varje morgon, kan jag ta ipren för axeln"),
    # two painkillers, and I still woke up with the pain
    ("fi", "otin kaksi buranaa illalla mut heräsin silti kipuun"),
    ("fi", "otin kaks panadolia mutta heräsin silti päänsärkyyn neljältä"),
    ("sv", "tog två ipren men vaknade ändå mitt i natten av värken"),
]

CRISES = [
    # a cut that is self-harm: the arms, a razor, on purpose, no work named
    ("sv", "skar mig igen i armarna ikväll"),
    ("sv", "skar mig med flit på fiskekniven"),
    ("en", "i cut myself deep on purpose with my fishing knife"),
    ("fi", "viilsin itteeni tahallaan puukolla"),
    ("fi", "viilsin taas ranteeseen"),
    ("fi", "viilsin itseäni eilen illalla"),
    ("fi", "viilsin itteeni puukolla"),
    ("en", "cut myself deep with my pocket knife"),
    ("sv", "skar mig djupt med morakniven"),
    # out onto the ice with no outing named
    ("sv", "tänker gå ut på isen i natt, orkar inte mer"),
    ("sv", "ska gå ut på isen och inte komma tillbaka"),
    ("fi", "menen jäälle tänä yönä enkä tule takaisin"),
    # the gun held, no sport named
    ("sv", "sitter med hagelbössan i knät nu"),
    ("en", "holding the gun to my head right now"),
    # too much taken, woke up, next time more
    ("fi", "otin kaikki pillerit ja heräsin silti, ensi kerralla otan enemmän"),
    ("sv", "tog alla tabletterna men vaknade ändå, nästa gång tar jag fler"),
    # a teenager's or the writer's overdose beside a child
    ("sv", "min son 15 har svalt en hel burk sömntabletter"),
    ("en", "my 15 year old swallowed a whole box of pills"),
    ("fi", "15-vuotias poika nieli koko purkin unilääkkeitä"),
    ("sv", "bebisen sover och jag har tagit alla mina tabletter"),
    ("fi", "vauva nukkuu ja mä otin kaikki mun lääkkeet"),
]

# A small child who swallowed something: the poisoning question, not the writer's crisis.
POISONINGS = [
    ("en", "my toddler ate a whole pack of vitamins, how long until symptoms show"),
    ("en", "our 4yo ate a bunch of my sleeping pills, poison line says go in"),
    ("sv", "tvååringen har ätit en hel burk med järntabletter"),
    ("sv", "lillan fick i sig en massa av mina sömntabletter"),
    ("fi", "2-vuotias söi koko purkin vitamiineja, kauanko pitää seurata"),
    ("fi", "kolmevuotias poika söi koko levyn panadolia"),
]


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load(second_opinion=False)


@pytest.mark.parametrize(("lang", "text"), BENIGN)
def test_the_benign_line_gets_no_crisis_help(lang: str, text: str) -> None:
    found = crisis_words(text)
    assert found is None, (lang, text, found)
    assert "rf_suicide" not in red_flag_hits(text), (lang, text)


@pytest.mark.parametrize(("lang", "text"), BENIGN)
def test_moderation_keeps_the_benign_line_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_the_crisis_a_word_away_still_alerts(lang: str, text: str) -> None:
    assert crisis_words(text) is not None, (lang, text)


@pytest.mark.parametrize(("lang", "text"), CRISES[::3])
def test_moderation_alerts_the_clinic(moderator: Moderator, lang: str, text: str) -> None:
    assert_clinical_alert(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text"), POISONINGS)
def test_a_small_child_swallowing_is_the_poisoning_question(lang: str, text: str) -> None:
    assert crisis_words(text) is None, (lang, text, crisis_words(text))
    assert "rf_child" in red_flag_hits(text), (lang, text)


@pytest.mark.parametrize(("lang", "text"), POISONINGS)
def test_moderation_keeps_the_poisoning_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my 4yo has a fever of 39", "4yo"),
        ("tar 10mg varje kväll", "10mg"),
    ],
)
def test_a_number_with_its_unit_is_no_leet(text: str, number: str) -> None:
    """ "4yo" is four years old, not "ayo" (moderation's reading)."""
    assert number in normalise(text).split(), (text, normalise(text))
