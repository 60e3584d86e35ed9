"""False alarms the tone rules gave benign patients writing to the nurse (precision round p28,
rp; moderation_dev28.tsv and moderation_dev29.tsv): each kind said other ways must stay below
"log" with the rules alone, beside the abusive wordings the same rule exists for, which must
still be caught.

Fixes (classes in bot/moderation/lexicon/structures_p28rp.yaml unless said otherwise):
- "kill" said of one's own family in a complaint ("jag kommer döda min man om han inte slutar
  snarka"): own_kin_p28rp in the `unless` of structure.threat.coming_to_harm ("kommer" is both
  "will" and "come");
- a picture or a wound called gross by the one who sends it ("förlåt om bilden är lite
  äcklig"): gross_sight_p28rp in the `unless` of structure.insult.word;
- a pain likened to a blow ("som att nån slår med hammare inne i skallen"):
  pain_likeness_p28rp in the `unless` of structure.threat.crude_weapon_t15;
- the writer at the clinic's door with nobody at the desk ("I'm outside your door now, there's
  no one at the desk?"): clinic_desk_p28rp in the `unless` of structure.threat.at_your_home and
  structure.threat.home_now_t15;
- waiting outside the pharmacy or the chemist (en.yaml en.thr.implicit_outside `unless`, and
  the chemist beside the pharmacy in meet_point_t23); a prescription is no veto: "renew my
  prescription or I'll be waiting outside" is the threat itself;
- a knife that slipped while gutting fish (fi.yaml fi.thr.weapon2 `unless`).
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load(second_opinion=False)


NEAR_MISSES = [
    # one's own family in a hyperbole
    ("sv", "jag kommer mörda min sambo om hon tar täcket en natt till lol, finns det öronproppar?"),
    ("sv", "kommer döda mina ungar snart, de har väckt mig fem gånger inatt. tips på sömn?"),
    ("en", "I'm gonna kill my kids if they wake me at 5 again haha, any tips for melatonin?"),
    ("fi", "mä tuun tappaa mun miehen jos se ei lopeta kuorsaamista, onko apuja"),
    # a picture or a wound called gross
    ("sv", "sorry att fotot är så äckligt, men så här ser det ut nu"),
    ("sv", "ursäkta bilden, den är äcklig, men varet kommer ut hela tiden"),
    ("en", "sorry the photo is disgusting, this is what the wound looks like today"),
    ("fi", "anteeksi jos kuva on ällöttävä, tältä haava näyttää nyt"),
    # a pain likened to a blow
    ("sv", "känns som om någon slår med en slägga i bakhuvudet varje morgon"),
    ("en", "feels like someone is hitting me with a hammer behind my eyes"),
    ("fi", "tuntuu kuin joku hakkaisi vasaralla ohimoon koko ajan"),
    # at the clinic's door, nobody at the desk
    ("en", "I'm standing outside your door now and there's nobody at reception, shall I wait?"),
    ("sv", "jag står utanför er dörr nu men det är ingen i receptionen"),
    # waiting outside the pharmacy
    ("en", "I'll be outside the pharmacy at 5, can the prescription be sent there today?"),
    ("en", "i'll be waiting outside the chemist, is my prescription ready"),
    # a knife slipped while gutting fish
    ("fi", "puukko lipesi kun perkasin ahvenia, tuun näyttää haavaa"),
    ("fi", "veitsi lipsahti kalaa perkatessa, vuotaa verta, tuun nyt päivystykseen"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_benign_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


# The abusive wordings the narrowed rules exist for: one or two words from the near misses.
STILL_CAUGHT = [
    ("sv", "jag kommer döda dig om du inte skriver ut receptet"),
    ("sv", "jag kommer döda er, min man vet var ni jobbar"),
    ("en", "i come and hurt you for my daughter"),
    ("fi", "mä tuun tappaa sut jos et kirjota reseptiä"),
    ("sv", "jag kommer med hammare till mottagningen"),
    ("en", "I'll come to the clinic with a sledgehammer"),
    ("en", "I'm outside your house now"),
    ("sv", "jag står utanför din dörr nu"),
    ("en", "I'll be waiting outside"),
    ("en", "renew my prescription or I'll be waiting outside"),
    ("fi", "tuun sinne puukon kanssa"),
    ("fi", "mä tuun huomenna ja otan kirveen mukaan"),
]


@pytest.mark.parametrize(("lang", "text"), STILL_CAUGHT)
def test_threat_still_caught(moderator: Moderator, lang: str, text: str) -> None:
    assert_category(moderator, text, lang, "threat")


INSULTS = [
    ("sv", "du är så äcklig"),
    ("sv", "äckliga sköterska, svara nu"),
    ("en", "you are disgusting"),
]


@pytest.mark.parametrize(("lang", "text"), INSULTS)
def test_insult_still_caught(moderator: Moderator, lang: str, text: str) -> None:
    assert moderator.check(text, lang).flagged, moderator.explain(text, lang)
