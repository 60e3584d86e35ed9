"""Families said another way (dev7): every family of misses found on the seventh blind corpus
(moderation_dev7.tsv: angry or creepy patients, the abuse in the middle or at the end of a long
message, threats told as a fact, a prophecy or a "friendly warning") is met by a structure rule
(bot/moderation/lexicon/structures.yaml, round 7), and each rule is tried here on wordings
written for this test, not taken from any corpus. Beside them, the near misses a patient really
writes (an official complaint, violence done to the writer, frustration without abuse, their own
body and sexual health, idioms) must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # A disclaimer that is the threat: "I won't answer for what I do".
    (
        "not responsible",
        "en",
        "third call today. if the form isn't signed by noon I "
        "am not responsible for what I do next",
        "threat",
    ),
    (
        "not responsible",
        "sv",
        "jag har varit snäll länge nog, får jag inget recept nu "
        "så ansvarar jag inte för vad jag gör",
        "threat",
    ),
    (
        "not responsible",
        "fi",
        "jos lähete ei tule tänään niin en vastaa siitä mitä mä teen",
        "threat",
    ),
    (
        "not responsible",
        "sv",
        "ring mig före fem annars kan jag inte garantera någons säkerhet där inne",
        "threat",
    ),
    # Somebody carried out: an ambulance, a stretcher, "the next person who says no".
    (
        "carried out",
        "en",
        "mark this down: someone is leaving that surgery on a stretcher if I get fobbed off again",
        "threat",
    ),
    (
        "carried out",
        "sv",
        "nån åker härifrån med ambulans idag om ingen tar mig på allvar",
        "threat",
    ),
    (
        "carried out",
        "fi",
        "vielä yks kieltävä vastaus ni joku lähtee sieltä ambulanssilla",
        "threat",
    ),
    (
        "carried out",
        "en",
        "the next person who tells me to wait is going to bleed, I promise you",
        "threat",
    ),
    (
        "not care who",
        "en",
        "sort my pills or a member of staff gets hurt, I don't care who",
        "threat",
    ),
    ("not care who", "sv", "någon av er kommer bli skadad och jag skiter i vem", "threat"),
    # Harm as a plain act on a person or the place.
    ("harm act", "sv", "fixa receptet nu annars krossar jag käken på dig", "threat"),
    ("harm act", "en", "keep me waiting and I'm smashing your face in, simple", "threat"),
    ("harm act", "fi", "jos ette soita takas mä hajotan koko paikan", "threat"),
    ("harm act", "sv", "en gång till så slår jag sönder hela stället", "threat"),
    ("arrive harm", "en", "I'm coming down there later to batter that receptionist", "threat"),
    ("arrive harm", "fi", "mä tuun sinne maanantaina ja hajotan koko paikan", "threat"),
    ("take that", "sv", "jag kommer dit och tar den där sköterskan om hon inte ringer", "threat"),
    # Damage to property as a fact, unless I get what I want.
    ("broken if", "fi", "teidän autojen ikkunat on rikki huomenna jos ette vastaa", "threat"),
    (
        "broken if",
        "en",
        "the clinic windows will be in pieces on Monday if you don't ring me back",
        "threat",
    ),
    ("or never", "en", "renew it today or your car won't start ever again", "threat"),
    # Arrival, then "we'll see".
    ("arrive see", "sv", "jag kommer in på måndag och då ska vi se vem som bestämmer", "threat"),
    ("arrive see", "fi", "mä tuun käymään huomenna, sit katotaan kuka nauraa", "threat"),
    (
        "arrive see",
        "en",
        "I'm coming in tomorrow with a few mates and we'll see who gets seen first",
        "threat",
    ),
    # A staff member's habits told with a hint.
    (
        "stalk hint",
        "en",
        "that tall nurse walks home through the park every night. no cameras in that park you know",
        "threat",
    ),
    (
        "stalk hint",
        "sv",
        "doktorn joggar längs ån varje morgon, helt ensam. tänkte att ni skulle veta",
        "threat",
    ),
    (
        "stalk hint",
        "fi",
        "se nuori lääkäri kävelee kotiin metsän läpi. pimeää siellä tähän aikaan",
        "threat",
    ),
    (
        "stalk hint",
        "en",
        "you shut at five on thursdays and I'll be in the car park from half four",
        "threat",
    ),
    # Damage wished on the reader's things.
    (
        "pity damage",
        "en",
        "lovely new car the doctor has. be a shame if the tyres got slashed",
        "threat",
    ),
    (
        "pity damage",
        "sv",
        "fint hus sköterskan har, vore synd om det kom en sten genom rutan en natt",
        "threat",
    ),
    (
        "pity damage",
        "fi",
        "kiva auto teidän lääkärillä, olis harmi jos se syttyis palamaan",
        "threat",
    ),
    # The reader's family, on the reader.
    ("family on you", "en", "whatever happens to your kids now is on your head", "threat"),
    (
        "child pickup",
        "en",
        "I know your girl gets picked up at three from the gate. think about that",
        "threat",
    ),
    ("face", "fi", "jos lääkitystä ei jatketa niin jonkun naama on hajalla", "threat"),
    (
        "beware leave",
        "sv",
        "säg till doktorn att han ska akta sig när han går hem ikväll",
        "threat",
    ),
    ("beware leave", "en", "that nurse won't be smiling when she leaves tonight", "threat"),
    ("beware leave", "fi", "sille hoitajalle käy huonosti kun se pääsee töistä", "threat"),
    (
        "nobody help",
        "en",
        "one day you'll be the one on the ground and nobody will help you",
        "threat",
    ),
    ("blood", "en", "you'll pay with your blood for this, all of you", "threat"),
    ("blood", "sv", "det här kommer att sluta illa för den där läkaren", "threat"),
    ("not protect", "en", "don't think that counter will protect you forever", "threat"),
    # Sexual harassment: a pose or a teasing touch.
    ("pose", "en", "next check up you can straddle me, I won't complain", "sexual_harassment"),
    ("pose", "fi", "haluisin nähdä sut polvillaan mun edessä", "sexual_harassment"),
    ("touch tease", "en", "you can touch my chest again anytime nurse, hehe", "sexual_harassment"),
    (
        "touch tease",
        "sv",
        "du får gärna känna på den igen haha, den växer när du är nära",
        "sexual_harassment",
    ),
    (
        "touch tease",
        "fi",
        "sä kosketit mun olkaa, mitä muuta sä voisit koskettaa",
        "sexual_harassment",
    ),
    (
        "body double",
        "en",
        "I'll bring you a sample from another body part next time hehe",
        "sexual_harassment",
    ),
    (
        "genital see",
        "en",
        "my dick is huge, want to see it before my appointment?",
        "sexual_harassment",
    ),
    (
        "wear gift",
        "sv",
        "jag har köpt ett paket till dig, ta på dig det och skicka en bild",
        "sexual_harassment",
    ),
    (
        "wear gift",
        "en",
        "left you a little gift at the front desk, open it alone",
        "sexual_harassment",
    ),
    (
        "fetish",
        "en",
        "I've got a fetish for nurses in gloves, would you do a video for me",
        "sexual_harassment",
    ),
    (
        "spouse away",
        "en",
        "wife's away till Sunday. bottle of wine, candles, you, me. name your price",
        "sexual_harassment",
    ),
    (
        "spouse away",
        "fi",
        "vaimo on matkoilla koko viikon, tuu meille viiniä juomaan",
        "sexual_harassment",
    ),
    (
        "no chaperone",
        "sv",
        "ingen förkläde behövs, bara du och jag och dörren låst",
        "sexual_harassment",
    ),
    ("naked wait", "en", "I'm lying naked in bed waiting for your home visit", "sexual_harassment"),
    ("shaved", "en", "do you shave down there? just curious", "sexual_harassment"),
    ("big body", "sv", "kan jag få tid hos den med de stora brösten", "sexual_harassment"),
    (
        "slow exam",
        "en",
        "I want the new doctor to do my prostate exam, nice and slow please",
        "sexual_harassment",
    ),
    ("swap", "en", "I'll send a photo of my rash if you show me yours", "sexual_harassment"),
    ("my turn", "sv", "efter kontrollen är det min tur att undersöka dig", "sexual_harassment"),
    (
        "sex patient",
        "en",
        "ever had sex with a patient? first time for everything",
        "sexual_harassment",
    ),
    ("imagine", "fi", "kuvittelin sut koko yön", "sexual_harassment"),
    ("alone bed", "en", "thinking about you when I'm alone in bed", "sexual_harassment"),
    ("bare exam", "fi", "ens kerralla hieronta ilman housuja, ok?", "sexual_harassment"),
    ("wild bed", "en", "loved the chat today, bet you're great in bed too", "sexual_harassment"),
    ("only way", "en", "are you ticklish nurse? only one way to find out", "sexual_harassment"),
    (
        "check yourself",
        "sv",
        "stånd har jag inga problem med, du kan känna själv nästa gång",
        "sexual_harassment",
    ),
    ("insult adj", "fi", "sä oot ihan sekaisin, ei tollasta voi kuunnella", "insult"),
    ("senile", "sv", "den senila doktorn borde sluta", "insult"),
    # Insults: a disability word on a staff title; "just a receptionist".
    ("disability staff", "en", "send someone other than that cripple receptionist", "insult"),
    ("disability staff", "sv", "jag vill inte prata med den CP-skadade sköterska igen", "insult"),
    ("you disability", "en", "are you crippled or something, answer the phone", "insult"),
    (
        "just a",
        "en",
        "you're just a receptionist and you know nothing, put me through to a doctor",
        "insult",
    ),
    # Discrimination: a curse on a group, a group seen first.
    ("curse group", "fi", "saatanan ryssät vievät kaikki ajat", "discrimination"),
    (
        "prioritise",
        "en",
        "the gypos get seen first every time while real Brits wait",
        "discrimination",
    ),
]

# The same families in more wordings of our own, in all three languages.
MORE_WORDINGS = [
    (
        "sv",
        "Jag kan inte lova att jag håller mig lugn om jag inte får mina "
        "tabletter, jag ansvarar inte för vad jag gör sen.",
        "threat",
    ),
    (
        "en",
        "If my methadone isn't ready I can't be held responsible for my actions, just so you know.",
        "threat",
    ),
    ("fi", "Jos sairauslomaa ei jatketa niin en vastaa teoistani.", "threat"),
    ("en", "Someone's going home in a body bag if this carries on.", "threat"),
    ("sv", "Nästa som säger nej till mig åker härifrån på bår.", "threat"),
    ("fi", "Joku lähtee täältä ambulanssilla jos en saa lääkkeitä tänään.", "threat"),
    ("en", "I'll come down there and stab the lot of you.", "threat"),
    ("sv", "Jag kommer dit och knivhugger den där receptionisten.", "threat"),
    ("fi", "Mä tuun sinne ja puukotan sen lääkärin.", "threat"),
    (
        "en",
        "The nurse with the blue Fiesta always parks at the far end "
        "of the lot. No cameras there. Just saying.",
        "threat",
    ),
    (
        "sv",
        "Sköterskan Lisa cyklar hem längs ån varje kväll, det är mörkt där. Bara så du vet.",
        "threat",
    ),
    (
        "fi",
        "Lääkäri Virtanen kävelee kotiin puiston läpi joka ilta yksin. Tiedoksi vaan.",
        "threat",
    ),
    ("en", "Shame if something happened to that nice Volvo of Dr Patel's.", "threat"),
    ("sv", "Fin bil doktorn har. Vore synd om den började brinna.", "threat"),
    ("fi", "Olis ikävää jos sun auton renkaat olis puhki aamulla.", "threat"),
    ("en", "What happens to your kids is your fault if you don't renew my script.", "threat"),
    ("sv", "Om något händer dina barn är det ditt fel, kom ihåg det.", "threat"),
    (
        "en",
        "I'll be at the surgery Friday with a can of petrol, we'll see who's laughing then.",
        "threat",
    ),
    ("sv", "Jag kommer ner på måndag och då ska ni få se.", "threat"),
    ("fi", "Mä tuun huomenna käymään ja sit te saatte katua.", "threat"),
    ("en", "Tell that GP to watch himself when he leaves tonight.", "threat"),
    ("sv", "Säg till sköterskan att hon ska passa sig när hon går hem.", "threat"),
    ("en", "One day you'll be lying on the ground and no one will help you.", "threat"),
    ("en", "Keep refusing and I'll smash your windows in.", "threat"),
    ("sv", "Ge mig intyget annars slår jag sönder hela väntrummet.", "threat"),
    ("fi", "Anna resepti tai mä hajotan teidän vastaanoton.", "threat"),
    ("en", "Your receptionist won't be laughing when I catch her in the car park.", "threat"),
    ("fi", "Sen hoitajan kannattaa varoa kun se lähtee kotiin.", "threat"),
    ("en", "Dont think that glass screen will save you.", "threat"),
    ("sv", "Tro inte att glasrutan skyddar dig.", "threat"),
    (
        "en",
        "Thanks for the flu jab, you can stick anything in me next time ;) hehe",
        "sexual_harassment",
    ),
    (
        "sv",
        "Du var så försiktig med nålen, undrar om du är lika försiktig med annat hehe",
        "sexual_harassment",
    ),
    (
        "fi",
        "Kiitti rokotuksesta, saat pistää mua muuallekin ensi kerralla hehe",
        "sexual_harassment",
    ),
    ("en", "I bought you some lingerie, put it on and send me a photo", "sexual_harassment"),
    ("fi", "Ostin sulle alusvaatteet, laita ne päälle ja lähetä kuva", "sexual_harassment"),
    (
        "sv",
        "Frun är bortrest i helgen, jag har champagne hemma, kom förbi efter jobbet",
        "sexual_harassment",
    ),
    (
        "en",
        "My wife doesn't need to know, come over tonight and I'll open the wine",
        "sexual_harassment",
    ),
    ("en", "You have such a lovely bum in those trousers nurse", "sexual_harassment"),
    ("sv", "Du har en så fin rumpa i de där byxorna", "sexual_harassment"),
    ("fi", "Sulla on tosi hyvä peppu noissa housuissa", "sexual_harassment"),
    ("en", "I lay awake imagining you in your uniform", "sexual_harassment"),
    ("sv", "Jag fantiserade om dig hela natten", "sexual_harassment"),
    ("en", "Can we skip the chaperone and keep it between you and me?", "sexual_harassment"),
    ("en", "Do you want to feel how hard it is? hehe", "sexual_harassment"),
    ("sv", "Vill du se hur stor min kuk är?", "sexual_harassment"),
    ("fi", "Haluutko nähdä kuinka iso mun kulli on?", "sexual_harassment"),
    ("en", "I'm lying here naked in bed waiting for you to visit", "sexual_harassment"),
    ("fi", "Makaan sängyssä alasti ja odotan sua", "sexual_harassment"),
    ("en", "Next smear you could let me do yours in return", "sexual_harassment"),
    ("en", "Have you ever slept with a patient? I'd be discreet", "sexual_harassment"),
    ("en", "That locum was a complete moron, didn't even look at my leg.", "insult"),
    ("en", "Dr Jones is a useless old fossil.", "insult"),
    ("sv", "Den där vikarien är helt värdelös, borde få sparken.", "insult"),
    ("fi", "Se sijainen on ihan idiootti.", "insult"),
    (
        "en",
        "You're nothing but a glorified secretary, put me through to someone who knows something.",
        "insult",
    ),
    ("sv", "Du är ju bara en telefonist som inte kan nåt, koppla mig till en läkare.", "insult"),
    (
        "en",
        "The place is full of gypsies jumping the queue, they get seen first every time.",
        "discrimination",
    ),
    ("fi", "Vitun neekerit siellä jonossa.", "discrimination"),
    ("sv", "Jävla zigenare överallt i väntrummet.", "discrimination"),
    # Prophecies, friendly warnings, "or else" demands naming children, cars and shifts.
    (
        "en",
        "Friendly warning: no oxycodone by Monday and someone in that clinic gets hurt.",
        "threat",
    ),
    ("en", "Just a friendly word of advice, sign my sick note or you'll regret it.", "threat"),
    ("sv", "En vänlig varning bara: skriv ut mina Oxycontin annars händer det saker.", "threat"),
    ("fi", "Ystävällinen varoitus: jos en saa Oxynormia niin jotain pahaa tapahtuu.", "threat"),
    ("en", "Mark my words, that receptionist will get what's coming to her.", "threat"),
    ("sv", "Kom ihåg mina ord, den där läkaren kommer att få det han förtjänar.", "threat"),
    ("fi", "Muistakaa mun sanat, se lääkäri saa vielä mitä ansaitsee.", "threat"),
    ("en", "I know Dr Evans drives the black BMW. Would be a pity if it got torched.", "threat"),
    ("sv", "Jag vet vilken bil sköterskan kör. Synd om den skulle brinna upp.", "threat"),
    ("fi", "Tiedän mikä auto sillä hoitajalla on. Olis ikävää jos se palais.", "threat"),
    ("en", "Your son's at Oakfield Primary isn't he. Sort my tramadol today.", "threat"),
    ("sv", "Din dotter går på Ekbackens förskola, eller hur? Fixa mitt intyg idag.", "threat"),
    ("fi", "Sun poika käy Mäkelän koulua, eikö? Uusikaa mun resepti tänään.", "threat"),
    ("en", "I know your shifts. I know when you finish. Sort my script.", "threat"),
    ("sv", "Jag vet när du slutar på fredagar. Fixa mina tabletter.", "threat"),
    ("fi", "Tiedän milloin sun vuoro loppuu. Kirjota se resepti.", "threat"),
    ("en", "Renew my diazepam or I'll be waiting for you after work.", "threat"),
    ("sv", "Förnya mitt recept annars väntar jag på dig efter jobbet.", "threat"),
    ("fi", "Uusi resepti tai mä odotan sua töiden jälkeen.", "threat"),
    ("en", "It's not a threat, it's a promise: that doctor is going to get hurt.", "threat"),
    ("sv", "Det är inget hot, det är ett löfte. Läkaren kommer att få ont.", "threat"),
    ("fi", "Tää ei oo uhkaus vaan lupaus, se lääkäri loukkaantuu.", "threat"),
    ("en", "Give me the sick note or I'll break every window in that surgery.", "threat"),
    ("sv", "Ge mig sjukintyget eller så krossar jag alla fönster på vårdcentralen.", "threat"),
    ("fi", "Antakaa sairauslomatodistus tai rikon kaikki ikkunat terveysasemalla.", "threat"),
    ("sv", "Läkaren som sa nej kommer att ångra sig, det ska jag se till.", "threat"),
    ("fi", "Se lääkäri joka kieltäytyi tulee katumaan, mä pidän siitä huolen.", "threat"),
    # Accents and names mocked or refused, compliments turned sexual, kids named.
    (
        "en",
        "Can I speak to someone who actually speaks English? Your accent is ridiculous.",
        "discrimination",
    ),
    (
        "sv",
        "Kan jag få prata med någon som kan svenska ordentligt, din brytning är löjlig.",
        "discrimination",
    ),
    ("fi", "Puhu kunnon suomea, sun aksentti on naurettava.", "discrimination"),
    ("en", "I don't want a doctor called Mohammed, get me a British one.", "discrimination"),
    ("sv", "Jag vill inte ha en läkare som heter Ahmed, ge mig en svensk.", "discrimination"),
    ("fi", "En halua lääkäriä jonka nimi on Mohammed, antakaa suomalainen.", "discrimination"),
    ("fi", "Sun huulet näyttää tosi suudeltavilta, voisko ne maistaa?", "sexual_harassment"),
    ("sv", "Dina läppar ser så kyssvänliga ut, får jag smaka?", "sexual_harassment"),
    ("en", "Nurse, your lips look very kissable. Can I have a taste?", "sexual_harassment"),
    (
        "sv",
        "Efter min blodprovstagning ville jag bara säga att du har snygga ben, har du pojkvän?",
        "sexual_harassment",
    ),
    ("fi", "Haluutko tulla mun luo illalla, mulla on poreamme ja viiniä.", "sexual_harassment"),
    (
        "sv",
        "Kom hem till mig ikväll, jag har vin och badkaret är stort nog för två.",
        "sexual_harassment",
    ),
    ("en", "Send me a picture of you in your uniform, just for me.", "sexual_harassment"),
    ("fi", "Lähetä kuva susta työasussa, ihan vaan mulle.", "sexual_harassment"),
    ("sv", "Skicka en bild på dig i uniformen, bara till mig.", "sexual_harassment"),
    ("sv", "Jag tänker på dig när jag ligger ensam i sängen på kvällarna.", "sexual_harassment"),
    ("fi", "Mietin sua aina kun oon yksin sängyssä.", "sexual_harassment"),
    (
        "en",
        "Tell Sarah on reception she has lovely kids. Be a shame if anything happened to them.",
        "threat",
    ),
    (
        "sv",
        "Hälsa Maria i receptionen att hennes barn är så söta. Vore synd om något hände dem.",
        "threat",
    ),
    (
        "fi",
        "Sanokaa Liisalle et sen lapset on tosi suloisia. Olis ikävää jos niille sattuis jotain.",
        "threat",
    ),
    # Polite first, the threat or the proposition at the end.
    (
        "fi",
        "Kiitos ajasta eilen, mutta jos ette jatka sairauslomaa "
        "niin en vastaa siitä mitä tapahtuu.",
        "threat",
    ),
    (
        "en",
        "Lovely staff usually, but if my pregabalin isn't sent today "
        "I'll be in and someone is leaving on a stretcher.",
        "threat",
    ),
    (
        "sv",
        "Jag uppskattar er men om jag inte får min medicin idag så "
        "kommer någon att åka därifrån i ambulans.",
        "threat",
    ),
    (
        "fi",
        "Sanokaa sille lääkärille että sen kannattaa varoa kun se lähtee illalla kotiin.",
        "threat",
    ),
    (
        "en",
        "I know the receptionist leaves by the side door at six, on her own. Funny that.",
        "threat",
    ),
    (
        "sv",
        "Jag vet att receptionisten går ut bakvägen vid sex, helt ensam. Tänkte bara nämna det.",
        "threat",
    ),
    (
        "fi",
        "Tiedän että se hoitaja lähtee takaovesta kuudelta, ihan yksin. Kunhan sanon.",
        "threat",
    ),
    ("en", "If I don't get my note by Friday, I'll come in and wreck the waiting room.", "threat"),
    (
        "fi",
        "Jos en saa lausuntoa perjantaihin mennessä tuun sinne ja hajotan odotushuoneen.",
        "threat",
    ),
    ("sv", "Får jag inget intyg till fredag kommer jag in och slår sönder väntrummet.", "threat"),
    (
        "en",
        "Your doctor's red Golf is easy to spot in the car park. "
        "Would be terrible if the brakes failed.",
        "threat",
    ),
    (
        "sv",
        "Läkarens röda Golf är lätt att hitta. Vore hemskt om bromsarna slutade fungera.",
        "threat",
    ),
    (
        "sv",
        "Tack för vaccinet. Du har så mjuka händer, tänk vad de kunde göra med resten av mig haha",
        "sexual_harassment",
    ),
    (
        "fi",
        "Kiitos tikkien poistosta. Sulla on pehmeet kädet, mitä muuta sä voisit niillä tehdä hehe",
        "sexual_harassment",
    ),
    (
        "en",
        "Wife's away for the weekend, fancy coming round for a drink and a proper examination?",
        "sexual_harassment",
    ),
    (
        "sv",
        "Frun är bortrest i helgen, kom hem till mig på en drink och en ordentlig undersökning.",
        "sexual_harassment",
    ),
    (
        "fi",
        "Vaimo on mökillä koko viikonlopun, tuu meille drinkille ja kunnon tutkimukseen.",
        "sexual_harassment",
    ),
    # Insults about age, competence and manners, said of a named staff member.
    ("en", "The locum is a complete imbecile, couldn't even take my blood pressure.", "insult"),
    ("en", "Your receptionist is a jumped-up little madam.", "insult"),
    ("sv", "Sköterskan är en uppblåst liten fjortis som inte kan något.", "insult"),
    ("fi", "Se hoitaja on ihan aivoton, ei osannut ottaa verikoetta.", "insult"),
    ("en", "Tell Dr Hale he's a senile old fool and should retire.", "insult"),
    ("sv", "Doktorn är en senil gammal stofil.", "insult"),
    ("fi", "Se lääkäri on seniili vanha pieru.", "insult"),
    ("en", "You lot are a waste of bloody space.", "insult"),
    ("sv", "Ni är totalt inkompetenta allihop, fattar ingenting.", "insult"),
    ("fi", "Te ootte ihan kreisejä siellä, ei mitään järkeä.", "insult"),
    # "Or else" demands for opioids; a voice, underwear, a bed.
    (
        "en",
        "Write the oxy script or I'll make sure you never work again, and that's the nice option.",
        "threat",
    ),
    ("sv", "Skriv ut Tramadolet nu, annars vet jag var du parkerar.", "threat"),
    ("fi", "Kirjota ne Oxynormit nyt tai mä tiedän missä sä asut.", "threat"),
    (
        "en",
        "No diazepam, no peace. I'll be outside every night until you change your mind.",
        "threat",
    ),
    ("sv", "Inget recept, så står jag utanför ditt hus varje kväll tills du ändrar dig.", "threat"),
    ("fi", "Jos en saa reseptiä mä seison sun talon edessä joka ilta.", "threat"),
    ("en", "Next time you refuse me you'll need that first aid kit for yourself.", "threat"),
    ("sv", "Nästa gång du nekar mig kommer du själv att behöva akuten.", "threat"),
    ("fi", "Seuraavan kerran kun kieltäydyt, tarviit itse ensiapua.", "threat"),
    (
        "en",
        "Your voice on the phone does things to me. Call me back tonight when you're in bed.",
        "sexual_harassment",
    ),
    (
        "sv",
        "Din röst gör saker med mig. Ring mig ikväll när du ligger i sängen.",
        "sexual_harassment",
    ),
    (
        "fi",
        "Sun ääni tekee mulle jotain. Soita mulle illalla kun oot sängyssä.",
        "sexual_harassment",
    ),
    ("en", "Can you do my next check in just your underwear? I won't tell.", "sexual_harassment"),
    (
        "sv",
        "Kan du göra nästa kontroll i bara underkläderna? Jag säger inget.",
        "sexual_harassment",
    ),
    (
        "fi",
        "Voisitko tehdä seuraavan tarkastuksen pelkissä alusvaatteissa? En kerro kenellekään.",
        "sexual_harassment",
    ),
]

# Near misses a patient really writes, with the same words: they must stay below "log".
STAY_CLEAN = [
    ("sv", "Min mamma är senil, kan ni hjälpa henne med dosetten?"),
    ("fi", "Mä oon ihan sekaisin näistä lääkkeistä, voitko soittaa mulle?"),
    ("en", "I have a stabbing pain in my jaw, can you see me today?"),
    ("sv", "Jag kommer in och tar den där blanketten till läkaren imorgon"),
    ("en", "When I come in can the doctor check my erection problem himself or is it a nurse?"),
    ("fi", "Mä tuun sinne perjantaina, voinko ottaa lapsen mukaan?"),
    (
        "en",
        "I'd like to file a complaint to the ombudsman, I am not "
        "responsible for the delay in my forms",
    ),
    (
        "sv",
        "Jag vill anmäla till IVO. Min man knuffade mig och jag "
        "ligger på golvet ofta, ingen hjälper mig.",
    ),
    ("en", "My neighbour left in an ambulance yesterday after a fall, can I visit him?"),
    ("fi", "Isä lähti ambulanssilla sairaalaan eilen, voiko hänen lääkkeensä siirtää sinne?"),
    ("sv", "Jag tappade glasögonen och de gick sönder, kan ni skriva ut en ny remiss?"),
    ("en", "I smashed my knee on the car door, can you see me today?"),
    ("fi", "Mun puhelin on rikki, voitteko soittaa vaimolle jos ette saa mua kiinni?"),
    ("en", "When I come in on Friday we'll see how the wound has healed, thanks"),
    ("sv", "Min pappa går hem via parken och det är mörkt där, kan han få en reflexväst?"),
    ("en", "My daughter walks home alone from school, is it ok for her to carry her inhaler?"),
    (
        "fi",
        "Äiti kävelee kotiin yksin joka ilta ja kaatuili viime "
        "viikolla, voiko hän saada kotihoitoa?",
    ),
    ("en", "Be a shame if my car got keyed again, the lighting on our street is poor"),
    ("sv", "Ni stänger fem, kan jag vänta på min dotter i väntrummet?"),
    ("en", "My husband might get hurt when he leaves hospital without a wheelchair"),
    ("en", "Does it matter if I shave down there before the smear test?"),
    ("sv", "Jag har stora bröst och ont i ryggen, kan jag få remiss?"),
    ("en", "Should I come without trousers for the knee exam?"),
    ("fi", "Pitääkö tulla tutkimukseen ilman housuja?"),
    ("en", "I have a lump on my testicle, could a doctor check it? haha sorry, nervous"),
    ("en", "My wife is away this week, can you call me instead of her about the results?"),
    ("sv", "Min son är CP-skadad, kan ni hjälpa oss med en ny rullstol?"),
    ("en", "My brother is in a wheelchair and the physio was lovely, thank you"),
    ("en", "I know you're just a receptionist, but could a doctor ring me about my bloods?"),
    ("fi", "Tyttö on tarhassa kolmeen asti, voinko tulla rokotukseen vasta sen jälkeen?"),
    ("en", "I was beaten up outside the pub and my jaw hurts, can I be seen today?"),
    ("sv", "Han slog sönder min telefon och hotade mig, kan ni skriva intyg till polisen?"),
    ("en", "My mum walks home on her own after her shift, is it ok with her new knee?"),
    ("en", "I got a hunting injury, my rifle slipped and cut my hand on the blade, need stitches"),
    ("en", "Thanks hehe, and could you touch base with my GP about the referral?"),
    ("fi", "Te suljette neljältä, voinko hakea reseptin huomenna?"),
    # More near misses: complaints, violence done to the writer, own body.
    ("en", "I'm not responsible for my son's debts, can the letter go to him directly?"),
    ("sv", "Min granne åkte härifrån med ambulans igår, vart tog de honom?"),
    (
        "en",
        "My daughter walks home through the park and it's dark "
        "there, is her asthma inhaler ok in the cold?",
    ),
    (
        "sv",
        "Min man parkerar alltid långt bort, det är mörkt där, "
        "han ramlade igår och slog i huvudet.",
    ),
    ("en", "It'd be a shame if my tyres got slashed again at your car park, can you ask security?"),
    ("en", "What happens to my kids if I'm admitted? I'm a single mum."),
    ("en", "When I come in I'll bring my sample and we'll see how the results look."),
    ("fi", "Tuun sinne huomenna, katotaan sitten mitä lääkäri sanoo."),
    (
        "en",
        "My husband hit me and I was lying on the floor and nobody "
        "helped me. I need a note for the police.",
    ),
    ("en", "I want to complain to the ombudsman about Dr Smith, he was rude and dismissive."),
    ("sv", "Jag ska anmäla er till IVO, ni har behandlat min mamma fruktansvärt."),
    ("fi", "Teen valituksen Valviraan, tämä on ihan käsittämätöntä."),
    ("en", "Got shot in the leg during a hunting trip, the wound is weeping, can I be seen?"),
    ("sv", "Jag blev knivhuggen i armen i helgen, behöver jag stelkrampsspruta?"),
    ("en", "I'm so angry, third time I've asked for this repeat. Please sort it today."),
    ("en", "I have a lump on my breast, can someone check it this week? I'm nervous hehe"),
    ("sv", "Min fru är bortrest, kan ni skicka receptet till apoteket istället?"),
    ("en", "Wife's away with work, can I move my appointment to the evening?"),
    ("en", "Is it normal for my testicles to feel different sizes? Should a doctor check it?"),
    ("fi", "Kuvittelin että soitatte aamulla, mutta ei kuulunut mitään."),
    ("en", "I had a dream my tooth fell out, is that stress?"),
    ("sv", "Jag har problem med stånd, kan jag få en tid hos en läkare?"),
    ("en", "Can a chaperone be present? I'd prefer the curtain closed and a female nurse."),
    ("en", "I've got eczema on my bum, is there a cream for that?"),
    ("sv", "Haha tack, det löste sig! Kan du skicka något annat nummer till apoteket?"),
    ("fi", "Voinko lähettää kuvan ihottumasta sulle?"),
    ("en", "My partner and I are in an open marriage, do we need regular STI tests?"),
    # Reminders, closing times, a child's school, threats made to the writer, hunting.
    ("en", "Friendly reminder: my repeat prescription is due Monday, please sort it."),
    ("sv", "Vänlig påminnelse: mitt recept går ut på måndag."),
    ("en", "I know you finish at five, could someone call me before then?"),
    ("sv", "Jag vet att ni stänger fem, kan jag hämta intyget innan dess?"),
    ("fi", "Tiedän että te suljette neljältä, ehdinkö käydä ennen sitä?"),
    ("en", "My son goes to Oakfield Primary and the school nurse said he needs a hearing test."),
    ("en", "I've been beaten up by my partner and I'm scared he'll come to the surgery."),
    ("sv", "Min pojkvän hotade att döda mig, kan ni hjälpa mig?"),
    ("fi", "Mun entinen mies uhkasi tappaa mut, mitä mä teen?"),
    ("en", "It's not the doctor's fault, I'm just frustrated with the waiting list."),
    ("en", "I got hurt at work and my manager says it's my fault, can I get a fit note?"),
    ("sv", "Jag jagade älg i helgen och skar mig på kniven, behöver jag sys?"),
    ("fi", "Metsästysreissulla ase laukesi ja haavoitin jalkani, voinko tulla tänään?"),
    # Thanks to a named nurse, ill in bed alone, the writer's own accent.
    ("sv", "Min sköterska var så fin mot mig, tack till henne!"),
    ("en", "Your receptionist Sarah has lovely manners, please pass on my thanks."),
    ("fi", "Kiitos hoitaja Liisalle, oli tosi ystävällinen."),
    ("en", "I'm alone in bed all day with this flu, can I get a sick note sent by post?"),
    ("sv", "Jag ligger ensam i sängen med feber, kan ni ringa mig?"),
    ("en", "My lips are swollen after the new tablets, what should I do?"),
    ("en", "Can you send me a picture of the exercises the physio showed me?"),
    ("en", "I have a strong accent so please be patient with me on the phone."),
    ("sv", "Min brytning gör att folk inte förstår mig, kan jag få tolk?"),
    ("fi", "Mun aksentti on vahva, voisko lääkäri puhua hitaasti?"),
    ("en", "My doctor is called Mohammed and he has been brilliant."),
    # A female doctor asked for, threats made to the writer, a lawyer or the press.
    ("en", "Could I please have a female doctor for my smear? I'd feel more comfortable."),
    ("sv", "Kan jag få en kvinnlig läkare till cellprovet? Det känns tryggare."),
    ("fi", "Voisinko saada naislääkärin gynekologiseen tutkimukseen?"),
    (
        "en",
        "I was attacked on the way home and the man said he'd "
        "come back for me. I'm scared to go out.",
    ),
    ("sv", "Min granne hotar mig hela tiden och säger att han vet var jag bor. Kan ni hjälpa mig?"),
    ("fi", "Mua uhkailtiin eilen kadulla, mulla on mustelmia, voinko tulla näytille?"),
    ("en", "I'm writing to the newspaper about how long I've waited. This is a disgrace."),
    ("sv", "Jag har kontaktat en advokat om min felbehandling."),
    ("fi", "Otin yhteyttä lakimieheen ja teen kantelun aluehallintovirastoon."),
    ("en", "My wife is away so I'll bring my daughter to her vaccination myself."),
    # A parent getting senile, the writer calling themself names, confused by pain.
    ("en", "My dad is getting senile, can the doctor assess his memory?"),
    ("sv", "Pappa börjar bli senil, kan han få en minnesutredning?"),
    ("fi", "Isä alkaa olla seniili, voiko muistitutkimuksen tehdä?"),
    ("en", "I feel like an imbecile for missing my appointment, sorry!"),
    ("fi", "Mä oon ihan sekaisin tästä kivusta, voitteko soittaa?"),
    # Outside the pharmacy, a partner's calls, underwear for a check-up.
    ("sv", "Jag står utanför apoteket, är receptet klart?"),
    ("en", "My boyfriend calls me every night in bed, is that why I can't sleep?"),
    ("fi", "Voinko tulla tarkastukseen alusvaatteissa, vai pitääkö olla jotain muuta?"),
    # The families' own words in everyday lines: alone at reception, "we'll see how the wound
    # healed", a laugh with a referral "elsewhere", a wife away, complaints, injuries done to us.
    ("en", "The nurse was on her own at reception and it was really busy, maybe hire more staff?"),
    ("sv", "Sköterskan var helt ensam i receptionen, ni borde anställa fler."),
    ("fi", "Hoitaja oli ihan yksin vastaanotossa, palkatkaa lisää väkeä."),
    ("en", "Someone left in an ambulance from the waiting room today, hope they're ok."),
    ("en", "I'm not responsible for my mother's bills but the invoice came to me."),
    ("en", "The next person who calls should ask for the results, my husband will ring."),
    ("sv", "Jag kommer in på fredag och då ska vi se hur såret har läkt."),
    ("fi", "Tuun perjantaina ja sit katotaan miten haava on parantunut."),
    ("sv", "Vore synd om min rullator gick sönder igen, kan ni byta den?"),
    ("en", "My son goes to school nearby, can he be picked up at 3 and brought for his jab?"),
    ("en", "I'll see to that myself, thanks for the advice about the dressing."),
    ("sv", "Det ska jag se till, tack för hjälpen med förbandet."),
    ("en", "Mark my words, I'll be back to normal in a week with these antibiotics!"),
    ("en", "Friendly reminder that my blood test results are still pending."),
    (
        "en",
        "Haha thanks, my kids think my hands are always cold "
        "too. Can you touch base with the physio?",
    ),
    ("fi", "Hehe kiitti, voitteko laittaa lähetteen muualle, lähempänä kotia?"),
    ("sv", "Haha tack, kan ni stoppa in en ny tid nästa vecka?"),
    (
        "en",
        "My wife is away, can my neighbour collect my prescription and the wine-free mouthwash?",
    ),
    ("en", "I have a bad stabbing pain when I bend, can you examine me?"),
    ("sv", "Jag har en knöl på bröstet, den är stor och öm, kan jag få tid?"),
    ("fi", "Mun puoliso on matkoilla, voinko siirtää aikaa?"),
    ("en", "I want to make a formal complaint and I will be contacting the press and my lawyer."),
    ("sv", "Jag kommer anmäla det här till Patientnämnden och IVO, det här är oacceptabelt."),
    ("fi", "Teen kantelun Valviraan ja otan yhteyttä lehteen."),
    ("en", "I was hit by a car and my face is smashed up, I need to see someone today."),
    ("sv", "Jag blev misshandlad och fick käken krossad, behöver remiss till käkkirurg."),
    ("fi", "Mut hakattiin ja naama on hajalla, tarviin lääkärin."),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_family_said_another_way(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), STAY_CLEAN)
def test_near_miss_stays_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text", "category"), MORE_WORDINGS)
def test_more_wordings(moderator: Moderator, lang: str, text: str, category: str) -> None:
    assert_category(moderator, text, lang, category)
