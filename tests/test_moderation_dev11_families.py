"""Families said another way (dev11): the Finnish threat, discrimination and insult families
missed on the eleventh blind corpus (moderation_dev11.tsv, Finnish-weighted: chat puhekieli,
Tornio-valley forms, threats without a "sut" right after the verb) are met by classes and rules
suffixed `_t11` (bot/moderation/lexicon/structures.yaml) and tried here on wordings written for
this test in all three languages, not taken from the corpus. Beside them, the near misses a
patient really writes (violence done to the writer, a pet put down, thin windows at home, a
foreign doctor who needs an interpreter, "vajaa viikko") must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # A first-person blow or kill verb and where it ends ("vedän ... lättyyn", "pois päiviltä",
    # "six feet under"), said to the reader; ending the reader's days.
    (
        "blow or kill verb and where it ends",
        "fi",
        "kun seuraavan kerran tuut vastaan ni mä vedän sua lättyyn",
        "threat",
    ),
    (
        "blow or kill verb and where it ends",
        "fi",
        "mä pistän sut pois päiviltä jos toi jatkuu",
        "threat",
    ),
    ("blow or kill verb and where it ends", "fi", "hoidan sun kissan hengiltä", "threat"),
    ("blow or kill verb and where it ends", "fi", "lopetan sun päivät, muista se", "threat"),
    ("blow or kill verb and where it ends", "fi", "mä lopetan sun päivät, muista se", "threat"),
    (
        "blow or kill verb and where it ends",
        "en",
        "next time i see you i'll put you six feet under",
        "threat",
    ),
    ("blow or kill verb and where it ends", "en", "i'll knock your teeth out, nurse", "threat"),
    ("blow or kill verb and where it ends", "sv", "jag ska lägga dig i jorden, syster", "threat"),
    ("blow or kill verb and where it ends", "sv", "jag slår tänderna ur dig nästa gång", "threat"),
    # A striking tool or weapon put to the reader's head or face.
    ("weapon to the head", "fi", "vasaralla sua päähän jos et kirjota sitä", "threat"),
    ("weapon to the head", "en", "a baseball bat to your head if you refuse again", "threat"),
    ("weapon to the head", "sv", "ett basebollträ i huvudet på dig om du vägrar", "threat"),
    # A weapon said to arrive at the reader's place.
    ("weapon arrives at the clinic", "fi", "pommi on tulossa teidän terveyskeskukseen", "threat"),
    (
        "weapon arrives at the clinic",
        "en",
        "a bomb is coming to your clinic, you earned it",
        "threat",
    ),
    ("weapon arrives at the clinic", "sv", "en bomb kommer till er vårdcentral snart", "threat"),
    # "I'll come there" and what the reader will then see or feel.
    (
        "I come there, then you'll see",
        "fi",
        "jos en saa sitä tänään ni tuun sinne ja sitten te näette",
        "threat",
    ),
    (
        "I come there, then you'll see",
        "en",
        "sign it today or i'll come down there and then you'll see",
        "threat",
    ),
    (
        "I come there, then you'll see",
        "sv",
        "skriv ut det nu annars jag kommer dit och då får ni se",
        "threat",
    ),
    # "Do you want to see what happens if you don't ...".
    (
        "want to see what happens",
        "fi",
        "haluatko nähdä mitä tapahtuu jos et soita takaisin",
        "threat",
    ),
    (
        "want to see what happens",
        "en",
        "wanna see what happens if you don't call me back today",
        "threat",
    ),
    (
        "want to see what happens",
        "sv",
        "vill du se vad som händer om du inte ringer tillbaka",
        "threat",
    ),
    # The reader's locks, windows or brakes made to sound unsafe, "just asking".
    ("the reader's home made unsafe", "fi", "onko sun ikkunat ohuet? kunhan kysyn", "threat"),
    ("the reader's home made unsafe", "en", "are your brakes in order, doc? just asking", "threat"),
    (
        "the reader's home made unsafe",
        "sv",
        "är dina fönster så tunna hemma? jag bara frågar",
        "threat",
    ),
    # A deadline, then the reader's property broken.
    (
        "or your windows are broken",
        "fi",
        "huomiseen mennessä lähete tai sun auton ikkunat on säpäleinä",
        "threat",
    ),
    (
        "or your windows are broken",
        "en",
        "the referral by monday or your car windows get smashed",
        "threat",
    ),
    (
        "or your windows are broken",
        "sv",
        "remissen senast fredag annars är dina fönster krossade",
        "threat",
    ),
    # The reader's children counted, then a pity if something happened.
    (
        "the reader's children, a pity if",
        "fi",
        "sulla on kaks poikaa, ois sääli jos niille tapahtuis jotain",
        "threat",
    ),
    (
        "the reader's children, a pity if",
        "en",
        "you have two daughters, right? would be a shame if something happened",
        "threat",
    ),
    (
        "the reader's children, a pity if",
        "sv",
        "du har två döttrar va, vore synd om något hände dem",
        "threat",
    ),
    # A staff member named by skin or orientation, then what they cannot do.
    (
        "staff named by skin or origin",
        "fi",
        "musta hoitaja ei tiedä mitään meidän vaivoista",
        "discrimination",
    ),
    (
        "staff named by skin or origin",
        "en",
        "the black nurse knows nothing about our bodies",
        "discrimination",
    ),
    (
        "staff named by skin or origin",
        "sv",
        "den svarta läkaren vet ingenting om oss",
        "discrimination",
    ),
    # A group not to be let into a profession.
    (
        "a group kept out of a profession",
        "fi",
        "homoja ei saa olla hoitajina lasten kanssa",
        "discrimination",
    ),
    (
        "a group kept out of a profession",
        "en",
        "muslims shouldn't be allowed to be doctors here",
        "discrimination",
    ),
    (
        "a group kept out of a profession",
        "sv",
        "invandrare borde inte få jobba som läkare",
        "discrimination",
    ),
    # A woman's place at home, said to the reader.
    ("a woman's place is at home", "fi", "oot nainen, sun paikka on keittiössä", "discrimination"),
    (
        "a woman's place is at home",
        "en",
        "you're a woman, your place is at home not in surgery",
        "discrimination",
    ),
    ("a woman's place is at home", "sv", "du är kvinna, din plats är hemma", "discrimination"),
    # A foreign staff member sent back home.
    (
        "send them back",
        "fi",
        "se ulkomaalainen hoitaja, lähettäkää se takaisin kotiin",
        "discrimination",
    ),
    ("send them back", "en", "that foreign doctor, send him back", "discrimination"),
    ("send them back", "sv", "den utländska läkaren, skicka hem honom", "discrimination"),
    # "Learn proper Finnish", said to the reader.
    (
        "learn proper Finnish",
        "fi",
        "opettele oikeeta suomea ennen ku vastaat mulle",
        "discrimination",
    ),
    ("learn proper Finnish", "en", "learn proper english before you answer me", "discrimination"),
    ("learn proper Finnish", "sv", "lär dig riktig svenska innan du svarar mig", "discrimination"),
    # Finnish compounds and slang for a fool.
    ("Finnish fool compounds", "fi", "sä oot täys kaistapää", "insult"),
    ("Finnish fool compounds", "fi", "senkin pässinpää", "insult"),
    ("Finnish fool compounds", "fi", "ootte kaikki tyhjäntoimittajia", "insult"),
    ("Finnish fool compounds", "fi", "sä oot ihan mulkero", "insult"),
    # Round two: running over, coming to kill, nobody finds you, paid in blood, no more smiling,
    # watch your back, the northern forms of "you" (sie, teiän) and "I know" (tiän).
    ("run the reader over", "fi", "ajan sun yli kun tuut töistä", "threat"),
    ("run the reader over", "en", "i will run you over in the car park", "threat"),
    ("run the reader over", "sv", "jag kör över dig på parkeringen", "threat"),
    ("coming to kill", "fi", "mä tuun puukottaan sut huomenna", "threat"),
    ("coming to kill", "en", "i'm coming to shoot you tomorrow", "threat"),
    ("coming to kill", "sv", "jag kommer och skjuta dig i morgon", "threat"),
    ("nobody finds you", "fi", "ei kukaan löydä sinua järvestä", "threat"),
    ("nobody finds you", "en", "no one will find you in the lake", "threat"),
    ("nobody finds you", "sv", "ingen hittar dig i sjön sen", "threat"),
    ("pay in blood", "fi", "te maksatte tästä vielä verellä", "threat"),
    ("pay in blood", "en", "you'll pay for this with blood", "threat"),
    ("pay in blood", "sv", "ni ska betala för det här med blod", "threat"),
    ("smile no more", "fi", "kohta te ette enää hymyile", "threat"),
    ("smile no more", "en", "soon you won't be smiling, nurse", "threat"),
    ("smile no more", "sv", "snart ler du inte längre", "threat"),
    ("watch your back", "fi", "saat vahtia selkääs joka päivä", "threat"),
    ("watch your back", "sv", "nu får du se dig om, syster", "threat"),
    ("watch your back", "fi", "saatte katsoa selkääsi tästä lähtien", "threat"),
    ("dialect you", "fi", "mie tiän missä sie asut ja millä ajat", "threat"),
    ("dialect you", "fi", "lähete huomiseen tai teiän auto on rikki", "threat"),
]

NEAR_MISSES = [
    ("fi", "mies veti mua turpaan eilen illalla, nenä on vinossa"),
    ("fi", "naapuri ajoi mun päälle parkkipaikalla, jalka on turvoksissa"),
    ("fi", "eläinlääkäri laittoi meidän koiran hengiltä ja mä en saa unta"),
    ("fi", "isä laitettiin mullan alle viime viikolla, voinko saada unilääkettä"),
    ("en", "my ex knocked my teeth out last year, do I need a dentist referral"),
    ("sv", "han slog mig i huvudet med en flaska, ska jag komma in"),
    ("fi", "halkoja hakatessa kirves osui mua päähän, tarviiko tikata"),
    ("en", "i fell off a ladder and hit my head, the hammer hit me too"),
    ("fi", "tuun sinne huomenna klo 10, sitten te näette kuinka turvonnut jalka on"),
    ("en", "i'll come down there tomorrow, then you'll see how swollen my foot is"),
    ("fi", "mitä tapahtuu jos en tuu sinne huomenna"),
    ("fi", "mun ikkunat on niin ohuet et en saa unta melusta"),
    ("en", "my windows are so thin I can't sleep, is that why my asthma is worse"),
    ("sv", "våra fönster är så tunna, kan det ge huvudvärk"),
    ("fi", "teidän aulan ovessa on lukko rikki, kertokaa vahtimestarille"),
    ("fi", "mulla on kaks lasta, ois ikävä jos niille sattuis jotain mun sairauden takia"),
    ("fi", "ulkomaalainen lääkäri ei osannut suomea, voisinko saada tulkin"),
    ("en", "the foreign doctor didn't know my history, can someone read my notes"),
    ("fi", "mun vaimo on venäläinen ja haluais töihin hoitajaksi, mistä kysyä"),
    ("fi", "mun paikka on kotona nyt sairasloman ajan"),
    ("fi", "vajaa viikko sitten alko yskä"),
    ("fi", "tapan aikaa odotushuoneessa, kauanko vielä"),
    ("fi", "pommi alkaa olla vatsa, niin turvoksissa"),
    ("en", "the bomb squad came to our street, my son got a panic attack"),
    ("sv", "en bomb kommer att gå upp i min mage, så ont har jag"),
    ("fi", "löysin metsästä punkin jalasta, pitääkö tulla näyttämään"),
    ("en", "no one could find my vein in the lake district clinic"),
    ("fi", "maksat laboratoriossa, verikoe otetaan samalla"),
    ("en", "do I pay at the lab for the blood test"),
    ("fi", "lapsi ei enää hymyile niin paljon, onko se masentunut"),
    ("en", "my baby won't smile anymore, is that normal"),
    ("fi", "mies ajoi mun yli pyörällä, ranne on kipeä"),
    ("sv", "en bil körde på mig i går, kan jag komma in"),
    ("fi", "tuun huomenna ottaan verikokeen"),
    ("fi", "mie tiän missä se apteekki on"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_dev11_families_land_in_their_category(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev11_near_misses_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
