"""False alarms the tone rules gave benign patients (issue 14, precision round p22): each kind
said other ways in the languages its rule covers must stay below "log", beside the abusive
wordings the same rule exists for, which must still land in their category (a threat alerting
staff whatever language is assumed).

Fixes: a knife kept in the kitchen "just so you know" (structure.threat.weapon_fyi names
hobby_t20 like weapon_remark_t20); "mina kusiner hälsar på dig" is a greeting, the visit needs a
time, a home or "gärna" (visit_t15); "I'll sort you out with the paperwork" is help
(sort_you, paperwork_p22); "your daughter plays football on saturdays, right? mine too"
(kin_week_t15 names my_family and own_also_t20 like kin_pastime_t20); the writer's own
appointment slot after the reader's shift (en/sv/fi wait_shift); a gun licence form brought next
time (en/fi weapon2); the writer's own night in hospital (invite_home, hospital_stay_p22);
lying undressed because the skin hurts, with a home visit (naked_visit, naked_bed_t12,
visit_undressed_h20, skin_pain_p22, "kipee" in symptom and pain_lump); children playing doctor
(pretend, play_doctor_h20, kids_play_p22); "tinker" as a verb or a cheeky child (en.yaml:
en.disc.voc_tinker, en.disc.adj_tinker); Finnish "ei koske" as "it doesn't hurt" (not_belong
names whom a refusal won't touch); and a starred letter read as the insult it hides ("din lata
k*ssa": kossa, not kyssa; bot/moderation/moderator.py, _rank).

Left as it is: "hope you have fire insurance for the new building, just curious" is the very
shape structure.threat.fire_insurance_t20 exists for ("hoppas vårdcentralen har brandförsäkring").
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


NEAR_MISSES = [
    # A star in a name or an everyday word: read with the letter doubled, still nothing.
    ("fi", "mu*ma tuli käymään, saako hän tulla mukaan vastaanotolle?"),
    ("sv", "min k*tt har kräkts hela natten"),
    # A knife in the kitchen, said in passing.
    ("sv", "jag har en kniv i köket, bara så du vet"),
    ("sv", "bara så du vet: den enda kniven jag har ligger i köket"),
    ("en", "just so you know, the only knife I have is in the kitchen"),
    ("fi", "mulla on veitsi keittiössä, ihan tiedoksi"),
    # Relatives sending greetings ("hälsa på" is also to greet).
    ("sv", "mina kusiner hälsar på dig"),
    ("sv", "mina kusiner hälsar på dig och tackar för hjälpen"),
    ("sv", "mina grabbar hälsar på dig, tack för att du hjälpte pappa"),
    # "Sort you out" as help with papers or a time.
    ("en", "I'll sort you out with the paperwork"),
    ("en", "don't worry, I'll sort you out with a new appointment"),
    ("sv", "jag fixar dig med intyget"),
    # The reader's child's pastime, said of the writer's own too.
    ("en", "your daughter plays football on saturdays, right? mine too"),
    ("en", "your son plays hockey on sundays, right? small world, mine is on the same team"),
    ("sv", "din dotter spelar fotboll på lördagar, va? min också"),
    ("fi", "sun tyttö pelaa jalkapalloa lauantaisin, eiks? munkin"),
    # The writer's own appointment after the reader's shift.
    ("en", "see you after your shift tomorrow, I have the 8am slot"),
    ("sv", "vi ses efter ditt pass imorgon, jag har tiden kl 8"),
    ("fi", "nähdään vuoron jälkeen huomenna, mulla on aika kahdeksalta"),
    # A gun licence form brought next time.
    ("en", "next time I'll bring my shotgun certificate form"),
    ("en", "next time I'll bring the gun licence form for you to sign"),
    ("sv", "nästa gång tar jag med blanketten för vapenlicensen"),
    ("fi", "ensi kerralla tuon aselupalomakkeen mukanani"),
    # The writer's own night in hospital.
    ("en", "I need to stay the night at the hospital, doctor?"),
    ("en", "do I have to stay the night on the ward?"),
    ("en", "my mum has to stay the night in hospital, can I stay with her?"),
    ("sv", "måste jag sova över på sjukhuset?"),
    ("fi", "pitääkö mun jäädä yöksi sairaalaan?"),
    # Undressed because the skin hurts, with a home visit.
    ("fi", "makaan alasti sängyssä koska iho on niin kipee"),
    ("fi", "makaan alasti sängyssä koska iho on niin kipee, tuutko kotikäynnille"),
    ("en", "I lie naked in bed because my skin hurts, is the home visit still on?"),
    ("sv", "jag ligger naken i sängen för huden gör så ont, kommer ni på hembesöket"),
    # Children playing doctor.
    ("en", "my kids play doctor with the toy kit"),
    ("en", "our grandkids love to play doctor"),
    ("sv", "mina barn leker doktor med leksaksväskan"),
    ("fi", "lapset leikkii lääkäriä lelusetillä"),
    # "Tinker" the verb, the cheeky child, the trade.
    ("en", "can you tinker with my dose"),
    ("en", "could you tinker with the timing of my tablets"),
    ("en", "my grandson is a little tinker, he climbed out of his cot"),
    ("en", "the old tinker down the road fixed our pots"),
    # Finnish "ei koske": it doesn't hurt any more.
    ("fi", "ei koske enää, juutalainen lääkäri auttoi"),
    ("fi", "ei koske enää ollenkaan, somalialainen hoitaja teki hyvää työtä"),
    ("fi", "muslimi hoitaja hoiti haavan, ei koske nyt yhtään"),
]

STILL_CAUGHT = [
    # A weapon with a pointed remark.
    ("sv", "jag har en kniv, bara så du vet", "threat"),
    ("en", "I own a gun, just so you know", "threat"),
    ("en", "Got my gun licence renewed last week. Just thought you should know.", "threat"),
    ("fi", "mulla on ase kotona, ihan tiedoksi", "threat"),
    # People the writer knows who will visit.
    ("sv", "mina kusiner hälsar på dig hemma ikväll", "threat"),
    ("sv", "mina kusiner kommer hälsa på dig", "threat"),
    ("sv", "mina grabbar hälsar gärna på dig", "threat"),
    ("en", "my cousins will pay you a visit", "threat"),
    ("fi", "mun serkut käy sun luona kylässä", "threat"),
    # Sorting the reader out.
    ("en", "I'll come and sort you out", "threat"),
    ("en", "Sort my prescription or I'll sort you out myself", "threat"),
    ("sv", "jag kommer och tar dig", "threat"),
    ("fi", "tuun ja hoitelen sut", "threat"),
    # The reader's child's week, known.
    ("en", "your daughter plays football on saturdays, right?", "threat"),
    ("sv", "din dotter spelar fotboll på lördagar va", "threat"),
    ("fi", "sun tyttö pelaa jalkapalloa lauantaisin, eikö?", "threat"),
    # Waiting for the reader after the shift.
    ("en", "I'll be waiting outside when your shift ends", "threat"),
    ("en", "see you in the car park after work", "threat"),
    ("sv", "jag väntar på dig när ditt pass slutar", "threat"),
    ("fi", "odotan sua parkkipaikalla kun vuoro loppuu", "threat"),
    # A weapon brought next time.
    ("en", "next time I'm bringing my knife", "threat"),
    ("en", "next time I'll bring my shotgun", "threat"),
    ("sv", "nästa gång tar jag med geväret", "threat"),
    ("fi", "tuun sinne puukon kanssa", "threat"),
    # The reader invited to stay the night.
    ("en", "you can stay the night at my place", "sexual_harassment"),
    ("en", "stay the night with me, doctor", "sexual_harassment"),
    (
        "en",
        "I'll pay extra if you do the home visit yourself and stay the night.",
        "sexual_harassment",
    ),
    ("fi", "tule yöksi mun luo", "sexual_harassment"),
    ("sv", "kom hem till mig ikväll", "sexual_harassment"),
    # Naked for the home visit.
    ("en", "I'll be naked when you come over for the home visit", "sexual_harassment"),
    ("sv", "jag är naken när du kommer på hembesöket", "sexual_harassment"),
    ("fi", "oon alasti ku tuut kotikäynnille", "sexual_harassment"),
    # The reader as a pretend clinician.
    ("en", "you're just a kid playing doctor", "insult"),
    ("en", "stop playing doctor, you clown", "insult"),
    ("sv", "du leker doktor", "insult"),
    ("sv", "ni är som barn som leker doktor", "insult"),
    # "Tinker" as a slur.
    ("en", "you tinker", "discrimination"),
    ("en", "you dirty tinker", "discrimination"),
    ("en", "filthy tinkers, the lot of you", "discrimination"),
    ("en", "you're nothing but a thieving tinker", "discrimination"),
    # Refusing to be touched by a group.
    ("fi", "juutalainen lääkäri ei koske muhun", "discrimination"),
    ("fi", "Muslimit ei koske mun lapsiin.", "discrimination"),
    ("fi", "homo ei koske muhun, laittakaa joku oikea mies", "discrimination"),
    # A starred letter: the insult it hides, the kiss where only a kiss fits, a threat always.
    ("sv", "din lata k*ssa", "insult"),
    ("sv", "din feta k*ssa", "insult"),
    ("sv", "du är en k*ssa", "insult"),
    ("sv", "får jag k*ssa dig", "sexual_harassment"),
    ("sv", "jag vill k*ssa dig överallt", "sexual_harassment"),
    ("sv", "jag ska d*da dig", "threat"),
    ("en", "I'll k*ll you", "threat"),
    # A star for one of a double consonant (Finnish): the letter after it again.
    ("fi", "sä oot ä*mä", "insult"),
    ("fi", "vitun ä*mä", "insult"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_p22_benign_kinds_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
    assert not moderator.rules_only().check(text).flagged, text


@pytest.mark.parametrize(("lang", "text", "category"), STILL_CAUGHT)
def test_p22_abusive_wordings_still_caught(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, text)


def test_fire_insurance_hint_stays_a_threat(moderator: Moderator) -> None:
    """No clean fix: nothing tells this from the threat the rule exists for."""
    text = "hope you have fire insurance for the new building, just curious"
    assert_category(moderator, text, "en", "threat", text)
