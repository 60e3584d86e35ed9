"""Red flags written the way dev5's and dev9's writers wrote them, each family said three other
ways (none taken from a corpus), with everyday lines in the same words beside them (issue 12)."""

from __future__ import annotations

import pytest

from flows.phrases import crisis_words, red_flag_hits

SEEN = [
    # a negation stops at "but": "probably nothing but ..."
    ("probably nothing but my testicle hurts and it is swollen", "rf_testicle"),
    ("inget speciellt men pungen gör ont och är svullen", "rf_testicle"),
    ("ei varmaan mitään mutta kives on turvonnut ja kipeä", "rf_testicle"),
    # one side of the face numb or fallen, words that won't come
    ("vänstra halvan av ansiktet känns bedövad och armen lyder inte", "rf_stroke"),
    ("my right hand isnt working and that side of my face droops", "rf_stroke"),
    ("suupieli on valahtanut ja puhe on sotkua", "rf_stroke"),
    ("hon har svårt att hitta orden sedan en timme", "rf_stroke"),
    ("äiti puhuu sössöä yhtäkkiä", "rf_stroke"),
    # sudden confusion
    ("my dad suddenly doesnt know who I am", "rf_consciousness"),
    ("mummo ei tunne meitä yhtäkkiä", "rf_consciousness"),
    ("mamma känner inte igen oss plötsligt", "rf_consciousness"),
    # not getting air
    ("i'm not getting enough air", "rf_breathing"),
    ("ilmaa ei tule, apua", "rf_breathing"),
    ("happi loppuu koko ajan", "rf_breathing"),
    # allergy: puffed up, the eyes swelling shut, dizzy with itching after food
    ("after the peanuts his lips puffed up and his tongue feels thick", "rf_allergy"),
    ("åt räkor, läpparna är som ballonger", "rf_allergy"),
    ("söin pähkinää ja silmät muurautuu ja kieli turpoaa", "rf_allergy"),
    ("ate shrimp, itching everywhere and feeling faint", "rf_allergy"),
    # meningitis: a headache, fever and the light; blue blotches with fever
    ("bad headache and a high fever, I can't stand the light", "rf_meningitis"),
    ("huvudvärk, 39 i feber och tål inte ljuset", "rf_meningitis"),
    ("kuumetta ja sinisiä läiskiä iholla", "rf_meningitis"),
    # a child: no wet nappy, lying there after vomiting, a little one who is limp
    ("sonen har ingen blöt blöja sedan igår och dricker inget", "rf_child"),
    ("my 2 year old hasn't had a wet nappy all day", "rf_child"),
    ("lapsen vaippa ei ole märkä koko päivänä", "rf_child"),
    ("my daughter threw up all night and now lies there", "rf_child"),
    ("pikkuinen on veltto", "rf_child"),
    # injury: a fall with a head blow, memory gaps after a crash, a neck after a crash
    ("pappa ramlade och slog huvudet i trappan", "rf_injury"),
    ("grandma fell and hit her head on the floor", "rf_injury"),
    ("isä kaatui ja löi päänsä", "rf_injury"),
    ("after the car crash she keeps asking the same questions", "rf_injury"),
    ("krockade med bilen och minns inte vad som hände", "rf_injury"),
    ("kolarin jälkeen muisti pätkii", "rf_injury"),
    ("crash on the motorway, my neck hurts and I can't turn it", "rf_injury"),
    ("you can see the bone through the skin on his shin", "rf_injury"),
    # a burn over a large area, or with big blisters
    ("spilled boiling water all over my arm, huge blisters", "rf_injury"),
    ("skållade mig, blåsor över hela armen", "rf_injury"),
    ("poltin itseni, rakkuloita koko käsivarressa", "rf_injury"),
    # bleeding: black sticky stool
    ("kakka on mustaa kuin terva", "rf_bleeding"),
    ("bajset är svart och jag är yr", "rf_bleeding"),
    ("my poo is black and I feel faint", "rf_bleeding"),
    # dev9: too breathless to finish a sentence; grey lips
    ("mamma klarar inte säga en hel mening utan att hämta luft", "rf_breathing"),
    ("he can't talk in full sentences, keeps stopping for air", "rf_breathing"),
    ("isä ei pysty puhumaan kokonaisia lauseita, hengästyy", "rf_breathing"),
    ("can only get 2 words at a time out before I need air", "rf_breathing"),
    ("hans läppar är gråa och han flämtar", "rf_breathing"),
    ("her lips look grey and she is struggling", "rf_breathing"),
    ("huulet on ihan harmaat", "rf_breathing"),
    # breathless lying flat, drowning from inside (not a fall into water)
    ("kan inte ligga ner, måste sitta upp för att få luft", "rf_breathing"),
    ("woke up feeling like i was drowning, cant lie flat", "rf_breathing"),
    ("en pysty makaamaan, täytyy istua että saan henkeä", "rf_breathing"),
    ("känns som att jag drunknar inifrån när jag lägger mig, andas konstigt", "rf_breathing"),
    # a chest that squeezes
    ("det klämmer i bröstet sen en timme", "rf_chest"),
    ("a gripping feeling in my chest since this morning", "rf_chest"),
    ("rintaa puristaa ja hikoiluttaa", "rf_chest"),
    # the wrong words come out
    ("pappa fick inte fram rätt ord i morse och armen är svag", "rf_stroke"),
    ("mum says one thing and a different word comes out, since lunch", "rf_stroke"),
    ("sanat tulee väärin ja käsi on heikko", "rf_stroke"),
    ("kan inte få fram orden plötsligt", "rf_stroke"),
    # a limb at an angle, something white showing after a fall
    ("armen står snett efter fallet från cykeln", "rf_injury"),
    ("fell off the trampoline, something white poking out of his shin", "rf_injury"),
    ("kaatui pyörällä, sääri on vinossa ja jotain valkoista näkyy", "rf_injury"),
    # sudden pain in the balls, said plainly
    ("plötsligt jätteont i nötterna och spyr", "rf_testicle"),
    ("sudden pain in my testes and I've been sick", "rf_testicle"),
    # blood that spurts; a period so heavy that one feels faint
    ("blodet sprutade ur såret på handen", "rf_bleeding"),
    ("cut my thigh on glass and blood is spurting out", "rf_bleeding"),
    ("haavasta tulee verta kaaressa", "rf_bleeding"),
    ("mensen är så kraftig att jag blöder igenom en binda på 20 minuter, yr", "rf_bleeding"),
    ("my period is so heavy and I feel faint", "rf_bleeding"),
    ("menkat tosi runsaat ja pyörryttää", "rf_bleeding"),
    # a baby who has not peed; green vomit
    ("vauva ei oo pissannu koko päivänä", "rf_child"),
    ("bebisen har inte kissat sedan i morse", "rf_child"),
    ("my 4 month old hasn't peed since last night", "rf_child"),
    ("vauva oksentelee vihertävää", "rf_child"),
    ("babyn kräks grönt", "rf_child"),
    # breathless from talking alone; waking without air and having to sit up
    ("jag blir andfådd av att bara prata", "rf_breathing"),
    ("I get out of breath just talking", "rf_breathing"),
    ("hengästyn jo puhuessa", "rf_breathing"),
    ("heräsin yöllä siihen etten saanut henkeä ja piti nousta istumaan", "rf_breathing"),
    # nostrils flaring with each breath
    ("babyns näsvingar fladdrar när han andas", "rf_breathing"),
    ("my baby is breathing fast with nostrils flaring", "rf_breathing"),
    ("vauvan nenänsiivet liikkuu ja hengitys on tiheää", "rf_breathing"),
    # everything double all of a sudden
    ("näen yhtäkkiä kaiken kahtena", "rf_stroke"),
    # bleeding like a stuck pig; blood in the stool and pale
    ("blöder som en stucken gris från benet", "rf_bleeding"),
    ("bleeding like a stuck pig from his leg", "rf_bleeding"),
    ("bajsar blod och är jätteblek", "rf_bleeding"),
    # an arm bent after a fall ('jälkeen', after, is no leg)
    ("pojan käsivarsi on kaatumisen jälkeen ihan vinossa", "rf_injury"),
    # landing on the head and vomiting
    ("my son fell off the trampoline onto his head and has been sick twice", "rf_injury"),
    ("dottern ramlade på huvudet från soffan och kräks", "rf_injury"),
    # a fever and a neck that won't bend
    ("min son har feber och vill inte böja nacken", "rf_meningitis"),
    ("she has a fever and wont bend her neck", "rf_meningitis"),
    # the baby stopped moving
    ("34 weeks pregnant and the baby stopped moving", "rf_pregnancy"),
    # hit by a vehicle on foot or on a bike, nothing else said
    ("min son blev påkörd av en bil när han cyklade", "rf_injury"),
    ("I was knocked down by a van this morning", "rf_injury"),
    ("auto ajoi pyöräilijän päälle, poikani", "rf_injury"),
    # 'kulan' (one testicle) swollen and very painful
    ("kulan har svullnat och gör jätteont", "rf_testicle"),
    # a finger nearly cut off is still an amputation
    ("skar nästan av fingret med kniven", "rf_injury"),
]

# The right question first where another flag's words come along.
FIRST = [
    # 'svarar' (answers) is no 'svår' (hard): breathing but not answering
    ("hittade mamma på golvet, hon andas men svarar inte", "rf_consciousness"),
    # drowning from inside is breath, not water
    ("vaknade och kändes som att drunkna, måste sitta upp", "rf_breathing"),
    # one side that does not move is no baby that does not move
    ("hon kan inte le ordentligt, ena sidan rör sig inte", "rf_stroke"),
    # a grey face with chest pain stays the chest's question
    ("pappa har ont i bröstet och är grå i ansiktet", "rf_chest"),
]


@pytest.mark.parametrize(("text", "flag"), SEEN, ids=[t for t, _ in SEEN])
def test_the_family_asks_its_red_flag(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(("text", "flag"), FIRST, ids=[t for t, _ in FIRST])
def test_the_right_red_flag_comes_first(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


@pytest.mark.parametrize(
    "text",
    [
        "stung by a bee, a bit swollen and itchy where it stung",
        "kliar efter getingsticket, lite svullet",
        "should I get the meningitis vaccine before my trip",
        "rokotus aivokalvontulehdusta vastaan ennen vaihtoa",
        "can't breathe through my left nostril for weeks, snoring",
        "min pappa fick stroke när han var 70, vad kan jag göra för att undvika det",
        "fell off my bike last summer, fine now, need a certificate",
        "lapsi kaatui ja sai mustelman polveen",
        "burnt my finger on the stove, small blister",
        "brände mig på ugnen, liten blåsa på fingret",
        "sunburn all over, blisters on my back",
        # dev9's near misses: full sentences as a milestone, drowning in work, words to describe
        "hon pratar i hela meningar nu, är det normalt för 18 månader",
        "my toddler speaks in full sentences already",
        "jag kan säga att det gör ont i knät när jag springer",
        "drunknar i jobb, behöver sjukintyg för utmattning",
        "drowning in paperwork, can I get a certificate",
        "hukun töihin, tarvitsen sairauslomaa",
        "kvävs av stress på jobbet, vill prata med någon om sömnen",
        "jag hittar inte rätt ord för att beskriva smärtan i knät",
        "i can't find the right words to describe the pain in my knee",
        "en löydä oikeita sanoja kuvailla tätä kipua polvessa",
        "skon klämmer vid tån",
        "det sticker ut något vitt ur tandköttet",
        "kan inte ligga ner för ryggen gör ont",
        # a hoarse voice with a cold is no stroke
        "rösten låter konstig sedan igår, ont i halsen",
        "my voice sounds weird since yesterday, sore throat",
        "ääni on outo eilisestä asti, kurkku kipeä",
        # periods as usual, a danger seen on TV or in the news
        "mensen är kraftig som vanligt, behöver recept på p-piller",
        "heavy periods for years, want to talk about the coil",
        "såg en dokumentär om stroke, vad är tecknen",
        "watched a programme about meningitis, what should I look for",
        "katsoin ohjelman aivoinfarktista, mitkä on oireet",
        "read in the news a man fell off a ladder, is it safe to clean gutters",
        # a rash that fades when pressed
        "prickar på benen som försvinner när man trycker, ingen feber",
        "rash on his legs that fades when I press it with a glass",
        "ihottuma haalistuu painamalla, ei kuumetta",
        # 'svarar' (answers) is no 'svår'
        "svarar inte i telefon, min mamma, kan ni ringa henne",
        # lips grey or blue from the cold, toilet training, a colicky baby's bent legs
        "my lips are dry and grey in winter",
        "hennes läppar är gråa av kylan",
        "huulet kuivat ja harmaat talvella",
        "mitt barn har inte kissat i pottan än",
        "my toddler hasnt peed in the potty yet, any tips",
        "vauvalla vatsa kipeä, huutaa jalat mutkalla iltaisin",
        "ruoan jälkeen vatsa kipeä ja jalat väsyneet",
        # a pet hit by a car; confused as always with dementia; a panic that passed
        "katten blev påkörd av en bil igår, jag är ledsen och kan inte sova",
        "my dog got hit by a car, I cant stop crying",
        "isällä on muistisairaus ja on sekava kuten aina, tarvitaan kotihoitoa",
        "hade en panikattack igår, kändes som jag inte fick luft men gick över",
        "had a panic attack yesterday, felt like i couldnt breathe but it passed",
        "eilen oli paniikkikohtaus, tuntui etten saa henkeä mutta meni ohi",
        # figures of speech: a stroke at the bill, fainting with joy, drowning in snot
        "nästan fick en stroke när jag såg räkningen haha, men jag undrar om min faktura",
        "I nearly had a stroke when I saw the bill lol, question about my invoice",
        "meinasin saada slaagin kun näin laskun, kysyisin laskusta",
        "han svimmade nästan av lycka när han fick veta, vill boka MVC",
        "I passed my driving test and nearly fainted with joy, need eye test certificate",
        "I'm drowning in snot, cold for a week",
        "en saa henkeä nenän kautta flunssan takia",
    ],
)
def test_everyday_lines_in_the_same_words_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []


def test_chewing_gum_is_no_jar_of_pills() -> None:
    # 'purkan' (gum) is one letter from 'purkin' (a jar): no crisis help for swallowed gum.
    assert crisis_words("lapsi nielaisi purkan") is None
    assert crisis_words("lapsi nielaisi purkin lääkkeitä") is not None
