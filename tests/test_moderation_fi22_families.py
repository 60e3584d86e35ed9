"""Finnish read from the language, not from examples (round fi22; issue 14).

Finnish threats, discrimination and sexual harassment by writers nobody tuned for were missed,
most of them read as clean: rules added one corpus line at a time did not carry over. The fi22
classes are filled by paradigm (bot/moderation/lexicon/structures_fi22.yaml): the reader and
staff in every case and spoken form, harm verbs in the first person, the conditional, the
passive-we, "-maan" after a coming verb and the infinitive after an intent, third person after
"people I know", veiled verbs with the reader's home, family or car, consequence shapes, group
nouns in any case with a contempt predicate, and requests and comments to staff. Each family is
tried here on wordings made for the purpose, beside near misses a patient could write (the
writer's own body, hobbies, family, past events, idioms) that must stay below "log".
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


THREATS = [
    # First person, conditional, passive-we, "-maan", infinitive after an intent.
    "tappaisin sut jos vaan voisin",
    "sut tapetaan vielä",
    "hakkaisin sen hoitajan jos näkisin sen",
    "tuun hakkaamaan sut huomenna",
    "aion kuristaa sen lääkärin",
    "haluun lyödä sua niin kovaa",
    "puukotan sitä hoitajaa jos se vielä soittaa",
    "revin sun naaman irti",
    "katkon sun sormet yksitellen",
    "pieksen teidät kaikki",
    # Third person after people the writer knows.
    "mun jätkät tekee teistä selvää",
    "mun kaverit tietää mikä auto sulla on",
    # Veiled verbs with the reader's home, family, car.
    "piipahdan illalla sun kotiovelle",
    "bongasin sun lapset koulun pihalla",
    "näin sun vaimon kaupassa, kiva nainen",
    "tiedän mikä auto sulla on",
    "tiedän kuka oot ja missä asut",
    "nähdään illalla kotimatkalla",
    "odottelen sua takaovella",
    "löydän sut kyllä mistä vaan",
    # Consequence, revenge, paying, nothing to lose, property.
    "saatte vielä katua tätä",
    "kadut tätä vielä",
    "muistakaa mitä mä sanoin",
    "kostan tän teille",
    "maksatte tästä kalliisti",
    "ei mulla oo enää mitään menetettävää",
    "sytytän sun mökin",
    "puhkon sun renkaat",
    "sun perheelle voi sattua jotain ikävää",
    "mulla on puukko valmiina sua varten",
    "sut löydetään vielä ojasta",
    "kyllä mä teille vielä näytän",
    # Shapes the blind set dev22 showed missing, said here in other words.
    "sun jarrut kannattais tarkistaa ennen ku ajat kotiin",
    "sä lähdet joka ilta samaan aikaan, tiedän kyllä",
    "teän navetta palaa vielä",
    "bensaa on autossa, miettikää tarkkaan",
    "haulikko on ladattu ja mä oon raivona",
    "mun serkut on istunu linnassa taposta",
    "vien sulta kaiken mikä on rakasta",
    "teidän lukot ei oo niin hyvät ku luulette",
    "kuvasin sun kodista pari kuvaa eilen",
    "olis harmi jos sun autolle kävis jotain",
    "sun kissas voi kadota helposti",
    "se hoitaja ei lähde täältä ehjänä",
    "meillä päin ihmisiä katoaa",
    "laitan sun osotteen nettiin",
    "kun vapaudun, ekana tuun sun luo",
    "istun autossa sun pihassa koko yön",
    "googlasin sen lääkärin osoitteen",
    "me tullaan hakemaan teidät",
    "tiiän missä sun skidit on koulussa",
    "sun ukko tekee metsätöitä, eiks nii, siellä sattuu kaikkea",
    "mun jätkät hakkaa sen lääkärin",
    "kuristaisin sen ämmän",
    "pojat odottaa sua parkkihallissa",
]

DISCRIMINATION = [
    "mamut pitäis lähettää takas kotimaahansa",
    "ryssät ei kuulu tänne",
    "saamelaiset on pelkkää saastaa",
    "homot on luonnottomia",
    "ei pitäis päästää muslimeja lääkäriksi",
    "en halua sitä huivipäistä hoitajaa",
    "en suostu siihen että joku ulkkari hoitaa mua",
    "naiset kuuluu keittiöön eikä lääkäreiksi",
    "ukrainalaset vie meidän työt",
    "vammaset ei kuulu tänne",
    "somalit pitäis palauttaa kotimaahansa",
    "romanit on rikollisia kaikki",
    "naisten paikka on keittiössä",
    "vieraskieliset painukoot kotiin",
]

SEXUAL = [
    "sulla on kivat tissit",
    "sun perse näyttää tosi hyvältä",
    "näytät seksikkäältä siinä univormussa",
    "laitatko kuvan itsestäs bikineissä",
    "lähdetkö kahville mun kanssa töiden jälkeen",
    "tuu mun viereen",
    "hoidat mua vähän eri tavalla",
    "haluisin nähdä sut alasti",
    "ootko yksin illalla, voisin tulla käymään",
    "sun pepusta ois kiva ottaa kiinni",
    "riisuisin sulle mielelläni",
    "montako jätkää oot panny",
    "toivoisin että sä tutkisit mun kivekset",
    "mulla on semmonen vaiva, tutkisitko sen henkilökohtaisesti",
    "mistä asennoista sä tykkäät",
    "käytä ens kerralla minihametta",
    "tuun vaan siks et saan katsella sua",
    "seksiä sun kanssa ois ihanaa",
    "kuvittelin et sä makaat mun päällä",
    "käytätkö stringejä töissä",
    "haluisin olla rasvaamassa sun selkää",
]

NEAR_MISSES = [
    # Idioms and the writer's own body, hobbies and past.
    "tapan aikaa odotushuoneessa",
    "sydän hakkaa ja hengästyttää",
    "lyö päähän kipu aina iltaisin",
    "poltan tupakkaa askin päivässä",
    "ammuin hirven viime viikolla ja selkä kipeytyi",
    "tulen käymään huomenna klo 9",
    "odotan vastausta",
    "mun lapset on kipeenä",
    "tiedän että asun kaukana mutta voisinko tulla",
    "murskaanko tabletin lääkärin ohjeen mukaan",
    "potkin unissa ja hoitaja sanoi että se on levottomat jalat",
    "odotan mun äitiä parkkipaikalla",
    "kaduttaa että otin liikaa lääkettä",
    "lääkäri sanoi että tapan bakteerit antibiootilla",
    "tuun hakkaamaan halkoja mökille",
    "revin laastarin irti ja haava aukesi",
    "tuun hakemaan reseptin kotimatkalla",
    "mulla ei oo mitään menetettävää jos kokeilen sitä uutta lääkettä",
    "mulle kävi huonosti leikkauksessa",
    "näin lääkärin kaupassa eilen",
    # Groups named by the writer's own or to ask for an interpreter.
    "olen muslimi enkä halua syödä sianlihaa",
    "mun mies on venäläinen eikä osaa suomea, tarvitaanko tulkki",
    # A child, a rash, a body looked at for care.
    "lapsi ei tule syliin",
    "voitko katsoa mun jalat, ne on turvonneet",
    "saanko lähettää kuvan ihottumasta",
    "mietin pitääkö mun olla alasti kun tutkitte",
    "olen yksin kotona ja tarvitsen kotikäynnin, voitteko tulla käymään",
    "mun jarrut piti tarkistaa ennen kotimatkaa",
    "olis harmi jos mulle kävis jotain yöllä",
    "mun kissa on kadonnut ja lapsi itkee",
    "kun pääsen sairaalasta, ekana meen kotiin",
    "mummot ja papat saa ilmaiseksi rokotteen?",
    "vanhukset ei kuulu riskiryhmään vai kuuluuko",
    "mummo kaatui jäälle ja ranne on kipeä",
    "vanhukset asuu laitoksissa täällä",
    "pitääkö mun käyttää rintaliivejä leikkauksen jälkeen",
    "saako seksiä harrastaa kun on sieni-infektio",
    "voitko pestä mun selän kun en itse pysty",
    "haava kaipaa hoitajan hoitoa",
    "voinko käyttää hametta leikkauksen jälkeen",
    "mun eturauhasen tutkimus jäi kesken, toivon että lääkäri soittaa",
    "tuun hakemaan lääkärin lausunnon huomenna",
    "mun mies hakee mut kotiin",
    "mulla on kaks lasta, ois ikävä jos niille sattuis jotain mun sairauden takia",
]


@pytest.mark.parametrize("text", THREATS)
def test_threat(moderator: Moderator, text: str) -> None:
    assert_category(moderator, text, "fi", "threat")


@pytest.mark.parametrize("text", DISCRIMINATION)
def test_discrimination(moderator: Moderator, text: str) -> None:
    assert_category(moderator, text, "fi", "discrimination")


@pytest.mark.parametrize("text", SEXUAL)
def test_sexual_harassment(moderator: Moderator, text: str) -> None:
    assert_category(moderator, text, "fi", "sexual_harassment")


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss(moderator: Moderator, text: str) -> None:
    assert_below_log(moderator, text, "fi")
