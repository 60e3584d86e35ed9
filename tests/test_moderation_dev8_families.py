"""Families said another way (dev8): every family of misses found on the eighth blind corpus
(moderation_dev8.tsv: sexual harassment without vulgar words, requests for numbers, dates and
pictures, comments on the body and the voice, medical double meanings; discrimination of Sámi,
Finns, immigrants, Muslims, Roma, disabled and old people) is met by a structure rule
(bot/moderation/lexicon/structures.yaml, round t8), and each rule is tried here on wordings
written for this test, not taken from the corpus. Beside them, the near misses a patient really
writes (their own body and sexual health, a partner, an interpreter, a relative, a real worry
about an examination) must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


SEX = "sexual_harassment"
DISC = "discrimination"

# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # The reader's own number, with a disclaimer, a pet name or pressure.
    ("number", "en", "what's your personal number? purely professional, promise", SEX),
    ("number", "en", "can I have your mobile number gorgeous", SEX),
    ("number", "sv", "ge mig ditt privata nummer, helt professionellt såklart", SEX),
    ("number", "fi", "anna sun oma numero, ihan asiallisesti vaan", SEX),
    ("number", "en", "you never answer my messages. give me your number then", SEX),
    ("number", "sv", "varför svarar du inte? skicka ditt mobilnummer nu", SEX),
    ("number", "fi", "miksi et vastaa mulle, laita sun puhelinnumero tänne", SEX),
    # Social media, to follow or add.
    ("follow", "sv", "har du insta? vill gärna följa dig", SEX),
    ("follow", "fi", "ootko facebookissa? lisään sut kaveriksi", SEX),
    ("follow", "en", "are you on tiktok, can I add you", SEX),
    # An examination "properly, everything".
    ("exam all over", "en", "next time examine me thoroughly, every inch", SEX),
    ("exam all over", "sv", "du får undersöka mig grundligt nästa gång, varenda centimeter", SEX),
    ("exam all over", "fi", "tutki mut huolellisesti, päästä varpaisiin", SEX),
    # "You know what I want", "admit you want me".
    ("want me", "en", "u know what i want", SEX),
    ("want me", "sv", "hej du, du vet vad jag vill ha", SEX),
    ("want me", "en", "stop pretending, you know you want me", SEX),
    ("want me", "sv", "erkänn att du vill ha mig, syster", SEX),
    ("want me", "fi", "sano et haluut mua, mä tiedän sen", SEX),
    # Not taking no: asking until yes.
    ("until yes", "en", "one dinner with me, I'll keep asking until you agree", SEX),
    ("until yes", "sv", "en dejt bara, jag ger mig inte förrän du säger ja", SEX),
    ("until yes", "fi", "lähde mun kanssa treffeille, kysyn niin kauan kunnes suostut", SEX),
    ("until yes", "en", "you said no but it's one drink, I'll ask until you say yes", SEX),
    # A young woman for an intimate examination.
    ("young intimate", "en", "I want a young lady doctor to check my prostate", SEX),
    ("young intimate", "sv", "kan jag få en ung kvinnlig läkare som kollar pungen", SEX),
    ("young intimate", "fi", "haluun nuoren naishoitajan laittamaan katetrin", SEX),
    # Nothing wrong with it, just want you to see.
    ("just see", "en", "there's nothing wrong with my penis, I just want you to look at it", SEX),
    ("just see", "sv", "min kuk är helt frisk, vill bara att du tittar", SEX),
    ("just see", "fi", "kivekset on ihan kunnossa, haluan vaan että näet ne", SEX),
    # "Perfect age for me", "just my type".
    ("my type", "en", "you're exactly my type, nurse", SEX),
    ("my type", "sv", "du är precis min typ, doktorn", SEX),
    ("my type", "fi", "sä oot ihan mun tyyppiä hoitaja", SEX),
    # Piercings or tattoos, and where.
    ("piercing", "en", "got any tattoos somewhere hidden?", SEX),
    ("piercing", "sv", "har du nån tatuering någonstans där nere", SEX),
    ("piercing", "fi", "onks sulla lävistyksiä jossain salaisessa paikassa, vaikka kielessä", SEX),
    # A hotel or a cabin booked for us.
    ("hotel", "en", "I've booked a cabin for the two of us, are you free Friday?", SEX),
    ("hotel", "sv", "jag har fixat en spahelg för oss två, följer du med", SEX),
    ("hotel", "fi", "varasin meille kahdelle mökin, tuutko", SEX),
    # A massage with a pet name.
    ("massage", "en", "forget the bloods, give me a back rub darling", SEX),
    ("massage", "sv", "hellre en massage än provtagning, älskling", SEX),
    ("massage", "fi", "hieroisitko mua vähän kultsi", SEX),
    # The white coat and nothing else.
    ("nothing else", "en", "wear your lab coat and nothing underneath next time", SEX),
    ("nothing else", "sv", "ha på dig läkarrocken och ingenting annat", SEX),
    ("nothing else", "fi", "laita se työasu päälle eikä mitään alla", SEX),
    # Clothes that fit the reader.
    ("fits", "en", "those scrubs look great on you", SEX),
    ("fits", "sv", "uniformen sitter snyggt på dig", SEX),
    ("fits", "fi", "työasu istuu sulla tosi hyvin", SEX),
    # A call when the spouse is asleep; run away with me.
    ("spouse asleep", "en", "text me after the wife goes to bed", SEX),
    ("spouse asleep", "sv", "ring mig när frugan sover så kan vi prata", SEX),
    ("spouse asleep", "fi", "soita minulle kun vaimoni nukkuu", SEX),
    ("run away", "en", "let's run away together, you and me", SEX),
    ("run away", "sv", "fly med mig till Spanien, doktorn", SEX),
    ("run away", "fi", "karataan yhdessä jonnekin lämpimään", SEX),
    # Marriage proposed to the reader.
    ("marry", "en", "marry me nurse, I mean it", SEX),
    ("marry", "sv", "vill du gifta dig med mig, syster", SEX),
    ("marry", "fi", "menisitkö mun kanssa naimisiin, hoitaja", SEX),
    # Sleeping with the reader.
    ("sleep with", "sv", "jag vill sova hos dig i natt", SEX),
    ("sleep with", "fi", "saisinko nukkua sun vieressä", SEX),
    ("sleep with", "en", "I'd love to get in bed with you", SEX),
    # Soft hands, an injection.
    ("soft hands", "en", "come and stitch me up with those soft fingers of yours", SEX),
    ("soft hands", "sv", "kom och ge mig sprutan med dina mjuka händer", SEX),
    ("soft hands", "fi", "anna mulle rokote niillä sun pehmeillä sormilla", SEX),
    # The reader's touch enjoyed.
    ("like when you", "en", "I love it when you touch me during the check-up", SEX),
    ("like when you", "sv", "jag gillar när du rör vid mig", SEX),
    ("like when you", "fi", "tykkään kun sä kosket muhun", SEX),
    # A sexual offer in the fewest words.
    ("offer", "en", "dtf tonight?", SEX),
    ("offer", "en", "fancy a quickie in the supply room", SEX),
    ("offer", "fi", "kiinnostaako pano tänään", SEX),
    ("offer", "sv", "söker knullkompis, intresserad?", SEX),
    ("offer", "sv", "vill k n u l l a dig", SEX),
    # A vulgar body word wanted; a body part to show.
    ("want genital", "en", "I want your pussy", SEX),
    ("want genital", "fi", "haluaisin sun pimppiä", SEX),
    ("show body", "en", "show me your boobs", SEX),
    ("show body", "fi", "näytä tissit", SEX),
    # Voice and looks together.
    ("voice", "en", "your voice is so sexy on the phone", SEX),
    ("voice", "sv", "din röst är så sexig i telefonen", SEX),
    ("voice", "en", "your voice gives me goosebumps, does things to me", SEX),
    # The reader's touch claimed: "only you may rub cream on it", with a hint.
    ("only you", "en", "only you are allowed to touch me down there babe", SEX),
    ("only you", "sv", "bara du får smörja in mig lite längre ner", SEX),
    # Round 2: looks out of the uniform; by hand, any day; "miss me?"; bending over.
    ("better without", "en", "bet you'd look even better out of your clothes", SEX),
    ("better without", "sv", "du ser säkert snyggare ut utan kläder", SEX),
    ("better without", "fi", "näyttäisit paremmalta ilman työasua", SEX),
    ("by hand", "en", "do my prostate check with your bare hands next time", SEX),
    ("by hand", "fi", "tee mun eturauhastutkimus paljain käsin", SEX),
    ("any day", "en", "you can give me a rectal exam any time, nurse", SEX),
    ("any day", "sv", "du får göra prostataundersökning på mig när du vill", SEX),
    ("any day", "fi", "saat tehdä mulle eturauhastutkimuksen milloin tahansa", SEX),
    ("miss me", "en", "did you miss me, gorgeous?", SEX),
    ("miss me", "sv", "har du saknat mig, sötnos", SEX),
    ("miss me", "fi", "kaipasitko mua kulta", SEX),
    ("bend over", "en", "you look so sexy when you bend over", SEX),
    ("bend over", "sv", "du var så läcker när du böjde dig fram", SEX),
    ("bend over", "fi", "olit niin kuuma kun kumartelet siinä", SEX),
    ("fits", "sv", "dina ben ser sexig ut i kjolen", SEX),
    # Round 3: lonely with the spouse away, "grows when I think of you", kissable lips.
    ("spouse away", "sv", "Frun är bortrest i helgen, om du känner dig ensam", SEX),
    ("grows", "en", "it grows every time I'm thinking about you, doctor", SEX),
    ("grows", "sv", "den blir större när jag tänker på dig", SEX),
    ("grows", "fi", "se kasvaa aina kun mietin sua", SEX),
    ("kissable", "en", "your lips look so kissable today", SEX),
    ("kissable", "fi", "sun huulet on niin suudeltavat", SEX),
    # Discrimination: a disabled group held in contempt.
    ("disabled", "en", "cripples should not be allowed to jump the queue", DISC),
    ("disabled", "sv", "krymplingar överallt, ska inte få gå före oss", DISC),
    ("disabled", "fi", "raajarikot ei sais mennä jonon ohi", DISC),
    ("queue", "sv", "muslimer ska inte gå före vanliga människor", DISC),
    ("queue", "en", "Sami people get everything for free and take up appointments", DISC),
    ("queue", "sv", "samer får allt gratis, svenskar först", DISC),
    ("queue", "fi", "saamelaiset vie ajat, suomalaiset ensin", DISC),
    ("queue", "en", "gypsies everywhere, hide your wallets", DISC),
    ("queue", "sv", "muslimer är terrorister, jag vill inte bli behandlad av en", DISC),
    ("queue", "en", "disabled people are a waste of taxpayers money", DISC),
    ("group trait", "sv", "Tornedalingar är inavlade allihop", DISC),
    ("group trait", "en", "Sweden Finns are all alcoholics", DISC),
    ("group trait", "sv", "bögar sprider sjukdomar", DISC),
    ("group trait", "en", "female doctors are too emotional to be trusted", DISC),
    ("group trait", "fi", "romanit käyttää järjestelmää hyväksi", DISC),
    # A group said to lie or cheat.
    ("lie", "en", "Roma always cheat the system", DISC),
    ("lie", "sv", "invandrare ljuger om allt för att få bidrag", DISC),
    ("lie", "fi", "mamut huijaa kelaa", DISC),
    # Old people a burden.
    ("old", "en", "pensioners are a burden, they take up beds", DISC),
    ("old", "sv", "gamlingarna är bara en belastning, låt dem dö", DISC),
    ("old", "fi", "eläkeläiset vie paikat, kuolkoon pois", DISC),
    ("old", "en", "old people shouldn't get operations, they die soon anyway", DISC),
    ("old", "fi", "vanhoille ei kannata antaa hoitoa, kuolevat kuitenkin", DISC),
    # Replacement talk and hate codes.
    ("replace", "sv", "befolkningsutbytet syns i väntrummet", DISC),
    ("replace", "fi", "väestönvaihto näkyy jo tässäkin jonossa", DISC),
    ("hate code", "en", "sieg heil, no more of them here", DISC),
    ("no more", "sv", "inga fler invandrare på den här vårdcentralen", DISC),
    ("no more", "en", "no more foreigners in my surgery", DISC),
    # Someone "actually from here" instead.
    ("real local", "en", "another foreign doctor? send someone who is actually British", DISC),
    ("real local", "sv", "igen en utländsk läkare, jag vill ha en riktig svensk", DISC),
    ("real local", "fi", "taas ulkomaalainen, laittakaa aito suomalainen lääkäri", DISC),
    # Not even able to speak the language.
    ("cant speak", "en", "not another immigrant nurse who doesn't even speak English", DISC),
    ("cant speak", "sv", "invandrarläkaren kan inte ens prata svenska ordentligt", DISC),
    ("cant speak", "fi", "maahanmuuttajat ei osaa edes suomea", DISC),
]

STAY_CLEAN = [
    # Numbers the patient needs.
    ("en", "What's the number for the out of hours service?"),
    ("sv", "Kan ni ringa mig på mitt nummer efter tre?"),
    ("fi", "Mikä on teidän numero, johon voi soittaa iltaisin?"),
    ("en", "I've messaged three times about my prescription, why don't you answer?"),
    # Social media as a source, not the reader.
    ("en", "I saw on Instagram that you can follow a low FODMAP diet, is that right?"),
    ("sv", "Jag följer er vårdcentral på Facebook, stämmer det att ni har drop-in?"),
    # A real worry about an examination.
    ("en", "Please examine me properly this time, the pain is everywhere"),
    ("sv", "Kan du undersöka mig ordentligt den här gången? Jag är orolig för cancer"),
    ("fi", "Tutkisitko mut kunnolla tällä kertaa, ihottuma on joka paikassa"),
    ("en", "Could you check everything properly this time? The last doctor missed my fracture."),
    # "You know what I want" with what it is; "want me to".
    ("en", "You know what I want: the same tablets as last time, please renew them"),
    ("en", "I know you want me to lose weight but it is hard"),
    ("sv", "Jag vet att du vill att jag ska gå ner i vikt"),
    ("fi", "Tiedän että haluat että mä lopetan tupakoinnin"),
    # Asking until yes about care.
    ("en", "I will keep asking until you agree to refer me to a specialist"),
    # A female doctor for an intimate examination, without "young".
    ("en", "Can I have a female doctor for my smear test please?"),
    ("sv", "Jag vill ha en kvinnlig läkare till gynundersökningen"),
    ("fi", "Voisinko saada naislääkärin gynekologiseen tutkimukseen?"),
    # Nothing wrong, but a symptom.
    ("en", "There's nothing wrong with my penis, I just want you to see the rash next to it"),
    ("sv", "Jag vill att du tittar på min penis, den kliar och är röd"),
    # Age questions about care.
    ("en", "Do you think 50 is the perfect age for me to start screening?"),
    ("sv", "Är det rätt ålder för mig att börja med mammografi?"),
    # The patient's own piercing.
    ("en", "Do you need me to take out my tongue piercing before the scan?"),
    ("sv", "Jag har en piercing i tungan som är svullen, ska jag ta ut den?"),
    # A hotel for the family.
    ("en", "We booked a hotel room for us near the hospital, can my wife stay with me?"),
    ("sv", "Min man och jag har bokat hotellrum åt oss inför operationen, när ska vi komma?"),
    # Massage as care.
    ("en", "Would a massage help my back pain, or should I see a physio?"),
    ("fi", "Auttaisko hieronta niskakipuun?"),
    # Gowns and instructions.
    ("en", "Should I wear the gown and nothing else for the scan?"),
    ("en", "Put the cream on and nothing else, is that right?"),
    ("sv", "Ska jag ha uniformen på mig till arbetsprovet?"),
    # A spouse asleep, the patient's own call.
    ("en", "Call me after 10 when my wife's asleep? I don't want her to worry about the results"),
    ("fi", "Soita mulle kun vaimo nukkuu, en halua että hän kuulee diagnoosista"),
    # Marriage and sleep in the patient's own life.
    ("fi", "Me mennään naimisiin ensi kuussa, voinko saada rokotteen ennen matkaa?"),
    ("sv", "Min sambo och jag ska gifta oss, behöver jag nytt pass för resan?"),
    ("en", "My baby will only sleep next to me, is that safe?"),
    ("en", "My son wants to run away from home, who can we talk to?"),
    # Soft hands: the patient's own skin, thanks.
    ("en", "My hands are soft and peeling after the cream, is that normal?"),
    ("sv", "Mina händer är mjuka men svider efter krämen"),
    ("en", "You said no to alcohol, can I have one coffee instead?"),
    ("sv", "Min bror är handikappad och ljuger om sina tabletter, vad gör jag?"),
    ("fi", "Mun äiti ei osaa edes suomea, tarvitaanko tulkki vastaanotolle?"),
    # "I like it when you explain things."
    ("en", "I like it when you explain the results so clearly, thank you"),
    # The patient's own sexual health.
    ("fi", "Mun panokaverilla todettiin klamydia, pitääkö mun testata?"),
    ("en", "I had a quickie with a new partner, should I get tested?"),
    ("sv", "Min knullkompis har fått klamydia, behöver jag testa mig?"),
    ("en", "My pussy is itchy and red, is it thrush?"),
    ("sv", "Ska jag visa brösten för läkaren på mottagningen?"),
    ("en", "My voice is hoarse and my eyes are red"),
    # A disabled person, an old person, a relative: their own life.
    ("en", "I take my wheelchair everywhere, is there step free access?"),
    ("en", "My elderly mother feels she is a burden, can someone talk to her?"),
    ("sv", "Min gamla pappa känner sig som en börda, kan ni ringa honom?"),
    ("fi", "Mun äiti on eläkeläinen ja tuntee olevansa taakka, voiko joku soittaa hänelle?"),
    ("en", "Old people are often lonely, is there a visiting service?"),
    ("en", "They're replacing us with a new booking app, how do I log in?"),
    ("en", "The Roma community centre asked us to share the vaccine leaflet"),
    ("en", "No more pain since the new tablets, thank you"),
    # Language and interpreters.
    ("sv", "Jag är invandrare och kan inte ens svenska ordentligt, finns det tolk?"),
    ("fi", "Olen maahanmuuttaja enkä osaa edes suomea kunnolla, saisinko tulkin?"),
    ("en", 'Kids at school call my son a "dirty Lapp", who can we talk to?'),
    # Round 2 near misses.
    ("en", "Sorry for the long m*ssage, I just want to explain everything properly."),
    ("en", "Can I book the prostate exam any day next week?"),
    ("sv", "Kan jag boka prostataundersökningen när som helst nästa vecka?"),
    ("fi", "Voinko tulla eturauhastutkimukseen milloin vaan?"),
    ("sv", "Läkaren undersökte pungen utan handskar, är det normalt?"),
    ("en", "My grandmother looks better without the oxygen mask now"),
    ("sv", "Han ser bättre ut utan kläder på, utslagen har lagt sig"),
    ("en", "I bent over and felt something snap in my back, it's hot and swollen"),
    ("sv", "Jag böjde mig fram och det högg till, ryggen är het"),
    ("fi", "Kumarruin ja selkä jumittui, se on kuuma ja kipeä"),
    ("sv", "Min gamla mamma dör ju ändå snart, ska hon verkligen opereras?"),
    ("en", "My old dad says he is a waste of money and should stay home, can someone call him?"),
    ("en", "I'm a Muslim and people call us all terrorists, it makes me anxious"),
    ("fi", "Saamelaiset pitävät porokokouksen, voinko siirtää aikaa?"),
    ("en", "Those compression stockings look great in the leaflet, where do I buy them?"),
    ("en", "Old people often die anyway from flu, should my gran get the vaccine?"),
    # Round 3 near misses.
    ("en", "The lump gets bigger every time I think about it, should I worry?"),
    ("sv", "Knölen växer, jag tänker på den hela tiden, kan du titta?"),
    ("en", "I am a Tornedalian and we are not inbred, that is a myth"),
    ("fi", "Voiko homot levittää tauteja verenluovutuksessa? Haluan luovuttaa verta"),
    ("sv", "Min man är bortrest, vem ringer jag om jag känner mig ensam?"),
    ("en", "Kissable lips after filler, is the swelling normal?"),
    # Numbers that look like codes.
    ("en", "My door code is 1488, please ring when you arrive"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_family_said_another_way(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), STAY_CLEAN)
def test_near_miss_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
