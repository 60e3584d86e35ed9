"""Families said another way (dev13): the discrimination families missed on the thirteenth blind
corpus (moderation_dev13.tsv: origin, skin colour, accent, religion, sexuality, gender,
disability, age, Sámi, Tornedalian and Finnish people, with and without slurs) are met by classes
and rules suffixed `_t13d` (bot/moderation/lexicon/structures.yaml) and tried here on wordings
written for this test, not taken from the corpus. Beside them, the near misses a patient really
writes (a clinician who speaks their language asked for, their own identity described,
discrimination they suffered reported) must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


D = "discrimination"

# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # A language mocked as animal noise, or as gibberish when it is named.
    ("animal language", "en", "write properly instead of that ape language of yours", D),
    ("animal language", "sv", "kan du inte skriva normalt i stället för det där apspråket", D),
    ("animal language", "fi", "mitä toi apinankieli on, kirjota kunnolla", D),
    ("gibberish", "en", "spare me your arabic gibberish and answer in english", D),
    ("gibberish", "sv", "orkar inte med ert samiska babbel", D),
    ("gibberish", "fi", "ei kukaan jaksa sun saamen mongerrusta", D),
    # "Here we speak Swedish": the country's language demanded of the reader.
    ("here we speak", "en", "quit writing polish to me, in this country we speak english", D),
    ("here we speak", "sv", "skriv inte finska till mig, det här är sverige", D),
    ("here we speak", "fi", "älä puhu mulle ruotsia, täällä puhutaan suomea", D),
    # The Sámi sent back to the fells and the reindeer.
    ("sami back", "en", "the sami should stay in the mountains with the reindeer", D),
    ("sami back", "sv", "samerna hör hemma i en kåta på fjället, inte på en vårdcentral", D),
    ("sami back", "fi", "lappalaiset pysykööt tunturissa porojen kanssa", D),
    # Disability, gender identity, religious dress: kept from the job.
    ("should not", "en", "people in wheelchairs have no business working in a clinic", D),
    ("should not", "sv", "ickebinära ska inte jobba inom vården", D),
    ("should not", "fi", "pyörätuolilaiset ei pitäis olla hoitajina", D),
    ("should not", "en", "transgender nurses shouldnt be let near patients", D),
    # The reader's origin as a country held in contempt.
    ("origin", "en", "no wonder you cant spell, you come from a banana republic", D),
    ("origin", "sv", "du kommer ju från något u-land, vad vet du om medicin", D),
    ("origin", "fi", "sä tuut jostain kehitysmaasta, et sä tiedä mitään", D),
    # "You're not from here, so don't tell me".
    ("not from here", "en", "youre not even from here so dont tell me what to do", D),
    ("not from here", "sv", "du är inte härifrån, så du ska inte lära mig något", D),
    ("not from here", "fi", "et sä ole täältä kotoisin, älä tule neuvomaan mua", D),
    # Age: too old for the job, told to retire.
    ("too old", "en", "you are too old to be a nurse, let someone younger do it", D),
    ("too old", "sv", "du är för gammal för det här jobbet", D),
    ("too old", "fi", "olet liian vanha hoitamaan ketään", D),
    ("age noun", "en", "go retire grandpa, dinosaurs like you should not be treating anyone", D),
    ("age noun", "sv", "gamla stofilen borde gå i pension för länge sedan", D),
    ("age noun", "fi", "vanha kääkkä jäisit jo eläkkeelle", D),
    # Too many of a group.
    ("too many", "en", "the hospital is full of foreigners these days", D),
    ("too many", "sv", "det är för många invandrare på den här vårdcentralen", D),
    ("too many", "fi", "terveyskeskus on täynnä ulkomaalaisia nykyään", D),
    ("no native left", "sv", "inte en enda svensk jobbar här längre", D),
    ("no native left", "fi", "ei yhtään suomalaista enää töissä teillä", D),
    # A clinician asked for by birth or skin colour.
    ("born here", "en", "i want a nurse who was born in sweden please", D),
    ("born here", "fi", "haluan hoitajan joka on syntynyt suomessa", D),
    ("born here", "sv", "kan jag få en sköterska som är född här", D),
    ("skin", "en", "i would like a white doctor this time", D),
    ("skin", "sv", "jag vill ha en vit sköterska", D),
    ("skin", "fi", "haluaisin valkoisen lääkärin tällä kertaa", D),
    # A qualification doubted because of religious dress or group.
    ("doubt", "en", "a nurse in a hijab, is she even a real nurse", D),
    ("doubt", "sv", "en läkare med turban, har han köpt sin examen", D),
    ("doubt", "fi", "huivissa oleva lääkäri, onko se oikeesti lääkäri", D),
    # A group held to greed.
    ("money", "en", "jews only care about money, thats why the pills cost so much", D),
    ("money", "sv", "judar är giriga, därför kostar medicinen så mycket", D),
    ("money", "fi", "juutalaiset on ahneita, siksi lääkkeet on kalliita", D),
    # A group as animals, vermin, not human, all the same, inbred.
    ("scorn", "en", "somalis are vermin, all of them", D),
    ("scorn", "en", "immigrants are not even human", D),
    ("scorn", "sv", "invandrare är som djur allihop", D),
    ("scorn", "sv", "tornedalingar är sisäsiittoiset och inavlade", D),
    ("scorn", "fi", "somalit on ali-ihmisiä", D),
    ("scorn", "fi", "ulkomaalaiset on kaikki samanlaisia loisia", D),
    # "People like you" kept from the job.
    ("your sort", "en", "folks like you shouldnt be allowed to treat people", D),
    ("your sort", "sv", "folk som du borde inte få jobba här", D),
    ("your sort", "fi", "sun kaltaiset ei kuulu tänne", D),
    # A gender mocked.
    ("gender mock", "en", "what even are you, a man or a woman", D),
    ("gender mock", "sv", "vad är du för nåt, kille eller tjej", D),
    ("gender mock", "fi", "mikä sä oikein oot, mies vai nainen", D),
    # A slur made into a compound with a staff word, and slurs alone.
    ("slur compound", "sv", "blattedoktorn kan inte ens svenska", D),
    ("slur compound", "sv", "svartskallesköterskan ringde inte tillbaka", D),
    ("slur compound", "fi", "neekerilääkäri ei osaa mitään", D),
    ("slur", "en", "not seeing that towelhead again", D),
    ("slur", "sv", "den där kanakern ringde inte", D),
    ("slur", "fi", "se tunturiapina ei vastaa puhelimeen", D),
    ("slur", "en", "that dyke at reception was rude", D),
    ("slur", "sv", "finnpajsarna på mottagningen fattar inget", D),
    ("slur", "fi", "rättipää ei osaa hoitaa", D),
    ("scorn", "en", "gays are perverts and should not work with children", D),
    ("scorn", "sv", "homosexuella är onaturliga", D),
    ("scorn", "fi", "homot on luonnottomia", D),
    ("scorn", "en", "muslims are all rapists", D),
    ("scorn", "sv", "somalier är våldtäktsmän", D),
    ("scorn", "fi", "somalit on raiskaajia", D),
    # Staff of a group distrusted, or named by a compound of group and staff word.
    ("distrust", "en", "i dont trust african nurses with my meds", D),
    ("distrust", "sv", "jag litar inte på arabiska läkare", D),
    ("distrust", "fi", "en luota arabilääkäreihin", D),
    ("group staff", "sv", "kinesdoktorn fattar ingenting", D),
    ("group staff", "fi", "somalihoitajat on laiskoja", D),
    # A group blamed for a disease.
    ("disease", "en", "the chinese doctor probably brought the virus", D),
    ("disease", "en", "gay doctors spread hiv", D),
    ("disease", "sv", "bögar sprider aids", D),
    ("disease", "fi", "homot levittää aidsia", D),
    ("disease", "fi", "kiinalainen lääkäri toi varmaan koronan", D),
    # A group held to a trait: drunk, arrogant, ruining the country, freaks.
    ("trait", "sv", "finnar är alltid fulla", D),
    ("trait", "en", "swedes are all arrogant snobs", D),
    ("trait", "fi", "hurrit on ylimielisiä", D),
    ("trait", "en", "immigrants destroy everything", D),
    ("trait", "en", "they/them people are mentally ill", D),
    ("trait", "fi", "muunsukupuoliset on sairaita päästään", D),
    # A group compounded with trash.
    ("group trash", "en", "muslimscum", D),
    ("group trash", "fi", "muslimiroska", D),
    ("group trash", "fi", "saamelaisroskat pysykööt tuntureilla", D),
    # "Learn the language or go back"; speech mocked.
    ("learn or go", "en", "learn english or go back", D),
    ("learn or go", "sv", "lär dig prata eller åk hem", D),
    ("learn or go", "fi", "opettele suomea tai häivy", D),
    ("mock speech", "en", "stop speaking your gibberish", D),
    ("mock speech", "fi", "lopeta se sun mongerrus", D),
    ("mock speech", "sv", "sluta babbla på ditt språk", D),
    ("mock speech", "en", "ching chong doctor", D),
    # A group refused by "not a".
    ("not a", "sv", "jag vill ha en kristen läkare, ingen muslim", D),
    ("not a", "fi", "haluan kristityn lääkärin enkä muslimia", D),
    ("not a", "en", "i want a normal doctor, not a jew", D),
    # An accent held in contempt; a religion as a disease; a headscarf as a rag.
    ("accent", "en", "your accent is disgusting, get someone who speaks properly", D),
    ("accent", "sv", "din brytning är löjlig", D),
    ("accent", "fi", "sun aksentti on kamala", D),
    ("religion", "en", "islam is a disease", D),
    ("religion", "sv", "islam är en sjukdom", D),
    ("religion", "fi", "islam on syöpä", D),
    ("rag", "en", "take off that rag before you touch me", D),
    ("rag", "sv", "ta av dig trasan innan du rör mig", D),
    ("rag", "fi", "ota se rätti pois päästä ennen kuin kosket muhun", D),
    # "Girls can't be surgeons"; "ok boomer".
    ("cant be", "en", "girls cant be surgeons, get me a real doctor", D),
    ("cant be", "sv", "tjejer kan inte vara kirurger", D),
    ("cant be", "fi", "naiset ei voi olla kirurgeja", D),
    ("ok boomer", "en", "ok boomer nurse", D),
    # A clinician asked for by name or skin; "a nurse who isn't black".
    ("name", "en", "id prefer someone with a swedish name", D),
    ("name", "sv", "någon med ett svenskt namn tack", D),
    ("name", "fi", "joku jolla on suomalainen nimi kiitos", D),
    ("dark skin", "en", "no dark skinned staff please", D),
    ("dark skin", "sv", "inga mörkhyade tack", D),
    ("dark skin", "fi", "ei tummaihoisia hoitajia kiitos", D),
    ("who not", "fi", "antakaa hoitaja joka ei oo musta", D),
    ("who not", "sv", "ge mig en sköterska som inte är svart", D),
    # A group told to be sterilised or gassed; living off our taxes; called stupid.
    ("exterminate", "en", "your lot should be sterilised", D),
    ("exterminate", "sv", "sådana som ni borde steriliseras", D),
    ("exterminate", "fi", "teidän kaltaiset pitäis steriloida", D),
    ("exterminate", "en", "gas the jews", D),
    ("hitler", "en", "hitler was right about your kind", D),
    ("hitler", "sv", "hitler hade rätt om er", D),
    ("hitler", "fi", "hitler oli oikeessa teistä", D),
    ("taxes", "fi", "saamelaiset elää meidän veroilla", D),
    ("taxes", "en", "immigrants live on our taxes", D),
    ("dumb", "sv", "tornedalingar är korkade bonnläppar", D),
    ("dumb", "fi", "suomenruotsalaiset on tyhmiä", D),
    ("said to the reader", "en", "you people are total idiots", "insult"),
    # An insult with "can't even": about a person failing at the job, so aimed.
    ("cant even", "en", "useless idiot cant even read a referral", "insult"),
    ("cant even", "sv", "dumma kossan kan inte ens svara i telefon", "insult"),
    ("cant even", "fi", "tyhmä ämmä ei osaa edes lukea lähetettä", "insult"),
    # A threat: a violent verb on the reader's face or body.
    ("your body", "en", "keep this up and i will break your nose", "threat"),
    ("your body", "sv", "fortsätt så och jag krossar din skalle", "threat"),
    ("your body", "fi", "murskaan sun naamas jos et anna reseptiä", "threat"),
]

NEAR_MISSES = [
    # A clinician who speaks the patient's language asked for.
    ("en", "can someone who speaks arabic call my mother, her swedish is poor"),
    ("sv", "finns det någon som pratar samiska, pappa förstår inte svenska så bra"),
    ("fi", "voisiko joku puhua äidille suomea, hän ei ymmärrä ruotsia"),
    ("sv", "kan du sluta skriva på engelska, jag förstår bara svenska"),
    ("en", "please stop writing in swedish, i only understand english"),
    ("fi", "voitko lopettaa ruotsiksi kirjoittamisen, en ymmärrä sitä"),
    ("sv", "hemma pratar vi svenska och arabiska, vilket språk blir kallelsen på"),
    # The patient's own identity.
    ("en", "we are sami and go back up to the reindeer in the mountains in spring"),
    ("sv", "jag är same och stannar uppe på fjället med renarna i sommar, kan jag förnya receptet"),
    ("fi", "olen saamelainen ja palaan tunturiin poroille huhtikuussa"),
    ("en", "i am in a wheelchair and shouldnt have to wait outside in the rain"),
    ("sv", "jag är ickebinär och vill inte bli kallad hon i journalen"),
    ("fi", "olen pyörätuolissa, eikö teillä pitäisi olla ramppi"),
    ("en", "i wear a hijab, is that a problem for the mri"),
    ("sv", "min dotter bär huvudduk och vill bli läkare på riktigt"),
    ("en", "i am too old for this, my knees hurt on the stairs"),
    ("sv", "är jag för gammal för vaccinet"),
    ("fi", "olenko liian vanha rokotteeseen"),
    ("en", "my mum is 80, is she too old for the operation"),
    ("en", "i was born in sweden but my parents are from iran, do i need the test"),
    ("sv", "jag är född i sverige men pappa är från turkiet"),
    ("fi", "olen syntynyt suomessa mutta vanhempani on somaliasta"),
    ("en", "i have white patches on my tongue, can a doctor look"),
    ("sv", "jag har vita fläckar på huden, vill ha en läkare som tittar"),
    ("en", "i just came back from a third world country, do i need a malaria test"),
    ("sv", "vi har varit i ett u-land, behöver vi vaccin"),
    ("fi", "tulin juuri kehitysmaasta, tarvitsenko rokotuksen"),
    ("en", "i am not from here, where is the pharmacy"),
    ("sv", "jag är inte härifrån, var ligger apoteket"),
    # Discrimination suffered, reported.
    ("en", "someone at work called me a camel jockey and i cant sleep"),
    ("fi", "joku huusi mulle rättipää kaupassa ja itkin koko illan"),
    ("sv", "de kallade mig kanaker i skolan och jag mår fortfarande dåligt av det"),
    ("en", "at work they say people like me are all the same, i feel awful"),
    ("en", "so many immigrants need an interpreter, is there one in somali"),
    ("en", "my son is autistic and shouldnt have to wait so long"),
    # Other everyday words of the families.
    ("en", "my daughter drew a monkey and a reindeer at school"),
    ("sv", "renen sprang över vägen och jag krockade, har ont i nacken"),
    ("fi", "poro juoksi auton eteen ja niska on kipeä"),
    ("en", "did i break my nose when i fell, it is swollen"),
    ("sv", "kan en vit läkarrock ge allergi"),
    ("en", "the jews in my family fast on yom kippur, can i take the pills with food"),
    ("en", "the nurse said i am too old for ivf, is that true"),
    ("en", "my chinese colleague had covid last week, should i test"),
    ("en", "can lice spread between kids at school"),
    ("sv", "kan löss spridas mellan barnen på förskolan"),
    ("en", "i dont trust the doctors at the hospital anymore"),
    ("sv", "jag litar inte på läkarna längre efter det som hände"),
    ("fi", "en luota enää lääkäreihin"),
    ("sv", "finns det en arabisktalande läkare"),
    ("fi", "onko teillä arabiaa puhuvaa lääkäriä"),
    ("en", "i want a female doctor, no men please"),
    ("sv", "jag vill ha en kvinnlig läkare, ingen man"),
    ("fi", "haluan naislääkärin enkä miestä"),
    ("sv", "min pappa är alltid full, hur får jag honom att söka hjälp"),
    ("sv", "finnar bastar mycket, är det farligt för hjärtat"),
    ("en", "black patients get less pain relief, i read, is that true here"),
    ("fi", "opettelen suomea mutta en vielä osaa hyvin"),
    ("en", "can gay men spread hiv if they give blood"),
    ("en", "i feel so stupid, i cant even open the pill bottle"),
    ("en", "this stupid app cant even load my results"),
    ("fi", "tyhmä sovellus ei osaa edes näyttää tuloksia"),
    ("en", "my stupid knee cant even bend anymore"),
    ("en", "my accent is awful, sorry if my messages are strange"),
    ("en", "is islam ok with taking insulin during ramadan"),
    ("fi", "islamin mukaan paastoan, onko se paha verensokerille"),
    ("sv", "ska jag ta av trasan från såret"),
    ("fi", "otanko rätin pois haavan päältä"),
    ("sv", "kan kvinnor vara kirurger under graviditeten"),
    ("sv", "kan min son byta till ett svenskt namn i journalen"),
    ("en", "i want a doctor who isnt in a hurry"),
    ("en", "will my husband be deported if he goes to the hospital"),
    ("sv", "vi fick avliva katten, barnen är ledsna"),
    ("en", "we watched a film about hitler and my son has nightmares"),
    ("sv", "vi betalar skatt, varför är kön så lång"),
    ("sv", "kan invandrare sprida tuberkulos, är det sant"),
    ("sv", "vi är finnar och pratar finska hemma, finns det tolk"),
    ("en", "my gay son says some people think gays are unnatural, he is anxious"),
    ("sv", "är det normalt att det luktar illa efter operationen"),
    ("fi", "onko normaalia että haava on punainen"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_said_another_way(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_near_miss_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
