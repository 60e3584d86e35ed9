"""Families said another way (dev2): every family of misses found on the second blind corpus
(moderation_dev2.tsv) is fixed by a rule, and each rule is tried here on three other ways of
saying the same thing, written for this test and not taken from any corpus; the hard negatives
beside them must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words, may_be_crisis
from tests.moderation_verdicts import assert_category
from tests.test_moderation_corpora import CORPORA


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # Veiled threats: a consequence for you, without a threat word.
    ("consequence", "sv", "det här kommer att sluta illa för er på mottagningen", "threat"),
    ("consequence", "en", "mark my words, this is going to end badly for you", "threat"),
    ("consequence", "fi", "tää loppuu huonosti teille kaikille", "threat"),
    # Coming there with something.
    ("coming with", "sv", "jag dyker upp med något som ni inte kommer gilla", "threat"),
    ("coming with", "en", "I'll be coming over with a little surprise for the doctor", "threat"),
    ("coming with", "fi", "tuun käymään, ja sit saat nähdä", "threat"),
    # Your body: you will not walk or breathe.
    ("body", "sv", "du kommer inte att kunna gå igen när jag är klar med dig", "threat"),
    ("body", "en", "you won't be walking for weeks after I find you", "threat"),
    ("body", "fi", "et kävele enää kuukauteen", "threat"),
    # A weapon ready, a bomb or petrol at the place.
    ("armed", "sv", "pistolen ligger laddad i fickan", "threat"),
    ("armed", "en", "there are explosives in the building, better evacuate", "threat"),
    ("armed", "fi", "aulassa on pommi", "threat"),
    # Someone sent, someone will get hurt, taking you with me.
    ("sent", "sv", "mina polare hälsar på er efter stängning", "threat"),
    ("sent", "en", "my cousins will pay you a visit after work", "threat"),
    ("sent", "fi", "mun kaverit hoitelee teidät kyllä", "threat"),
    ("with me", "sv", "om jag går under så tar jag med mig några av er", "threat"),
    ("with me", "en", "if I go, I'm taking some of you with me", "threat"),
    ("with me", "fi", "jos mä lähden niin vien teidät mukanani", "threat"),
    # Stalking: I have seen your car where staff park; wait till you walk to it.
    ("stalking", "en", "I clocked your car in the staff car park yesterday", "threat"),
    ("stalking", "en", "just wait until you get home tonight", "threat"),
    ("stalking", "fi", "bongasin sun auton parkkihallissa", "threat"),
    # Sexual harassment by structure: your body in those clothes, camera, app, bed, undress.
    ("harassment", "sv", "dina lår i uniformen alltså", "sexual_harassment"),
    ("harassment", "en", "switch your camera on, I want to see more of you", "sexual_harassment"),
    ("harassment", "fi", "laita video päälle, haluun katsella sua", "sexual_harassment"),
    ("apps", "sv", "lägg till mig på snapchat så kan vi ha roligt", "sexual_harassment"),
    ("apps", "en", "add me on snapchat and we can have a bit of fun", "sexual_harassment"),
    ("apps", "fi", "tuu instaan niin pidetään hauskaa", "sexual_harassment"),
    ("dreams", "sv", "jag fantiserar om dig i duschen", "sexual_harassment"),
    ("dreams", "fi", "haaveilen susta suihkussa", "sexual_harassment"),
    ("undress", "sv", "jag betalar gärna om du klär av dig", "sexual_harassment"),
    ("undress", "en", "I'd pay extra for a massage from you personally", "sexual_harassment"),
    ("undress", "fi", "maksan hyvin jos riisuudut", "sexual_harassment"),
    # Discrimination: a group said to be unfit or unwanted.
    ("group", "sv", "muslimer ska inte få jobba i vården", "discrimination"),
    ("group", "en", "immigrants shouldn't be working in healthcare", "discrimination"),
    ("group", "fi", "maahanmuuttajat ei osaa mitään", "discrimination"),
    ("unwanted", "sv", "inga invandrare tack", "discrimination"),
    ("unwanted", "en", "no foreigners near me please", "discrimination"),
    ("unwanted", "fi", "ei mitään mamuja", "discrimination"),
    # Insults: an insulting first part on a staff title, a staff member called names.
    ("staff compound", "sv", "den där kukdoktorn fattar ingenting", "insult"),
    ("staff compound", "fi", "ääliöhoitaja taas vuorossa", "insult"),
    ("staff named", "sv", "receptionisten var en riktig pajas idag", "insult"),
    ("staff named", "fi", "se hoitaja oli täys tunari", "insult"),
    ("staff named", "en", "you lot are a bunch of muppets", "insult"),
    # Evasions: dotted letters, look-alikes, leet.
    ("evasion", "sv", "du ser p.u.l.b.a.r ut", "sexual_harassment"),
    ("evasion", "en", "your b.u.m in those scrubs", "sexual_harassment"),
    ("evasion", "sv", "det ligger en b0mb i väntrummet", "threat"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_families_said_another_way_dev2(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


HARD_NEGATIVES = [
    ("sv", "det slutar illa för mig om jag inte får min medicin"),
    ("sv", "jag kommer med remissen och något att äta"),
    ("sv", "kniven slant när jag skulle rensa fisken"),
    ("sv", "gravida kvinnor borde inte ta ibuprofen, stämmer det?"),
    ("sv", "min bror tar hand om mig efter operationen"),
    ("sv", "kan du slå på kameran så jag kan visa utslaget"),
    ("sv", "smärtan sitter lite längre ner i magen"),
    ("en", "after the knee operation I can't walk for a month"),
    ("en", "I'll shoot you an email with the results"),
    ("en", "pregnant women should not take ibuprofen, right?"),
    ("en", "my brother will sort out my prescription"),
    ("fi", "leikkauksen jälkeen en pysty kävelemään kuukauteen"),
    ("fi", "mulla on puukko taskussa kalastusta varten"),
    ("fi", "naiset ei kuulu tämän tutkimuksen piiriin?"),
]


@pytest.mark.parametrize(("lang", "text"), HARD_NEGATIVES)
def test_hard_negatives_of_the_families_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged, moderator.explain(text, lang)


REPORTED = [
    ("sv", 'En granne skrek "din jävla hora" åt mig i trappan och nu kan jag inte sova'),
    ("sv", "Min son kallade sköterskan för idiot, förlåt honom"),
    ("en", 'a man on the bus called me a "dirty foreigner" and I keep shaking'),
    ("en", 'my ex texted "I will kill you" and I am scared to go home'),
    ("fi", 'naapuri huusi mulle "senkin huora" ja nyt mua ahdistaa'),
    # The report after the words, with or without quotation marks (single ones too).
    ("sv", "din äckliga hora, sa han till mig i går. Jag kan inte sova"),
    ("sv", "Jag ska döda dig, skrek min granne åt mig i trappan"),
    ("en", "you stupid cow, my husband said to me last night, and I cried"),
    ("en", "I'll kill you, he screamed at me. I'm scared to go home"),
    ("en", "'you fat whore' she wrote under my photo"),
    ("fi", "senkin idiootti, huusi isä aina kun olin pieni"),
    ("fi", "'kiitos muru', sanoi vaimo kun toin kahvit"),
    ("fi", "tapan sut, sanoi naapuri ja nyt pelottaa"),
]


@pytest.mark.parametrize(("lang", "text"), REPORTED)
def test_abuse_someone_else_said_is_the_writers_evidence(
    moderator: Moderator, lang: str, text: str
) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.action in ("none", "log"), moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("sv", 'jag sa "din jävla hora" till henne och jag menar det', "insult"),
        ("en", "I called you an idiot because you are one, you idiot", "insult"),
        ("sv", "jag kallade dig idiot och du är en idiot", "insult"),
        # A report verb after the words with the writer as subject, or going on to the reader.
        ("sv", "din idiot, sa jag ju", "insult"),
        ("fi", "sinä idiootti, sanoin sille", "insult"),
        ("en", "you useless cow, my doctor said you would call me back", "insult"),
        ("en", "I'll kill you, I said, and I meant it", "threat"),
    ],
)
def test_the_writers_own_words_are_not_reported_speech(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category, moderator.explain(text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "k!ll mys3lf tonight",
        "jag vill ta l\u200bivet av mig",
        "haluan t4ppaa itseni",
    ],
)
def test_crisis_words_behind_evasions_reach_a_clinician(moderator: Moderator, text: str) -> None:
    assert moderator.check(text).action == "clinical_alert", moderator.explain(text)


def test_the_cheap_crisis_look_never_skips_a_message_with_crisis_words() -> None:
    """may_be_crisis spares the danger scan only where crisis_words finds nothing: over every
    corpus line we may read (the untuned set is never opened)."""
    skipped_with_crisis = []
    skipped = 0
    for path in sorted(CORPORA.glob("*.tsv")):
        if path.stem.startswith("moderation_unseen"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text = line.split("\t")[-1]
            if not may_be_crisis(text):
                skipped += 1
                if crisis_words(text) is not None:
                    skipped_with_crisis.append(text)
    assert skipped_with_crisis == []
    # It must also spare something: most lines hold no crisis words.
    assert skipped > 1000


# Plain ways of saying each kind of abuse, written for this test as a writer would who saw no
# corpus: the families must hold on them too, and the everyday lines beside them stay clean.
PLAIN_WAYS = [
    ("sv", "när slutar du ikväll? kan bjuda på middag hos mig", "sexual_harassment"),
    ("sv", "jag vill att du undersöker mig naken", "sexual_harassment"),
    ("sv", "jag drömmer om dina läppar", "sexual_harassment"),
    ("sv", "vill du komma över ikväll", "sexual_harassment"),
    ("sv", "jag har en bild på min penis till dig, vill du se", "sexual_harassment"),
    ("en", "what time do you finish? I could take you out for dinner", "sexual_harassment"),
    ("en", "I want you to examine me naked", "sexual_harassment"),
    ("en", "I dream about your lips", "sexual_harassment"),
    ("en", "fancy coming over tonight", "sexual_harassment"),
    ("en", "I've got a picture of my penis for you, want to see", "sexual_harassment"),
    ("fi", "mihin aikaan pääset töistä? voisin viedä sut syömään", "sexual_harassment"),
    ("fi", "haluun että tutkit mut alasti", "sexual_harassment"),
    ("fi", "näen unta sun huulista", "sexual_harassment"),
    ("fi", "mulla on kuva mun peniksestä sulle, haluutko nähdä", "sexual_harassment"),
    ("sv", "jag vet var du parkerar din bil", "threat"),
    ("sv", "du borde se dig över axeln när du går hem", "threat"),
    ("sv", "jag hittar dig när du slutar", "threat"),
    ("sv", "det vore tråkigt om din bil fick repor", "threat"),
    ("sv", "du kommer få ångra det här", "threat"),
    ("sv", "jag tar med mig kniven nästa gång", "threat"),
    ("sv", "vänta du bara tills jag kommer dit", "threat"),
    ("sv", "jag kommer till vårdcentralen med ett gevär", "threat"),
    ("sv", "en dag kommer någon att skada dig", "threat"),
    ("sv", "jag har koll på när ditt pass slutar", "threat"),
    ("sv", "ska bränna ner er jävla mottagning", "threat"),
    ("sv", "jag ska slå ihjäl den där doktorn", "threat"),
    ("sv", "ni kommer att få betala för det här", "threat"),
    ("sv", "jag kommer hem till dig ikväll", "threat"),
    ("sv", "se upp när du går till bilen ikväll", "threat"),
    ("en", "I know where you park your car", "threat"),
    ("en", "you should watch your back when you walk home", "threat"),
    ("en", "I'll find you when you finish", "threat"),
    ("en", "it would be a shame if your car got scratched", "threat"),
    ("en", "you'll regret this", "threat"),
    ("en", "I'll bring the knife next time", "threat"),
    ("en", "just wait until I get there", "threat"),
    ("en", "I'm coming to the clinic with a gun", "threat"),
    ("en", "one day someone will hurt you", "threat"),
    ("en", "I know when your shift ends", "threat"),
    ("en", "I'm going to burn your clinic down", "threat"),
    ("en", "I'll beat the doctor to death", "threat"),
    ("en", "you will pay for this", "threat"),
    ("en", "I'm coming to your house tonight", "threat"),
    ("en", "watch out when you walk to your car tonight", "threat"),
    ("fi", "tiedän missä parkkeeraat autosi", "threat"),
    ("fi", "kannattaa vilkuilla olan yli kun kävelet kotiin", "threat"),
    ("fi", "löydän sut kun vuoro loppuu", "threat"),
    ("fi", "olis harmi jos sun autoon tulis naarmuja", "threat"),
    ("fi", "tuut katumaan tätä", "threat"),
    ("fi", "tuon puukon mukanani ensi kerralla", "threat"),
    ("fi", "odota vaan kun tuun sinne", "threat"),
    ("fi", "tuun terveyskeskukseen haulikon kanssa", "threat"),
    ("fi", "joku päivä joku satuttaa sua", "threat"),
    ("fi", "tiedän milloin sun vuoro loppuu", "threat"),
    ("fi", "poltan teidän vastaanoton", "threat"),
    ("fi", "hakkaan sen lääkärin hengiltä", "threat"),
    ("fi", "te saatte maksaa tästä", "threat"),
    ("fi", "tuun sun kotiin tänään", "threat"),
    ("sv", "skicka en bild på dig i bikini", "sexual_harassment"),
    ("sv", "har du pojkvän? du är så söt", "sexual_harassment"),
    ("sv", "vill du ligga med mig", "sexual_harassment"),
    ("sv", "vi kan väl träffas efter jobbet, bara du och jag", "sexual_harassment"),
    ("sv", "jag vill se dig naken", "sexual_harassment"),
    ("sv", "du har snygga ben", "sexual_harassment"),
    ("sv", "kan du inte komma hem till mig och undersöka mig privat", "sexual_harassment"),
    ("sv", "vad har du för underkläder idag", "sexual_harassment"),
    ("sv", "jag blir kåt när du pratar", "sexual_harassment"),
    ("sv", "vill du ha sex med mig", "sexual_harassment"),
    ("sv", "ge mig ditt nummer så kan vi ses", "sexual_harassment"),
    ("sv", "du är för snygg för att vara sjuksköterska", "sexual_harassment"),
    ("sv", "jag skulle vilja kyssa dig", "sexual_harassment"),
    ("sv", "vill du känna på min kuk", "sexual_harassment"),
    ("sv", "kan du skicka en selfie", "sexual_harassment"),
    ("sv", "du har så vackra läppar, vill kyssa dem", "sexual_harassment"),
    ("sv", "jag runkar när jag tänker på dig", "sexual_harassment"),
    ("sv", "sätt dig i mitt knä", "sexual_harassment"),
    ("sv", "visa brösten i kameran", "sexual_harassment"),
    ("sv", "hur stora är dina bröst", "sexual_harassment"),
    ("en", "send me a photo of yourself", "sexual_harassment"),
    ("en", "are you single? you're so pretty", "sexual_harassment"),
    ("en", "do you want to sleep with me", "sexual_harassment"),
    ("en", "let's meet after work, just you and me", "sexual_harassment"),
    ("en", "I want to see you naked", "sexual_harassment"),
    ("en", "you have great legs", "sexual_harassment"),
    ("en", "come to my house and examine me in private", "sexual_harassment"),
    ("en", "what underwear are you wearing today", "sexual_harassment"),
    ("en", "you make me so horny", "sexual_harassment"),
    ("en", "want to have sex with me", "sexual_harassment"),
    ("en", "give me your number so we can hang out", "sexual_harassment"),
    ("en", "you're too pretty to be a nurse", "sexual_harassment"),
    ("en", "I want to kiss you", "sexual_harassment"),
    ("en", "want to touch my dick", "sexual_harassment"),
    ("en", "can you send me a selfie", "sexual_harassment"),
    ("en", "I'm thinking about you while I touch myself", "sexual_harassment"),
    ("en", "sit on my lap", "sexual_harassment"),
    ("en", "show me your boobs on camera", "sexual_harassment"),
    ("en", "how big are your breasts", "sexual_harassment"),
    ("en", "I bet you look amazing without those scrubs", "sexual_harassment"),
    ("fi", "lähetä kuva itsestäsi bikineissä", "sexual_harassment"),
    ("fi", "ootko sinkku? oot tosi söpö", "sexual_harassment"),
    ("fi", "haluutko harrastaa seksiä mun kanssa", "sexual_harassment"),
    ("fi", "nähdäänkö töiden jälkeen kahdestaan", "sexual_harassment"),
    ("fi", "haluun nähdä sut alasti", "sexual_harassment"),
    ("fi", "sulla on upeat jalat", "sexual_harassment"),
    ("fi", "tuu mun luo tutkimaan mua yksityisesti", "sexual_harassment"),
    ("fi", "mitkä alusvaatteet sulla on tänään", "sexual_harassment"),
    ("fi", "saat mut niin kiimaiseksi", "sexual_harassment"),
    ("fi", "anna sun numero niin nähdään", "sexual_harassment"),
    ("fi", "oot liian kaunis hoitajaksi", "sexual_harassment"),
    ("fi", "haluisin suudella sua", "sexual_harassment"),
    ("fi", "haluutko koskea mun kulliin", "sexual_harassment"),
    ("fi", "voitko lähettää selfien", "sexual_harassment"),
    ("fi", "istu mun syliin", "sexual_harassment"),
    ("fi", "näytä tissit kameralle", "sexual_harassment"),
    ("fi", "kuinka isot tissit sulla on", "sexual_harassment"),
    ("fi", "ajattelen sua kun runkkaan", "sexual_harassment"),
    ("sv", "jag vill inte ha en läkare med slöja", "discrimination"),
    ("sv", "invandrare ska inte få jobba som läkare", "discrimination"),
    ("sv", "somalier borde inte bli sjuksköterskor", "discrimination"),
    ("sv", "jag vill ha en svensk läkare, inte en utlänning", "discrimination"),
    ("sv", "judar har inget i vården att göra", "discrimination"),
    ("sv", "åk hem till ditt land", "discrimination"),
    ("sv", "ni blattar förstör allt", "discrimination"),
    ("sv", "kan jag få en läkare som inte är svart", "discrimination"),
    ("sv", "bögar ska inte få jobba med barn", "discrimination"),
    ("sv", "jävla lappjävel", "discrimination"),
    ("en", "I don't want a doctor with a headscarf", "discrimination"),
    ("en", "immigrants should not be allowed to be doctors", "discrimination"),
    ("en", "I want an English doctor, not a foreigner", "discrimination"),
    ("en", "jews have no place in healthcare", "discrimination"),
    ("en", "go back to your own country", "discrimination"),
    ("en", "can I get a doctor who isn't black", "discrimination"),
    ("en", "gays shouldn't work with children", "discrimination"),
    ("en", "women can't be proper doctors", "discrimination"),
    ("fi", "en halua huivipäistä lääkäriä", "discrimination"),
    ("fi", "maahanmuuttajat ei sais olla lääkäreitä", "discrimination"),
    ("fi", "haluan suomalaisen lääkärin enkä mitään ulkkaria", "discrimination"),
    ("fi", "painu takaisin omaan maahasi", "discrimination"),
    ("fi", "homot ei sais työskennellä lasten kanssa", "discrimination"),
    ("fi", "naiset ei osaa olla kunnon lääkäreitä", "discrimination"),
    ("fi", "saatanan neekeri", "discrimination"),
    ("sv", "du är en inkompetent idiot", "insult"),
    ("sv", "idioten i receptionen la på luren", "insult"),
    ("sv", "vilken jävla amatör du är", "insult"),
    ("sv", "ni är värdelösa allihop", "insult"),
    ("sv", "sköterskan är en idiot", "insult"),
    ("sv", "idioterna på vårdcentralen har tappat mitt prov", "insult"),
    ("en", "you're a useless idiot", "insult"),
    ("en", "the idiot at reception hung up on me", "insult"),
    ("en", "you absolute clown", "insult"),
    ("en", "that nurse is a moron", "insult"),
    ("en", "the idiots at the surgery lost my sample", "insult"),
    ("fi", "oot ihan idiootti", "insult"),
    ("fi", "se ääliö vastaanotossa sulki puhelimen", "insult"),
    ("fi", "te ootte kaikki idiootteja", "insult"),
    ("fi", "hoitaja on ihan idiootti", "insult"),
    ("fi", "idiootit vastaanotolla hukkas mun näytteen", "insult"),
    ("fi", "sä oot ääliö", "insult"),
]


@pytest.mark.parametrize(("lang", "text", "category"), PLAIN_WAYS)
def test_plain_ways_of_saying_it(moderator: Moderator, lang: str, text: str, category: str) -> None:
    assert_category(moderator, text, lang, category)


EVERYDAY = [
    ("sv", "ska jag vara naken när du undersöker mig"),
    ("sv", "ska jag skicka en bild på min penis, det har blivit rött"),
    ("en", "do I need to be naked when you examine me"),
    ("en", "can I send a photo of my penis, the rash is spreading"),
    ("fi", "voinko lähettää kuvan mun peniksestä, siinä on ihottumaa"),
    ("sv", "hur stora är mina bröst normalt efter graviditet"),
    ("sv", "jag har ont i brösten, kan ni titta på det i kameran"),
    ("sv", "ska jag visa utslaget i kameran"),
    ("sv", "kan jag få ditt nummer till apoteket så vi kan ses där"),
    ("sv", "min pojkvän vill känna på min mage"),
    ("sv", "jag har ont i min snopp när jag kissar"),
    ("sv", "kan du skicka en bild på receptet"),
    ("sv", "min man tar hand om mig"),
    ("sv", "gravida kvinnor ska inte ta ipren"),
    ("sv", "äldre patienter borde få vaccin först"),
    ("sv", "jag kommer med min mamma imorgon"),
    ("sv", "det slutar illa för mig om jag inte får hjälp"),
    ("sv", "du kommer inte kunna gå på två veckor efter operationen sa kirurgen"),
    ("sv", "får jag komma dit med min hund"),
    ("sv", "kniven i köket slant och jag skar mig"),
    ("sv", "vi ses på mottagningen klockan tio"),
    ("sv", "min son är homosexuell och mår dåligt"),
    ("sv", "jag är muslim och fastar"),
    ("en", "how big should my breasts be after weaning"),
    ("en", "my partner touches my penis and it hurts"),
    ("en", "can I send you a photo of the rash"),
    ("en", "give me your number so I can call the surgery back"),
    ("en", "you make me so happy, thank you doctor"),
    ("en", "I can't walk for a month after the operation"),
    ("en", "I'm coming in with my mum tomorrow"),
    ("en", "pregnant women shouldn't take ibuprofen"),
    ("en", "old people should get the flu jab first"),
    ("en", "I touch myself to check for lumps as you said"),
    ("en", "my ex said he would kill me and I'm scared"),
    ("fi", "kuinka isot rinnat pitäisi olla imetyksen jälkeen"),
    ("fi", "voinko lähettää kuvan ihottumasta"),
    ("fi", "leikkauksen jälkeen en pysty kävelemään kuukauteen"),
    ("fi", "tulen äidin kanssa huomenna"),
    ("fi", "raskaana olevat naiset ei saa ottaa buranaa"),
    ("fi", "vanhukset saa rokotteen ensin"),
    ("fi", "olen muslimi ja paastoan"),
]


@pytest.mark.parametrize(("lang", "text"), EVERYDAY)
def test_everyday_lines_beside_the_families_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        # Telling the reader to kill themselves, written out: an insult to staff, as "kys" is.
        ("en", "you should kill yourself, useless nurse", "insult"),
        ("en", "do us all a favour and die", "insult"),
        ("en", "go hang urself", "insult"),
        ("sv", "gå och ta livet av dig", "insult"),
        ("sv", "du borde ta livet av dig", "insult"),
        ("sv", "gå och häng dig din jävla sköterska", "insult"),
        ("sv", "kan du inte bara dö", "insult"),
        ("fi", "tapa ittes hoitaja", "insult"),
        # Said with intent by the writer it is still a threat; the writer's own is a crisis.
        ("sv", "jag ska ta livet av dig", "threat"),
        ("en", "i want to kill myself", "self_harm"),
    ],
)
def test_telling_the_reader_to_kill_themselves(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "can this cough just die already"),
        ("en", "my phone will just die soon, call me now please"),
        ("sv", "häng med mig till apoteket"),
        ("sv", "häng inte upp dig på det, sa läkaren"),
        ("sv", "kan medicinen ta livet av dig om man tar för mycket?"),
        ("en", "can this medicine kill you if you take too much?"),
        ("en", "careful, you could kill yourself on that ice"),
    ],
)
def test_dying_things_and_hanging_out_are_no_insult(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # A trip home is no "go back where you came from"; a medical question about a group, a
        # slur someone said to the writer and a verb that looks like a body word are no abuse.
        ("en", "I go back to africa in june, which vaccines do I need?"),
        ("sv", "vi ska åka tillbaka till somalia på semester, behöver barnen vaccin?"),
        ("fi", "mennään takaisin afrikkaan kesällä, tarvitaanko rokotteita"),
        ("en", "a man called me a typical somali and I cried all night"),
        ("en", "is this rash typical for chinese patients?"),
        ("en", "did you figure that out from my blood test?"),
    ],
)
def test_trips_home_and_questions_about_a_group_are_no_discrimination(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("en", "go back to africa", "discrimination"),
        ("en", "go back to where you came from, you are no real doctor", "discrimination"),
        ("sv", "åk hem till afrika", "discrimination"),
        ("fi", "painu takaisin sinne mistä tulit", "discrimination"),
        ("en", "so typical, these somalis always steal", "discrimination"),
        ("en", "you have a nice figure nurse", "sexual_harassment"),
    ],
)
def test_go_back_and_typical_still_count_when_said(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Everyday messages that a threat rule held back (found by tune15's near misses).
        ("sv", "jag tar med bössan på älgjakten imorgon, kan jag få min medicin innan?"),
        ("en", "I have nothing to lose anymore and I feel so tired"),
        ("en", "accidents happen, I fell on the ice yesterday"),
        ("sv", "olyckor händer, jag halkade på isen i morse"),
        ("en", "say goodbye to your back pain with these exercises?"),
        ("en", "I'll be waiting in the car park, my appointment is at 3"),
        ("en", "my brothers will deal with the paperwork for mum"),
    ],
)
def test_hunting_falls_and_errands_are_no_threat(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "say goodbye to your kids"),
        ("en", "I have nothing to lose, I know where you park"),
        ("en", "accidents happen to nurses who refuse"),
        ("sv", "jag kommer med bössan till vårdcentralen"),
        ("sv", "olyckor händer folk som du"),
        ("en", "I'll be waiting in the car park when your shift ends"),
    ],
)
def test_the_threats_beside_them_still_alert_staff(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert moderator.check(text, lang).alerts_staff, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # False alarms other tuners met: the writer's own health, a relative's crush, a
        # dream about an operation, a latex allergy, a child's drawing, "single-handedly",
        # a parent in need of a home visit.
        ("en", "i have two kids, would be a shame if something happened to my health"),
        ("en", "my daughter fell in love with you, she talks about you all the time"),
        ("en", "I dreamt about you, that the operation went wrong"),
        ("sv", "jag är latexallergisk, kan ni undersöka utan handskar"),
        ("sv", "jag dör av skratt, min son har ritat en bild av dig"),
        ("en", "are you single-handedly running the clinic today? waited 2 hours"),
        ("sv", "mamma ligger naken i sängen och dörren är öppen, kan ni göra hembesök"),
    ],
)
def test_family_and_health_near_misses_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert not moderator.rules_only().check(text, lang).flagged, moderator.explain(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("en", "nice car. be a shame if something happened to it", "threat"),
        ("en", "it'd be a real shame if something happened to that clinic of yours", "threat"),
        ("en", "are you single?", "sexual_harassment"),
        ("sv", "skicka en bild på dig", "sexual_harassment"),
        ("en", "I dreamt about you naked", "sexual_harassment"),
        ("en", "I fell in love with you nurse", "sexual_harassment"),
    ],
)
def test_the_advances_and_threats_beside_them_still_count(
    moderator: Moderator, lang: str, text: str, category: str
) -> None:
    assert moderator.check(text, lang).category == category, moderator.explain(text, lang)
