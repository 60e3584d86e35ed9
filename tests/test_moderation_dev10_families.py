"""Families said another way (dev10): the insult, swearing and discrimination families missed on
the tenth blind corpus (moderation_dev10.tsv: voice-to-text without punctuation, pasted chat logs,
teen abbreviations, Tornedalen Swedish with Finnish swearing, second-language grammar) are met by
classes and rules suffixed `_t10` (bot/moderation/lexicon/structures.yaml, en.yaml, sv.yaml) and
tried here on wordings written for this test, not taken from the corpus. Beside them, the near
misses a patient really writes (their own relative, an interpreter asked for, a complaint about a
doctor's remark, a medical term with an old word in it) must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # A group held to a stereotype, with no slur: lying, scrounging, a cancer, a waste, no
    # special treatment.
    (
        "stereotype",
        "en",
        "immigrants always lie about being ill so they can skip the queue",
        "discrimination",
    ),
    (
        "stereotype",
        "en",
        "muslims are a cancer on this country and the nhs pays for it",
        "discrimination",
    ),
    ("stereotype", "en", "roma are all liars dont trust them with the meds", "discrimination"),
    (
        "stereotype",
        "en",
        "disabled people are a burden on society why do we pay for them",
        "discrimination",
    ),
    ("stereotype", "en", "the sami don't deserve their own clinic hours", "discrimination"),
    (
        "stereotype",
        "sv",
        "invandrare ljuger alltid om sina besvär för att slippa jobba",
        "discrimination",
    ),
    ("stereotype", "sv", "judarna är en pest i den här kommunen", "discrimination"),
    ("stereotype", "sv", "handikappade är bara resursslöseri för regionen", "discrimination"),
    ("stereotype", "sv", "samer ska inte ha förtur i telefonkön", "discrimination"),
    ("stereotype", "fi", "maahanmuuttajat valehtelee aina oireistaan", "discrimination"),
    ("stereotype", "fi", "romanit elävät tuilla ja kaikki tietää sen", "discrimination"),
    ("stereotype", "fi", "kehitysvammaiset on taakka yhteiskunnalle", "discrimination"),
    ("stereotype", "fi", "saamelaiset ei ansaitse mitään omia vastaanottoaikoja", "discrimination"),
    # Finnish swearing in a Swedish message (Tornedalen, Meänkieli): swearing, only logged.
    ("finnish swearing", "sv", "perkele vilken värk i ryggen idag", "profanity"),
    ("finnish swearing", "sv", "saatana nu har jag väntat två timmar i telefonkön", "profanity"),
    ("finnish swearing", "sv", "voi vittu receptet har inte kommit än", "profanity"),
    ("finnish swearing", "sv", "helvetti vad det kliar", "profanity"),
    # Text-speak swearing: logged; the short form that sends the reader away is an insult.
    ("text-speak", "en", "ffs still no callback", "profanity"),
    ("text-speak", "en", "idgaf about the form just sort my meds", "profanity"),
    ("text-speak", "en", "this fkn cough wont stop", "profanity"),
    ("text-speak", "en", "omfg my knee is killing me", "profanity"),
    ("text-speak", "sv", "jvla kö alltså", "profanity"),
    ("text-speak", "en", "gtfo nurse", "insult"),
    # Lazy, bad at the job, thick, not all there: said to the reader.
    ("lazy", "en", "you lot are so lazy sat there with your tea", "insult"),
    ("lazy", "sv", "ni är så jävla lata på den här mottagningen", "insult"),
    ("lazy", "fi", "te ootte niin saamattomat", "insult"),
    ("bad at the job", "sv", "ni e så dåliga på ert jobb att det är skrattretande", "insult"),
    ("bad at the job", "en", "honestly u are shit at your job", "insult"),
    ("bad at the job", "fi", "oot tosi huono työssäsi", "insult"),
    ("thick", "en", "omg the nurse is actually thick", "insult"),
    ("thick", "en", "ur thick as two short planks", "insult"),
    ("not all there", "sv", "du e ju helt pantad", "insult"),
    ("not all there", "sv", "int e du nå klok du", "insult"),
    ("not all there", "sv", "har ni inget vett", "insult"),
    ("not all there", "fi", "ootte ihan pihalla koko porukka", "insult"),
    ("not all there", "fi", "sä oot ihan idari", "insult"),
    ("not all there", "fi", "ootte te ihan kahjoja", "insult"),
    ("not all there", "fi", "sä oot ihan jälkkäri", "insult"),
    ("not all there", "fi", "oot ihan j4lkkäri", "insult"),
    # Register: the apostrophe left out, "free everything", "what's wrong with you", "shut up
    # and do your job", a pasted log's "all useless".
    ("register", "en", "no offence but foreigners shouldnt be nurses here", "discrimination"),
    ("register", "en", "gays shouldnt work with kids, keep him off the ward", "discrimination"),
    ("register", "en", "immigrants come here and get free everything", "discrimination"),
    ("register", "sv", "invandrarna får allt gratis och vi får vänta", "discrimination"),
    ("register", "fi", "maahanmuuttajat saa kaiken ilmaseks", "discrimination"),
    ("register", "en", "seriously whats wrong with you people", "insult"),
    ("register", "en", "shut up and do ur job", "insult"),
    ("register", "sv", "fattar ni ingenting eller", "insult"),
    ("register", "sv", "håll käften och gör ditt jobb", "insult"),
    ("register", "fi", "ettekö te tajua mitään", "insult"),
    ("register", "fi", "ootte kaikki ihan turhia", "insult"),
    ("register", "en", "such bs, 2 hours on hold", "profanity"),
    # Finnish and Meänkieli insults in a Swedish message (Tornedalen, Finland-Swedish).
    ("finnish insult in swedish", "sv", "ni e ju helt hulluja på den här hälsocentralen", "insult"),
    ("finnish insult in swedish", "sv", "doktorn e en riktig kusipää", "insult"),
    ("finnish insult in swedish", "sv", "du e så tyhmä att det gör ont", "insult"),
    ("finnish insult in swedish", "sv", "svara nu din urpo", "insult"),
    ("finnish insult in swedish", "sv", "hä e int lönt å prata me dej din pöljä", "insult"),
    # An "or else" with the harm in the present tense, as a second-language writer or a pasted
    # chat log says it; "I <harm> you" in the present is the same threat.
    (
        "present or-else",
        "en",
        "[14:02] me: hello?? [14:40] me: ring me today or u get hurt",
        "threat",
    ),
    ("present or-else", "en", "sign the paper or else you get hurt, understand", "threat"),
    ("present or-else", "sv", "skriv ut det nu annars får ni på käften", "threat"),
    ("present or-else", "sv", "ring mig idag annars åker du på stryk", "threat"),
    ("present or-else", "fi", "anna se lähete tai saatte turpaan", "threat"),
    ("present tense", "en", "tomorrow I come there and I punch you", "threat"),
    ("present tense", "en", "no pills then I slap you, I promise", "threat"),
    # "A real doctor" asked for with an insult is the insult, not a demand for a kind of person;
    # a demand for a doctor of one origin or colour stays discrimination.
    ("real doctor", "en", "you muppet, get me a real doctor", "insult"),
    ("real doctor", "en", "listen here you clown, I want a proper doctor", "insult"),
    ("real doctor", "en", "I want a white doctor", "discrimination"),
    ("real doctor", "en", "can I get a real english nurse", "discrimination"),
]

NEAR_MISSES = [
    # Reporting a remark, one's own relative, an interpreter, a tumour.
    ("en", "the doctor said I lie about my symptoms because I am Somali, I will complain to IVO"),
    ("en", "my disabled son is not a burden, but these forms are a waste of money"),
    ("en", "do Sami patients get an interpreter at the health centre?"),
    ("en", "I'm Somali and I need a female interpreter please"),
    ("sv", "min handikappade bror ljuger om sina tabletter, vad gör jag"),
    ("sv", "pappa har en cancersvulst i levern, han är invandrare och behöver tolk"),
    ("sv", "finns det tolk på somaliska till min pappas besök på fredag"),
    ("sv", "jag är same och undrar om det finns tolk på samiska"),
    ("fi", "mun kehitysvammainen veli valehtelee lääkkeistään, mitä teen"),
    ("fi", "saako saamelaiset tulkin vastaanotolle"),
    # Words of the swearing and lazy families that say everyday things.
    ("sv", "vitt utslag i munnen sen i fredags"),
    ("sv", "kan du kolla min lata son, han sover hela dagen"),
    ("sv", "är du dålig på att sova? kan du ringa mig"),
    ("en", "can you check my lazy eye"),
    ("en", "my blood is thick can you check my inr"),
    ("en", "your skin cream made my skin thick and dry"),
    ("fi", "auto on pihalla odottamassa"),
    ("fi", "oon ollu tosi laiska liikkumaan"),
    # Safety advice a parent passes on, a helmet, a message to be contacted.
    ("en", "wear a helmet or you get hurt, that's what I tell my son"),
    ("en", "I told my son to stop climbing or you get hurt, now his arm is swollen"),
    ("sv", "ta på dig hjälm annars får du en smäll i huvudet, sa jag till henne"),
    ("en", "I'll hit you up later about the results"),
    ("en", "my son shouldnt be working with this back pain, can you sign him off"),
    ("en", "my immigrant neighbour doesnt get everything free, she pays for her meds"),
    ("sv", "vad är det för fel på er telefon, den lägger på hela tiden"),
    ("sv", "min invandrade pappa får allt gratis med frikort?"),
    ("fi", "mikä sua vaivaa kysyi lääkäri ja mä en tienny mitä sanoa"),
    ("fi", "nää lääkkeet on ihan turhia, voitko vaihtaa"),
    ("sv", "min bror e helt hullu i fotboll, kan han spela med stukad fot?"),
    ("sv", "farfar sa alltid perkele och hullu när han var arg, nu är han dement"),
    ("sv", "jag kände mig som en tomskalle idag, är det medicinen?"),
    # Medical terms with an old word in them.
    ("en", "The urologist mentioned retarded ejaculation as a side effect, is there another pill?"),
    ("en", "my son has spastic diplegia and his orthoses are too small now"),
    ("en", "is spastic colon the same as ibs"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_dev10_families_land_in_their_category(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev10_near_misses_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
