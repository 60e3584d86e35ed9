"""Families said another way (dev6): every family of misses found on the sixth blind corpus
(moderation_dev6.tsv, written as an outside red-team would) is fixed by a structure rule
(bot/moderation/lexicon/structures.yaml, round 6), and each rule is tried here on wordings
written for this test, not taken from any corpus. Beside them, the near misses a patient
really writes (their own body, an examination they ask for, idioms, a kitchen knife, "I know
where the clinic is") must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # Sexual harassment without a vulgar word: alone with the reader.
    (
        "alone",
        "en",
        "are you on your own in there today? we could keep it just us two",
        "sexual_harassment",
    ),
    (
        "alone",
        "sv",
        "är du själv på jobbet ikväll? vi kan göra det lite mer privat",
        "sexual_harassment",
    ),
    (
        "alone",
        "fi",
        "ootko sä yksin vuorossa? soitetaan videopuhelu kahdestaan",
        "sexual_harassment",
    ),
    # Examined by the reader alone, behind a locked door.
    (
        "locked exam",
        "en",
        "next visit I want you personally to examine me, and lock the door",
        "sexual_harassment",
    ),
    (
        "locked exam",
        "sv",
        "bara du får undersöka mig, och lås dörren efter dig",
        "sexual_harassment",
    ),
    (
        "locked exam",
        "fi",
        "tutki mut sä itse ensi kerralla, oven lukkoon ja ei ketään muita",
        "sexual_harassment",
    ),
    # The reader in the writer's bed.
    ("in my bed", "en", "bet you'd look even nicer in my bed, nurse", "sexual_harassment"),
    (
        "in my bed",
        "sv",
        "du skulle se bättre ut i min säng än på mottagningen",
        "sexual_harassment",
    ),
    (
        "in my bed",
        "fi",
        "näyttäisit paljon paremmalta sänkyyni levittäytyneenä",
        "sexual_harassment",
    ),
    # A dream of a whole-body or lower-down examination.
    (
        "dream",
        "en",
        "I dreamt you gave me a whole body check and went lower down",
        "sexual_harassment",
    ),
    (
        "dream",
        "sv",
        "jag drömde om dig och en helkroppsmassage, längre ner än vanligt",
        "sexual_harassment",
    ),
    ("dream", "fi", "näin unta että hieroit koko vartalon ja jatkoit alemmas", "sexual_harassment"),
    # Aroused by the examination, asked to go lower.
    (
        "lower",
        "en",
        "that got me so turned on last time, go further down next time",
        "sexual_harassment",
    ),
    (
        "lower",
        "sv",
        "jag blev kåt när du lyssnade på lungorna, ta det längre ner nästa gång",
        "sexual_harassment",
    ),
    # Masturbating over the reader.
    ("masturbate", "en", "been wanking over your profile picture all week", "sexual_harassment"),
    ("masturbate", "sv", "jag runkar varje kväll och tänker på dig", "sexual_harassment"),
    ("masturbate", "fi", "runkkailin taas sua ajatellen", "sexual_harassment"),
    # A picture of the writer's genitals by a vulgar name.
    ("genitals", "en", "sending you a pic of my dick, rate it", "sexual_harassment"),
    ("genitals", "sv", "skickar en bild på min kuk, vad tycker du", "sexual_harassment"),
    ("genitals", "fi", "lähetän kuvan mun kullista, arvostele", "sexual_harassment"),
    # A clip in the bath or of the reader changing.
    ("clip", "en", "send me a clip of you in the shower after your shift", "sexual_harassment"),
    ("clip", "sv", "skickar dig en video när jag ligger i badkaret", "sexual_harassment"),
    ("clip", "fi", "lähetä sulle pätkä saunassa, katso rauhassa", "sexual_harassment"),
    # Under the uniform.
    ("underwear", "en", "bet it's something lacy under your uniform", "sexual_harassment"),
    ("underwear", "sv", "vad har du för trosor under arbetskläderna idag", "sexual_harassment"),
    ("underwear", "fi", "mitä sulla on työvaatteiden alla tänään", "sexual_harassment"),
    ("undress", "en", "take off that coat, I want to see what's underneath", "sexual_harassment"),
    ("undress", "sv", "ta av dig rocken så jag får se vad du har under", "sexual_harassment"),
    ("undress", "en", "you undress this time, I did last time", "sexual_harassment"),
    ("undress call", "en", "keep the camera on and lose your top, darling", "sexual_harassment"),
    # Going on after "no".
    (
        "after no",
        "en",
        "you said no but you smiled at me at the desk, I know you want it",
        "sexual_harassment",
    ),
    ("after no", "sv", "du sa stopp men du log mot mig i korridoren", "sexual_harassment"),
    ("after no", "fi", "sanoit ei, mutta iskit silmää mulle käytävällä", "sexual_harassment"),
    # A hotel room with the door left open.
    (
        "hotel",
        "en",
        "got us a room at the Premier Inn, door will be unlocked for you",
        "sexual_harassment",
    ),
    ("hotel", "sv", "hotellrummet är bokat, jag lämnar dörren olåst", "sexual_harassment"),
    ("hotel", "fi", "hotellihuone on varattu, jätän oven auki sulle", "sexual_harassment"),
    # Outright asks, naked at a home visit, an examination "any time" with a pet name.
    ("ask", "en", "come and sit on my face after work", "sexual_harassment"),
    ("ask", "sv", "prata snuskigt med mig i chatten", "sexual_harassment"),
    ("naked", "en", "for the home visit I'm naked, just come in", "sexual_harassment"),
    ("naked", "sv", "jag är naken när du kommer på hembesöket", "sexual_harassment"),
    ("any time", "en", "examine me whenever you want, sweetheart", "sexual_harassment"),
    ("any time", "sv", "du får undersöka mig när som helst, älskling", "sexual_harassment"),
    ("voice", "en", "your voice kept me awake again, if you catch my drift", "sexual_harassment"),
    ("voice", "sv", "din röst höll mig vaken hela natten", "sexual_harassment"),
    (
        "wanted more",
        "sv",
        "när du kände på magen märkte jag att du ville ha mer",
        "sexual_harassment",
    ),
    ("own number", "fi", "laita mulle oma numeros niin jutellaan", "sexual_harassment"),
    # Threats: a demand, or someone carried out.
    ("carried out", "en", "sort my prescription or someone goes home in a body bag", "threat"),
    ("carried out", "sv", "ge mig morfinet eller så åker någon härifrån i ambulans", "threat"),
    ("carried out", "fi", "anna lääkkeet tai joku lähtee täältä jalat edellä", "threat"),
    ("if not hurt", "en", "if I don't get my pills by friday somebody will get hurt", "threat"),
    ("if not hurt", "fi", "jos en saa reseptiä niin joku loukkaantuu", "threat"),
    ("long enough", "sv", "neka mig igen så lever du inte länge nog för att ångra det", "threat"),
    ("every one", "en", "I'm going to hurt each and every one of you", "threat"),
    ("smash place", "fi", "rikon koko vastaanoton jos ette auta", "threat"),
    # Arson said as an observation, a warning remembered.
    ("burns", "en", "old clinics like yours catch fire easily, just so you know", "threat"),
    ("burns", "sv", "vårdcentraler brinner så lätt nuförtiden", "threat"),
    (
        "warned",
        "en",
        "something is going to happen to that surgery, don't say I didn't warn you",
        "threat",
    ),
    ("warned", "sv", "något kommer att hända på vårdcentralen, jag har varnat er", "threat"),
    ("warned", "fi", "jotain tulee tapahtumaan siellä terveysasemalla, mä varotin", "threat"),
    # The reader's home, car, pets and family watched.
    ("home", "en", "noticed your curtains were open last night", "threat"),
    ("home", "sv", "såg din trädgård i morse, fina rosor", "threat"),
    ("home", "fi", "huomasin sun verhot auki eilen illalla", "threat"),
    ("car", "en", "it would be a shame if your brake lines were cut", "threat"),
    ("car", "sv", "synd om bromsarna släppte på motorvägen", "threat"),
    ("pet", "en", "lovely cat you have. shame if she got out and went missing", "threat"),
    ("pet", "sv", "söt hund. vore synd om den åt något den inte borde", "threat"),
    ("family", "fi", "sun pojan päiväkodissa on kiva piha", "threat"),
    ("family", "en", "your kids have such bright coats, easy to spot at pick up", "threat"),
    ("be there", "en", "saturday, 8am, outside your house. be there", "threat"),
    ("be there", "fi", "huomenna seitsemältä sun kotiovella, ole paikalla", "threat"),
    ("my way", "en", "tomorrow we'll settle this my way", "threat"),
    ("my way", "fi", "huomenna hoidetaan tää mun tavalla", "threat"),
    ("meet again", "en", "we'll meet again doctor, somewhere more private", "threat"),
    (
        "after work",
        "en",
        "whatever happens to you on the way home tonight is your own problem",
        "threat",
    ),
    ("after work", "sv", "vad som händer dig efter jobbet är inte mitt problem", "threat"),
    ("third party", "en", "that bloke who pushed in at reception is getting a kicking", "threat"),
    ("third party", "sv", "han som smet före i kön ska få stryk när han går härifrån", "threat"),
    ("waiting", "fi", "ootan sua takaovella kun sun vuoro loppuu", "threat"),
    ("eyes", "en", "you'll need eyes in the back of your head, doctor", "threat"),
    # Insults by staff kit, discrimination by country, group and trait.
    ("staff kit", "en", "pathetic clown in a white coat", "insult"),
    ("go back", "en", "go back to Romania, nobody wants you here", "discrimination"),
    ("go back", "sv", "åk tillbaka till Polen med din brytning", "discrimination"),
    ("group", "fi", "ei mitään ulkkarihoitajaa mulle", "discrimination"),
    ("not real", "en", "women can't be real doctors, send me a man", "discrimination"),
    ("trait", "en", "trans people are mentally ill, keep them away from me", "discrimination"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_dev6_families_said_another_way(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.category == category, (family, moderator.explain(text, lang))
    if category == "threat":
        assert moderator.check(text).action == "alert_staff"


# What patients really write beside these families: their own body and sexual health, an
# examination they ask for, idioms, knives and hunting as injuries, where the clinic is.
NEAR_MISSES = [
    # Own body, sexual health, an examination the patient asks for.
    ("en", "is it normal to masturbate every day? it hurts a bit afterwards"),
    ("en", "I masturbated and now there's some blood, should I be worried?"),
    ("sv", "jag har ont i penis efter att jag onanerade, är det farligt?"),
    ("fi", "mulla on kyhmy kivessä, voinko lähettää kuvan?"),
    ("en", "I attached a photo of the rash on my penis, is it herpes?"),
    ("en", "can the door be closed during my smear test? I get anxious"),
    ("sv", "kan studenten gå ut under undersökningen? och stäng gärna dörren"),
    ("fi", "voisko tutkimuksen aikana olla ovi kiinni, jännittää"),
    ("en", "I'd like a female doctor to examine me, one to one if possible"),
    ("en", "do I need to undress for the examination?"),
    ("sv", "ska jag klä av mig innan du kommer in?"),
    ("en", "should I take off the bandage and see what's underneath?"),
    ("fi", "riisunko siteen että näkee mitä sen alla on"),
    ("en", "I sent a video of my son in the bath, his rash is spreading"),
    ("sv", "här är en video på pappa i duschen, han kan inte stå"),
    ("en", "I sleep not wearing anything because of the night sweats, is that bad?"),
    ("sv", "jag drömde att du sa att jag hade cancer, jag är så rädd"),
    ("en", "I had a dream about my operation and woke up in my bed screaming"),
    ("fi", "näin unta että olin sängyssä sairaalassa"),
    ("en", "my husband can't get hard, is it the new pills?"),
    ("en", "my voice has been hoarse all night, is it my thyroid?"),
    ("en", "the pain kept me up all night, can you call me?"),
    ("sv", "jag mår bättre i min egen säng, kan jag åka hem idag?"),
    ("en", "I can't get out of my bed, could you do a home visit?"),
    ("en", "can you examine me any time this week? I'm free whenever you want"),
    ("en", "thanks honey, the exam was quick and painless"),
    ("fi", "kiitos kultaseni, olit tosi kärsivällinen"),
    ("sv", "tack gumman för att du lyssnade"),
    ("en", "what size are the compression stockings I need?"),
    ("sv", "vilken storlek på behån ska jag ha efter bröstoperationen?"),
    (
        "en",
        "you said no to antibiotics but I won't give up, I'll keep writing until someone listens",
    ),
    ("sv", "du sa nej till remissen, jag skriver igen nästa vecka"),
    ("en", "I'm staying at the Scandic hotel for my surgery, my wife booked a room for us"),
    ("sv", "är du ensam på mottagningen idag? jag behöver prata med en läkare om mina prover"),
    ("en", "anyone else in the room can hear, can I call privately about my results?"),
    # Threat shapes that are no threat.
    ("en", "if I don't get my inhaler, I'll get hurt at football again"),
    ("en", "my dad left the hospital on a stretcher yesterday, can I get his records?"),
    ("sv", "min pappa åkte härifrån i ambulans igår, hur mår han?"),
    ("en", "I know where the clinic is, I'll come by at ten"),
    ("sv", "jag vet var vårdcentralen ligger, kommer vid tio"),
    ("fi", "tiedän missä terveysasema on, tuun kymmeneltä"),
    ("en", "I cut my hand on a kitchen knife, do I need stitches?"),
    ("sv", "jag skar mig på jaktkniven i helgen, såret är rött"),
    ("fi", "viilsin sormeen keittiöveitsellä, pitääkö tulla näyttämään"),
    ("en", "I burned my hand on the stove, it went up in flames so fast"),
    ("en", "I saw your reply, thank you, and I noticed your note about fasting"),
    ("en", "it would be a shame if my car broke down on the way to the appointment"),
    ("en", "my dog ate something he shouldn't, it would be a shame to lose him"),
    ("sv", "det vore synd om hunden måste till ett hem medan jag är inlagd"),
    ("en", "I'll do the exercises my way, outside in the garden"),
    ("en", "what happens to you after surgery? how long until I can work"),
    ("sv", "vad händer med mig efter operationen?"),
    ("en", "I'll take care of him when he comes out of surgery"),
    ("sv", "jag ska ta hand om honom när han kommer ut från sjukhuset"),
    ("en", "my son gets a kicking at school every day, he won't eat"),
    ("en", "I need to go back to Poland for a funeral, can I get my prescription early?"),
    ("sv", "min mamma vill åka tillbaka till Polen, kan hon ta med medicinerna?"),
    ("fi", "pitääkö mun palata takaisin Viroon ennen leikkausta"),
    ("en", "my trans son is mentally ill and needs an appointment"),
    ("sv", "kvinnor kan få hjärtinfarkt utan bröstsmärta, stämmer det?"),
    ("en", "I remember I warned you about the side effects, they came back"),
    ("en", "every one of you has been so kind, thank you all"),
    ("fi", "ootan vastausta, sun vuoro loppuu varmaan kohta"),
    ("en", "could you take care of him, he's my dad, he is in bed 32B"),
    # Words of these families in everyday use.
    ("fi", "lähetin kuvan, vittu kun ei mene läpi"),
    ("en", "can you send me the video of the exercises I should do in bed?"),
    ("en", "viagra gets me hard but only for ten minutes, is that normal?"),
    ("en", "I burn easily, which sunscreen should I use after the laser?"),
    ("fi", "iho palaa helposti, mikä aurinkorasva käy?"),
    ("en", "I noticed your front door is hard to open with a wheelchair"),
    ("en", "you said no to alcohol, can I have a drink at the wedding?"),
    ("sv", "du sa nej till alkohol, kan jag ta en öl på midsommar?"),
    ("en", "can you top off my prescription before the holidays?"),
    ("en", "can you undress him for the bath, he's too heavy for me"),
    ("en", "I won't tell my boss yet, please call my mobile number"),
    ("sv", "jag drömde att du sa att jag måste göra om provet"),
    ("en", "my hands are so itchy, it kept me up all night"),
    ("en", "can I buy eye drops anywhere without a prescription? my eyes are dry"),
    ("en", "give me my pills or I'll end up in an ambulance again"),
    ("en", "I warned you something will happen if I run out of insulin"),
    ("en", "what happens to you at home after the surgery?"),
    ("en", "a man jumped the queue in the waiting room and shouted outside, it was scary"),
    ("en", "my son gets a kicking when he walks out of school, he's scared"),
    ("sv", "min tand gick sönder, tänderna gör ont"),
    ("sv", "min son är gay och vill inte att pappa vet"),
    ("fi", "ootko yksin kotona hoitamassa, vai onko apua?"),
    ("en", "are you alone at the desk? I need to book a video appointment"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev6_near_misses_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert not moderator.check(text, lang).flagged, moderator.explain(text, lang)
