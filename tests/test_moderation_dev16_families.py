"""Families said another way (dev16): insults with no swear word and discrimination aimed at staff,
missed on the sixteenth blind corpus (moderation_dev16.tsv), are met by classes and rules suffixed
`_t16` (bot/moderation/lexicon/structures_insults_t16.yaml) and tried here on wordings written for
this test, not taken from the corpus. Beside them, the near misses a patient really writes (their
own voice or language, a complaint about the care, a trip home, their own relative) must stay
below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # Outdone by a pet, a child or a machine.
    ("outdone", "en", "honestly my cat has more medical sense than you", "insult"),
    ("outdone", "en", "a toaster would give better advice than you lot", "insult"),
    ("outdone", "en", "my goldfish could do your job", "insult"),
    ("outdone", "sv", "min katt har bättre omdöme än dig", "insult"),
    ("outdone", "sv", "en miniräknare tänker snabbare än ni", "insult"),
    ("outdone", "sv", "hunden kunde göra ditt jobb bättre", "insult"),
    ("outdone", "fi", "kissakin tietäis enemmän lääketieteestä", "insult"),
    ("outdone", "fi", "taskulaskin ajattelee nopeammin kuin sinä", "insult"),
    ("outdone", "fi", "koiranikin osais hoitaa tän paremmin", "insult"),
    # Who handed you a licence, where did you buy it.
    ("licence", "en", "who on earth gave you a medical licence", "insult"),
    ("licence", "en", "did you win your degree in a lottery or what", "insult"),
    ("licence", "sv", "vem gav dig examen, din mamma?", "insult"),
    ("licence", "sv", "vann du legitimationen på lotteri", "insult"),
    ("licence", "fi", "kuka sulle on tutkinnon antanut", "insult"),
    ("licence", "fi", "ootko tulostanu ton lisenssin ite", "insult"),
    # A title said with contempt; stop pretending.
    ("so called", "en", "the self proclaimed doctor told me to sleep it off", "insult"),
    ("so called", "sv", "den så kallade sköterskan lade på luren", "insult"),
    ("so called", "fi", "se niin sanottu lääkäri ei edes katsonut minua", "insult"),
    ("pretend", "en", "quit pretending to be a nurse", "insult"),
    ("pretend", "sv", "sluta spela läkare och ring en som kan", "insult"),
    ("pretend", "fi", "lopeta esittämästä asiantuntijaa", "insult"),
    ("real one", "en", "zip it and get me someone competent", "insult"),
    ("real one", "sv", "håll tyst och låt en riktig läkare svara", "insult"),
    ("real one", "fi", "ole hiljaa ja anna oikean lääkärin hoitaa tää", "insult"),
    # Voice or looks likened to something ugly; ugly and stupid together.
    ("likened", "en", "you sound like a seagull with a cold", "insult"),
    ("likened", "en", "you look like a zombie, go home", "insult"),
    ("likened", "sv", "din röst är som en mistlur, jag får ont i öronen", "insult"),
    ("likened", "sv", "du ser ut som ett troll", "insult"),
    ("likened", "fi", "sun ääni kuulostaa ihan lokilta", "insult"),
    ("likened", "fi", "näytät ihan peikolta", "insult"),
    ("looks and wits", "en", "fat and stupid", "insult"),
    ("looks and wits", "sv", "ful och korkad", "insult"),
    ("looks and wits", "fi", "lihava ja tyhmä", "insult"),
    # A disgrace to the profession.
    ("disgrace", "en", "you are a disgrace to your profession", "insult"),
    ("disgrace", "sv", "du är en skam för yrket", "insult"),
    ("disgrace", "fi", "olet häpeäpilkku koko alalle", "insult"),
    # Brains left somewhere.
    ("brain away", "en", "is your brain on holiday today", "insult"),
    ("brain away", "sv", "har du lämnat förståndet på semester", "insult"),
    ("brain away", "fi", "onks järki lomalla vai mitä", "insult"),
    # Mock praise and "did you think of that all by yourself".
    ("mock praise", "en", "wow what an expert, rest and fluids, never heard that one", "insult"),
    ("mock praise", "sv", "bra jobbat einstein, fel recept igen", "insult"),
    ("mock praise", "fi", "hienosti mestari, taas väärä resepti", "insult"),
    ("came up", "en", "paracetamol? did you work that out all by yourself", "insult"),
    ("came up", "sv", "vila och vätska, kom du på det helt själv", "insult"),
    ("came up", "fi", "lepoa ja nestettä, keksitkö ihan itse", "insult"),
    # Liar, illiterate, glorified; a worthless form in leetspeak.
    ("liar", "en", "you're a liar, nobody ever rang", "insult"),
    ("liar", "sv", "lögnhals, ni ringde aldrig", "insult"),
    ("liar", "fi", "valehtelija, kukaan ei soittanut", "insult"),
    ("illiterate", "en", "can you not read the referral, you illiterate", "insult"),
    ("illiterate", "fi", "et osaa lukea lähetettä, sinä lukutaidoton", "insult"),
    ("glorified", "en", "a nurse? more like a glorified receptionist", "insult"),
    ("glorified", "sv", "du är bara en glorifierad telefonsvarare", "insult"),
    ("worthless", "sv", "värdel0sa sköterskor ni är", "insult"),
    ("staff named", "fi", "se respan tollo ei tiedä mitään", "insult"),
    ("staff named", "en", "the idiot at the front desk hung up on me", "insult"),
    # Discrimination: typical of a people, a stereotype, hiring a group, a language mocked.
    ("typical", "en", "typical chinese, can't explain anything properly", "discrimination"),
    ("typical", "sv", "typiskt polacker att slarva med journalen", "discrimination"),
    ("typical", "fi", "tyypillinen venäläinen, ei osaa mitään", "discrimination"),
    ("stereotype", "en", "all somalis live on benefits anyway", "discrimination"),
    ("stereotype", "sv", "samer är alla alkoholister", "discrimination"),
    ("stereotype", "fi", "saamelaiset on kaikki juoppoja", "discrimination"),
    ("hire", "en", "why do you keep hiring people like that", "discrimination"),
    ("hire", "sv", "varför anställer ni döva i telefonen", "discrimination"),
    ("hire", "fi", "miks te palkkaatte sokeita tänne", "discrimination"),
    ("language", "en", "your english is gibberish, learn to speak", "discrimination"),
    ("language", "sv", "din svenska är rena rotvälskan", "discrimination"),
    ("language", "fi", "sun suomi on ihan surkeaa, puhu kunnolla", "discrimination"),
    ("go back", "en", "crawl back to the jungle", "discrimination"),
    ("go back", "sv", "åk tillbaka till öknen", "discrimination"),
    ("go back", "fi", "mee takaisin aavikolle", "discrimination"),
    ("sexuality", "en", "are you gay or something, you talk like it", "discrimination"),
    ("sexuality", "sv", "är du flata eller, du ser ut så", "discrimination"),
    ("sexuality", "fi", "ootko lesbo vai jotain", "discrimination"),
    ("skin", "en", "send me a white nurse next time", "discrimination"),
    ("skin", "sv", "jag vill ha en vit läkare", "discrimination"),
    ("skin", "fi", "haluan valkoisen hoitajan", "discrimination"),
    ("gender unfit", "en", "women doctors are hysterical, give me a man", "discrimination"),
    ("gender unfit", "sv", "kvinnliga läkare saknar logiken", "discrimination"),
    ("gender unfit", "fi", "naislääkärit on yhtä tyhmiä kaikki", "discrimination"),
    ("what are you", "en", "what are you, polish? you can't spell", "discrimination"),
    ("what are you", "sv", "vad är du, somalier?", "discrimination"),
    ("what are you", "fi", "mikä sä oot, venäläinen?", "discrimination"),
    ("disability", "en", "that blind receptionist is useless", "discrimination"),
    ("disability", "sv", "den döva sköterskan är helt värdelös", "discrimination"),
    ("disability", "fi", "se kuuro hoitaja on ihan tyhmä", "discrimination"),
    # Round 2. A pet knows more; slept through the training; weight and age names.
    ("knows more", "en", "a chimp knows more about asthma", "insult"),
    ("knows more", "sv", "min katt vet mer om medicin", "insult"),
    ("knows more", "fi", "simpanssikin tietää enemmän", "insult"),
    ("slept through", "en", "did you skip the lectures on antibiotics or what", "insult"),
    ("slept through", "sv", "sov du på föreläsningarna i farmakologi", "insult"),
    ("slept through", "fi", "nukuitko kaikki luennot", "insult"),
    ("body noun", "en", "listen here old bat", "insult"),
    ("body noun", "sv", "lyssna nu din tjockis", "insult"),
    ("body noun", "fi", "kuuntele nyt vanha kalkkis", "insult"),
    ("iq", "en", "the receptionist has the iq of a goldfish", "insult"),
    ("iq", "sv", "din intelligens är negativ", "insult"),
    ("iq", "fi", "sun älykkyys on huoneenlämmön tasolla", "insult"),
    ("face for radio", "en", "nice video call, shame you have a face for radio", "insult"),
    ("face for radio", "sv", "du har verkligen ett radioansikte", "insult"),
    ("face for radio", "fi", "sulla on kyllä radionaama", "insult"),
    ("smell", "en", "you reek of cigarettes, nurse", "insult"),
    ("smell", "sv", "du stinker svett", "insult"),
    ("smell", "fi", "haisette kaikki hielle", "insult"),
    # Your kind; headwear called a rag; slurs; an accent and a native demanded.
    ("your kind", "en", "your sort never learn the rules here", "discrimination"),
    ("your kind", "sv", "sånna som er hör inte hemma i vården", "discrimination"),
    ("your kind", "fi", "teidän sorttiset ei kuulu tänne", "discrimination"),
    ("rag", "en", "lose the tea towel on your head before you see me", "discrimination"),
    ("rag", "sv", "ta av kökshandduken från huvudet", "discrimination"),
    ("rag", "fi", "riisu se pyyhe päästä", "discrimination"),
    ("slur", "en", "the poofter on reception was rude", "discrimination"),
    ("slur", "sv", "fjollan i luckan svarar inte", "discrimination"),
    ("slur", "fi", "se homppeli ei osaa mitään", "discrimination"),
    ("accent", "en", "your accent is impossible, I want a native speaker", "discrimination"),
    ("accent", "sv", "du bryter så mycket, ge mig nån härifrån", "discrimination"),
    ("accent", "fi", "sun aksentista ei saa selvää, joku täältä kiitos", "discrimination"),
]

NEAR_MISSES = [
    # A pet, a child or a machine as they are.
    ("en", "my dog was sick all night, can you call me"),
    ("sv", "min femåring har feber sedan i går"),
    ("fi", "koirakin sairastui samaan aikaan, onko tää tarttuvaa"),
    # The writer's own voice, looks or weight.
    ("en", "sorry, I sound like a crow today, can you call instead"),
    ("sv", "jag låter som en kråka, kan du ringa i stället"),
    ("fi", "mun ääni on ku variksella, voitko soittaa"),
    ("en", "I feel fat and stupid after the steroids"),
    ("sv", "jag är så ful och trött efter kuren"),
    # Their own language, an interpreter, their own people.
    ("en", "my mum can barely speak swedish, can we book an interpreter"),
    ("sv", "jag kan inte svenska så bra, finns tolk"),
    ("fi", "mun suomi on huonoa, voinko saada tulkin"),
    ("en", "I'm Sami and the reindeer kicked my knee"),
    ("sv", "jag är same och har ont i ryggen efter renskötseln"),
    ("fi", "olen saamelainen ja poroerotuksessa loukkasin käteni"),
    # A trip to the desert; hiring asked for kindly.
    ("en", "we fly back to the desert camp for the tour, any advice on the heat"),
    ("fi", "mee takaisin sänkyyn ja lepää, sanoi lääkäri"),
    ("sv", "kan ni anställa fler tolkar, min pappa förstår inte"),
    ("fi", "voisitteko palkata lisää tulkkeja"),
    # Praise that is meant, a real doctor asked for politely.
    ("en", "wow what an expert, thank you so much for the help"),
    ("sv", "vilken expert, tack för hjälpen i går"),
    ("fi", "mikä asiantuntija, kiitos paljon"),
    ("en", "can I talk to a real doctor about my results"),
    # Their own brain, their own forgetting.
    ("sv", "jag har hjärnan på semester idag, glömde tiden"),
    ("en", "my brain is on holiday, I forgot my appointment"),
    # Women's health, a white patch, a colleague praised.
    ("en", "should women over fifty get mammograms"),
    ("sv", "jag har vita fläckar på tungan, vill ha en tid"),
    ("fi", "haluan valkoisen laastarin enkä ruskeaa"),
    # A relative's lie, a firm complaint.
    ("en", "my ex is a liar and took the kids"),
    ("sv", "det var ett dåligt bemötande, jag vill klaga"),
    ("fi", "olen pettynyt hoitoon, haluan tehdä muistutuksen"),
    # Round 2: a child's age, a smell from a wound, the writer's own IQ, a slur told.
    ("en", "my 5-year-old has had a fever since monday"),
    ("sv", "min sexåring har ont i örat"),
    ("fi", "kymmenvuotias poikani yskii öisin"),
    ("en", "my wound smells bad, can you check it"),
    ("sv", "såret luktar illa, kan ni titta på det"),
    ("en", "my iq feels lower since the stroke"),
    ("en", "a kid called me a towelhead at school and I cry every day"),
    ("sv", "de kallade min son fjolla i skolan"),
    ("fi", "mua haukuttiin mustikseksi bussissa"),
    ("en", "sorry I can't speak swedish well, is there someone finnish"),
    ("sv", "jag har en sjal på huvudet för migränen"),
    ("en", "did you sleep well after the night shift"),
    ("fi", "nukuitko hyvin yövuoron jälkeen"),
    # Round 3: "of course" with a people, praise with what was done, a pet beside a relative.
    ("en", "of course the finnish interpreter was great"),
    ("fi", "tietysti saamelaiset voivat varata ajan"),
    ("sv", "förstås kan samer få tolk"),
    ("en", "we hired a cleaner who is disabled and she is lovely"),
    ("en", "the dog bit me, it healed better than you thought"),
    ("en", "my cat is fatter than you would believe"),
    ("en", "wow what an expert team, they fixed my knee"),
    ("en", "my dog is smarter than my husband lol"),
    ("fi", "tyypillinen suomalainen, en valita koskaan"),
    ("sv", "vilken expert du är på allergier, tack"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_family_said_another_way(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_near_miss_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
