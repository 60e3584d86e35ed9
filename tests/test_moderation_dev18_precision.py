"""Fewer false alarms on a blind benign set (dev18): benign families that met a tone rule, said
other ways in sv/en/fi, must stay below "log"; the abusive wordings the same rules are for must
still land in their category (a threat alerts staff whatever language is assumed).

Fixes: the writer calling themself a name ("vad dum jag är", "mikä pölvästi minä olen") is not
aimed at anyone (bot/moderation/aim.py, `said_of_self_after`); a child's nappy rash or thrush in a
photo is medical; an organ that "tar skada" is not a threat; a hope to see the nurse again "but
not here" and "hope I don't see you again soon, no offence" are warm; a name given ("nimeni on
Pekka Huora-aho") is not an insult; a writer of a minority group asking for themself ("jag är
mörkhyad och hittar inga bilder") is not refusing that group (bot/moderation/lexicon/
structures.yaml, classes suffixed `_t18`).
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


NEAR_MISSES = [
    # Calling oneself a name.
    ("sv", "åh vad korkad jag är, glömde ta med remissen"),
    ("sv", "gud så dum jag var som inte frågade om biverkningarna"),
    ("en", "what an idiot I am, I booked the wrong day again"),
    ("en", "how stupid of me, I forgot to bring my referral letter"),
    ("en", "clumsy idiot that I am, I dropped the inhaler down the drain"),
    ("fi", "mikä ääliö olen, unohdin lähetteen kotiin"),
    ("fi", "voi mikä tollo minä olin kun en kysynyt annosta"),
    ("fi", "olen kyllä hölmö mä oon, otin väärän tabletin"),
    ("en", "stupid me, forgot my inhaler at home again"),
    ("fi", "tyhmä minä, unohdin ajan"),
    ("sv", "dumma mig, glömde nyckeln till medicinskåpet"),
    # A child's rash in a photo.
    ("sv", "här är två bilder på rumpan på min dotter, är det blöjutslag?"),
    ("sv", "jag tog ett foto på sonens rumpa, röda prickar, kan det vara svamp"),
    ("en", "sent you pictures of my baby's butt, is it nappy rash or thrush?"),
    ("fi", "lähetin kuvia pojan pyllystä, onko vaippaihottuma vai hiiva?"),
    # An organ that comes to harm.
    ("sv", "kan njurarna ta skada av ibuprofen?"),
    ("sv", "har hjärtat tagit skada efter infarkten?"),
    ("sv", "hur mycket alkohol tål man innan levern tar skada"),
    # Hoping to meet again, but not at the clinic.
    ("sv", "hoppas att vi ses igen, men inte på akuten"),
    ("sv", "tack för idag! hoppas vi ses snart igen, fast inte här"),
    ("en", "hope to see you again, but not here lol"),
    ("en", "lovely nurse, hope we meet again but not in person at the ward"),
    ("fi", "toivottavasti nähdään vielä, mutta ei täällä"),
    ("sv", "vi ses igen snart hoppas jag, men förhoppningsvis inte här på akuten"),
    # Hoping to need no care.
    ("en", "hope i never see you again as a patient, nothing personal"),
    ("en", "thanks for everything, hope I don't see you again soon, no offense"),
    ("sv", "hoppas jag aldrig ser dig igen snart, ingen illa menat"),
    ("fi", "toivottavasti ei tavata täällä uudestaan, ei pahalla"),
    ("en", "hope we never meet again in A&E, thanks for everything"),
    ("fi", "toivottavasti ei nähdä ensi talvena, kiitos kaikesta"),
    # A name given.
    ("fi", "nimeni on Matti Huora-aho ja tulen huomenna kello yhdeksän"),
    ("fi", "sukunimi on Huora-aho, löytyykö minun aikani"),
    ("sv", "jag heter Anna Idiotsson och har en tid klockan tio"),
    # The writer of a minority group asking for themself.
    ("sv", "jag är döv och har inga hörapparater kvar, kan jag få nya"),
    ("sv", "jag sitter i rullstol och det finns inga ramper vid entrén"),
    ("en", "i'm black and there are no pictures of eczema on skin like mine, can you help"),
    ("en", "i'm deaf and don't want a phone call, can you text me"),
    ("fi", "olen tummaihoinen enkä löydä mitään kuvia ihottumasta"),
    ("fi", "olen kuuro en halua puhelua, voitteko lähettää viestin"),
]

STILL_CAUGHT = [
    # Insults said to the reader.
    ("insult", "sv", "vad dum du är, jag har bokat fel dag", "insult"),
    ("insult", "sv", "dumma kossa jag är trött på dig", "insult"),
    ("insult", "en", "what an idiot, i am done with this place", "insult"),
    ("insult", "fi", "ääliö olet", "insult"),
    ("insult", "fi", "tyhmä hoitaja oon kyllästynyt", "insult"),
    ("insult", "fi", "nimeni on Pekka ja sä oot huora", "insult"),
    ("insult", "fi", "huora", "insult"),
    ("insult", "en", "stupid, me? no you are", "insult"),
    ("insult", "fi", "tyhmä", "insult"),
    # Pictures asked for.
    ("pictures", "sv", "skicka bilder på rumpan din", "sexual_harassment"),
    ("pictures", "en", "send me pics of your butt", "sexual_harassment"),
    # Threats.
    ("threat", "sv", "jag kommer skada dig", "threat"),
    ("threat", "sv", "jag tar och dödar dig", "threat"),
    ("threat", "sv", "vi ses snart igen, men inte här", "threat"),
    ("threat", "sv", "vi ses igen, och inte i chatten", "threat"),
    ("threat", "en", "we'll meet again, not here", "threat"),
    ("threat", "fi", "me vielä tavataan, eikä täällä", "threat"),
    ("threat", "en", "you'd better hope we never meet outside", "threat"),
    ("threat", "en", "hope i never see you outside work", "threat"),
    ("threat", "sv", "hoppas vi aldrig möts ute på stan", "threat"),
    ("threat", "fi", "toivo ettei me tavata kaupungilla", "threat"),
    # Refusing a group.
    ("refusal", "sv", "inga invandrare tack, jag vill ha en svensk läkare", "discrimination"),
    ("refusal", "sv", "inga svarta läkare till mig", "discrimination"),
    ("refusal", "sv", "inga bögar får röra mig", "discrimination"),
    ("refusal", "en", "no black doctors for me, i don't want them", "discrimination"),
    ("refusal", "fi", "en halua mustia hoitajia", "discrimination"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev18_benign_families_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("family", "lang", "text", "category"), STILL_CAUGHT)
def test_dev18_abusive_wordings_still_caught(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)
