"""Self-harm shapes of the sh24 round (issue 14): concept-level, not one family per corpus line.

The crisis words (flows/questionnaires/_phrases.yaml, the "sh24" blocks of `concepts` and
`crisis_rules`) read the writer or someone named x a wish not to exist, an end, a means or an
act already done, in every person, tense and spoken form of Swedish, English and Finnish: a wish
with its own verb ("önskar att jag var död", "haluisin olla kuollut", "hope my heart stops"),
"better / nothing would matter if I died", no point in living, thoughts of death all the time,
self-harm as a habit ("min dotter skär sig", "she's been cutting herself"), every pill taken,
"tonight I'll take them all", a way to die sought, wanting out for good, a goodbye note, the
writer a burden, at the bridge "just wanted to tell someone", no new appointment needed, "soon
you'll be rid of me", how and when worked out, thin ice tonight unseen, a lethal amount asked
"for my own part", "don't call mum, it's already done", "if I'm not here tomorrow it's not your
fault", a noose looked up, guns given away, lived long enough with the medicine kept. A negation
inside a term that says its own only repeats it ("nukahtaa enkä koskaan herätä").
Each shape is written here in words of our own (none is a corpus line), beside benign near misses
a patient could write: grief, jokes, dose questions, past attempts now well, a finger cut in the
kitchen, a cough, a will with a certificate of sound mind, a rope at the climbing wall.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words
from tests.moderation_verdicts import assert_below_log, assert_category

CRISES = [
    # a wish to be dead or not to wake, with the wish's own verb
    ("sv", "önskar att jag var död"),
    ("sv", "hoppas jag inte vaknar imorgon"),
    ("sv", "vill bara sova och slippa allt"),
    ("sv", "hoppas hjärtat stannar i natt"),
    ("en", "i hope i dont wake up tomorrow"),
    ("en", "i wish i could stop existing"),
    ("en", "i hope my heart stops tonight"),
    ("fi", "haluisin olla kuollut"),
    ("fi", "toivon et kuolisin"),
    ("fi", "toivoisin etten olis koskaan syntyny"),
    ("fi", "haluan pois tästä elämästä"),
    ("fi", "haluun vaan nukahtaa enkä koskaan herätä"),
    # better / nothing would matter if I died
    ("sv", "hade det varit bättre om jag inte fötts"),
    ("sv", "skulle inte göra nåt om jag dog"),
    ("en", "it would be easier if i was dead"),
    ("en", "wouldnt matter if i died"),
    ("fi", "ois parempi jos mua ei ois"),
    ("fi", "ois helpompi olla kuollu"),
    # no point in being alive; can't be bothered living; lost the will to live
    ("sv", "jag pallar inte leva längre"),
    ("sv", "orkar inte vara till"),
    ("sv", "jag har tappat viljan att leva"),
    ("en", "whats the point of being alive"),
    ("en", "cant be bothered living anymore"),
    ("en", "I've lost the will to live"),
    ("fi", "ei oo mitään järkeä jatkaa tätä elämää"),
    ("fi", "en haluu enää olla olemassa"),
    # thoughts of death all the time
    ("sv", "tänker på att dö hela tiden"),
    ("en", "i think about dying constantly"),
    ("fi", "ajattelen koko ajan kuolemaa"),
    # self-harm as a habit, the writer or someone named; hitting oneself until it marks
    ("sv", "min dotter skär sig"),
    ("sv", "sonen har skurit sig igen"),
    ("en", "ive been hurting myself"),
    ("en", "my daughter burns herself with a lighter"),
    ("en", "i hurt myself again last night with a razor"),
    ("en", "i hit myself until i bruise"),
    ("fi", "tytär on viillellyt itseään"),
    ("fi", "lyön itseäni kunnes tulee mustelmia"),
    ("sv", "jag skär i mina armar så ingen ser"),
    # every pill; the lot tonight
    ("en", "i took every pill in the house"),
    ("sv", "tog varenda tablett jag hade"),
    ("en", "tonight ill take them all"),
    ("fi", "otan ne kaikki tänä yönä"),
    # a way to die; wanting out for good; a goodbye note; a burden
    ("sv", "jag har tänkt ut ett sätt att dö på"),
    ("en", "looking for the easiest way to die"),
    ("fi", "etsin tapaa kuolla"),
    ("en", "life is too much, i want out permanently"),
    ("sv", "vill bort för alltid"),
    ("en", "ive written my note"),
    ("sv", "jag är bara en börda"),
    ("en", "im nothing but a burden"),
    ("fi", "oon pelkkä taakka"),
    # at the bridge, reaching out; pills mixed with drink, someone should know
    ("sv", "sitter på broräcket nu, ville bara säga det till någon"),
    ("en", "I'm on the railway bridge now. wanted someone to know"),
    ("fi", "istun kalliolla reunalla, halusin vaan kertoa jollekin"),
    # nothing has any point any more; no new appointment needed
    ("sv", "inte mycket idé med något längre"),
    ("en", "honestly I can't see the point anymore"),
    ("fi", "ei tässä oo enää mitään järkeä"),
    ("sv", "ni har alltid varit snälla. ni behöver inte boka nån ny tid åt mig"),
    # soon you'll be rid of me; how and when
    ("sv", "ni slipper mig snart"),
    ("fi", "pian pääsette minusta"),
    ("sv", "jag har räknat ut hur och när"),
    ("en", "I know how and when"),
    ("fi", "tiedän miten ja milloin"),
    # thin ice tonight, unseen; a lethal amount for my own part, or "for it to be over"
    ("sv", "isen är tunn på älven, tänkte gå ut på den inatt när ingen ser"),
    ("sv", "går det att dö av 30 sobril? frågar för min del"),
    ("en", "how many of my sleeping tablets would it take for it to be over"),
    ("fi", "kuinka monta unilääkettä pitää ottaa et se ois siinä"),
    # secrecy with the pills taken; not here tomorrow, not your fault
    ("sv", "säg inget till pappa, det är redan gjort, jag har tagit dem"),
    ("fi", "älä kerro äidille, otin jo kaikki"),
    ("fi", "jos mua ei oo enää huomenna, se ei oo kenenkään vika"),
    # a noose looked up; the gun-cabinet key; lived long enough, the medicine kept
    ("en", "he's been looking up how to make a noose"),
    ("sv", "pappa säger att han är klar och frågar efter nyckeln till vapenskåpet"),
    ("fi", "olen elänyt tarpeeksi, säästin miehen morfiinit"),
    ("en", "there's a razor in the drawer and I keep looking at it"),
    # given away and calm; leaving for good with nothing left
    ("fi", "annoin kaikki tavarat pois ja tuntuu rauhalliselta"),
    ("en", "I'm out of here for good, can't be bothered with anything"),
    ("en", "gonna off myself tonight"),
]

NEAR_MISSES = [
    # wishes and hopes about something else
    ("sv", "jag hoppas att jag inte dör av den här operationen"),
    ("sv", "önskar att jag var frisk igen"),
    ("sv", "min mamma vill dö hemma, inte på sjukhuset"),
    ("sv", "pappa vill inte leva på maskiner om det blir värre"),
    ("en", "i wish i was dead serious about dieting"),
    ("en", "I wish my heart would stop racing"),
    ("sv", "jag önskar att hjärtat slutar rusa"),
    ("fi", "toivon että sydän lakkaa hakkaamasta näin kovaa"),
    ("fi", "toivottavasti en kuole tähän flunssaan"),
    ("fi", "Jalat ihan kuolleet hiihtolenkin jälkeen, haluis vaan kuolla haha"),
    # better if, nothing matters, no point: about an errand
    ("sv", "det vore skönt om jag slapp hosta på nätterna"),
    ("sv", "det hade varit bättre om jag inte ätit så mycket"),
    ("en", "it would be better if i came in the morning"),
    ("en", "it doesn't matter if i die my hair"),
    ("fi", "ois parempi ettei ois kipua"),
    ("fi", "ois parempi jos en ois syöny niin paljon"),
    ("sv", "vad är poängen med att ta blodprov igen?"),
    ("sv", "ingen mening längre att ta kåvepenin, halsen är bra nu"),
    ("en", "no point anymore in taking the antibiotics, I feel better"),
    ("fi", "ei oo enää mitään järkeä jatkaa tätä kuuria, oon terve"),
    # grief and thoughts of death in a loss
    ("sv", "jag tänker ofta på döden sedan mamma gick bort"),
    ("fi", "ajattelen kuolemaa usein äidin kuoleman jälkeen"),
    ("sv", "min mormor dog i natt och jag är helt förstörd"),
    ("en", "my dad passed away last week and i'm struggling to sleep"),
    # a cut in the kitchen, a fall, the gym, an itch, a toddler
    ("sv", "min dotter skär sig ofta på papper i skolan"),
    ("sv", "han skar sig på en glasbit"),
    ("sv", "rösten skar sig när jag skulle sjunga"),
    ("sv", "det skar sig mellan mig och chefen"),
    ("en", "she keeps hurting herself when she falls off her bike"),
    ("en", "i hurt myself again at the gym"),
    ("en", "i cut myself again shaving"),
    ("en", "my toddler keeps biting himself when he's angry"),
    ("fi", "satutin itteni kaatuessa"),
    ("sv", "Jag jagar älg, blöder jag mer om jag skär mig?"),
    ("sv", "Högg mig i handen med kniven när jag skar upp renkött, det sprutar"),
    # medicines as usual, a course, a dose question, a hangover
    ("sv", "tog alla mina tabletter i morse som vanligt"),
    ("en", "I took every pill of the antibiotic course like you said"),
    ("en", "should i take them all tonight or spread them out?"),
    ("fi", "otan ne kaikki illalla ohjeen mukaan"),
    ("en", "how many paracetamol is too many in a day?"),
    ("sv", "drack för mycket i helgen, hur mycket ipren kan man ta när man e bakis"),
    ("en", "don't tell my mum, I already took the morning-after pill"),
    # habits quit, moving, notes for work, apologies, games
    ("en", "i want to stop smoking for good"),
    ("en", "I'm leaving for good, moving to Spain next month"),
    ("en", "i've written my note for work"),
    ("en", "i feel like a burden asking again, sorry"),
    ("en", "i don't want to be a burden to my family when i'm old"),
    ("en", "ways to die in minecraft"),
    ("sv", "snart slipper ni mig, sista sjukgymnastiken på fredag"),
    ("fi", "pian pääsette musta eroon, muutan Ouluun"),
    ("en", "I've worked out how to book online, thanks"),
    # by the bridge for a pick-up; thin ice for skating; scouts in the snow
    ("sv", "sitter i bilen vid bron och väntar på min dotter, ville bara säga att vi blir sena"),
    ("en", "parked by the bridge waiting for my son, wanted to tell someone I'll be late"),
    ("sv", "isen är tunn, ska vi gå ut och pimpla ikväll"),
    ("en", "he keeps saying he'll go sleep in the snow cave with the scouts"),
    ("en", "my son googled how to tie a bowline knot for scouts"),
    ("en", "my husband gave his rifles to his brother after the hunting season"),
    ("en", "I keep looking at it, the rope burn on my hand"),
    # a will with a certificate of sound mind; a rope at the climbing wall; a joke of a jump
    (
        "sv",
        "Pappa är 92 och har skrivit testamente, kan läkaren intyga att han är klar i huvudet",
    ),
    ("en", "I'm 91 and I've made my will. Can the doctor write a note that I was of sound mind?"),
    ("fi", "Kiipeilen ja roikun köysissä koko päivän, kyynärvarret jumissa"),
    ("sv", "Brorsan säger att han ska hoppa från bron varje gång Luleå förlorar lol"),
    ("en", "went bungee jumping off a bridge on holiday"),
    ("sv", "Mormor är 88 och vill inte ta sina mediciner, hon har levt klart och är nöjd"),
    # past attempts now well; sleep for a week
    ("sv", "jag försökte ta mitt liv för tio år sedan men mår bra nu"),
    ("en", "I could sleep for a week"),
    ("fi", "nukkuisin viikon jos voisin"),
]


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_the_shape_is_a_crisis(lang: str, text: str) -> None:
    assert crisis_words(text) is not None, (lang, text)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_the_near_miss_alarms_nobody(lang: str, text: str) -> None:
    found = crisis_words(text)
    assert found is None, (lang, text, found)


@pytest.mark.parametrize(("lang", "text"), CRISES[::6])
def test_moderation_reads_the_shape_as_self_harm(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_category(moderator, text, lang, "self_harm", text)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES[::5])
def test_moderation_keeps_the_near_miss_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)
