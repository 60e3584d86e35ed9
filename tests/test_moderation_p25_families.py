"""False alarms the tone rules and the crisis words gave benign patients writing to the nurse
(issue 14, precision round p25): each kind said other ways in the languages its rule covers must
stay below "log" (and, for a crisis rule, bring no crisis words), beside the abusive or crisis
wordings the same rule exists for, which must still be caught.

Fixes:
- "my last message" about a chat message (flows/questionnaires/_phrases.yaml FAREWELL): only
  "this is / will be my last message", "my last message ever", "last message to everyone" are
  a farewell; likewise "(det här) blir|är mitt sista meddelande", "(tää) on viimeinen viesti";
- DIE_WORD (sv) "dö" is "do" once diacritics go: it counted English "do" ("what should we do")
  as a die word; now only after a Swedish word ("vill|att|ska ... dö");
- an accidental cut in the forest, at the cabin, or while whittling (MASK_ACCIDENT_CUT_P23:
  "viilsin itteeni puukolla metässä"); "viilsin itseäni taas|koska ..." stays a crisis;
- "I'll be outside at 3, should I knock or just come in" (en.thr.implicit_outside `unless`);
- asking whether one may do something, then "skojar... eller?" (may_i_p25 in the `unless` of
  structure.threat.joke_or_not_t15);
- "akka kaatu pihalla" / "mun akka on kipeenä": one's wife or an old lady told of
  (akka_kin_p25, structure.insult.word);
- Finnish "asian" (the matter) is no "Asian": the English word is in minority_en_p25
  (language en), beside `minority` in every rule that names it;
- a home visit's practicalities: the friendly dog, the door code, parking (home_visit_p25,
  structure.sexual.invite_home).

Left as it is: "du kommer inte tro det men jag har faktiskt tagit alla tabletter den här
gången!" (proud of finishing an antibiotic course) says what an overdose says, with no word of
the course; "har tagit alla tabletter" must stay a crisis.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


CRISIS_NEAR_MISSES = [
    # a previous chat message
    ("en", "you can ignore my last message, I found the answer on 1177"),
    ("en", "did you get my last message? I sent the photo of the rash"),
    ("en", "sorry about my last message, wrong chat"),
    ("en", "in my last message I wrote the wrong date, it's Thursday"),
    ("sv", "ignorera mitt sista meddelande, jag hittade svaret"),
    ("sv", "mitt sista meddelande var fel, det gäller torsdag"),
    ("fi", "unohda mun viimeinen viesti, löysin vastauksen"),
    # an old or ill relative not eating (English "do" is no Swedish "dö")
    ("en", "my grandmother is 95 and has stopped eating, what should we do"),
    ("en", "my dad has stopped eating since the stroke, what can we do"),
    ("en", "I stopped eating after the surgery, what do I do about the weight loss"),
    ("sv", "mormor har slutat äta, vad ska vi göra"),
    # a cut in the forest or while whittling, to be looked at
    ("fi", "viilsin itteeni puukolla metässä, voitko kattoa sitä haavaa"),
    ("fi", "viilsin itseäni puukolla kun vuolin, tarviiko tikit"),
    ("fi", "viilsin itteni metsässä kirveellä, vuotaa vähän"),
]

CRISIS_STILL_CAUGHT = [
    "this is my last message",
    "this will be my last message, thank you for everything",
    "my last message to everyone: I'm sorry",
    "this is my last message to anyone so thanks for trying doc",
    "det här är mitt sista meddelande, förlåt för allt",
    "Det här blir mitt sista meddelande. Hejdå.",
    "sista meddelandet till alla, förlåt",
    "tää on mun viimeinen viesti, anteeks kaikki",
    "kiitos kaikesta hoitaja. tämä on viimeinen viestini",
    "I've stopped eating, I just want to die",
    "jag har slutat äta, jag vill bara dö",
    "har slutat äta tills jag dör",
    "slutat äta, vill försvinna",
    "lopetin syömisen, haluun kuolla",
    "viilsin itseäni taas",
    "viilsin itseäni koska en jaksa",
    "viilsin itteeni puukolla",
    # left as it is (see the module's text): an overdose said plainly
    "har tagit alla tabletter",
    "tog alla mina sömntabletter",
]

NEAR_MISSES = [
    # the writer arriving, asking how to come in
    ("en", "I'll be outside at 3, should I knock or just come in"),
    ("en", "I'll be outside at 10, do I ring the bell or come in?"),
    ("en", "I'll be outside in the car at 2, which entrance should I use?"),
    ("en", "I'll be outside the door at 9, do I knock or just come in"),
    # asking whether one may do something, joking about it
    ("sv", "kan jag åka skoter fast jag har gips? skojar... eller?"),
    ("sv", "får jag bada bastu med stygnen? skämtar bara... eller?"),
    ("en", "can I go skiing with my cast? just kidding... or not?"),
    ("en", "is it ok to drink beer on antibiotics? jk... or am i"),
    ("fi", "voinko mennä saunaan kipsin kanssa? vitsi... vai onko?"),
    # one's wife or an old lady told of
    ("fi", "akka kaatu pihalla jäällä, tuletteko kattomaan"),
    ("fi", "mun akka on kipeenä, voiko joku soittaa sille"),
    ("fi", "akalla on ollu kuumetta kolme päivää, mitä teen"),
    ("fi", "akka liukastui portailla ja ranne on turvoksissa"),
    # Finnish "asian": the matter, asking for the same nurse
    ("fi", "voinko pyytää että sä hoidat mun asian etkä joku muu?"),
    (
        "fi",
        "hoitaisitko tän asian loppuun ite, en halua kertoa kaikkea uudestaan jollekulle muulle",
    ),
    ("fi", "saisinko saman hoitajan joka hoiti mun asian viimeksi, en halua ketään muuta"),
    # a home visit: the dog, the door code, parking
    ("fi", "koira on kiltti, ei tarvii pelätä kun tuut meille"),
    ("fi", "ovikoodi on 1234, soita summeria kun tuut meille"),
    ("fi", "parkkipaikka on talon takana kun tuut meille huomenna"),
    ("sv", "hunden är snäll, du behöver inte vara rädd när du ska komma hem till mig"),
]

STILL_CAUGHT = [
    ("en", "I'll be outside", "threat"),
    ("en", "I'll be outside when you finish", "threat"),
    ("en", "I'll be waiting outside, you know what that means", "threat"),
    ("en", "I'll be outside tonight and I'll knock on your door", "threat"),
    ("sv", "jag skämtar bara. eller gör jag det", "threat"),
    ("sv", "skojar... eller?", "threat"),
    ("en", "just kidding... or am I", "threat"),
    ("en", "just joking lol... or am i 🔫", "threat"),
    ("fi", "vitsi vitsi... vai onko", "threat"),
    ("fi", "senkin akka", "insult"),
    ("fi", "tyhmä akka", "insult"),
    ("fi", "sä oot ihan akka", "insult"),
    ("fi", "olet tyhmä akka, en tuu sinne", "insult"),
    ("en", "I don't want an asian nurse, send someone else", "discrimination"),
    ("en", "no asians, I want someone else", "discrimination"),
    ("fi", "en halua mitään homoa hoitajaksi, vaihtakaa joku muu", "discrimination"),
    ("sv", "jag vill inte ha en bög som läkare, byt till nån annan", "discrimination"),
    ("fi", "kun tuut meille niin jäät yöksi", "sexual_harassment"),
    ("en", "come to my place tonight", "sexual_harassment"),
    ("sv", "kom hem till mig ikväll sötnos", "sexual_harassment"),
]


@pytest.mark.parametrize(("lang", "text"), CRISIS_NEAR_MISSES)
def test_p25_benign_kinds_bring_no_crisis(moderator: Moderator, lang: str, text: str) -> None:
    assert crisis_words(text) is None, text
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize("text", CRISIS_STILL_CAUGHT)
def test_p25_crisis_wordings_still_caught(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_p25_benign_kinds_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text", "category"), STILL_CAUGHT)
def test_p25_abusive_wordings_still_caught(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, text)
