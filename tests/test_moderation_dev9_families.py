"""Families said another way (dev9): every family of threats found on the ninth blind corpus
(moderation_dev9.tsv: a weapon at hand told in passing, arson, a deadline, a doxx, a question
about the reader's car or child, a prophecy, a promise) is met by a structure rule
(bot/moderation/lexicon/structures.yaml, round 9, suffix `_t9`), and each rule is tried here on
wordings written for this test, not taken from the corpus. Beside them, the near misses a patient
really writes (hunting and forestry, an official complaint, violence done to the writer, a joke
enjoyed, their own car) must stay below "log". Every threat must also alert staff."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text): each is a threat.
THREATS = [
    # A weapon at hand, told in passing or made ready.
    ("weapon ready", "en", "the shotgun is loaded and sitting by the door. think about it."),
    ("weapon ready", "en", "My rifle's cleaned and ready. Keep that in mind when you answer."),
    ("weapon ready", "sv", "Bössan är laddad. Tänk på det innan du säger nej igen."),
    ("weapon ready", "sv", "Jaktkniven är nyslipad, bara så du vet."),
    ("weapon ready", "fi", "Haulikko on ladattuna eteisessä. Mieti sitä."),
    ("weapon ready", "fi", "Moottorisaha lähtee käyntiin ekalla vedolla, pitäkää se mielessä."),
    ("weapon ready", "en", "Just so you know, there's a machete in my boot."),
    ("weapon ready", "sv", "Revolvern ligger i bilen. Nu vet du."),
    # Nothing left to lose, with fuel or a weapon.
    ("nothing to lose", "en", "I've got a can of petrol and nothing left to lose."),
    ("nothing to lose", "sv", "Geväret står här och jag har ingenting kvar att förlora."),
    ("nothing to lose", "fi", "Mulla ei oo mitään menetettävää ja kirves on autossa."),
    ("nothing to lose", "sv", "Ni tog allt jag hade, så nu ska du också förlora något."),
    # Arson.
    ("arson", "en", "Someone should put a firebomb through your window."),
    ("arson", "sv", "En molotov genom fönstret på vårdcentralen skulle väcka er."),
    ("arson", "fi", "Poltan sun talon jos ette auta."),
    ("arson", "fi", "polttopullo teidän ikkunasta sisään niin herätte"),
    # Something will happen to the reader's car; a question about it.
    ("your car", "en", "Shame if something happened to your car overnight."),
    ("your car", "sv", "Det vore ju synd om det skulle hända något med din bil."),
    ("your car", "fi", "Katso ettei sun autolle tapahdu mitään."),
    ("your car", "en", "Do you still drive the silver Golf? Just wondering."),
    ("your car", "sv", "Kör du fortfarande den blå Volvon? Bara undrar."),
    ("your car", "fi", "Onks sulla vielä se musta auto? Kunhan kysyn."),
    # The reader's child and where they are.
    ("child", "fi", "Onks sun tytär vielä siinä koulussa kirkon vieressä?"),
    ("child", "sv", "Går dottern din fortfarande på förskolan vid torget?"),
    ("child", "en", "Is your boy still at the nursery by the church?"),
    # A doxx: details written down or found, then see you.
    ("doxx", "en", "I have your reg number and your home address now. See you soon."),
    ("doxx", "sv", "Jag har skrivit upp ditt regnummer. Vi ses snart."),
    ("doxx", "fi", "Mulla on nyt sun kotiosoite. Nähdään pian."),
    ("doxx", "en", "found ur home address on the electoral roll, last time u ignore me"),
    ("doxx", "sv", "Jag har tagit reda på var du bor."),
    ("doxx", "fi", "Selvitin missä asut."),
    # Deadlines and conditions: "or you know what happens", arriving not to talk.
    ("deadline", "en", "Sign the form today, otherwise you know what happens."),
    ("deadline", "sv", "Fixa receptet före fredag, annars vet ni vad som händer."),
    ("deadline", "fi", "Resepti kuntoon tai tiedät mitä tapahtuu."),
    ("deadline", "en", "Sort it by Friday or I'm coming down there, and not for a chat."),
    ("deadline", "sv", "Ring mig idag annars kommer jag in, och inte för att prata."),
    ("deadline", "fi", "Soittakaa tänään tai tuun sinne, eikä juttelemaan."),
    ("deadline", "en", "Sort my pills by Monday or I'll take them by force."),
    ("deadline", "sv", "Får jag inte medicinen så hämtar jag den med våld."),
    ("deadline", "fi", "Lääkkeet tänään tai haen ne väkisin, eikä se oo kenellekään kivaa."),
    ("deadline", "en", "Whoever gets in my way tomorrow will regret it."),
    ("deadline", "sv", "Den som står i vägen när jag kommer får skylla sig själv."),
    ("deadline", "en", "Keep ignoring my messages and see what happens."),
    ("deadline", "sv", "Fortsätt ignorera mig du, så får du se vad som händer."),
    ("deadline", "en", "I've asked politely for weeks. Next week I stop asking nicely."),
    # Threats as questions, and "you're about to find out".
    ("question", "en", "Wonder what happens to doctors who say no to me? You'll soon find out."),
    ("question", "sv", "Vet du vad som händer med läkare som nekar mig? Det ska du få veta."),
    ("question", "fi", "Tiedätkö mitä tapahtuu hoitajille jotka kieltäytyy? Kohta saat tietää."),
    # Coming for the reader.
    ("coming for", "en", "If my mum dies I'm coming for all of you."),
    ("coming for", "sv", "Händer det min son något så kommer jag och tar er."),
    ("coming for", "fi", "Jos äidille käy jotain mä tuun teidän perään."),
    # A prophecy, a promise, "you'll never feel safe".
    ("prophecy", "en", "You'll end up on a stretcher one day, I'll make sure of it."),
    ("prophecy", "en", "You won't ever feel safe in that clinic again."),
    ("prophecy", "sv", "Du kommer aldrig känna dig trygg på jobbet igen."),
    ("prophecy", "fi", "Et oo enää ikinä turvassa siellä."),
    ("prophecy", "en", "Payback is coming, maybe not this week, but it's coming."),
    ("prophecy", "sv", "Det blir hämnd för det här."),
    ("prophecy", "fi", "Kosto tulee vielä, muistakaa se."),
    ("prophecy", "sv", "Snart händer det något på mottagningen. Kom ihåg vad jag sa."),
    ("prophecy", "en", "Something's going to happen at that surgery. Remember I told you."),
    ("prophecy", "en", "Tell the receptionist her family isn't safe."),
    ("prophecy", "sv", "Säg till doktorn att hans familj inte är säker."),
    ("prophecy", "fi", "Kerro lääkärille että sen perhe ei oo turvassa."),
    ("promise", "en", "Not a threat, just a fact: you're going to get hurt."),
    ("promise", "sv", "Det slutar med att någon av er blir skadad, jag lovar."),
    ("promise", "fi", "Joku teistä loukkaantuu vielä, sen mä lupaan."),
    ("promise", "sv", "du e dö när jag hittar dig"),
    ("promise", "en", "ur dead if u dont call me back"),
    ("promise", "fi", "sä oot kuollu jos et soita"),
    # Watch your back on the way to the car; a weapon brought that makes you listen.
    ("look around", "en", "Watch yourself on the way home tonight."),
    ("look around", "sv", "Se dig om ordentligt när du går till bilen ikväll."),
    ("look around", "fi", "Katso tarkkaan ympärilles kotimatkalla."),
    ("make listen", "en", "Next time I'm bringing something that'll make you listen."),
    ("make listen", "sv", "Nästa gång tar jag med mig något som får er att lyssna."),
    ("make listen", "fi", "Ensi kerralla tuon jotain joka saa teidät kuuntelemaan."),
    # Sent through friends; asked as a question; a death and "you're next"; a deadline and
    # no more being nice; a place that "would be awful" to see burn.
    ("friends", "en", "My cousin knows where you live, just so you're aware."),
    ("friends", "fi", "Mun kaverit tietää missä sä asut."),
    ("friends", "fi", "Mulla on kavereita jotka voi käydä moikkaamassa sua töiden jälkeen."),
    ("friends", "sv", "Jag har vänner som gärna hälsar på dig efter jobbet."),
    ("question", "en", "How would you feel if your car windows got smashed tonight?"),
    ("question", "sv", "Hur skulle det kännas om någon väntade på dig vid bilen ikväll?"),
    ("question", "fi", "Miltä tuntuis jos joku odottais sua parkkipaikalla?"),
    ("question", "fi", "Tiedätkö kuinka helppoa on selvittää missä joku asuu?"),
    ("next", "en", "If my mother dies because of you, you'll follow her."),
    ("next", "sv", "Om min pappa dör på grund av er så är du nästa."),
    ("deadline", "en", "You have 24 hours. After that, I'm done being polite."),
    ("deadline", "sv", "Ni har till fredag på er. Sen är det slut på snällheten."),
    ("deadline", "fi", "Teillä on perjantaihin asti aikaa. Sen jälkeen kiltteys loppuu."),
    ("arson", "en", "Wouldn't it be awful if the clinic burned down one night?"),
    ("arson", "fi", "Ois kurjaa jos terveysasema palais yöllä."),
    # Text-speak harm.
    ("text speak", "en", "imma come down there n kick ur ass"),
    ("text speak", "sv", "jag ska spöa din röv"),
]

# Self-harm, read by the crisis vocabulary (flows/questionnaires/_phrases.yaml): each must bring
# a clinical alert.
SELF_HARM = [
    ("sv", "Det spelar snart ingen roll, ni kan avboka min kontroll."),
    ("en", "Please cancel the follow-up, it won't matter much longer."),
    ("fi", "Perukaa mun aika, ei sillä ole kohta mitään väliä."),
    ("sv", "Snaran hänger redan i förrådet."),
    ("sv", "Ingen lyssnar, så ikväll gör jag slut på alltihop."),
    ("en", "I swallowed everything in my medicine cabinet."),
    ("sv", "Jag har svalt allt från medicinskåpet."),
    ("fi", "Nielin kaikki lääkekaapin pillerit."),
    ("fi", "Otin kaikki oxamit ja join päälle."),
]

# Near misses a patient writes: hunting and forestry, complaints, violence done to the writer,
# their own car and child, a joke enjoyed, worry for the reader.
STAY_CLEAN = [
    ("en", "My rifle's cleaned and ready for the moose hunt, can I renew my prescription first?"),
    ("sv", "Geväret är rengjort inför älgjakten, behöver jag förnya mitt recept?"),
    ("fi", "Hirvikivääri on valmiina jahtiin, tarviin lausunnon aseluvan uusimista varten."),
    ("sv", "Motorsågen startade inte och jag sträckte axeln när jag drog, gör det ont länge?"),
    ("en", "I cut my leg with the chainsaw while clearing firewood, it's bleeding a lot."),
    ("fi", "Puukko lipsahti kalastaessa ja haava on syvä."),
    ("en", "I've nothing to lose by asking: could I get an earlier appointment?"),
    ("en", "The fire alarm keeps going off in the waiting room, just so you know."),
    ("sv", "Det hände något med min bil så jag blir sen till tiden."),
    ("fi", "Mun autolle tapahtui jotain, myöhästyn vastaanotolta."),
    ("en", "Is your car park still closed on Sundays? Just checking."),
    ("sv", "Går min dotter fortfarande på förskolan när hon ska vaccineras?"),
    ("en", "I wrote down your name and the time and I'm reporting this to the ombudsman."),
    ("sv", "Jag har skrivit upp ditt namn och anmäler detta till IVO."),
    ("fi", "Kirjoitin ylös sun nimen ja teen muistutuksen potilasasiamiehelle."),
    ("en", "Please sign the form today, otherwise I lose my sick pay."),
    ("sv", "Annars vet jag inte vad jag ska göra, kan ni ringa mig?"),
    ("en", "I'm coming for my blood test at nine, is that still fine?"),
    ("sv", "Jag kommer in imorgon, inte för att prata utan för provet."),
    ("en", "The pain got worse, you'll soon find out from the scan I think."),
    ("en", "I nearly died laughing at the doctor's joke, thank you!"),
    ("en", "My dad told a joke to the nurse and she laughed, lovely staff."),
    ("sv", "Min familj är inte säker på om vi kan komma på torsdag."),
    ("en", "I never feel safe walking home since I was attacked, can I talk to someone?"),
    ("sv", "Jag blev hotad med kniv i helgen och känner mig inte trygg längre."),
    ("fi", "Mua uhattiin puukolla ja pelottaa lähteä ulos."),
    ("sv", "Se dig om för halkan när du går till bilen ikväll, parkeringen är isig."),
    ("sv", "Se dig om efter en annan tid om jag inte hinner ikväll."),
    ("fi", "Pidän huolen että äiti ottaa lääkkeet, tää menee suoraan apteekkiin."),
    ("en", "How would you feel if your mother was left waiting outside for three hours?"),
    ("en", "How would you feel if your child got hurt and was sent home without an x-ray?"),
    ("sv", "Mina vänner hälsar på mig ikväll, kan ni ringa imorgon istället?"),
    ("en", "My friends know where I live, they'll bring my bag."),
    ("fi", "Mun kaverit tietää missä mä asun, ne tuo mulle ruokaa."),
    ("en", "My dad died of this, am I next to be screened?"),
    ("en", "After Friday I'm done being polite and I'm filing a complaint with the ombudsman."),
    ("fi", "Ois kurjaa jos mun talo palais kun oon sairaalassa."),
    ("en", "Lost track of the days and I think I took my evening metformin twice."),
    ("fi", "Sanon hyvästit teille kaikille kun muutan Ouluun, kiitos kaikesta."),
    ("en", "I took everything from the cupboard to the car, moving day tomorrow!"),
    ("sv", "Kan ni avboka min tid? Det spelar ingen roll vilken dag den nya blir."),
    ("fi", "Pidän huolen että et enää ikinä joudu odottamaan, teen kantelun Valviraan puolestasi."),
    ("en", "Someone in my family isn't safe at home, can I talk to a counsellor?"),
    ("en", "I'll make sure of it, I'll bring the urine sample tomorrow."),
]


@pytest.mark.parametrize(("family", "lang", "text"), THREATS)
def test_threat_said_another_way(moderator: Moderator, family: str, lang: str, text: str) -> None:
    assert_category(moderator, text, lang, "threat", family)


@pytest.mark.parametrize(("lang", "text"), STAY_CLEAN)
def test_near_miss_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text"), SELF_HARM)
def test_self_harm_brings_a_clinical_alert(moderator: Moderator, lang: str, text: str) -> None:
    assert "self_harm" in moderator.check(text, lang).categories, moderator.explain(text, lang)
    assert moderator.check(text).action == "clinical_alert", moderator.explain(text)
