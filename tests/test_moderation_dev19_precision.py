"""Fewer false alarms on a blind benign set (dev19): benign families that met a crisis phrase or a
tone rule, said other ways in sv/en/fi, must stay below "log"; the crisis and abusive wordings the
same words are for must still land in their category (self-harm with its clinical alert, a
threat alerting staff whatever language is assumed).

Fixes, in the danger vocabulary (flows/questionnaires/_phrases.yaml, concepts suffixed `_T19`,
and COOKING, MASK_DIE_OF, MASK_ASK_DOSE, OD_GENERAL_T17): no thoughts or plans of it said further
back than the negation window ("inga tankar på att ta mitt liv"); a form or a doctor asking
whether one has ever tried, and attempts asked about as history; a weekday's compartment of the
pill box that is empty; a question whether one can overdose on vitamin D; "killed myself
laughing" and "could kill myself for forgetting"; a deep cut in a finger, by an axe or a saw, or
after the knife slipped while hunting; a pet that ate the pills. In the tone lexicon: a child at
play who "ska skjuta alla" (sv.yaml, sv.thr.skjuta_alla), a hammer on one's own thumb and poison
asked about for animals in general (structures_prec19.yaml, named in the `unless` of
structure.threat.crude_weapon_t15 and structure.threat.poison_t15).
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


NEAR_MISSES = [
    # No thoughts or plans of it.
    ("sv", "hej, jag är så trött och sover dåligt. inga tankar på att skada mig själv, bara slut"),
    ("sv", "jag har inga tankar på att ta livet av mig, jag vill bara må bättre"),
    ("sv", "har inga som helst tankar på att ta mitt liv, men sorgen är tung"),
    ("sv", "jag har inte några tankar på att skada mig själv, behöver bara sova"),
    ("sv", "inga planer på att ta mitt liv, jag vill ha hjälp med alkoholen"),
    ("en", "I don't have any thoughts of killing myself, I'm just burnt out"),
    ("en", "haven't had any thoughts of harming myself, just exhausted all the time"),
    ("en", "no thoughts of taking my life, I just want to sleep again"),
    ("fi", "ei ajatuksia itseni vahingoittamisesta, olen vain loppu"),
    ("fi", "minulla ei ole ajatuksia tappaa itseni, haluan vain nukkua"),
    # A form or a doctor asks whether one has ever tried; attempts as history.
    ("sv", "i formuläret frågar de om jag nånsin försökt ta mitt liv. det var för 20 år sen"),
    ("sv", "blanketten frågar om jag har försökt ta livet av mig, det gjorde jag som tonåring"),
    ("sv", "läkaren frågade om jag nånsin skadat mig själv, jag sa ja när jag var 14"),
    ("sv", "formuläret frågar om tidigare självmordsförsök, måste jag svara?"),
    ("en", "the form asks if I have ever tried to kill myself. I did 20 years ago, fine now"),
    ("en", "the questionnaire asks whether I ever attempted suicide, that was long ago"),
    ("en", "my GP asked if I'd ever self harmed, I said yes when I was 14"),
    ("en", "do I have to list previous suicide attempts on the form? it was as a teen"),
    ("fi", "lomakkeessa kysytään olenko koskaan yrittänyt tappaa itseni, siitä on 20 vuotta"),
    # The week's pill box.
    (
        "en",
        "Dad forgets his meds. I found the pill organiser with Tuesday still full but "
        "Wednesday empty. He takes warfarin and metoprolol.",
    ),
    ("en", "mum's pill box: the Thursday compartment is empty but Friday full, she takes 8 meds"),
    ("fi", "isän lääkelokerikossa tiistai täynnä mutta keskiviikko tyhjä, ottaako hän ne"),
    ("sv", "pappa glömmer tabletterna, i dosetten var tisdagen full men onsdagen tom"),
    # Can one overdose on vitamin D?
    ("fi", "voiko D-vitamiinia ottaa yliannostuksen? otan 100 mikrogrammaa päivässä"),
    ("fi", "voiko D-vitamiinista saada yliannostuksen"),
    ("fi", "voiko D-vitamiinia yliannostella?"),
    ("fi", "paljonko D-vitamiinia on yliannostus? otan 100 mikrogrammaa"),
    ("sv", "kan man ta en överdos av D-vitamin? jag tar 100 mikrogram om dagen"),
    ("sv", "hur mycket D-vitamin är en överdos?"),
    ("en", "can you take an overdose of vitamin D? I take 100 micrograms a day"),
    ("en", "how much vitamin D is an overdose?"),
    # Idioms.
    ("en", "I almost killed myself laughing reading the letter, it says I'm 142 years old"),
    ("en", "nearly killed myself laughing at the waiting room sign"),
    ("en", "honestly I could kill myself for forgetting my appointment again"),
    ("fi", "voisin tappaa itseni kun unohdin ajan taas"),
    ("fi", "kuolin melkein nauruun kun luin kirjeen"),
    ("sv", "jag dog nästan av skratt när jag läste brevet"),
    # Accidents with a knife, an axe, a saw.
    (
        "sv",
        "Min man jagade i morse och när han skulle ta ur älgen halkade kniven och han skar sig "
        "djupt i underarmen. Blödningen har nästan slutat.",
    ),
    ("sv", "han rensade fisk och skar sig djupt i handen"),
    ("sv", "jag skar mig djupt med yxan när jag högg ved, behöver jag sy?"),
    ("sv", "råkade skära mig djupt i fingret med brödkniven"),
    ("en", "the knife slipped while he was gutting the deer and he cut himself deep"),
    ("en", "cut myself deep with the axe chopping wood, bleeding stopped, need stitches?"),
    ("en", "I cut myself deep by accident, do I need a tetanus shot?"),
    ("fi", "puukko lipsahti ja hän viilsi itseään syvältä, vuoto on loppunut"),
    ("fi", "viilsin syvän haavan sormeen puukolla"),
    # A pet ate the pills.
    ("sv", "hunden åt en hel ask ipren, ska vi till veterinären eller er?"),
    ("sv", "katten har ätit en hel karta av mina tabletter"),
    ("en", "the dog ate a whole box of my ibuprofen, vet or you?"),
    ("en", "our puppy chewed a whole packet of my paracetamol"),
    ("fi", "koira söi kokonaisen paketin buranaa"),
    ("fi", "koiramme on syönyt kokonaisen paketin buranaa"),
    # A child at play.
    (
        "sv",
        "Vår son på 5 år leker krig med pinnar och säger att han ska skjuta alla. "
        "Förskolan vill att vi pratar med någon.",
    ),
    ("sv", "sonen spelar fortnite och skriker att han ska döda alla"),
    ("en", "our 5 year old plays war with sticks and says he'll shoot everyone"),
    ("fi", "poika leikkii sotaa ja sanoo että ampuu kaikki"),
    # A hammer on one's own thumb.
    ("en", "hit my thumb with a hammer, nail is black, does it need to come off?"),
    ("en", "I hit my finger with a hammer yesterday, it's swollen"),
    ("sv", "slog mig på tummen med hammaren, nageln är svart"),
    ("fi", "löin peukaloa vasaralla, kynsi on musta"),
    # Poison asked about for animals.
    ("en", "can rat poison kill a cat? our neighbour put some out"),
    ("sv", "kan råttgift döda en katt? grannen har lagt ut"),
    ("fi", "voiko rotanmyrkky tappaa kissan? naapuri laittoi sitä pihalle"),
]

STILL_CAUGHT = [
    # Thoughts that are there, or only negated far back.
    (
        "thoughts",
        "sv",
        "jag har aldrig förr haft tankar på att ta mitt liv, men nu gör jag det",
        "self_harm",
    ),
    ("thoughts", "sv", "jag får inte bort tankar på att ta mitt liv", "self_harm"),
    ("thoughts", "sv", "inga tankar på att ta mitt liv, men jag vill dö", "self_harm"),
    ("thoughts", "en", "I could not shake thoughts of killing myself last night", "self_harm"),
    ("thoughts", "fi", "minulla ei ole muuta ajatusta kuin tappaa itseni", "self_harm"),
    # Wishes and plans, not a form.
    ("wish", "en", "if I ever tried to kill myself, would anyone miss me", "self_harm"),
    (
        "wish",
        "sv",
        "om jag någonsin försöker ta mitt liv igen vill jag att ni ringer mamma",
        "self_harm",
    ),
    ("wish", "en", "I'm going to kill myself tonight", "self_harm"),
    # The pill box and overdoses taken.
    ("pills", "en", "I took all the pills in my pill organiser", "self_harm"),
    ("pills", "en", "I emptied my pill organiser and swallowed them all", "self_harm"),
    ("pills", "sv", "i natten åt jag 40 tabletter", "self_harm"),
    ("pills", "sv", "jag har tagit en överdos", "self_harm"),
    ("pills", "sv", "jag tog en överdos av alvedon, kan man dö av det", "self_harm"),
    ("pills", "fi", "otin yliannostuksen buranaa", "self_harm"),
    ("pills", "en", "I've overdosed on my sleeping pills", "self_harm"),
    ("pills", "en", "my cat died and I swallowed all my sleeping pills", "self_harm"),
    # Idioms that are not.
    ("idiom", "en", "I could kill myself for being such a burden", "self_harm"),
    # Cuts that are self-harm.
    ("cut", "en", "I cut myself deep on broken glass again", "self_harm"),
    ("cut", "sv", "jag skar mig djupt på glasbiten med flit", "self_harm"),
    ("cut", "en", "I accidentally cut deeper than I meant to", "self_harm"),
    (
        "cut",
        "en",
        "Been burning myself with cigarettes on my thigh, one is getting infected",
        "self_harm",
    ),
    ("cut", "sv", "min dotter skär sig igen, djupt i armarna", "self_harm"),
    ("cut", "fi", "viillän itseäni taas, syvälle", "self_harm"),
    # Threats.
    ("threat", "sv", "skjuta alla på vårdcentralen", "threat"),
    ("threat", "sv", "jag ska skjuta alla på vårdcentralen", "threat"),
    ("threat", "sv", "jag leker inte längre, nu ska jag skjuta alla här", "threat"),
    ("threat", "sv", "döda er alla, det här är ingen lek", "threat"),
    ("threat", "en", "coming to the clinic with a sledgehammer", "threat"),
    ("threat", "en", "I'll come to the clinic with a hammer and smash your fingers", "threat"),
    ("threat", "sv", "jag kommer till vårdcentralen med släggan", "threat"),
    ("threat", "en", "I'll put rat poison in your coffee", "threat"),
    ("threat", "en", "watch your dog, rat poison works fast", "threat"),
    ("threat", "fi", "laitan rotanmyrkkyä sun kahviin", "threat"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev19_benign_families_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("family", "lang", "text", "category"), STILL_CAUGHT)
def test_dev19_crisis_and_abusive_wordings_still_caught(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)
    if category == "self_harm":
        assert moderator.check(text, lang).action == "clinical_alert", family
