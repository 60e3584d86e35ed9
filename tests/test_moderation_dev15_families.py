"""Families said another way (dev15): threats without kill or murder words, missed on the
fifteenth blind corpus (moderation_dev15.tsv: implicit threats, stalking, deadlines, the clinic,
the car, the home, the children and pets, arson, poison, threats as questions or jokes, via
relatives, weapon emoji) are met by classes and rules suffixed `_t15`
(bot/moderation/lexicon/structures_threats_t15.yaml) and tried here on wordings written for this
test in Swedish, English and Finnish, not taken from the corpus. Beside them, the near misses a
patient really writes (a complaint to IVO or the newspaper, hunting, forestry, an idiom, a threat
made to the writer, a pet that ate something, a fire alarm) must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (family, language, text, category)
SAID_ANOTHER_WAY = [
    # A weapon emoji said to the reader, or near the clinic or a staff word.
    ("weapon emoji", "en", "see you tomorrow doc 🔫", "threat"),
    ("weapon emoji", "sv", "hälsa sköterskan att jag kommer 🔪", "threat"),
    ("weapon emoji", "fi", "terveisiä lääkärille 💣💣", "threat"),
    # A threat taken back as a joke, or called a promise.
    ("joke or not", "en", "only kidding... or was i", "threat"),
    ("joke or not", "sv", "jag skämtar bara. eller gör jag det", "threat"),
    ("joke or not", "fi", "läppä läppä, vai oonko", "threat"),
    ("not a threat", "en", "this is not a threat, it's a warning", "threat"),
    ("not a threat", "sv", "ta det inte som ett hot, det är ett löfte", "threat"),
    ("not a threat", "fi", "tää ei oo uhkaus vaan lupaus", "threat"),
    # The reader's fear asked after.
    ("scared yet", "en", "are you nervous yet, nurse?", "threat"),
    ("scared yet", "sv", "är ni rädda än där på vårdcentralen", "threat"),
    ("scared yet", "fi", "pelkäättekö jo siellä", "threat"),
    # The reader as the next patient, or with a coffin to order.
    ("next patient", "en", "soon enough you will be the one on a stretcher", "threat"),
    ("next patient", "sv", "snart är det du som behöver ambulans själv", "threat"),
    ("next patient", "fi", "pian sä tarviit ite ambulanssia", "threat"),
    ("coffin", "en", "that nurse should order her own coffin", "threat"),
    ("coffin", "sv", "du kan lika gärna beställa en gravsten, syster", "threat"),
    ("coffin", "fi", "se hoitaja vois tilata oman arkun", "threat"),
    # Days numbered, goodbye to a face or a car, something happening to them.
    ("days numbered", "en", "nurse Eva, your days are numbered", "threat"),
    ("days numbered", "sv", "era dagar är räknade på den där mottagningen", "threat"),
    ("days numbered", "fi", "teidän päivät on luetut", "threat"),
    ("goodbye", "en", "kiss goodbye to your car then", "threat"),
    ("goodbye", "sv", "säg hejdå till din bil i så fall", "threat"),
    ("goodbye", "fi", "sano heipat sun autolle", "threat"),
    # The reader's home watched now; people who know people; relatives at the door.
    ("home now", "en", "parked across the street from your house right now", "threat"),
    ("home now", "sv", "jag sitter i bilen utanför ditt hus just nu", "threat"),
    ("home now", "fi", "seison sun talon edessä nyt", "threat"),
    ("connections", "en", "my brother has connections, they will find you", "threat"),
    ("connections", "sv", "min kompis känner folk i gänget, de kan hälsa på dig", "threat"),
    ("connections", "fi", "mun serkku tuntee jengiä, ne käy sun luona", "threat"),
    ("gang at the door", "en", "a few guys could be standing outside your door tonight", "threat"),
    ("gang at the door", "sv", "ett samtal så står ett gäng utanför din dörr", "threat"),
    ("gang at the door", "fi", "yks puhelu ja mun jätkät on sun ovella", "threat"),
    # Knowing the reader's life: alone, easy to find, their family's week, their school.
    ("lives alone", "en", "I know you live alone, I've seen you", "threat"),
    ("lives alone", "sv", "jag vet att du bor ensam", "threat"),
    ("lives alone", "fi", "mä tiedän et asut yksin", "threat"),
    ("easy to find", "en", "you live near the lake, not hard to find", "threat"),
    ("easy to find", "sv", "du bor i ett gult hus, inte svårt att hitta", "threat"),
    ("easy to find", "fi", "asut siellä keltaisessa talossa, helppo löytää", "threat"),
    ("family week", "en", "your son has football practice on tuesdays, right?", "threat"),
    ("family week", "sv", "din dotter har dans på onsdagar va", "threat"),
    ("family week", "fi", "sun poika käy uimassa torstaisin eiks niin", "threat"),
    ("family school", "sv", "din lilla går på Björkskolan, visst", "threat"),
    ("found online", "en", "found your instagram, lovely garden", "threat"),
    ("found online", "sv", "hittade din facebook, fint hus", "threat"),
    # The reader's door, tyres, insurance, glass screen doubted.
    ("door", "en", "your door looks flimsy", "threat"),
    ("door", "sv", "ditt lås ser inte särskilt starkt ut", "threat"),
    ("door", "fi", "sun ovi on aika heikko", "threat"),
    ("tyres", "en", "shame if your tires got slashed", "threat"),
    ("tyres", "sv", "dina däck kan bli punkterade", "threat"),
    ("tyres", "fi", "sun renkaat voi olla puhki aamulla", "threat"),
    ("insurance", "en", "is your car insurance up to date? just saying", "threat"),
    ("insurance", "fi", "onko sulla kotivakuutus kunnossa? tarkista", "threat"),
    ("glass", "en", "you think security will save you", "threat"),
    ("glass", "sv", "tror ni att väktaren skyddar er", "threat"),
    ("glass", "fi", "luuletko et vartija suojaa sua", "threat"),
    # Poison near coffee, food or a pet; a fire wished on a home at night.
    ("poison", "en", "antifreeze in the staff coffee would be funny", "threat"),
    ("poison", "sv", "råttgift i personalens kaffe vore kul", "threat"),
    ("poison", "fi", "rotanmyrkkyä teidän kahviin", "threat"),
    ("fire", "en", "what if your garage caught fire one night", "threat"),
    ("fire", "sv", "tänk om er mottagning tog eld en natt", "threat"),
    ("fire", "fi", "mitä jos sun talo syttyis tuleen yöllä", "threat"),
    ("burn", "en", "you will burn", "threat"),
    # Suffering, consequences, a deadline, war, trouble when I come.
    ("suffer", "en", "all of you will suffer for this", "threat"),
    ("suffer", "sv", "ni kommer att lida för det här", "threat"),
    ("suffer", "fi", "te tuutte kärsimään tästä", "threat"),
    ("consequences", "en", "renew it by friday or face the consequences", "threat"),
    ("consequences", "sv", "fixa remissen innan fredag annars får ni ta konsekvenserna", "threat"),
    ("consequences", "fi", "lähete huomiseen mennessä tai kannatte seuraukset", "threat"),
    ("things happen", "en", "bad things will happen, i promise you", "threat"),
    ("things happen", "sv", "det kommer hända grejer, jag lovar", "threat"),
    ("things happen", "fi", "pahoja asioita tapahtuu, sen mä lupaan", "threat"),
    ("war", "en", "this means war", "threat"),
    ("war", "sv", "vill ni ha krig så får ni det", "threat"),
    ("war", "fi", "haluatteko sotaa", "threat"),
    ("come and trouble", "en", "we're coming over tonight and then it gets ugly", "threat"),
    ("come and trouble", "sv", "vi kommer dit ikväll och då blir det bråk", "threat"),
    ("come and trouble", "fi", "me tullaan sinne illalla ja sitten paukkuu", "threat"),
    # A dare, crude tools, fists, a beating deserved, blood.
    ("dare", "en", "try me and see what happens", "threat"),
    ("dare", "sv", "säg nej en gång till så får du se vad jag gör", "threat"),
    ("dare", "fi", "sano ei vielä kerran niin saat nähdä mitä mä teen", "threat"),
    ("crude weapon", "en", "I'll bring a sledgehammer to the clinic", "threat"),
    ("crude weapon", "sv", "jag kommer med kofoten till mottagningen", "threat"),
    ("crude weapon", "fi", "tuun moukarin kanssa terveyskeskukseen", "threat"),
    ("fist", "en", "that doctor will get a fist in his face", "threat"),
    ("fist", "sv", "läkaren får en knytnäve i ansiktet", "threat"),
    ("fist", "fi", "se lääkäri saa nyrkistä naamaan", "threat"),
    ("beating", "en", "that receptionist deserves a good beating", "threat"),
    ("beating", "sv", "sköterskan förtjänar ett kok stryk", "threat"),
    ("beating", "fi", "toi lääkäri ansaitsee selkäsaunan", "threat"),
    ("beat out", "fi", "hakkaan ton hoitajan", "threat"),
    ("smash", "en", "I will smash the windows of your clinic", "threat"),
    ("smash", "sv", "jag ska krossa fönstren på er vårdcentral", "threat"),
    # Savings: people like you, pay in blood, read the news, think of your kids, dark roads.
    ("people like you", "en", "back home we know what to do with people like you", "threat"),
    ("people like you", "sv", "vi vet vad man gör med såna som du", "threat"),
    ("people like you", "fi", "meillä tiedetään mitä tehdään sun kaltaisille", "threat"),
    ("news", "en", "watch the news tomorrow", "threat"),
    ("news", "sv", "titta på nyheterna imorgon", "threat"),
    ("news", "fi", "katsokaa uutiset huomenna", "threat"),
    ("kids", "en", "think of your kids before you say no", "threat"),
    ("kids", "fi", "ajattele lapsias ennen kuin sanot ei", "threat"),
    ("grave", "en", "you'll be six feet under", "threat"),
    ("grave", "sv", "du hamnar i graven", "threat"),
    ("dark road", "en", "dark road home tonight, anything can happen", "threat"),
    ("dark road", "sv", "mörkt på vägen hem, vad som helst kan hända", "threat"),
    ("dark road", "fi", "pimeä tie kotiin, kaikkea voi sattua", "threat"),
    ("run over", "en", "you cross that road every morning and I drive a big truck", "threat"),
    ("run over", "fi", "kuljet suojatien yli joka aamu, mulla on iso auto", "threat"),
    ("muzzle", "sv", "jag tar med hunden och tar av munkorgen", "threat"),
    ("laugh last", "en", "we'll see who's laughing then", "threat"),
    ("know when", "sv", "jag håller koll på när ditt skift slutar", "threat"),
    ("find you", "en", "i will find you, sooner or later", "threat"),
    ("find you", "sv", "jag hittar dig förr eller senare", "threat"),
    ("find you", "fi", "löydän sut ennemmin tai myöhemmin", "threat"),
    # Round 2: the reader's safety asked after, a last weekend, time running out, no promise of
    # calm, "you're next", the home photographed, a tracker, pets and children outside alone,
    # a place that would burn, petrol in the boot, a big relative who is angry, a small town.
    ("feel safe", "en", "do you feel safe walking to your car at night", "threat"),
    ("feel safe", "sv", "känner du dig trygg på vägen hem på kvällarna", "threat"),
    ("feel safe", "fi", "tunnetko olos turvalliseks yöllä kotimatkalla", "threat"),
    ("last weekend", "en", "enjoy the holidays, might be your last", "threat"),
    ("last weekend", "sv", "njut av sommaren medan du fortfarande kan", "threat"),
    ("last weekend", "fi", "nauti viikonlopusta, voi olla sun viimeinen", "threat"),
    ("time running out", "en", "clock is ticking for you, doc", "threat"),
    ("time running out", "sv", "tiden rinner ut för er", "threat"),
    ("time running out", "fi", "aika loppuu teiltä", "threat"),
    ("not responsible", "en", "after today I won't be responsible for my actions", "threat"),
    ("not responsible", "sv", "jag ansvarar inte för vad som händer om ni vägrar", "threat"),
    ("not responsible", "fi", "en vastaa teoistani jos ette soita", "threat"),
    ("stay calm", "en", "can't promise I'll keep calm next time I see you", "threat"),
    ("stay calm", "sv", "kan inte lova att jag behåller lugnet när jag ser dig", "threat"),
    ("stay calm", "fi", "en lupaa pysyä rauhallisena kun nään sut", "threat"),
    ("you're next", "en", "u r next nurse", "threat"),
    ("you're next", "sv", "ni e nästa", "threat"),
    ("you're next", "fi", "arvaa kuka on seuraavana", "threat"),
    ("photographed", "en", "I've got photos of your house and your car", "threat"),
    ("photographed", "sv", "jag tog bilder på ditt hus igår", "threat"),
    ("photographed", "fi", "mulla on kuvia sun talosta", "threat"),
    ("tracker", "en", "there's an airtag on your car now", "threat"),
    ("tracker", "sv", "satte en spårsändare på din bil", "threat"),
    ("pet outside", "en", "your dog is outside on its own at night, isn't he", "threat"),
    ("pet outside", "sv", "din hund springer lös på nätterna va", "threat"),
    ("pet outside", "fi", "sun kissa on pihalla öisin eikö vaan", "threat"),
    ("children alone", "en", "your kids walk home alone from school", "threat"),
    ("children alone", "sv", "dina barn går hem själva från skolan", "threat"),
    ("children alone", "fi", "sun lapset kävelee yksin kotiin", "threat"),
    ("children hurt", "en", "wouldn't want your son to get hurt", "threat"),
    ("children hurt", "sv", "vore synd om din dotter råkade illa ut", "threat"),
    ("bus home", "en", "i know which bus you take", "threat"),
    ("bus home", "fi", "tiedän millä bussilla sä meet", "threat"),
    ("burn nicely", "en", "that building would go up in flames", "threat"),
    ("burn nicely", "sv", "er vårdcentral skulle brinna fint", "threat"),
    ("burn nicely", "fi", "se paikka palais hienosti", "threat"),
    ("petrol in the boot", "en", "I've got a jerrycan in the trunk", "threat"),
    ("petrol in the boot", "sv", "har en bensindunk i bilen", "threat"),
    ("petrol in the boot", "fi", "bensakanisteri on autossa mukana", "threat"),
    ("still standing", "en", "your clinic will be rubble by christmas", "threat"),
    ("still standing", "sv", "mottagningen kommer inte att stå kvar", "threat"),
    ("big relative", "en", "my brother is a boxer and he is mad at you", "threat"),
    ("big relative", "sv", "min bror är boxare och han är förbannad på dig", "threat"),
    ("big relative", "fi", "mun veli on nyrkkeilijä ja se on raivona sulle", "threat"),
    ("small town", "en", "small town, people talk, people disappear", "threat"),
    ("small town", "sv", "litet samhälle, folk försvinner", "threat"),
    ("small town", "fi", "pieni paikkakunta, ihmisiä katoaa", "threat"),
    ("stop me", "en", "nobody can stop me now", "threat"),
    ("stop me", "fi", "kukaan ei pysäytä mua", "threat"),
]

NEAR_MISSES = [
    # Complaints, the newspaper, IVO: no threat.
    ("en", "I will report this to IVO and the newspaper if nobody calls me back by friday"),
    ("sv", "jag kommer att anmäla er till IVO och kontakta tidningen"),
    ("fi", "teen valituksen ja otan yhteyttä lehteen jos ette soita"),
    ("en", "I saw the news about the strike, is my appointment on friday cancelled?"),
    ("sv", "såg på nyheterna att ni har ny chef, kommer min tid ändras?"),
    # Hunting, forestry, a chainsaw injury.
    ("sv", "skar mig med motorsågen i skogen, behöver jag stelkrampsspruta? 🔪"),
    ("en", "going hunting with my rifle on saturday, can I take my inhaler?"),
    ("fi", "hirvijahdissa tuli haava käteen, pitäiskö tulla näytille"),
    # Pets, poison, food.
    ("en", "the dog ate rat poison by accident, what do we do"),
    ("sv", "min katt åt råttgift, vart ringer jag"),
    ("fi", "koira söi vahingossa rotanmyrkkyä"),
    ("en", "can I put sugar in my coffee with diabetes"),
    # Fire, burns, alarms.
    ("en", "my chest burns at night, is that reflux?"),
    ("sv", "det brinner i halsen när jag sväljer"),
    ("fi", "jalkapohjat palaa öisin, onko se hermoista"),
    ("en", "what if my house catches fire with the oxygen tank inside, is it safe?"),
    ("sv", "brandlarmet gick i vårt hus i natt och jag andades in rök"),
    # A threat made to the writer, told to the clinic.
    ("en", "my ex said I'll never feel safe and he knows where I live, I'm scared"),
    ("sv", "min granne sa att jag ska akta mig, jag är rädd och kan inte sova"),
    ("fi", "ex-mies uhkasi mua viestillä, en saa nukuttua"),
    # Everyday words of these families.
    ("en", "I'll be in the car park outside your building, which entrance is open?"),
    ("sv", "jag står utanför er dörr nu men den är låst, kan ni släppa in mig?"),
    ("fi", "oon teidän oven edessä nyt, missä on sisäänkäynti auki"),
    ("en", "my daughter plays hockey on saturdays, can she play with a sprained wrist?"),
    ("sv", "min son spelar fotboll på lördagar, kan han spela med gips?"),
    ("fi", "mun tyttö pelaa jääkiekkoa lauantaisin, voiko se pelata kipsin kanssa"),
    ("en", "I live alone and need help with the stairs, is there home care?"),
    ("sv", "jag bor ensam sedan min man dog, finns det hemtjänst?"),
    ("fi", "asun yksin ja tarviin apua kauppakäynteihin"),
    ("en", "will I suffer from side effects if I double the dose?"),
    ("sv", "kommer jag lida av biverkningar av den nya medicinen?"),
    ("en", "we'll see what happens after the scan I guess"),
    ("fi", "katotaan mitä tapahtuu kun lopetan lääkkeen"),
    ("en", "I was only joking with the nurse about the needle, sorry if it sounded rude"),
    ("sv", "jag skämtar bara, men är det normalt att det kliar så mycket?"),
    ("en", "are you scared of dogs? mine will come along to the home visit"),
    ("en", "next time I need a doctor can I book online?"),
    ("sv", "dörren till er mottagning är trasig, den går inte att öppna med rullstol"),
    ("en", "my tires were flat so I missed my appointment, can I rebook?"),
    ("fi", "onko mun kotivakuutus voimassa jos kaadun teidän pihalla?"),
    ("en", "is the glass screen at reception there to protect you from covid?"),
    ("sv", "tur att det finns en skärm mellan oss, jag hostar hela tiden"),
    ("en", "my dad picked his own coffin before he died, can you send his records?"),
    ("fi", "mun isä kuoli viime viikolla, hautajaiset on lauantaina"),
    ("en", "it is dark when I walk home and I cannot see well, is that my eyes?"),
    ("sv", "det är mörkt på vägen hem och jag har svårt att se, är det grå starr?"),
    ("en", "I'm outside with my cousins waiting for my appointment"),
    ("sv", "jag och mina kusiner kommer på måndag till pappas besök"),
    ("fi", "tuun serkkujen kanssa huomenna isän vastaanotolle"),
    ("en", "my son is getting out of prison next month and needs a GP"),
    ("sv", "min bror känner folk som jobbar på sjukhuset, kan han få remiss dit?"),
    ("en", "the fist of my hand is swollen and I can't close it"),
    ("en", "we had a serious talk with my dad about his drinking"),
    ("en", "I don't feel safe walking home at night since my surgery, my balance is bad"),
    ("sv", "jag känner mig inte trygg hemma ensam efter strokeen"),
    ("fi", "en tunne oloani turvalliseksi kotona yksin"),
    ("en", "sleep well tonight if you can, nurse, you had a long shift"),
    ("sv", "njut av ledigheten, du har förtjänat den"),
    ("en", "the nurse said you're next in line for the vaccine, is that right?"),
    ("sv", "är du nästa på listan för vaccinet?"),
    ("en", "the pharmacy says it isn't responsible for what happens if I mix them"),
    ("en", "I took photos of my rash yesterday, can I send them?"),
    ("en", "my dog is outside all night, could that be why I'm allergic?"),
    ("sv", "min katt springer ute på nätterna, kan jag ha fått fästingar?"),
    ("en", "my kids walk home alone from school now, is that ok with his adhd?"),
    ("fi", "mun lapset kävelee yksin kouluun, voiko ne ottaa lääkkeen itse?"),
    ("en", "I keep a petrol can in the boot for the lawnmower, the fumes give me headaches"),
    ("en", "my son is a boxer, he hurt his hand, can you see him?"),
    ("en", "small town life, everyone knows everyone, I need a doctor outside the region"),
    ("sv", "kan du ge mig tiden för bussen? vilken buss går till sjukhuset"),
    ("en", "I can't promise I'll stay calm during the injection, I hate needles"),
]


@pytest.mark.parametrize(("family", "lang", "text", "category"), SAID_ANOTHER_WAY)
def test_dev15_families_land_in_their_category(
    moderator: Moderator, family: str, lang: str, text: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, family)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev15_near_misses_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
