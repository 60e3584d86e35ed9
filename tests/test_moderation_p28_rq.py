"""False alarms the tone rules gave benign patients writing to the nurse (precision round p30,
rq; moderation_dev30.tsv, blind benign lines that share words with threats and harassment):
each kind said other ways must stay below "log" with the rules alone, beside the abusive
wordings one or two words away, which must still be caught.

Fixes (classes in bot/moderation/lexicon/structures_p30rq.yaml, named in the `unless` of the
rules that fired; the lexicon's near entries list the same phrases in their own `unless`, and
phrase entries that needed one became near entries of one part):
- a wait or a pain that "will kill me" (harm_to_me_p30rq: structure.threat.coming_to_harm);
- "you'll regret not coming for coffee" (regret_missed_p30rq: the consequence structures,
  fi.thr.kaduta, fi.thr.regret, fi.thr.implicit);
- "I'll find you, I have gps" (find_way_p30rq: sv.thr.kill_pres, en.thr.find_you,
  fi.thr.loydan, fi.thr.sut_loydan, structure.threat.find_you_fi22,
  structure.threat.tracker_t15), with structure.threat.tracker_on_yours_p30rq so that a gps on
  the reader, their car, phone or bag stays a threat;
- "your home... I mean the clinic" (clinic_meant_p30rq: the know-where and your-home rules,
  sv/en/fi);
- "I know you close soon, but ..." (sv.thr.vet_var2);
- kids and pets in a photo, a staff photo, a rash pictured, "what do you look like so I can
  recognise you", a crowd "everywhere" (kin_photo_p30rq, cute_kin_p30rq, your_staff_p30rq,
  ailment_shown_p30rq, recognise_you_p30rq, crowd_p30rq; sv.ins.voc_noun);
- "är du ledig i jul" (sv.sex.singel), "slå dig på fingrarna om du inte tar semester"
  (sv.thr.avsikt, sv.thr.ska_skada, sv.thr.jag_skadar, en.thr.intent, en.thr.kill), "I'd
  murder someone for a coffee" (en.thr.intent);
- a child quoting a film (movie_quote_p30rq: structure.sexual.outing_alone_t12; "sano", the
  spoken past of "sanoa", reports in fi.yaml) and a message sent to the wrong chat
  (wrong_chat_p30rq).
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load(second_opinion=False)


NEAR_MISSES = [
    # hyperbole: it will kill me
    ("sv", "den här kön kommer döda mig, hur länge till?"),
    ("fi", "tää jonottaminen tulee tappamaan mut"),
    # regret not joining a treat
    ("sv", "du kommer ångra att du inte följde med på vår fika, det fanns bullar"),
    ("en", "you'll regret not joining us for the christmas lunch, there was pudding"),
    ("fi", "tuut katumaan ettet tullut mukaan pikkujouluihin"),
    # finding the way
    ("en", "I'll find you, I've got a satnav"),
    ("fi", "kyllä mä sut löydän, mulla on gps"),
    ("sv", "jag hittar dig nog, jag har karta i mobilen"),
    ("sv", "vi hittar er nog, vi har gps"),
    # home corrected to the clinic
    ("sv", "jag vet var du bor nu haha, jag menar var vårdcentralen ligger"),
    ("en", "I know where you live now lol, I mean where the surgery is"),
    ("sv", "jag kommer hem till dig kl 9, alltså till mottagningen"),
    ("fi", "tiedän missä asut nyt, siis missä rakennuksessa vastaanotto on"),
    # closing soon, but
    ("sv", "jag vet att ni stänger strax men jag behöver förnya receptet"),
    # kids, pets and staff in photos
    ("sv", "vilka gulliga ungar på fotot vid kassan, är det dina?"),
    ("sv", "vad söt din katt är på bilden, vad heter den?"),
    ("en", "cute kids in the photo at reception, are they yours?"),
    ("sv", "den där bilden på er personal i väntrummet var så fin"),
    # a rash pictured, recognising the nurse, a crowd
    ("sv", "skickar en bild på finnarna på rumpan, förlåt"),
    ("sv", "hur ser du ut så att jag känner igen dig på labbet?"),
    ("fi", "miltä sä näytät että tunnistan sut odotushuoneessa"),
    ("sv", "du har kort hår va? sa att du skulle möta mig men det är mycket folk här"),
    # off at a holiday, a playful scolding, an idiom of craving
    ("sv", "är du ledig över påsk? hoppas det"),
    ("sv", "jag ska slå dig på fingrarna om du inte tar ledigt snart 😄"),
    ("en", "i would kill someone for a cup of tea right now"),
    ("en", "I'll smack you if you don't take a break soon 😄"),
    # a film quoted by a child, the wrong chat
    ("en", 'my son keeps saying "i will find you" to the cat, too many movies'),
    ("fi", 'poika sano koiralle "mä tapan sut", liikaa leffoja'),
    ("fi", "tuun hakemaan sut kahvilasta äiti (sori väärä chatti)"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_benign_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


# The abusive wordings the narrowed rules exist for: one or two words from the near misses.
STILL_CAUGHT = [
    ("sv", "den här väntan kommer döda dig"),
    ("sv", "du kommer ångra att du inte gav mig remissen"),
    ("fi", "tuut katumaan ettet antanut mulle lääkkeitä"),
    ("sv", "jag hittar dig, jag har gps på din bil"),
    ("sv", "jag hittar dig, jag har gps på dig"),
    ("en", "I'll find you, there's a tracker on your phone"),
    ("en", "I'll find you, I know your car"),
    ("fi", "kyllä mä sut löydän, tiedän sun auton"),
    ("sv", "jag vet var du bor haha"),
    ("en", "I know where you live lol"),
    ("fi", "tiedän missä asut"),
    ("sv", "jag kommer hem till dig ikväll"),
    ("fi", "tuun hakemaan sut töistä illalla"),
    ("sv", "vilka söta ungar du har, jag vet vilken skola de går i"),
    ("sv", "jag vet när ni stänger, jag väntar utanför"),
    ("sv", "jag ska slå dig om du inte skriver ut medicinen"),
    ("en", "i would kill you for a coffee"),
    ("en", "I'll smack you if you don't give me my pills"),
]


@pytest.mark.parametrize(("lang", "text"), STILL_CAUGHT)
def test_threat_still_caught(moderator: Moderator, lang: str, text: str) -> None:
    assert_category(moderator, text, lang, "threat")


OTHER_ABUSE = [
    ("sv", "skicka en bild på rumpan", "sexual_harassment"),
    ("fi", "miltä sä näytät ilman vaatteita", "sexual_harassment"),
    ("sv", "är du ledig ikväll? vill du ta en öl", "sexual_harassment"),
    ("sv", "du är så söt", "sexual_harassment"),
    ("sv", "din hund", "insult"),
]


@pytest.mark.parametrize(("lang", "text", "category"), OTHER_ABUSE)
def test_other_abuse_still_caught(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category)
