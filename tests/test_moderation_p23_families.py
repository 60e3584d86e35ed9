"""False alarms the tone rules gave benign patients (issue 14, precision round p23): each kind
said other ways in the languages its rule covers must stay below "log", beside the abusive
wordings the same rule exists for, which must still land in their category (a threat alerting
staff whatever language is assumed).

Fixes:
- idioms (medical_allow.yaml, en): "can I shoot you a quick question", "drop dead gorgeous",
  "you'll see what happens when I stop taking the metformin";
- "I'm going to beat this cancer" (en.thr.intent: an illness beaten);
- "jag vet var du jobbar på onsdagar, kan jag boka in mig hos dig?" (sv.thr.vet_var2: booking);
- reported speech (bot/moderation/reported.py, fi.yaml `reporting`): spoken "haukku",
  "kirjotti"; a verb that names someone further back ("kallar de min son för lappjävel",
  "called the receptionist a useless old bat"); "my ex used to write '...'"; a report that goes
  on with when it was said ("kiitos muru, sanoi vaimo kun toin reseptin");
- "as a joke" / "på skämt" / "vitsinä" and a clown at a party (structure.insult.word names
  joke_p23 and party_clown_p23, structures_p23.yaml);
- slow service: "slower than a glacier|snail" (en.ins.dumber `unless`; "you're slower than" is
  still en.ins.dumber_than);
- "I'll be (waiting) outside" with the writer's own appointment or a locked door
  (en.thr.implicit_outside, out of en_implicit).

Left as they are: "kiitos muru, nyt helpotti" said to the nurse is the very pet name
fi.sex.pet exists for; "Piss off, stupid printer. Sorry, not you" (a curse said alone is aimed).
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


NEAR_MISSES = [
    # idioms
    ("en", "Can I shoot you a quick question about my meds?"),
    ("en", "can i shoot you an email with the blood results"),
    ("en", "Drop dead gorgeous weather today, I'll walk to the appointment"),
    ("en", "the view from the ward was drop dead beautiful"),
    ("en", "you'll see what happens when i stop taking the metformin? my sugar goes crazy"),
    ("en", "you will see what happens if I stop taking the steroids, the rash comes back"),
    # an illness beaten
    ("en", "I'm going to beat this cancer, the nurse gave me hope today"),
    ("en", "I will beat this infection, doctor, thank you for the antibiotics"),
    ("en", "gonna beat this depression, thanks to the nurse"),
    # booking with the staff member the writer knows
    ("sv", "jag vet var du jobbar på onsdagar, kan jag boka in mig hos dig då?"),
    ("sv", "jag vet var du jobbar nu, kan jag få en tid hos dig?"),
    # reported speech
    ("fi", "tytär kerto et luokkakaveri haukku sitä mamuks, miten mä voin tukea sitä"),
    ("fi", 'joku kirjotti mun autoon "painu kotiin", voinko päästä juttelemaan jonkun kanssa'),
    ("sv", "I skolan kallar de min son för lappjävel och han vägrar gå dit"),
    ("sv", "på bussen kallade en gubbe min dotter för horunge, hon är ledsen"),
    ("en", "the guy before me in the queue called the receptionist a useless old bat"),
    ("en", "a man in the waiting room called the young nurse a stupid cow, she handled it well"),
    ("sv", 'mitt ex brukade skriva "jag ska döda dig om du lämnar mig", kan ni hjälpa mig?'),
    ("en", 'my ex used to text "I\'ll kill you if you leave", can I get a letter for the police'),
    ("fi", "Kiitos muru, sanoi vaimo kun toin sen reseptin kotiin, eli kiitos teille kaikille"),
    ("en", "useless cow, my husband said when I got home, and I cried"),
    # a joke; a clown at a party
    ("en", "My son's teacher told him \"I'll knock your block off\" as a joke and now he won't go"),
    ("sv", 'läraren sa "jag slår dig" på skämt, nu vill han inte gå till skolan'),
    ("fi", "tyttären synttäreille tulee pelle, tyttärellä on kuumetta, pitäskö perua"),
    ("fi", "poika pelkää sirkuksen pelleä, onko se normaalia"),
    # slow service, said of the service
    ("en", "you guys are slower than a glacier but the nurse last week was lovely, thank u"),
    ("en", "the replies here are slower than a snail, any news on my referral"),
    # the writer waiting to be let in
    ("en", "I'll be waiting outside at 8 for my appointment, the door was locked last time"),
    ("en", "I'll be outside until you open at 8"),
    ("en", "I'll be outside at 9 for my appointment"),
]

STILL_CAUGHT = [
    ("en", "I'll shoot you", "threat"),
    ("en", "I'm going to shoot you nurse", "threat"),
    ("en", "drop dead", "insult"),
    ("en", "just drop dead you cow", "insult"),
    ("en", "you'll see what happens", "threat"),
    ("en", "you'll see what happens when I get there", "threat"),
    ("en", "I'm going to beat the nurse", "threat"),
    ("en", "I'll beat you up", "threat"),
    ("sv", "jag vet var du jobbar", "threat"),
    ("sv", "jag vet var du bor, vänta bara", "threat"),
    ("sv", "du är en lappjävel", "discrimination"),
    ("fi", "painu kotiin mamu", "discrimination"),
    ("en", "you useless old bat", "insult"),
    ("en", "I called you a useless old bat and I meant it", "insult"),
    ("sv", "jag ska döda dig", "threat"),
    ("en", "I'll kill you if you leave", "threat"),
    ("fi", "kiitos muru", "sexual_harassment"),
    ("en", "you're a joke", "insult"),
    ("fi", "senkin pelle", "insult"),
    ("fi", "olet pelle", "insult"),
    ("en", "you are dumber than a box of rocks", "insult"),
    ("en", "thick as a plank you are", "insult"),
    ("en", "you're slower than a snail and thicker than a brick", "insult"),
    ("en", "I'll be waiting outside", "threat"),
    ("en", "I'll be outside nurse, you know what that means", "threat"),
    ("en", "I'll be waiting outside when your shift ends", "threat"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_p23_benign_kinds_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text", "category"), STILL_CAUGHT)
def test_p23_abusive_wordings_still_caught(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, text)
