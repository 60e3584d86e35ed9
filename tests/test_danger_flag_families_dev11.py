"""Red flags written the way dev11's writer wrote them (a baby's age in words, a Finnish fall
written as a noun, sudden confusion in Finnish, chest pain with breathlessness), each family
said other ways (none taken from a corpus), with everyday lines in the same words beside them
(issue 12)."""

from __future__ import annotations

import pytest

from flows.phrases import red_flag_hits

SEEN = [
    # a young baby's age in words ("två månaders", "two month old", "kaksikuinen") with fever
    ("vår två månaders dotter har 38,3 i feber", "rf_child"),
    ("bebben är en månad gammal och känns het, 38,1", "rf_child"),
    ("sonen är två månader och har haft feber sen i kväll", "rf_child"),
    ("our two month old feels hot, 38.4 under the arm", "rf_child"),
    ("baby is one month and has a temperature of 38", "rf_child"),
    ("my daughter is two months old and burning up", "rf_child"),
    ("kaksikuinen vauva on kuumeessa", "rf_child"),
    ("vauva on kaksi kuukautta ja lämpöä 38,2", "rf_child"),
    ("poika on kaks kuukautta vanha ja kuumetta 38,5", "rf_child"),
    # a crooked limb after a fall written as a noun ("putoamisen", "tippumisen", "kaatumisen")
    ("tytön ranne on vinossa tippumisen jälkeen", "rf_injury"),
    ("isän nilkka osoittaa väärään suuntaan kaatumisen jälkeen", "rf_injury"),
    ("käsivarsi näyttää vääntyneeltä putoamisen jälkeen", "rf_injury"),
    ("armen ser sned ut efter att hon ramlade från studsmattan", "rf_injury"),
    ("his forearm is bent at a weird angle after falling off the trampoline", "rf_injury"),
    # sudden confusion ("yhtäkkiä sekava") is the consciousness question, as in sv and en
    ("vaari on yhtäkkiä ihan sekaisin eikä tiedä missä on", "rf_consciousness"),
    ("äiti on äkkiä tosi sekava tänä iltana", "rf_consciousness"),
    ("mormor blev plötsligt förvirrad i kväll", "rf_consciousness"),
    ("my gran has suddenly become confused this evening", "rf_consciousness"),
    # ... but the stroke question first when the speech or one side is named
    ("isän puhe muuttui yhtäkkiä sekavaksi ja suupieli roikkuu", "rf_stroke"),
    ("äiti yhtäkkiä sekava ja toinen käsi ei toimi", "rf_stroke"),
    ("mamma blev plötsligt sluddrig och förvirrad", "rf_stroke"),
    # chest pain with breathlessness: the chest question first
    ("bröstsmärta och andnöd sedan en timme", "rf_chest"),
    ("ont i bröstet och andnöd när jag går till köket", "rf_chest"),
    ("pain in my chest and I'm short of breath walking to the kitchen", "rf_chest"),
    ("crushing chest pain, sweaty and out of breath", "rf_chest"),
    ("rintakipu ja hengenahdistus alkoi puoli tuntia sitten", "rf_chest"),
    ("harmaa naamasta ja rintakipua", "rf_chest"),
    # ... but breathlessness alone, with asthma or blue lips, or not breathing at all: breathing
    ("jag har andnöd och klarar inte att gå", "rf_breathing"),
    ("tosi kova hengenahdistus", "rf_breathing"),
    ("andnöd och väsande andning, inhalatorn hjälper inte", "rf_breathing"),
    ("short of breath and wheezing, chest feels tight", "rf_breathing"),
    ("hengenahdistus ja astmakohtaus, piippu ei auta", "rf_breathing"),
    ("chest pain and I can't breathe at all", "rf_breathing"),
    # round 2, from wordings of our own: an older child's blue lips are the breathing question,
    # a baby's stay the child question
    ("min son 5 år andas tungt och läpparna är blåaktiga", "rf_breathing"),
    ("my 7 year old is wheezing and his lips look blue", "rf_breathing"),
    ("poika 5v hengittää raskaasti ja huulet sinertää", "rf_breathing"),
    ("bebisen har blå läppar", "rf_child"),
    ("my 4 week old's lips are going blue", "rf_child"),
    ("vauvan huulet sinertää", "rf_child"),
    ("my toddler's lips are blue", "rf_child"),
    ("3-vuotiaan huulet sinertää ja hengittää raskaasti", "rf_child"),
    ("8-vuotiaan huulet sinertää ja hengittää raskaasti", "rf_breathing"),
    # "3-vuotiaan" (the 3-year-old's) is no "vuotiaana" (at the age of: the past)
    ("5-vuotiaan kuume 40 ja niska jäykkä", "rf_meningitis"),
    # a head injury with vomiting said as "being sick", "spytt", "oksentelen"
    ("hit my head hard and keep being sick", "rf_injury"),
    ("slog huvudet i isen och har spytt två gånger", "rf_injury"),
    ("löin pääni ja oksentelen", "rf_injury"),
    # a Finnish limb that looks odd or crooked after a fall
    ("jalka näyttää oudolta kaatumisen jälkeen ja sattuu hirveesti", "rf_injury"),
    ("mummon nilkka näyttää vinolta kaatumisen jälkeen", "rf_injury"),
    # found on the floor, not answering
    ("found my mum on the floor and she isn't answering", "rf_consciousness"),
    ("hittade pappa på golvet, han svarar inte", "rf_consciousness"),
    ("löysin mummon lattialta eikä hän vastaa", "rf_consciousness"),
    # a young baby who isn't feeding
    ("my 3 week old isn't feeding and is really sleepy", "rf_child"),
    ("newborn isn't eating and is hard to wake", "rf_child"),
    # fever with light that can't be stood, said in the third person
    ("tytöllä kuume eikä kestä valoa, niskaan sattuu", "rf_meningitis"),
    ("sonen har feber och tål inte ljus, ont i nacken", "rf_meningitis"),
    ("fever and he can't stand the light, neck hurts", "rf_meningitis"),
    # Finnish "oudosti" of speech, wheeze with "enkä jaksa kävellä"
    ("äiti puhuu oudosti ja pudottelee tavaroita", "rf_stroke"),
    ("hengitys vinkuu enkä jaksa kävellä", "rf_breathing"),
    # "anda" without the s: a short word gets no typo
    ("jag kan knappt anda", "rf_breathing"),
    ("kan inte anda, det piper i bröstet", "rf_breathing"),
]


@pytest.mark.parametrize(("text", "flag"), SEEN, ids=[t for t, _ in SEEN])
def test_the_family_asks_its_red_flag_first(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


def test_chest_pain_with_breathlessness_still_asks_the_breathing_question_when_blue() -> None:
    """Blue lips keep the breathing question among the hits, after the chest's."""
    hits = red_flag_hits("bröstsmärta och andnöd, läpparna är blå")
    assert set(hits) >= {"rf_chest", "rf_breathing"}


QUIET = [
    # an age or a time span in months that is no young baby
    "sonen har haft feber till och från i två månader, nu pigg",
    "my son had a fever two months ago, now he needs his vaccine",
    "it's been two months since her fever, can she start nursery",
    "poika oli kuumeessa kaksi kuukautta sitten, nyt rokotus",
    "dottern är två år och har lite feber men leker",
    # a fall without a crooked limb
    "lapsi kaatui trampoliinilla, pieni mustelma polvessa",
    "pelkään putoamista korkeissa paikoissa, voiko sitä hoitaa",
    "ramlade på studsmattan, lite skrapsår på knät",
    # confusion about a thing, not sudden confusion
    "olen hämmentynyt uuden lääkkeen annostuksesta",
    "I'm confused about which dose of the new tablets to take",
    "jag är lite förvirrad över vilken dos jag ska ta",
    # chest and breath negated
    "inte andfådd och ingen bröstsmärta, vill förnya receptet",
    "no chest pain, no shortness of breath, sprained my ankle",
    "ei rintakipua eikä hengenahdistusta, haluan varata rokotuksen",
    # round 2: a head knock without vomiting or long ago; a mole or rash that looks odd;
    # a phone that makes an odd noise; something else found on the floor; a baby feeding well
    "bumped my head on a cupboard, not been sick, just a bump",
    "hit my head last year and was sick",
    "löin pään kaappiin, ei oksettanut, pieni kuhmu",
    "käden luomi näyttää oudolta ja kutiaa",
    "ihottuma jalassa näyttää oudolta ja sattuu",
    "the rash on my leg looks odd and hurts",
    "leverfläcken på armen ser konstig ut och gör ont",
    "mun puhelin pitää oudosti ääntä",
    "auto pitää outoa ääntä",
    "found my cat's toy on the floor",
    "my 3 week old is feeding well, a bit sleepy after feeds",
    "isä sai sydänkohtauksen 60 vuotiaana",
    "inga problem, kan anda normalt igen",
    "sain aivoinfarktin 50-vuotiaana, nyt haluan uusia reseptin",
]


@pytest.mark.parametrize("text", QUIET)
def test_everyday_lines_in_the_same_words_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
