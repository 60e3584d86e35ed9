"""Crisis as two fresh writers put it (first_messages_dev6/dev7, issue 12), each family said
another way than in those sets: what must bring crisis help at once, and what must not."""

from __future__ import annotations

import pytest

from flows.phrases import crisis_words, red_flag_hits


@pytest.mark.parametrize(
    "text",
    [
        # An errand in the same breath does not cancel explicit words.
        "can you renew my prescription, also I'm going to kill myself this weekend",
        "behöver förnya receptet på sertralin och jag tänker ta livet av mig",
        "hain reseptilääkkeet ja ne riittää lopettamaan kaiken",
        "tänker ibland att det vore lättare för alla om jag inte fanns",
        # Since a time, still now.
        "har haft självmordstankar sedan i somras och nu har jag börjat planera",
        # A letter written and no strength left.
        "har skrivit ett brev till barnen, jag orkar inte längre",
        "wrote a letter to my parents, i cant go on",
        "kirjotin kirjeen äidille, en jaksa enää",
        # Wanting to disappear, and nobody would notice.
        "vill försvinna, ingen skulle ens märka det",
        "i just want to disappear, nobody would notice anyway",
        # Giving things away, and it is time.
        "har gett bort hunden och alla mina kläder, nu är det dags",
        "gave away my stuff this week, the time has come",
        # Stopping one's medicines to die.
        "livet är inte värt något längre, tänker sluta ta insulinet",
        "no point living anymore so I'm stopping all my heart pills",
        # A rope or a gun and no reason left.
        "ser ingen anledning att leva, har ett rep i bilen",
        "no reason to live, the gun is in the closet",
        "ei mitään järkeä jatkaa, köysi on jo valmiina",
        "en jaksa enämpi, pyssy on kaapissa",
        # A lethal-dose question about oneself.
        "kan man dö av 30 alvedon? frågar för mig själv",
        "how many of my sleeping pills would it take, asking for myself",
        # Knowing how.
        "olen miettinyt itsemurhaa ja tiedän jo miten sen tekisin",
        "thinking about suicide a lot, i know exactly how",
        # Painless ways.
        "been researching painless ways to do it",
        "orkar inte mer, letar efter ett smärtfritt sätt",
        "en jaksa enää, mietin miten sen vois tehdä kivuttomasti",
        # Better without me.
        "kaikki ois helpompaa ilman mua",
        "alla har det bättre utan mig",
        # Buying packs, mixing, courage, the night, driving into water.
        "köpte fem förpackningar alvedon, de ligger här framför mig",
        "ostin neljä pakettia buranaa tänään",
        "sekoitin lääkkeitä ja viinaa et pääsis pois",
        "mixed my pills with vodka to escape it all",
        "stood on the bridge again tonight working up the courage",
        "done with everything. tonight is the night",
        "hän sanoi ajavansa autolla jokeen",
        "walked down to the river, then it will be over",
        # Thoughts of suicide written apart, "no want live".
        "suicid tankar varje kväll",
        "me no want live anymore",
    ],
)
def test_crisis_families_bring_crisis_help_at_once(text: str) -> None:
    assert crisis_words(text) is not None, text
    assert "rf_suicide" in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        # Thanks and no more appointments; who gets my things; calm.
        "tack för all hjälp, ni behöver inte boka fler tider åt mig",
        "kiitos kaikille, ette näe minua enää",
        "decided who gets my books and the dog. strangely calm about it",
        # Stockpiling by count, a gun taken out, a rope and a chosen place.
        "where can I buy paracetamol, I need about 80 before sunday",
        "tog fram bössan ur skåpet och sitter med den nu",
        "got my rifle out of the safe, sitting with it",
        "köysi on valmiina ja paikka valittu",
        "picked a tree already, have the rope in the car",
        # Someone wants to be gone, locked in; an overdose "I did"; a whole dosette.
        "min syster har låst badrumsdörren och säger att hon vill vara död",
        "can you overdose on sleeping pills if you take the whole bottle? i already did",
        "tog hela dosetten på en gång, allt för veckan",
        "söin koko dosetin kerralla",
        # Poison drunk, a jump into the river, driving onto thin ice.
        "drank bleach on purpose, not sure why im messaging",
        "hän sanoi hyppäävänsä Kemijokeen, ei vastaa puhelimeen",
        "tänker köra ut på den svaga isen ikväll",
        # The appointment given away, the decision made.
        "I won't be here for the appointment, I've made my decision",
        "någon annan kan få min tid, spelar det någon roll om jag inte finns",
        "planning my exit this weekend",
        "Itsemurha. Siksi kirjoitan.",
    ],
)
def test_more_crisis_families_bring_crisis_help_at_once(text: str) -> None:
    assert crisis_words(text) is not None, text
    assert "rf_suicide" in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "kan man överdosera C-vitamin om man tar tre om dagen?",
        "can you overdose on vitamin D if you take two a day?",
        "köpte tre förpackningar nässpray, kan jag ta dem alla under en vecka?",
        "vill förnya receptet på mina blodtrycksmediciner",
        "we bought two packs of paracetamol for the trip, is that ok for kids",
        "gave away my old clothes to charity, need a certificate for work",
        "tonight is the night of the school concert, can I get a time tomorrow?",
        "painless dental treatment, is that possible for my son?",
        "skrev ett brev till vårdcentralen förra veckan men fick inget svar",
        "vill försvinna från jobbet en vecka, kan jag bli sjukskriven?",
        "do you have a leaflet on self harm for our staff training?",
        "jag skriver en uppsats om självmordsprevention, har ni material?",
        "overdose-kurs för personalen, kan ni hålla i en?",
        "tog fram bössan inför älgjakten, behöver intyg för vapenlicens",
        "can I take my whole weekly dosette with me on holiday?",
        "ajetaan jäätietä mökille, tarvitsenko rokotuksen?",
        "tack för all hjälp med min rygg, den är bra nu",
    ],
)
def test_ordinary_messages_in_the_same_words_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "inget är värt något längre, har redan skickat hejdå-sms:en",
        "no point anymore, sent my goodbye messages last night",
        "om provsvaret är dåligt tar jag slut också",
        "if the scan is bad I'm ending it, decided already",
        "slutat äta med flit, hoppas att det tar livet av mig",
        "not eating on purpose, hoping it kills me",
        "loma loppuu maanantaina ja sit minäkin lopetan",
    ],
)
def test_self_harm_said_through_an_ending_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "tabletti on tappavan iso niellä, voiko sen puolittaa?",
        "dödligt tråkigt att vänta i telefonkö",
        "jag är helt slut efter jobbet, kan jag bli sjukskriven?",
        "hoping it finishes soon, the cough keeps me awake",
    ],
)
def test_intensifiers_and_tiredness_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


def test_an_invisible_character_inside_a_word_is_no_word_break() -> None:
    # "d\u200böd" is "död" (dead), not "d" and "öd" read as "od" (an overdose).
    assert crisis_words("du är d\u200böd när jag hittar dig") is None
    assert crisis_words("jag vill d\u200bö") is not None


@pytest.mark.parametrize(
    "text",
    [
        "jag vill inte l e v a längre",  # spelled out
        "s u i c i d e is all i think about",
        "mietin i t s e m u r h a a joka päivä",
        "gonna k1ll mys3lf tonight",  # digits for letters
        "vill ta l1vet av m1g",
        "hur många sobril behövs för att inte vakna",
        "how many sleeping pills to not wake up",
        "montako unilääkettä ettei enää herää",
        "rispar mig med rakblad varje kväll för att känna något",
        "cutting my legs with a blade to feel something",
        "självmord känns som den enda utvägen",
        "itsemurha tuntuu ainoalta ratkaisulta",
    ],
)
def test_crisis_words_spelled_out_or_disguised_still_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "i a m not sure which form to fill in",
        "vitamin b12 och d3, 4 st om dagen, är det ok?",
        "kondomen sprack i natt, kan jag ta dagen-efter-piller?",
        "cut my finger with a knife while cooking, deep but stopped bleeding",
        "v28, can I take 2 alvedon for a headache?",
    ],
)
def test_letters_numbers_and_contraception_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


PLAIN_CRISIS = {
    "en": [
        "I don't see the point in living anymore",
        "life isn't worth living",
        "I wish I didn't exist",
        "I feel like ending it",
        "I want to be with my late wife, I'm ready to go",
        "I can't see any future for me, I want out",
        "I'm planning to end things this weekend",
        "There's no way out for me except dying",
        "I'd be better off dead",
        "I just want the pain to stop forever",
        "I'm scared I'll do something to myself tonight",
        "I don't trust myself to stay safe tonight",
        "I don't trust myself with the pills near me",
        "I bought a gun to end it",
        "I give up on life",
        "I can't go on living like this",
        "I want my life to be over",
        "everything would be easier if I just died",
        "I haven't eaten for days and I'm hoping I just won't wake up",
        "everyone would be happier if I died",
        "my life is meaningless and I want to end it",
    ],
    "sv": [
        "jag ser ingen mening med att leva längre",
        "livet är inte värt att leva",
        "jag önskar att jag aldrig fanns",
        "det vore bättre att vara död",
        "jag orkar inte leva så här",
        "jag vill att mitt liv ska ta slut",
        "jag är rädd att jag gör något dumt mot mig själv ikväll",
        "jag ger upp livet",
        "jag vill vara med min avlidna fru nu",
        "jag ser ingen framtid, vill bort från allt",
        "vill somna och aldrig vakna",
        "det är ingen idé att leva längre",
        "alla vore gladare om jag dog",
        "mitt liv är meningslöst och jag vill avsluta det",
    ],
    "fi": [
        "en näe mitään järkeä elää",
        "elämä ei ole elämisen arvoista",
        "toivon etten olisi syntynyt",
        "olisi parempi olla kuollut",
        "haluan elämäni loppuvan",
        "pelkään että teen itselleni jotain tänä yönä",
        "en luota itseeni tänä yönä",
        "haluan päästä vaimoni luo",
        "en näe tulevaisuutta, haluan pois kaikesta",
        "haluan nukahtaa enkä herätä",
        "poikani sanoo haluavansa kuolla",
        "elämässä ei ole mitään järkeä",
        "kaikki olisivat onnellisempia jos kuolisin",
    ],
}


@pytest.mark.parametrize(
    ("text", "language"),
    [(text, lang) for lang, texts in PLAIN_CRISIS.items() for text in texts],
)
def test_plain_crisis_statements_bring_crisis_help(text: str, language: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm planning to end things with my boyfriend this weekend",
        "I just want the pain in my back to stop",
        "the car is not safe right now to drive",
        "no way out of this debt, what a nightmare, can I get a sick note?",
        "my late wife's sister will come with me to the appointment",
        "i can't see any future appointments in the app",
        "jag ger upp försöket att sluta röka, kan jag få hjälp?",
        "fan, datorn hängde sig igen, kan ni ringa mig istället?",
        "mobilen hänger sig hela tiden, jag når inte appen",
        "en näe mitään järkeä jonottaa, voitteko soittaa?",
        "det är ingen idé att vänta, kan ni ringa?",
        "my job feels pointless, can I get a sick note?",
        "otan kaikki lääkkeet päivittäin aamulla",
    ],
)
def test_the_same_words_about_other_things_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "the rope is hanging in the wardrobe now",
        "slutat äta, hoppas jag tynar bort",
        "stopped eating, I want to waste away",
        "I just wanted to say goodbye to you all",
        "rakbladet ligger bredvid mig",
        "the rope is right here next to me",
        "förtjänar att lida, slår huvudet i väggen tills det blöder",
        "i deserve this pain, banging my head on the wall",
        "om ni inte hjälper mig finns jag inte kvar imorgon",
        "jos ette soita, niin huomenna minua ei ole",
        "ser ingen framtid och har planerat hur jag ska göra det",
        "thinking of jumping off the bridge tonight",
        "I keep hurting myself when it gets too much",
        "going to crash my car on the way home",
    ],
)
def test_self_harm_by_method_place_and_goodbye_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "the rope for the boat is in the wardrobe",
        "I stopped eating gluten, is that ok?",
        "I wanted to say goodbye before moving to Umeå, thanks for everything",
        "can you see nån tid imorgon? min son har feber",
        "jag har ingen tid imorgon, kan vi ta det på fredag?",
        "crashed my car yesterday, my neck is stiff",
        "i will drive into town tomorrow, can i drop by for a blood pressure check",
    ],
)
def test_the_same_places_and_goodbyes_in_errands_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# Families from the fresh set first_messages_dev9 (session 7), each said another way than there.
@pytest.mark.parametrize(
    "text",
    [
        # A routine word no longer hides explicit crisis words (it only holds down pill counts).
        "ajattelen itsemurhaa päivittäin",
        "jag tänker ta livet av mig, som vanligt bryr sig ingen",
        "I think about killing myself every day, as usual nobody cares",
        # A week's or month's supply in one go, whatever the routine.
        "tog hela veckans tabletter på en gång som vanligt fel",
        "I swallowed a month's supply of my meds in one go",
        "otin koko kuukauden lääkkeet kerralla",
        # Tired of existing.
        "är så trött på att existera",
        "orkar inte finnas mer",
        "oon tosi kyllästyny olemaan olemassa",
        # Wanting to disappear with nobody noticing.
        "önskar att jag kunde försvinna, ingen skulle märka",
        "wish i could vanish and no one would notice",
        "voisinpa kadota eikä kukaan huomaisi",
        # Not wanting to wake up.
        "I don't want to wake up anymore",
        "vill inte vakna i morgon",
        "en halua enää herätä",
        # A method thought about all the time, or how easy it would be.
        "min mans jaktgevär är i garderoben och jag tänker på det varje dag",
        "can't stop thinking about the shotgun in the shed, every day",
        "mietin koko ajan isän haulikkoa",
        "stand on the balcony every night thinking how easy it would be",
        "tittar på tågrälsen och tänker hur lätt det vore",
        "katson siltaa ja mietin kuinka helppoa se olisi",
        # Standing by the tracks or on a bridge, no strength left.
        "har stått vid spåret flera gånger, int orkar mer",
        "stood on the bridge again last night, I can't do this anymore",
        # Pills laid out, nobody answering.
        "ringde i morse men ingen svarade. tabletterna ligger framme nu",
        "nobody replied yesterday. the pills are lined up on the table",
        "kukaan ei vastaa. pillerit on pöydällä valmiina",
        # Slang and ultimatums.
        "gonna ctb this weekend",
        "if no one calls me back today I'm ending it",
        "om ingen hjälper mig idag gör jag något dumt",
        "taidan tehdä jotain tyhmää, en jaksa enää",
        # A burden, and a message to family.
        "jag är bara en börda, säg till mamma att jag är ledsen",
        "olen taakka kaikille, sanokaa äidille että olen pahoillani",
        # A dose taken again by mistake, and drowsy.
        "accidentally took a double dose of my oxycodone and I can't stay awake",
        "tog mina sömntabletter två gånger av misstag, kan inte hålla mig vaken",
        "otin vahingossa oksikodonit kahteen kertaan enkä pysy hereillä",
        # Non-native English, a count of tablets.
        "my mother she drink 25 pcs of her sleeping tablets",
        # The farewell and the idiom's words, meant.
        "huomenna minua ei ole enää",
        "I want to die of this pain, I just want to die",
    ],
)
def test_crisis_families_of_the_ninth_set_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "otin aamulla kaikki lääkkeet normaalisti, voinko ottaa myös buranan",
        "took all my meds this morning as usual, can I take ibuprofen too",
        "took a months supply of antibiotics last year, can I take them again",
        "my best friend was suicidal back in uni, she is fine now; how do I support her?",
        "paras ystävä oli itsetuhoinen opiskeluaikoina, nyt hyvin menee",
        "tapoin itteni salilla eilen, lihakset jumissa",
        "killed myself at the gym yesterday, everything hurts",
        "thinking about the roof all the time, it leaks, who do I call",
        "the pills are on the table, which one do I take in the evening?",
        "om ingen svarar ringer jag igen imorgon",
        "did something stupid at the gym, my knee is swollen",
        "I take my pills twice a day, is that right?",
        "vaknar två gånger per natt och kan inte somna om",
        # Away from home is no farewell; dying of shame or laughter is an idiom.
        "huomenna minua ei ole kotona, voiko ajan siirtää",
        "I won't be here tomorrow, I'm travelling, can we move the call?",
        "jag ville dö av skam när jag ramlade på bussen",
        "I wanted to die of embarrassment lol",
        "halusin kuolla häpeästä",
    ],
)
def test_the_ninth_sets_near_misses_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# Families from the fresh set first_messages_dev10 (session 7: crisis told by people of every age
# and situation), each said another way than there.
@pytest.mark.parametrize(
    "text",
    [
        # Answers to the suicide question: a plan, working out how, a date.
        "yes, I've got a plan",
        "ja. jag har en plan",
        "joo, minulla on suunnitelma",
        "every night I lie awake working out how I'd do it",
        "tänker varje natt på hur jag skulle göra det",
        "mietin joka ilta miten sen tekisin",
        "yes, and I've set the date",
        "ja, datumet är bestämt",
        # A gun visited, loaded or laid out.
        "the rifle is in the garage and I keep going out to look at it",
        "har laddat bössan och lagt den på bordet",
        "latasin haulikon ja laitoin sen pöydälle",
        # How many would be enough; on my own terms.
        "would 30 of my oxycodone be enough?",
        "skulle 40 imovane räcka?",
        "I'd rather go on my own terms, how many morphine tablets?",
        # Life insurance if gone.
        "the kids get the life insurance if I die, I've read the terms",
        "barnen får livförsäkringen om jag dör",
        "perhe saisi henkivakuutuksen jos minua ei olisi",
        # Voices, a blade to the wrist.
        "the voices keep telling me to hurt myself",
        "rösterna säger att jag ska skada mig själv",
        "äänet käskee satuttaa itseäni",
        "he was holding a razor to his wrist last night",
        "hon satt med en kniv mot handleden",
        # Hitting oneself until it bleeds.
        "I punch myself until I bleed when it gets too much",
        "dunkar huvudet i väggen tills det blöder",
        # No food or water, wanting it over.
        "haven't eaten or drunk for three days and I want it to end",
        "har inte ätit eller druckit på tre dagar, vill att allt ska ta slut",
        # Drove somewhere to do it; a dead spouse calling.
        "came out here to the lake to do it",
        "åkte hit till bron för att göra det",
        "ajoin tänne metsään tekemään sen",
        "my late wife keeps asking me to come and join her, I'm going to the river",
        # Stopping insulin after a loss.
        "mum says she's stopping her insulin since dad died",
        "pappa har slutat med insulinet sen mamma dog",
        # Locked in with a blade or pills.
        "my son locked himself in his room with a knife and won't answer",
        "min dotter har låst in sig med alla tabletterna",
        # Letters left; sorry for everything and silence.
        "wrote a letter to my kids and left the dog with my sister",
        "skrivit brev till mamma och lämnat katten hos grannen",
        "my sister texted 'sorry for everything' and won't answer her phone",
        # Decided not to live (formal and dialect).
        "I do not wish to go on living",
        "har bestämt mig för att int leva längre",
        "olen päättänyt, etten halua enää elää",
        # Attempts, taking two lives, keeping pills back, a floor, a nurse's access.
        "yritin hirttäytyä eilen",
        "next time I'll do it properly",
        "I've thought about taking us both, I can't do it anymore",
        "I've been keeping back my sertraline instead of taking it",
        "if I jump from the 8th floor do you die straight away?",
        "thinking about which pills I'd use, please don't report me",
        "drank screenwash on purpose an hour ago",
        # A break-up and a decision; would anyone notice, everything ready.
        "he dumped me yesterday. I've made up my mind.",
        "would anyone care if I was gone? I've got what I need",
        "skulle nån bry sig om jag försvann? jag har köpt det jag behöver",
        # A weekend set.
        "Jag ska göra slut på det i helgen",
    ],
)
def test_crisis_families_of_the_tenth_set_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "we watched a film where a girl kills herself, how do I talk to my son about it?",
        "katsottiin sarjaa jossa poika tappaa itsensä, miten puhua lapselle",
        "the leaflet for my acne pills says they may cause suicidal thoughts, I feel fine",
        "bipacksedeln säger att medicinen kan ge självmordstankar, mår bra",
        "the first aid course covers recognising an overdose, do you run it?",
        "we joke about jumping off the bridge if our team loses lol",
        "vi skämtar om att hoppa från bron om Luleå förlorar",
        "ont i benen efter loppet, man vill ju dö haha",
        "ystävä oli itsetuhoinen vuos sitten, nyt hyvin",
        "sydäntä särkee ku poikaystävä jätti, mut kirjotan korvatulehduksesta",
        "she left me, I've decided to move out",
        "I have a plan for my diet, can the nurse look at it?",
        "ja, fredag passar bra",
        "would 2 paracetamol be enough for a fever?",
        "the hunting rifle is in the safe, can I get a medical for the licence?",
        "my dad stopped his insulin on the doctor's advice, now on tablets",
        "I punched the wall yesterday and my hand is swollen",
        "we're going to the lake this weekend, any advice on tick bites?",
        "can I take ibuprofen with my life insurance medical on Friday?",
    ],
)
def test_the_tenth_sets_near_misses_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# A third battery of plain crisis statements (session 7), written for the tests: the first run
# missed 38 of 126 in English and 19 of 83 in Swedish and Finnish. Left out on purpose, as they
# read the same in ordinary talk: "I can't go on", "it's time for me to go", "goodbye everyone",
# "I feel like dying", "I've hurt myself", "I hit myself".
PLAIN_BATTERY = {
    "en": [
        "I've decided to end it tonight",
        "i'm going to end it",
        "I want to end my life",
        "i keep thinking about ending my life",
        "I can't live like this anymore",
        "I don't want to be alive anymore",
        "i dont want to be here anymore",
        "i don't want to be here any more",
        "I'm thinking of killing myself",
        "I've been having suicidal thoughts",
        "i feel suicidal",
        "i'm suicidal",
        "I took an overdose",
        "I've taken too many pills",
        "i took too many tablets",
        "i swallowed a bottle of pills",
        "i just took 30 paracetamol",
        "took a handful of my antidepressants",
        "I have cut my wrists",
        "i've been self harming again",
        "I've been cutting again",
        "I want to hurt myself",
        "I feel like hurting myself",
        "i have thoughts of harming myself",
        "I'm going to jump off a bridge",
        "I'm planning to hang myself",
        "i bought a rope",
        "I have a rope ready",
        "I've written a suicide note",
        "i have written goodbye letters",
        "Everyone would be better off without me",
        "I'm a burden to everyone",
        "I wish I was dead",
        "i wish i were dead",
        "i want to die",
        "i wanna die",
        "I just want to die",
        "I want to go to sleep and never wake up",
        "I don't see the point in living",
        "there is no point in living anymore",
        "life isn't worth living",
        "I can't go on anymore",
        "I can't cope anymore and I want to end it all",
        "I have nothing to live for",
        "i have no reason to live",
        "there's no reason for me to live",
        "no one would miss me if I was gone",
        "I'm ready to die",
        "I'm done with life",
        "i'm done living",
        "i'm tired of living",
        "I want everything to stop",
        "I want it all to stop",
        "I think about death all the time",
        "I think about dying every day",
        "I've been thinking about suicide",
        "I have a plan to kill myself",
        "I know how I'm going to do it",
        "i have the pills ready",
        "I have been saving up my pills",
        "I've been stockpiling my medication",
        "i want to overdose",
        "i'm going to overdose tonight",
        "I'm thinking of taking all my pills",
        "I'm about to take all my tablets",
        "I'm sitting here with a bottle of pills",
        "I'm on the bridge now",
        "I'm standing on the roof",
        "I tried to kill myself last night",
        "I attempted suicide yesterday",
        "i tried to hang myself",
        "I want to disappear forever",
        "I'm not going to be around much longer",
        "this is my last message",
        "Please tell my family I love them",
        "I can't take the pain anymore, I want to die",
        "my pain is so bad I'd rather be dead",
        "i would rather die than go on like this",
        "I feel like killing myself",
        "I feel like ending it all",
        "I've had enough of life",
        "I've had enough, I'm ending it",
        "i want to kill my self",
        "i want to k1ll myself",
        "i want to commit suicide",
        "I'm going to commit suicide",
        "thinking of suicide",
        "I think I'm going to do something to myself",
        "I'm scared I'll do something to myself",
        "i'm scared i'm going to hurt myself",
        "I'm afraid I'll kill myself",
        "I don't trust myself to stay safe tonight",
        "I don't feel safe with myself",
        "i can't keep myself safe",
        "i don't think i can stay safe",
        "I need help I'm going to hurt myself",
        "i burnt myself with a lighter on purpose",
        "I starve myself",
        "I've stopped eating so I can die",
        "i drank bleach",
        "I drank a bottle of vodka with my sleeping pills",
        "i mixed my pills with alcohol to die",
        "i've taken my whole prescription",
        "i took my entire prescription",
        "i took a whole strip of codeine",
        "I have taken 16 co-codamol",
        "took 24 ibuprofen an hour ago",
        "I've just taken an overdose of my insulin",
        "I injected all my insulin",
    ],
    "sv": [
        "jag har bestämt mig för att ta mitt liv ikväll",
        "jag tänker göra slut på det",
        "jag vill inte leva längre",
        "jag orkar inte leva så här längre",
        "jag vill inte finnas mer",
        "jag har självmordstankar",
        "jag tänker på att ta livet av mig",
        "jag har tagit en överdos",
        "jag har tagit för många tabletter",
        "jag tog för många sömntabletter",
        "jag har skurit mig i handlederna",
        "jag skadar mig själv igen",
        "jag vill skada mig själv",
        "jag har tankar på att skada mig själv",
        "jag tänker hoppa från bron",
        "jag har köpt ett rep",
        "jag har skrivit ett avskedsbrev",
        "alla skulle ha det bättre utan mig",
        "jag är en börda för alla",
        "jag önskar att jag var död",
        "jag vill dö",
        "jag vill bara somna och aldrig vakna",
        "jag ser ingen mening med att leva",
        "livet är inte värt att leva",
        "jag har inget att leva för",
        "ingen skulle sakna mig om jag försvann",
        "jag är redo att dö",
        "jag är trött på livet",
        "jag tänker på döden hela tiden",
        "jag har en plan för hur jag ska ta livet av mig",
        "jag har sparat tabletter",
        "jag har samlat på mig tabletter",
        "jag tänker ta alla mina tabletter",
        "jag sitter här med en burk tabletter",
        "jag försökte ta livet av mig igår",
        "jag kan inte hålla mig säker ikväll",
        "jag litar inte på mig själv ikväll",
        "jag har drukit klorin",
        "jag har tagit hela min medicin",
        "jag svalde en hel karta alvedon",
        "jag tog 20 sobril",
        "jag känner för att skada mig",
        "jag skulle hellre dö än att leva så här",
        "jag har fått nog av livet",
    ],
    "fi": [
        "päätin tappaa itseni tänä iltana",
        "aion lopettaa kaiken",
        "en halua elää enää",
        "en jaksa elää näin",
        "haluan kuolla",
        "mulla on itsemurha-ajatuksia",
        "otin yliannostuksen",
        "otin liikaa lääkkeitä",
        "otin liikaa unilääkkeitä",
        "viilsin ranteet",
        "satutan itseäni taas",
        "haluan satuttaa itseäni",
        "hyppään sillalta",
        "ostin köyden",
        "kirjoitin jäähyväiskirjeen",
        "kaikilla olis parempi ilman mua",
        "olen taakka kaikille",
        "toivon että olisin kuollut",
        "haluun vaan nukahtaa enkä herätä",
        "elämässä ei oo mitään järkeä",
        "mulla ei oo mitään minkä takia elää",
        "kukaan ei kaipais mua",
        "oon valmis kuolemaan",
        "oon väsyny elämään",
        "ajattelen kuolemaa koko ajan",
        "mulla on suunnitelma miten tapan itteni",
        "oon säästäny lääkkeitä",
        "aion ottaa kaikki mun lääkkeet",
        "istun tässä pilleripurkin kanssa",
        "yritin tappaa itteni eilen",
        "en pysty pitämään itteäni turvassa tänä yönä",
        "en luota itseeni tänä yönä",
        "join valkaisuainetta",
        "otin kaikki mun lääkkeet",
        "nielin koko levyn panadolia",
        "otin 20 oksikodonia",
        "mieluummin kuolisin kuin eläisin näin",
        "oon saanu tarpeekseni elämästä",
    ],
}


@pytest.mark.parametrize("text", [text for texts in PLAIN_BATTERY.values() for text in texts])
def test_a_third_battery_of_plain_crisis_statements_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm ending things with my boyfriend, can I get the morning-after pill?",
        "cut my wrist on broken glass, bleeding a lot",
        "I have my pills ready for the trip",
        "I keep my meds in the fridge, keeping my insulin cold",
        "hellre dö än gå till tandläkaren haha",
        "I would rather die than eat broccoli lol",
        "mieluummin kuolisin kuin menisin hammaslääkäriin",
        "jag har fått ut mycket av livet",
        "I won't be here tomorrow, I'm on holiday",
    ],
)
def test_the_third_batterys_look_alikes_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# A fourth battery (session 7): text-speak, slang, "should be dead", hopes and prayers, a parent or
# brother reported; the first run missed 40 of 95. Left out as ordinary talk reads the same: "my
# life is over", "I'm saying goodbye", "soon it won't matter"; deep cuts that won't stop bleeding
# are a bleeding red flag. Session 8 added "I od'd" (no longer read as "I odd") and being in crisis
# or a danger to oneself (not a crisis with the landlord).
FOURTH_BATTERY = [
    "i wnt 2 die",
    "i want 2 die",
    "im gna kill myself",
    "im gonna kms tonight",
    "i dont wanna b here anymore",
    "dont wanna be alive",
    "i cnt do this anymore i want to die",
    "i wanna end it all",
    "wanna end my life",
    "i want to end my lfe",
    "i want to kil myself",
    "i want to kill mysef",
    "thinking bout killing myself",
    "thinkin of ending it",
    "ive been thinkin about suicide",
    "i took a bunch of pills",
    "took loads of pills",
    "i took a load of tablets an hour ago",
    "i took all my sertraline",
    "swallowed all my mums pills",
    "i took like 15 sleeping pills",
    "i oded on my meds",
    "i might overdose",
    "im going to take an overdose",
    "gonna take all my pills tonight",
    "i cut myself really deep",
    "i've been cutting my arms",
    "i self harm",
    "i sh'd again",
    "relapsed on sh",
    "i relapsed and cut",
    "i want to jump in front of a train",
    "i'm going to walk into the sea",
    "going to drive my car off a cliff",
    "gonna hang myself",
    "i've tied a noose",
    "i have a noose",
    "i've got a belt around my neck",
    "i'm going to slit my wrists",
    "i want to stab myself",
    "i have a knife and i want to use it on myself",
    "nobody would care if i died",
    "everyone hates me and i should just die",
    "i dont deserve to live",
    "i shouldn't be alive",
    "i should be dead",
    "i should just die",
    "the world would be better without me",
    "my family would be better off if i was dead",
    "i just want it all to end",
    "i want this life to be over",
    "i'm ending my life tonight",
    "tonight's the night i end it",
    "this is goodbye",
    "i wrote my will and a note",
    "i've given all my stuff away",
    "i'm planning my death",
    "i want to be dead",
    "i want to not exist",
    "i wish i could die in my sleep",
    "i hope i don't wake up",
    "i hope i die",
    "i pray to die every night",
    "please let me die",
    "i can't stop thinking about killing myself",
    "suicidal ideation is back",
    "my suicidal thoughts are getting worse",
    "i'm having thoughts of suicide again",
    "passive suicidal thoughts",
    "i've been feeling suicidal lately",
    "im feeling suicidal rn",
    "i'm in a really dark place and thinking of ending things",
    "i'm not going to make it through tonight",
    "i won't make it to tomorrow",
    "it'll all be over soon",
    "i won't be a problem much longer",
    "you won't have to worry about me anymore",
    "my son wants to kill himself",
    "my daughter said she wants to die",
    "my husband is threatening to kill himself",
    "my friend took an overdose",
    "my mum is talking about ending her life",
    "my brother has a gun and says he'll use it on himself",
    "jag borde vara död",
    "jag förtjänar inte att leva",
    "jag förtjänar att dö",
    "mun pitäis kuolla",
    "en ansaitse elää",
    "ansaitsen kuolla",
    "I od'd",
    "i OD’d on my meds last night",
    "im in crisis",
    "I'm having a mental health crisis",
    "i am a danger to myself",
    "jag är i kris",
    "jag är en fara för mig själv",
    "olen kriisissä",
    "oon vaaraksi itelleni",
]


@pytest.mark.parametrize("text", FOURTH_BATTERY)
def test_a_fourth_battery_in_text_speak_and_slang_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "I feel odd today",
        "is it odd that I have a rash?",
        "I am in a crisis with my landlord",
        "jag är i kris med min sambo",
        "the economy is in crisis, can I still get my prescription?",
        "something odd happened to my toenail",
        "this is goodbye from me, moving to Umeå, thanks for everything",
        "I used the cream on myself",
        "jag har en kniv i väskan, kan ni ta emot mig?",
        "I hope I don't die from this",
        "don't let me die, I can't breathe",
        "you should die",
    ],
)
def test_the_fourth_batterys_look_alikes_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        # A number of ten or more is a count of pills only right beside the medicine: a fever,
        # an age or a weight near "took" is none (these all brought crisis help before).
        "39 graders feber, har tagit alvedon",
        "feber 39,5 sen igår, tog en alvedon",
        "fever of 39 and I took ibuprofen",
        "kuumetta 39, otin panadolia",
        "my son is 12 and took his ibuprofen",
        "I weigh 80 kg and took 2 paracetamol",
        "ollut kuumetta 38,9 ja oon ottanut panadolia",
        # Supplies, fasting, asking about the evening dose.
        "Jag fick 14 tabletter Kåvepenin men läkaren sa 10 dagar, räcker det?",
        "olen ortodoksi ja paastoan, voiko lääkkeen ottaa tyhjään mahaan",
        "Oon muslimi ja paastoan ramadanin aikana, voinko ottaa lääkkeet illalla?",
        # Said to someone else: the tone rules' threat, no crisis.
        "Kukaan ei kaipaa sua ku sä oot poissa.",
        "ingen skulle sakna dig",
        # A cat run over, "all the time", a saw at work, a head teacher's question.
        "kissa jäi auton alle",
        "kaaduin portaissa ja syön verenohennuslääkettä, pahenee koko ajan",
        "sahasin puuta ja terä osui ranteeseen",
    ],
)
def test_numbers_supplies_and_second_person_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "tog 30 alvedon",
        "took 20 sleeping pills tonight",
        "otin 20 oksikodonia",
        "took 30 of my oxycodone",
        "tog 30 av mina sobril",
        # A letter held down, a sentence spelled out.
        "ja vill bara döööö",
        "i just want to diiiiie",
        "haluun kuollaaaa",
        "j a g v i l l d ö",
        "k i l l m y s e l f",
        # Said in anger, inverted, or about walking onto the ice.
        "Om ni inte ger mig en tid i dag tar jag livet av mig",
        "Mä kävelen jäälle tänä iltana enkä tuu takas.",
        "Mä lopetan tän tänään, ei ketään kiinnosta kuitenkaan.",
        "Ei tarvii varata mulle aikaa, en oo enää täällä perjantaina.",
        "Mikä on tappava annos ketiapiinia? Ihan omaan käyttöön.",
        "Jag svälter mig själv för att straffa mig",
        "I've got a stash of my mum's tramadol and tonight's the night",
        "kukaan ei kaipais mua",
    ],
)
def test_counts_held_letters_and_anger_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        # Wishes of harm on the reader are the tone rules' threat, not the writer's method.
        ("toivottavasti jäät auton alle", False),
        # A time alone is no decision: "I'll take my tablets tonight" is the evening dose.
        ("ill take the tablets tonight", False),
        ("I've decided to take the tablets tonight", True),
        ("jag tar alla tabletterna ikväll", True),
        # A cut into the hand: self-harm, unless gutting fish or cooking.
        ("viilsin käteen taas", True),
        ("viilsin käteen", True),
        ("Viilsin käteen puukolla kalaa perkatessa, vuotaa paljon", False),
        ("raavin käsiä koko ajan kun kutisee", False),
    ],
)
def test_wishes_evening_doses_and_cuts_at_work(text: str, crisis: bool) -> None:
    assert (crisis_words(text) is not None) is crisis, text


# Session 8, the crisis lines of dev11 (an evaluator's plain statements with systematic variants):
# families, tried here in other wordings. Counts written in words, a life that is over, two ways
# of saying one cannot go on, not safe from oneself, a doubled letter, a child who wants to die.
@pytest.mark.parametrize(
    "text",
    [
        "took twenty of my sleeping pills an hour ago",
        "tog femton alvedon i kväll",
        "nielin kaksikymmentä buranaa",
        "my life is done",
        "livet är slut för mig",
        "elämäni on loppu",
        "orkar inte längre, klarar inte av att fortsätta",
        "en kestä enää, en voi jatkaa",
        "I'm not safe around myself tonight",
        "en oo turvassa itteltäni",
        "jag vill döö snart",
        "mun poika haluu kuolla",
        "olen kriisissä enkä tiedä mitä teen",
        "I can't go on.",
        "i cant go on with my life",
    ],
)
def test_counts_in_words_a_life_over_and_not_going_on_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        # Dying at home is palliative care.
        "mamma vill dö hemma, kan hemsjukvården hjälpa?",
        "my grandad wants to die in peace at home, who do we talk to",
        "isä haluaa kuolla kotona, miten saamme saattohoitoa",
        # A part of life that is over.
        "my social life is over since I got tinnitus",
        "mitt sexliv är slut efter operationen",
        # Going on with something.
        "I can't go on holiday next week, need a sick note",
        "I can't go on the school trip with my knee like this",
        "I can't go on like this with the pain, I need stronger painkillers",
        "kan inte fortsätta ta medicinen, får utslag",
        "orkar inte mer med hostan, kan inte fortsätta jobba så här",
        "en jaksa enää, en voi jatkaa töitä tällä selällä",
        # Asking about an overdose for school.
        "what counts as an overdose of vitamin D? it's for a school project",
        "mikä on buranan yliannos? teen esitelmää",
    ],
)
def test_palliative_wishes_a_part_of_life_and_school_questions_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# Session 8, the self-harm lines of the blind tone-rule sets dev6 and dev7 (said to staff, often
# in anger): families tried in other wordings. A condition's own "not" ("om ni inte hjälper mig
# tar jag livet av mig") denies nothing; the whole bottle swallowed; ending it and never being
# heard from again; a referral one won't need, at peace; driving off a bridge.
@pytest.mark.parametrize(
    "text",
    [
        "om ni inte ringer tillbaka tar jag livet av mig",
        "if you dont call me back ill kill myself tonight",
        "jos ette soita takaisin niin tapan itseni",
        "fine, I'll just down the entire box then",
        "sväljer hela burken ikväll om ingen svarar",
        "nielen koko purkin jos kukaan ei vastaa",
        "ill end it tonight. you wont hear from me again",
        "lopetan kaiken. ette kuule minusta enää",
        "you can cancel my appointment, I won't need it anymore. I'm at peace with my decision",
        "I'll drive off the bridge on the way home",
        "ajan sillalta alas huomenna",
    ],
)
def test_self_harm_said_to_staff_in_anger_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        # A complaint that says it is not the clinic's fault.
        "vaikka tää ei oo teidän vika, apteekista loppui mun lääke, voitteko vaihtaa",
        "det är inte ert fel men apoteket har inte min medicin, kan ni skriva om receptet?",
        # Voices on the phone, a whole pack as prescribed, a referral not needed.
        "your voice on the phone was so calm, what do you do to stay so calm?",
        "should I swallow the whole strip of antibiotics at once or one a day?",
        "you can cancel my physio, I won't need it anymore, the knee is fine",
        "I drove off from the car park and felt dizzy all the way home",
        "ajoin sillan yli ja huimasi",
        "om ni inte har tid idag kan jag komma imorgon",
    ],
)
def test_complaints_and_errands_said_the_same_way_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# Session 8, the crisis lines of the blind set dev12 (dyslexic and phonetic spelling, people
# writing in a second language): families tried in other wordings. Words left out ("dont want
# live", "ta liv mig", "want finish my life"), "kuola" for "kuolla", a goodbye before one goes,
# giving things away with a letter, sitting with a knife now, the only way out, never born.
@pytest.mark.parametrize(
    "text",
    [
        "my brother he dont want live anymore",
        "i do not want live",
        "he dont want be here no more",
        "i want finish my life today",
        "jag vill ta liv mig",
        "min pappa säger han vill döda sig",
        "mä haluun kuola",
        "olis parempi et en ois syntynyt",
        "it would be better if i was never born",
        "want to say bye to my sister before i go",
        "jag ville säga hejdå innan jag försvinner",
        "my son give away his games and write a letter to us",
        "sitter med rakbladet nu",
        "standing with a rope in the garage",
        "självmord är enda utväg",
        "i wanna dye",
        "jag vill försvinna och aldrig komma tillbaka",
        "going to drive my car in to the lake tonight",
    ],
)
def test_second_language_and_phonetic_crisis_statements_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "I want to dye my hair but I react to hair dye, what can I use?",
        "den här huvudvärken tar livet av mig",
        "jobbet tar livet av mig, kan jag få sjukintyg?",
        "I came to say goodbye to my dad in hospice, can I get a note for work?",
        "sitter med kniv och gaffel och kan inte svälja maten",
        "standing with a knife in the kitchen I cut my thumb, it's bleeding a bit",
        "we want to give away our old crutches, does the clinic take them?",
        "drove into the lake car park and slipped on the ice",
        "ajoin järven rantaan ja liukastuin",
    ],
)
def test_their_everyday_look_alikes_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


# Despair said with nothing it is about (session 8, dev11 and dev12 wrote it bare): the whole
# message is "I can't anymore" but for the writer, now, a greeting or a plea. Said about a
# cough or the pain, or with a day, it is about that.
@pytest.mark.parametrize(
    "text", ["i cant anymore", "en kestä enää", "jag orkar inte mer", "hej, orkar inte mer, hjälp"]
)
def test_despair_said_alone_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "orkar inte mer med hostan",
        "i cant anymore with this cough",
        "en jaksa enää tätä yskää",
        "jag orkar inte mer idag, kan jag boka om?",
        "I can't take this pain anymore",
    ],
)
def test_despair_about_a_symptom_or_a_day_is_no_crisis(text: str) -> None:
    assert crisis_words(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "I have been cutting down on alcohol since new year, can I get my liver tested?",
        "been cutting back on coffee and now I get headaches",
        "the video call keeps cutting out, can you phone me instead",
        "ive been cutting firewood all weekend and my shoulder hurts",
        "I keep cutting my toenails too short and one is infected",
    ],
)
def test_cutting_down_out_or_wood_is_no_self_harm(text: str) -> None:
    assert crisis_words(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "I have been cutting again and it is deeper this time",
        "i keep cutting my arms and i cant stop",
        "been cutting in secret for weeks",
    ],
)
def test_cutting_oneself_still_brings_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


def test_kys_said_to_the_reader_is_abuse_and_said_of_oneself_a_crisis() -> None:
    assert crisis_words("kys you useless nurse") is None
    assert crisis_words("kys sköterskan") is None
    assert crisis_words("i wanna kys tonight") is not None
