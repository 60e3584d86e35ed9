"""Threat shapes the rules missed on a blind set (round p28, helper rt;
bot/moderation/lexicon/structures_threats_rt28.yaml), each written in other words here, beside
near misses one or two words away that must stay below "log" (the rules alone).

Families: the writer setting a place on fire; the reader's car or house that "would look nice"
burning; violence or blood as the next step; a death blamed on the clinic answered with "you'll
all die too"; days counted; locks or guards that "won't help" and an unguarded place remarked on;
where someone parks or lives known or watched, a small town where everyone is found; paying "one
way or another" or "for what he did"; regret for how the writer was spoken to; a visit or a list
the reader won't forget; the police called and "your fault what happens"; "let's see who dies
first"; someone hurt "and it won't be me"; staff made patients themselves; a weapon and a dare;
a bad day due for a named colleague; hunting someone down "I swear"; dragging the reader out;
"he'll learn what pain is"; "accidents happen" as a reminder; the next person or a named one due
a beating; help to hell; "you should be afraid"; a different language after a deadline; shooting
people likened to hunting; a stone through the reader's windows, fuel to be had anywhere; harm to
a third person the writer names (a knife in him, going over there armed, "I'll kill him", "I'm
not joking", "for good", "pay with his life"); and a smug doctor punched in the face.

Two older rules narrowed on the way: structure.threat.know_where leaves a question about where
to park ("do you know where I can park"), structure.threat.blood_t15 leaves blood in the urine.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load(second_opinion=False)


THREATS = [
    # Arson by the writer.
    ("sv", "om ni inte svarar idag sätter jag eld på hela stället"),
    ("en", "if i don't get my refill i'll set fire to the whole clinic"),
    ("fi", "jos ette soita takas ni sytytän koko terveyskeskuksen"),
    # The reader's car or house burning "would look nice".
    ("en", "that little audi of yours would look nice on fire"),
    ("sv", "det vore synd om ert hus tog eld en natt"),
    # Violence or blood as the next step.
    ("en", "i've asked nicely. next step is violence"),
    ("sv", "säger ni nej en gång till så blir det blod"),
    ("fi", "seuraavalla kerralla tulee verta"),
    # A death blamed on the clinic.
    ("sv", "dör min pappa på grund av er så kommer ni att dö också"),
    ("en", "if my wife dies because of you, you will die too"),
    # Days counted.
    ("sv", "hälsa doktorn att han kan börja räkna sina dagar"),
    ("en", "your colleague should count her days"),
    # Protection that won't help, an unguarded place remarked on.
    ("en", "lock your doors if you like, it won't help"),
    ("fi", "lukitkaa ovet vaan, ei auta teitä"),
    ("en", "no security at the back door after six. interesting"),
    # Where someone parks or lives known or watched; a small town.
    ("en", "i know where the receptionist parks"),
    ("en", "i've been watching her house for a week"),
    ("fi", "oon nähnyt sun auton. tiiän kyllä missä sä asut"),
    ("sv", "liten ort det här, alla känner alla. kom ihåg det"),
    # Paying one way or another, for what he did.
    ("en", "he will pay for this one way or another"),
    ("sv", "läkaren ska betala för det han gjorde"),
    # Regret, a visit not forgotten, done with her.
    ("sv", "ni kommer att ångra att ni pratade med mig så"),
    ("en", "you'll get a visit you won't forget"),
    ("en", "when i'm done with him he won't be smiling"),
    # Police, who dies first, not me.
    ("en", "call the police on me again and it's your fault what happens"),
    ("en", "let's see who dies first"),
    ("sv", "någon kommer bli skadad och det blir inte jag"),
    # Staff made patients.
    ("en", "one of you is going to end up a patient yourselves"),
    ("fi", "joku teistä joutuu kohta ite potilaaksi"),
    # A list, a weapon and a dare, a bad day.
    ("en", "i have a list of names. you're at the top"),
    ("en", "there's a shotgun in my car. still want to say no?"),
    ("en", "your nurse is gonna have a really bad day, tell her that"),
    # Hunting down, dragging out, pain, accidents.
    ("en", "ignore me again and i swear i'll hunt you down"),
    ("sv", "jag kommer och drar ut dig ur receptionen"),
    ("en", "he'll learn what real pain is"),
    ("sv", "bara en vänlig påminnelse: olyckor händer"),
    # The next person or a named one beaten.
    ("en", "the next person who hangs up on me gets stabbed"),
    ("fi", "seuraava joka laittaa mut jonoon saa turpiinsa"),
    ("fi", "se vastaanoton tyyppi saa turpiinsa huomenna"),
    # Hell, fear, a different language, shooting people.
    ("en", "i hope you rot in hell and i might help you get there"),
    ("en", "i've got nothing to lose. you should be afraid"),
    ("en", "you have until monday. after that we speak a different language"),
    ("sv", "skjuta en människa är inte så stor skillnad från en älg"),
    # A stone through the reader's windows, fuel anywhere.
    ("en", "your windows are thin, a brick would go straight through"),
    ("fi", "bensaa saa helposti mistä vaan"),
    # Harm to a third person the writer names.
    ("sv", "jag ska köra kniven i honom när han kommer hem"),
    ("en", "i'm going round there with a knife tonight"),
    ("sv", "jag ska döda honom, jag skämtar inte"),
    ("sv", "nu ska jag ta livet av den jäveln"),
    ("fi", "mä hoitelen sen jätkän lopullisesti"),
    ("sv", "han ska få betala med livet för det här"),
    ("en", "gonna smash that useless doctor in the face"),
]

NEAR_MISSES = [
    # Smoking, desire, a car of the writer's own that burned.
    ("fi", "poltan koko askin päivässä, pitäiskö lopettaa"),
    ("sv", "jag tänder på när du pratar så"),
    ("sv", "min bil brann upp förra veckan, skulle se om försäkringen täcker"),
    # Blood and violence as symptoms or as what the writer suffers.
    ("sv", "nästa gång det blir blod i urinen ska jag ringa?"),
    ("en", "my husband got violent again last night, next time i'll call the police"),
    ("en", "no violence at home, otherwise i'm fine"),
    # A dying relative, a count to an operation.
    ("sv", "mormor har cancer och hennes dagar är räknade, kan läkaren ringa mig"),
    ("sv", "jag börjar räkna dagarna till operationen, doktorn"),
    ("sv", "om pappa dör pga er så kommer ni alla få höra det i tidningen"),
    # Security and locks that don't help with a login; a question about guards.
    ("en", "security won't help me with my login, can you?"),
    ("en", "the security code doesn't help, i still can't log in"),
    ("sv", "ingen vakt på kvällen, är det tryggt för er? intressant fråga"),
    # Parking, houses, small towns.
    ("en", "do you know where i can park near the clinic?"),
    ("en", "i've been watching the house prices go up"),
    ("en", "it's a small town, easy to find the clinic, thanks!"),
    # Paying a bill, regret about a vaccine, a visit the writer won't forget.
    ("sv", "jag betalar räkningen på ett eller annat sätt, kan jag dela upp avgiften?"),
    ("en", "i'll pay one way or another, is there an invoice?"),
    ("sv", "tack för ett besök jag aldrig glömmer"),
    ("en", "when i'm done with the exam can i go home?"),
    ("en", "the police said it was not my fault what happened"),
    # Patients, lists, hunting rifles, bad days of the writer's own.
    ("fi", "voiko joku teistä ottaa poikani potilaaksi"),
    ("en", "have you ever been a patient yourself?"),
    ("sv", "jag har en lista med namn på mina mediciner, vilken står överst?"),
    ("en", "i need a certificate for my hunting rifle, still waiting for the licence"),
    ("en", "tell the nurse i'm going to have a bad day tomorrow with the chemo"),
    # Finding, dragging, pain, accidents said kindly.
    ("en", "i'll come find you at reception tomorrow for the form"),
    ("en", "i'll come find you next time i'm in"),
    ("en", "sorry to drag you out on a sunday"),
    ("en", "now i finally know what pain is, kidney stones are awful"),
    ("en", "you'll know what pain is when you give birth"),
    ("en", "friendly reminder that accidents happen, so keep the meds out of reach of children"),
    # Help, fear, languages, hunting.
    ("en", "i hope you can help me get there sooner, the bus is slow"),
    ("en", "do you think i should be afraid of the operation?"),
    ("fi", "mun poika puhuu eri kieltä kotona"),
    ("en", "my uncle shot a moose, is venison different from beef?"),
    # A stone thrown at the writer's windows; knives and axes for the kitchen and firewood.
    ("fi", "joku heitti kiven meidän ikkunasta läpi yöllä"),
    ("en", "i put the knife in the drawer and cut myself"),
    ("en", "i put the knife in her lunchbox by mistake"),
    ("fi", "tänään meen mökille kirveen kanssa tekemään halkoja"),
    ("en", "my son is going over there with a bat for cricket practice"),
    # Killing a cold, a wasp, time; quitting for good; a joke put aside.
    ("sv", "ska ta livet av den här förkylningen med honung"),
    ("fi", "mä tapan sen ampiaisen joka on keittiössä"),
    ("fi", "mä lopetan tupakoinnin lopullisesti"),
    ("en", "i'm afraid the drinking will kill him"),
    ("en", "i will kill for a coffee right now, not joking"),
    ("en", "my knee hurt so much, i'm not joking"),
    ("sv", "mannen snarkar så jag vill döda honom, men seriöst, hjälper en skena?"),
    ("sv", "många rökare får betala med livet, hur slutar jag?"),
    ("fi", "poika sai turpiinsa koulussa, huomenna menen rehtorille"),
]


@pytest.mark.parametrize(("lang", "text"), THREATS)
def test_the_threat_alerts_staff(moderator: Moderator, lang: str, text: str) -> None:
    assert_category(moderator, text, lang, "threat")


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_the_near_miss_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
