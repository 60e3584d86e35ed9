"""Tone rules by structure (issue 14, round 2): word classes combined by position
(bot/moderation/structures.py, lexicon/structures.yaml). Each structure is tried on wordings
written for this test, none taken from a corpus, in sv, en and fi; the hard negatives beside
them (the writer's own body, a medical question, a shift the writer works, spaced initials)
must stay below "log"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.moderation import Moderator, load_lexicon
from bot.moderation.structures import StructureError, Structures


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (structure, language, text, category)
STRUCTURES = [
    # Sexual harassment: the reader's looks, body, clothes, a date, a picture, a touch.
    ("appearance", "sv", "fan vad snygg du är idag syster", "sexual_harassment"),
    ("appearance", "en", "honestly you look gorgeous on the video", "sexual_harassment"),
    ("appearance", "fi", "oot tosi kaunis hoitaja", "sexual_harassment"),
    ("body", "sv", "dina läppar ser mjuka ut", "sexual_harassment"),
    ("body", "en", "can't stop looking at your thighs", "sexual_harassment"),
    ("body", "fi", "sun huulet on ihanat", "sexual_harassment"),
    ("clothing", "sv", "byt till en kortare kjol du, det klär dig", "sexual_harassment"),
    ("clothing", "en", "your uniform looks a size too small, love it", "sexual_harassment"),
    ("clothing", "fi", "laita huomenna se punainen mekko ja hame päälle sä", "sexual_harassment"),
    ("date", "sv", "vill du gå på dejt med mig på lördag", "sexual_harassment"),
    ("date", "en", "you and me, drinks after your last patient?", "sexual_harassment"),
    ("date", "fi", "lähtisitkö sä mun kanssa treffeille", "sexual_harassment"),
    ("photo", "sv", "skicka en selfie på dig själv", "sexual_harassment"),
    ("photo", "en", "got any pics of yourself off duty?", "sexual_harassment"),
    ("photo", "fi", "laita kuvia susta bikineissä", "sexual_harassment"),
    ("private", "sv", "ge mig ditt nummer, ingen behöver veta", "sexual_harassment"),
    ("private", "en", "let's meet up, just the two of us, off the record", "sexual_harassment"),
    ("private", "fi", "anna numero, kenenkään ei tarvii tietää", "sexual_harassment"),
    ("exam", "sv", "undersök mig hur du vill, jag klagar inte", "sexual_harassment"),
    ("exam", "en", "you can examine me however you like, doc", "sexual_harassment"),
    ("exam", "fi", "saat tutkia mua miten haluat", "sexual_harassment"),
    ("bed", "sv", "ligger naken i sängen, vill du komma hem", "sexual_harassment"),
    ("bed", "en", "all alone in bed tonight, want to come over?", "sexual_harassment"),
    ("bed", "fi", "oon yksin sängyssä, tuu käymään", "sexual_harassment"),
    ("thinking", "sv", "jag drömmer om dina händer", "sexual_harassment"),
    ("thinking", "en", "I keep thinking about your eyes", "sexual_harassment"),
    ("thinking", "fi", "ajattelen sun silmät koko ajan", "sexual_harassment"),
    ("arousal", "sv", "blev kåt av att höra din röst", "sexual_harassment"),
    ("arousal", "en", "I got hard when you said my name", "sexual_harassment"),
    ("relation", "fi", "ootko sinkku vai varattu", "sexual_harassment"),
    # Threats: harm with intent and a target, across sentences.
    ("intent", "sv", "jag ska mörda dig. tro mig.", "threat"),
    ("intent", "en", "I'm going to strangle you, wait and see", "threat"),
    ("intent", "fi", "mä ammun sut", "threat"),
    ("weapon", "sv", "jag tar med mig kniven till mottagningen nästa gång", "threat"),
    ("weapon", "en", "next time I'll bring a gun to the surgery", "threat"),
    ("weapon", "fi", "tuon aseen terveyskeskukseen huomenna", "threat"),
    ("know where", "sv", "jag vet var du parkerar", "threat"),
    ("know where", "en", "we know where you work", "threat"),
    ("know where", "fi", "mä tiedän missä sä asut", "threat"),
    ("lurking", "sv", "ditt pass slutar snart. jag står utanför", "threat"),
    ("lurking", "en", "when you finish tonight. I'll be waiting.", "threat"),
    ("lurking", "fi", "vuorosi loppuu pian. odotan pihalla.", "threat"),
    ("consequence", "sv", "du kommer ångra det här", "threat"),
    ("consequence", "en", "you'll regret this, mark my words", "threat"),
    ("consequence", "fi", "tuut vielä katumaan tätä", "threat"),
    ("family", "sv", "dina barn går väl på Björkens förskola", "threat"),
    ("family", "en", "your daughter walks home from school alone, right?", "threat"),
    ("family", "fi", "sun lapset on siinä päiväkodissa, eikö", "threat"),
    ("possession", "sv", "fin bil du har, vore synd om något hände den", "threat"),
    ("possession", "en", "nice house you've got, would be a shame if it burned", "threat"),
    ("possession", "fi", "sun auto on hieno, ois kurjaa jos sille kävis jotain", "threat"),
    ("bag", "sv", "jag lämnade ett paket i receptionen, utrym innan tre", "threat"),
    ("bag", "en", "there's a package at reception. evacuate before noon", "threat"),
    ("bag", "fi", "aulassa on laukku, poistukaa ennen kolmea", "threat"),
    ("coming to harm", "fi", "tuun hakkaamaan sut", "threat"),
    ("spelled", "sv", "d ö d a", "threat"),
    ("spelled", "en", "s h o o t", "threat"),
    ("spelled", "fi", "a m m u n", "threat"),
    ("fire", "sv", "jag häller bensin i er entré i natt", "threat"),
    ("fire", "en", "a can of petrol and your clinic, think about it", "threat"),
    ("fire", "fi", "sytytän teidän terveysaseman", "threat"),
    ("lurk you", "sv", "jag väntar på dig ute ikväll", "threat"),
    ("lurk you", "en", "I'll be waiting for you after work", "threat"),
    ("lurk you", "fi", "odotan sua illalla parkkipaikalla", "threat"),
    ("know private", "sv", "jag vet vilken bil du har", "threat"),
    ("know private", "en", "I know your address now", "threat"),
    ("know private", "fi", "tiedän sun osoitteen", "threat"),
    ("ominous", "sv", "det här är inte över, syster", "threat"),
    ("ominous", "en", "watch your back on the way home", "threat"),
    ("ominous", "fi", "tää ei jää tähän, hoitaja", "threat"),
    ("body target", "sv", "jag ska bryta näsan på dig", "threat"),
    ("body target", "en", "I'm going to break your legs", "threat"),
    ("body target", "fi", "katkaisen sun niskat", "threat"),
    ("ultimatum", "sv", "bäst för dig att skriva ut det, annars får du se", "threat"),
    ("ultimatum", "en", "you'd better sort my prescription, or else", "threat"),
    ("ultimatum", "fi", "parasta että soitat tänään tai muuten", "threat"),
    ("blow up", "sv", "jag spränger hela stället", "threat"),
    ("blow up", "en", "I'll blow up the place", "threat"),
    ("blow up", "fi", "räjäytän koko paikan", "threat"),
    ("sexual act", "sv", "vill ligga med dig på britsen", "sexual_harassment"),
    ("sexual act", "en", "I'd love to sleep with you, nurse", "sexual_harassment"),
    ("sexual act", "fi", "haluisin naida sua", "sexual_harassment"),
    ("invite home", "sv", "kom hem till mig efter jobbet", "sexual_harassment"),
    ("invite home", "en", "come back to my place, I'll cook", "sexual_harassment"),
    ("invite home", "fi", "tuu meille tänään", "sexual_harassment"),
    ("go back", "sv", "åk hem till ditt land", "discrimination"),
    ("go back", "en", "go back where you came from", "discrimination"),
    ("go back", "fi", "opettele suomea ennen kuin hoidat ketään", "discrimination"),
    # Insults: compounds on an insulting last part, stems in any case, diminutives.
    ("compound", "sv", "din korkskallejävel", "insult"),
    ("compound", "sv", "du är en riktig surkärring", "insult"),
    ("compound", "sv", "sjukvårdshora, svara nu", "insult"),
    ("headed", "sv", "era idiotråttor fattar inget", "insult"),
    ("stem", "fi", "sinä typeryksen näköinen", "insult"),
    ("stem", "fi", "ääliöt siellä vastaanotossa", "insult"),
    ("stem", "fi", "mikä hölmöläinen", "insult"),
    ("stem", "en", "you utter nitwits", "insult"),
    ("diminutive", "sv", "lilla doktorn, läs journalen först", "insult"),
    ("diminutive", "en", "listen, little doctor, I know my rights", "insult"),
    ("diminutive", "fi", "pikku hoitaja ei taida tietää", "insult"),
    ("even", "sv", "har du ens en legitimation?", "insult"),
    ("even", "en", "did you even go to med school?", "insult"),
    ("even", "fi", "osaatko sä edes lukea?", "insult"),
    # Discrimination: a slur compound, a group refused or held in contempt.
    ("slur compound", "sv", "jävla somalifan", "discrimination"),
    ("slur compound", "sv", "arabjävlar överallt", "discrimination"),
    ("group refused", "sv", "är läkaren muslim? då vill jag byta", "discrimination"),
    ("group refused", "en", "if the doctor is a foreigner, I want to swap", "discrimination"),
    ("group refused", "fi", "jos lääkäri on maahanmuuttaja, vaihtakaa", "discrimination"),
    ("kind", "sv", "kvinnor fattar inget om medicin", "discrimination"),
    ("kind", "en", "women are glorified nurses at best", "discrimination"),
    ("kind", "fi", "naiset ei ymmärrä mitään lääketieteestä", "discrimination"),
    # Round 3 (issue 14): families with no vulgar or weapon word, each rule on wordings written
    # here, none a corpus line.
    ("too pretty", "en", "you're far too cute to be stuck in a clinic", "sexual_harassment"),
    (
        "too pretty",
        "sv",
        "du är alldeles för snygg för att vara sjuksköterska",
        "sexual_harassment",
    ),
    ("too pretty", "fi", "sä oot liian kaunis ollakseen hoitaja", "sexual_harassment"),
    ("body compliment", "en", "nice legs in that photo on the website", "sexual_harassment"),
    ("body compliment", "sv", "vilka fina läppar hon har, doktorn", "sexual_harassment"),
    ("body compliment", "fi", "hoitajalla on kivat huulet", "sexual_harassment"),
    ("looks in a picture", "en", "you look stunning in the staff picture", "sexual_harassment"),
    (
        "looks in a picture",
        "sv",
        "såg bilden på hemsidan, vilken läcker sköterska",
        "sexual_harassment",
    ),
    (
        "looks in a picture",
        "fi",
        "näytät tosi seksikkäältä siinä profiilikuvassa",
        "sexual_harassment",
    ),
    (
        "partner",
        "en",
        "your husband is one lucky man, or is there no husband?",
        "sexual_harassment",
    ),
    ("partner", "sv", "din sambo är en lyckost", "sexual_harassment"),
    ("partner", "fi", "sun mies on kyllä onnekas", "sexual_harassment"),
    ("pickup", "en", "what time does your shift end? I'll pick you up", "sexual_harassment"),
    ("pickup", "sv", "när slutar ditt pass? jag kan skjutsa dig hem", "sexual_harassment"),
    ("pickup", "fi", "kun pääset töistä niin haen sut autolla", "sexual_harassment"),
    ("desire", "en", "you have no idea what I want to do to you", "sexual_harassment"),
    ("desire", "sv", "jag vet precis vad jag vill göra med dig", "sexual_harassment"),
    ("desire", "fi", "arvaa mitä haluisin tehdä sulle", "sexual_harassment"),
    (
        "my home",
        "en",
        "pop over to my flat after your shift, I'll open a bottle of wine",
        "sexual_harassment",
    ),
    ("my home", "sv", "kom hem till mig när du slutat, vinet står framme", "sexual_harassment"),
    ("my home", "fi", "tuu mun kämpille töiden jälkeen, viiniä on", "sexual_harassment"),
    ("wear for me", "en", "wear the blue scrubs tomorrow, for me", "sexual_harassment"),
    (
        "wear for me",
        "sv",
        "ha på dig den där kjolen nästa gång, för min skull",
        "sexual_harassment",
    ),
    ("wear for me", "fi", "laita huomenna hame, ihan mua varten", "sexual_harassment"),
    (
        "saved photo",
        "en",
        "I screenshotted your profile photo, it's my wallpaper now",
        "sexual_harassment",
    ),
    ("saved photo", "sv", "jag har sparat din bild från hemsidan", "sexual_harassment"),
    ("saved photo", "fi", "tallensin sun kuvan puhelimeen", "sexual_harassment"),
    (
        "voice in bed",
        "en",
        "I listen to your voice message in bed every night",
        "sexual_harassment",
    ),
    ("voice in bed", "sv", "jag hör din röst när jag ligger i sängen", "sexual_harassment"),
    (
        "private number",
        "en",
        "can I have your personal number, not the clinic one",
        "sexual_harassment",
    ),
    ("private number", "sv", "ge mig ditt privata nummer", "sexual_harassment"),
    ("social", "sv", "har du snap? lägg till mig", "sexual_harassment"),
    ("social", "en", "are you on tinder by any chance", "sexual_harassment"),
    ("go out", "en", "let me take you out for dinner sometime", "sexual_harassment"),
    ("go out", "fi", "lähtisitkö ulos joskus", "sexual_harassment"),
    ("your looks", "sv", "jag vill så gärna se hur du ser ut", "sexual_harassment"),
    ("your looks", "en", "go on, show me what you look like", "sexual_harassment"),
    ("how long", "en", "we'll see how long you keep those perfect teeth", "threat"),
    ("how long", "sv", "undrar hur länge du får behålla tänderna", "threat"),
    ("how long", "fi", "katsotaan kuinka kauan sä saat pitää sun nenän", "threat"),
    ("get outside", "en", "the guy who pushed in, I'll deal with him outside", "threat"),
    ("get outside", "sv", "han i kön, honom tar jag utanför sen", "threat"),
    ("get outside", "fi", "se mies joka etuili, hänet mä hoitelen parkkipaikalla", "threat"),
    ("prison", "en", "I did time for less than this", "threat"),
    ("prison", "sv", "har suttit inne för mindre än så här", "threat"),
    ("prison", "fi", "oon istunut linnassa vähemmästä", "threat"),
    ("fragile", "en", "lovely dog you have. dogs go missing all the time", "threat"),
    ("fragile", "sv", "fin bil du har, olyckor händer ju", "threat"),
    ("fragile", "fi", "kiva koira sulla, koirat katoaa helposti", "threat"),
    ("timed", "en", "it's 40 steps from the staff exit to your car. I've counted.", "threat"),
    ("timed", "sv", "jag har klockat hur lång tid det tar från ditt rum till bussen", "threat"),
    ("timed", "fi", "olen laskenut montako askelta on sun autolle", "threat"),
    ("know schedule", "en", "I know your rota better than you do", "threat"),
    ("know schedule", "sv", "jag vet när du går hem på torsdagar", "threat"),
    ("know schedule", "fi", "mä tiedän milloin lähdet töistä", "threat"),
    ("weapon fyi", "en", "I keep a knife in the car, just so you know", "threat"),
    ("weapon fyi", "sv", "jag har ett gevär hemma, bara så du vet", "threat"),
    ("weapon fyi", "fi", "mulla on ase kotona, ihan tiedoksi", "threat"),
    ("weapon where", "en", "my uncle owns a shotgun and I know where he keeps it", "threat"),
    ("weapon where", "sv", "pappa har en pistol och jag vet var den ligger", "threat"),
    ("meet again", "en", "we'll meet again, and not online", "threat"),
    ("meet again", "sv", "vi ses igen, och inte i chatten", "threat"),
    ("meet again", "fi", "nähdään vielä, kasvotusten", "threat"),
    ("dead staff", "en", "dead doctor walking", "threat"),
    ("dead staff", "sv", "död sköterska snart", "threat"),
    ("no gift", "en", "next time I'll bring you something, and it won't be chocolates", "threat"),
    ("no gift", "sv", "jag tar med något åt dig, och det är inte blommor", "threat"),
    ("done talking", "en", "I've asked nicely for a month. I'm done asking.", "threat"),
    ("done talking", "sv", "jag har bett snällt länge nu. slut på snack.", "threat"),
    ("done talking", "fi", "oon pyytänyt kiltisti. en kysy enää.", "threat"),
    ("property", "en", "I'll slash your tyres tonight", "threat"),
    ("property", "sv", "jag ska krossa rutorna på din bil", "threat"),
    ("property", "fi", "mä puhkon sun auton renkaat", "threat"),
    ("your home", "en", "I'm coming to your house tonight", "threat"),
    ("your home", "sv", "jag kommer hem till dig ikväll", "threat"),
    ("your home", "fi", "mä tuun sun kotiovelle", "threat"),
    ("children", "en", "your son walks home on his own, doesn't he", "threat"),
    ("children", "sv", "din dotter har en söt rosa ryggsäck", "threat"),
    ("children", "fi", "sun lapset käy siinä koulussa, eiks niin", "threat"),
    ("regret", "fi", "kadut vielä tätä", "threat"),
    ("regret", "en", "you will regret this", "threat"),
    ("shoulder", "en", "I'd look over your shoulder on the way home", "threat"),
    ("pretend", "en", "you're just a kid playing doctor", "insult"),
    ("pretend", "sv", "du är ju bara ett barn som leker doktor", "insult"),
    ("credential", "en", "did you buy your degree on ebay?", "insult"),
    ("credential", "sv", "hittade du din examen i en smällkaramell", "insult"),
    ("credential", "fi", "ostitko sun tutkinnon torista", "insult"),
    ("sarcasm", "en", "ten years of medical school and that's the advice? brilliant.", "insult"),
    ("worst", "en", "honestly the worst nurse I've ever met", "insult"),
    ("worst", "sv", "sämsta läkaren i hela regionen", "insult"),
    ("worst", "fi", "huonoin lääkäri ikinä", "insult"),
    ("who hired", "en", "who hired you, seriously", "insult"),
    ("who hired", "sv", "vem anställde dig egentligen", "insult"),
    ("who hired", "fi", "kuka sut palkkas", "insult"),
    ("waste", "en", "you are a waste of oxygen", "insult"),
    ("waste", "sv", "du är en skam för yrket", "insult"),
    ("old witch", "sv", "din gamla häxa", "insult"),
    ("brain dead", "en", "brain dead doctor can't read a chart", "insult"),
    ("spelled", "sv", "du är så d u m i huvudet", "insult"),
    ("minority refused", "en", "if the doctor is gay then I want someone else", "discrimination"),
    (
        "minority refused",
        "sv",
        "jag vill inte behandlas av den döva sköterskan, byt",
        "discrimination",
    ),
    ("minority refused", "fi", "en halua sitä huivipäätä, vaihtakaa", "discrimination"),
    ("nationality", "en", "Poles are lazy, keep them away from me", "discrimination"),
    ("nationality", "sv", "rumäner är smutsiga, jag vill ha en annan", "discrimination"),
    ("nationality", "fi", "virolaiset haisee, vaihtakaa hoitaja", "discrimination"),
    ("native", "en", "I want a white doctor this time", "discrimination"),
    ("native", "sv", "skicka en riktig svensk läkare", "discrimination"),
    ("native", "fi", "haluun aidon suomalaisen lääkärin", "discrimination"),
    # Round 3, second pass: more families (dreams, a crush, compliments on the face, booking to
    # see the reader; ruin, "who you're dealing with", following, locking doors, the car).
    ("looks undressed", "en", "bet you look amazing out of that uniform", "sexual_harassment"),
    ("we go", "en", "fancy a drink after work, just us two", "sexual_harassment"),
    ("dream", "en", "I dream about you every night", "sexual_harassment"),
    ("reason", "en", "you're the reason I keep booking appointments", "sexual_harassment"),
    ("face compliment", "sv", "du har världens finaste leende", "sexual_harassment"),
    ("dream", "sv", "jag drömmer om dig varje natt", "sexual_harassment"),
    ("pretext", "sv", "jag bokar tider bara för att få träffa dig", "sexual_harassment"),
    ("looks undressed", "sv", "du ser säkert fantastisk ut utan kläder", "sexual_harassment"),
    ("dream", "fi", "näen sinusta unta joka yö", "sexual_harassment"),
    ("we go", "fi", "lähdetäänkö illalliselle sun vuoron jälkeen", "sexual_harassment"),
    ("face compliment", "fi", "sulla on ihana hymy, haluun nähdä sut", "sexual_harassment"),
    ("pretext", "fi", "varaan aikoja vaan et nään sut", "sexual_harassment"),
    ("never meet", "en", "you'd better hope we never meet outside", "threat"),
    ("one day", "en", "one day you'll be alone in that car park", "threat"),
    ("ruin life", "en", "I'm going to make your life hell", "threat"),
    ("at your home", "en", "I'll be at your door tonight", "threat"),
    ("messing", "en", "you have no idea who you're messing with", "threat"),
    ("see happens", "en", "keep refusing and see what happens to you", "threat"),
    ("messing", "sv", "du vet inte vem du bråkar med", "threat"),
    ("ruin life", "sv", "jag ska göra ditt liv till ett helvete", "threat"),
    ("see happens", "sv", "fortsätt vägra så får du se vad som händer", "threat"),
    ("at your home", "sv", "jag står vid din dörr ikväll", "threat"),
    ("one day", "sv", "nån dag är du ensam på parkeringen", "threat"),
    ("messing", "fi", "et tiedä kenen kanssa pelleilet", "threat"),
    ("ruin life", "fi", "teen sun elämästä helvettiä", "threat"),
    ("see happens", "fi", "jatka vaan kieltäytymistä niin näet mitä tapahtuu", "threat"),
    ("at your home", "fi", "oon sun ovella tänä iltana", "threat"),
    ("one day", "fi", "jonain päivänä oot yksin parkkipaikalla", "threat"),
    (
        "if not hurt",
        "en",
        "if I don't get my meds today someone at that clinic is getting hurt",
        "threat",
    ),
    ("by your car", "en", "I'll be waiting by your car", "threat"),
    (
        "career end",
        "en",
        "I'll make sure you never work again, and that's the nice option",
        "threat",
    ),
    ("own hospital", "en", "you're going to end up in your own hospital", "threat"),
    ("sort you", "en", "I'll come down there and sort you out myself", "threat"),
    ("not smiling long", "en", "you won't be smiling for long", "threat"),
    ("greet family", "en", "say hi to your kids for me", "threat"),
    ("followed", "en", "I followed you home yesterday", "threat"),
    ("lock doors", "en", "better lock your doors tonight", "threat"),
    (
        "if not hurt",
        "sv",
        "om jag inte får mina mediciner idag kommer någon på mottagningen att bli skadad",
        "threat",
    ),
    ("by your car", "sv", "jag väntar vid din bil", "threat"),
    ("own hospital", "sv", "du kommer hamna på ditt eget sjukhus", "threat"),
    ("sort you", "sv", "jag kommer ner dit och fixar dig själv", "threat"),
    ("not smiling long", "sv", "du kommer inte le så länge till", "threat"),
    ("greet family", "sv", "hälsa dina barn från mig", "threat"),
    ("followed", "sv", "jag följde efter dig hem igår", "threat"),
    ("lock doors", "sv", "bäst att du låser dörren ikväll", "threat"),
    ("career end", "sv", "jag ska se till att du aldrig jobbar igen", "threat"),
    (
        "if not hurt",
        "fi",
        "jos en saa lääkkeitä tänään joku siellä vastaanotolla loukkaantuu",
        "threat",
    ),
    ("by your car", "fi", "odotan sun auton vieressä", "threat"),
    ("own hospital", "fi", "päädyt vielä omaan sairaalaasi", "threat"),
    ("sort you", "fi", "tuun sinne ja hoidan sut itse", "threat"),
    ("not smiling long", "fi", "et hymyile kauaa", "threat"),
    ("greet family", "fi", "terveisiä sun lapsille", "threat"),
    ("followed", "fi", "seurasin sua kotiin eilen", "threat"),
    ("lock doors", "fi", "kannattaa lukita ovet tänä yönä", "threat"),
    ("career end", "fi", "varmistan ettet enää ikinä tee töitä", "threat"),
    ("crush", "en", "I think I'm falling for you", "sexual_harassment"),
    ("crush", "sv", "jag tror jag är kär i dig", "sexual_harassment"),
    ("crush", "fi", "taidan olla rakastunut suhun", "sexual_harassment"),
    ("never meet", "sv", "hoppas vi aldrig möts ute på stan", "threat"),
    ("never meet", "fi", "toivo ettei me tavata kaupungilla", "threat"),
    ("reason", "en", "you are the reason I come here every week", "sexual_harassment"),
]


@pytest.mark.parametrize(("structure", "lang", "text", "category"), STRUCTURES)
def test_structures_catch_wordings_nobody_listed(
    moderator: Moderator, structure: str, lang: str, text: str, category: str
) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.category == category, (structure, moderator.explain(text, lang))


def test_threat_structures_alert_staff_at_once(moderator: Moderator) -> None:
    for _, lang, text, category in STRUCTURES:
        if category == "threat":
            assert moderator.check(text, lang).action == "alert_staff", text


# Everyday lines with the same words in another structure: they must stay below "log".
HARD_NEGATIVES = [
    ("sv", "kan du titta på mina bröst, det är en knöl i det vänstra"),
    ("sv", "ska jag vara naken under undersökningen?"),
    ("sv", "kan jag skicka en bild på utslaget till dig?"),
    ("sv", "jag slutar mitt pass kl 16, kan ni ringa efter det? jag väntar utanför apoteket"),
    ("sv", "min son går i samma skola som din dotter, så vi ses säkert"),
    ("sv", "jag vet inte var jag ska vända mig"),
    ("sv", "jag skar mig på en kniv i köket, kan jag komma till vårdcentralen?"),
    ("sv", "kan vi skjuta upp tiden? jag ska till jobbet"),
    ("sv", "jag vill byta till en kvinnlig läkare inför gynundersökningen"),
    ("sv", "min lillsyrra är sjuk, kan hon komma med?"),
    ("sv", "Stefan ringer om receptet"),
    ("sv", "jag känner mig som en idiot som inte ringde tidigare"),
    ("sv", "vitamin B 12 och D"),
    ("sv", "A B C-vitaminer, ska jag ta dem?"),
    ("en", "you said I can take ibuprofen with dinner, right?"),
    ("en", "can you look at my lips, they're swollen"),
    ("en", "I'll shoot you a message when the results come"),
    ("en", "is the medicine going to kill the infection?"),
    ("en", "my breathing is hard, can you call me?"),
    ("en", "I can't get hard, can you help?"),
    ("en", "stupid question, but can I drink coffee?"),
    ("en", 'my dad yelled "you idiot" at the nurse, sorry'),
    ("en", "I'd prefer a female doctor for the smear test"),
    ("en", "your kids go to the same school as mine, small world"),
    ("en", "signed, J R R"),
    ("en", "I left my bag in your waiting room, can someone keep it?"),
    ("fi", "voinko näyttää rinnat lääkärille vai riittääkö kuva?"),
    ("fi", "tyhmä kysymys, mutta voiko saunoa?"),
    ("fi", "tapan aikaa odotushuoneessa"),
    ("fi", "olen ääliö kun unohdin reseptin"),
    ("fi", "mun vuoro loppuu kuudelta, voiko soittaa sen jälkeen?"),
    ("fi", "ajattelin polttaa sillat ja vaihtaa terveyskeskusta"),
    ("fi", "poltan tupakkaa, haittaako se leikkausta?"),
    ("en", "I broke my leg last week, can I come in?"),
    ("en", "you'd better call me back, otherwise I'll go to the ER"),
    ("sv", "min arm har svullnat upp, bäst för mig att komma in?"),
    ("en", "I am trying to learn Swedish, can we write in English?"),
    ("sv", "du ska få se en bild på utslaget"),
    ("sv", "kan sjuksköterskan komma på hembesök, jag väntar på dig hemma"),
    ("en", "I burned myself on petrol at the clinic's car park, is it bad?"),
    # Round 3: the same words in a patient's own question or account.
    ("en", "the photo is pretty blurry, shall I send another?"),
    ("en", "I'm too hot to be outside today, can you call instead"),
    ("en", "my legs look nice and normal again after the cream"),
    ("sv", "min man har tur som har mig, men han snarkar, vad gör jag?"),
    ("en", "my husband is lucky, his test came back negative"),
    ("en", "can my husband pick me up after the operation?"),
    ("sv", "kan min dotter hämta mig efter ingreppet?"),
    ("en", "I want to do the blood test with you on Friday"),
    ("sv", "vad vill du att jag ska göra med receptet?"),
    ("en", "should I wear a skirt for the smear test?"),
    ("sv", "ska jag ha på mig kjol på undersökningen?"),
    ("en", "I saved the photo of the exercise you sent"),
    ("en", "your voice on the phone calmed me, thank you"),
    ("en", "can I have the clinic's direct number?"),
    ("en", "how long will my nose keep bleeding?"),
    ("en", "how long do you think my teeth will hurt after the extraction?"),
    ("en", "my dad did time in prison, does that affect my records?"),
    ("en", "my dog went missing and I can't sleep"),
    ("sv", "jag har räknat tabletterna, det fattas fem"),
    ("en", "I know when you close, I'll come before"),
    ("sv", "vet du när ni stänger idag?"),
    ("sv", "behöver jag läkarintyg för vapenlicens, vet ni var jag ansöker?"),
    ("en", "see you again next week, not in the chat but at the clinic"),
    ("en", "my mum is dead, doctor, I need a note"),
    ("sv", "jag har frågat snällt tre gånger, nu slutar jag skriva och anmäler till IVO"),
    ("en", "I smashed my car yesterday and my neck hurts"),
    ("en", "can you come to my house for a home visit"),
    ("sv", "mina barn går på förskolan, kan de få vaccin där?"),
    ("en", "stupid question, but did the doctor hire a locum?"),
    ("en", "it would be a waste of your time, I'll go to the pharmacy"),
    ("sv", "asså jag har typ finnar överallt, finns det nån kräm"),
    ("sv", "jag pratar finska, finns det någon som pratar finska?"),
    ("en", "I'd prefer a female doctor, I'm Muslim"),
    ("sv", "jag har svart avföring, ska jag byta medicin?"),
    ("fi", "musta tuntuu, että haluun vaihtaa lääkäriä"),
    ("fi", "ukki on ollut ihan pihalla koko päivän"),
    ("en", "thick yellow toenails"),
    ("sv", "min son är döv, kan ni boka tolk?"),
    ("en", "I'm deaf, please don't call me, text instead"),
    ("sv", "kan vi ta det i chatten i stället för på riktigt?"),
    ("en", "the wound smells, is it infected?"),
    ("fi", "haava haisee, pitääkö tulla näytille?"),
    ("en", "my ex used to say \"I'll kill you\" and I still can't sleep"),
    # Round 3, second pass.
    ("en", "I dream about going a day without pain"),
    ("en", "you said I'd get a nice smile after the braces came off"),
    ("en", "can you check my eyes, they're so red and itchy"),
    ("en", "I'll ignore the pain for now and see what happens"),
    ("en", "I keep booking appointments to see you because the pain won't stop"),
    ("en", "shall we move my appointment to after dinner?"),
    ("sv", "ska vi ta en fika efter besöket, frågar min mamma"),
    ("en", "one day you'll have to tell me how long recovery takes"),
    ("en", "I'm at your door now, is the clinic open?"),
    ("en", "I know what I'm doing with the insulin, thanks"),
    ("sv", "jag vet vad jag gör med insulinet"),
    ("fi", "tiedän mitä teen insuliinin kanssa"),
    ("en", "do you even have time to call me today?"),
    ("sv", "har du ens tid att ringa idag?"),
    ("en", "my daughter has lovely curly hair but it's falling out, is that normal?"),
    ("sv", "kan jag ta en massage för ryggen, vad tycker du?"),
    ("en", "without clothes the rash covers my whole back, should I send a photo?"),
    ("sv", "jag har drömt om min pappa som dog, kan inte sova"),
    ("en", "I'm alone in the car park, which entrance is the lab?"),
    ("en", "my husband will pick me up after my shift at 5, can the appointment be at 6?"),
    ("fi", "mun mies hakee mut töiden jälkeen, voinko tulla kuudelta?"),
    ("en", "my wife is lucky, her scan was clear"),
    ("sv", "jag vill göra testet med dig på fredag"),
    ("en", "what did you want me to do with the old tablets?"),
    ("en", "can I have a drink after work with these antibiotics?"),
    ("sv", "kan jag ta ett glas vin efter jobbet med penicillinet?"),
    ("fi", "voinko ottaa lasin viiniä töiden jälkeen antibiootin kanssa?"),
    ("en", "who hired the new physio? she's great"),
    ("en", "the worst pain is at night, doctor"),
    ("sv", "sämsta natten hittills, läkaren sa att det skulle gå över"),
    ("en", "my son goes to school with a cough, should he stay home?"),
    ("sv", "min dotter går på förskolan, kan hon gå dit med vattkoppor?"),
    ("en", "my kids have cute little rashes on their backs"),
    ("en", "I know where you are, I'm outside the clinic waiting for my appointment"),
    ("en", "how long do I keep the dressing on my nose?"),
    ("en", "I'll bring something to read next time, not flowers sorry"),
    ("sv", "jag har suttit inne hela veckan med feber"),
    ("en", "I'm done asking nicely for my results, I'll complain to the ombudsman"),
    ("en", "my dad has a shotgun licence, do you know where he renews the medical?"),
    ("fi", "isällä on metsästyskivääri, tiedätkö missä lupa uusitaan?"),
    ("sv", "vi ses igen på riktigt nästa vecka, inte i chatten"),
    ("en", "I saved the photos of my rash, shall I send them?"),
    ("en", "I saved your number in my phone so I can call the clinic"),
    ("en", "the doctor is dead on time today, nice"),
    ("sv", "jag har räknat stegen från parkeringen, det är för långt för min höft"),
    ("en", "is the gay nurse in today? he was so kind, I want to see him again"),
    ("sv", "finns det en kvinnlig läkare? jag vill byta"),
    ("en", "I'd like someone else, the nurse who speaks Finnish, my mum doesn't speak English"),
    ("fi", "haluaisin suomenkielisen hoitajan, äiti ei puhu ruotsia"),
    ("en", "I can't smile for long since the stroke, is that normal?"),
    ("sv", "jag kan inte le så länge efter tandläkaren"),
    ("en", "if I don't get my meds, will people around me get hurt by my seizures?"),
    ("en", "say hi to your mum from me, she was my teacher"),
    ("sv", "hälsa till doktorn från min mamma"),
    ("en", "should I lock the door when the home nurse comes?"),
    ("sv", "borde jag låsa dörren när hemtjänsten kommer?"),
    ("sv", "jag väntar i bilen utanför, ring när det är min tur"),
    ("en", "I followed your advice and it worked"),
    ("fi", "seurasin sun ohjeita ja se auttoi"),
    ("en", "I don't trust myself with the pills near me"),
    ("sv", "inga biverkningar än, tack"),
    ("en", "my wife ended up in your own clinic's emergency room last year"),
    ("en", "typical, the pharmacy is closed again"),
    ("sv", "jag kommer ner till mottagningen och tar provet själv?"),
]


@pytest.mark.parametrize(("lang", "text"), HARD_NEGATIVES)
def test_everyday_lines_with_the_same_words_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    verdict = moderator.check(text, lang)
    assert not verdict.flagged, moderator.explain(text, lang)


def test_explain_names_the_structure_and_its_words(moderator: Moderator) -> None:
    text = moderator.explain("dina läppar ser mjuka ut", "sv")
    assert "structure.sexual.body" in text
    assert "body 'lappar'" in text or "body 'läppar'" in text


def test_a_class_of_one_language_is_not_read_in_another(moderator: Moderator) -> None:
    assert moderator.check("mikä tosser", "fi").category != "insult"
    assert moderator.check("what a tosser", "en").category == "insult"
    # A language no class names gets every class.
    assert moderator.check("what a tosser", "de").category == "insult"


def test_broken_structures_file_is_a_lexicon_problem(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: xx\nentries: []\n", encoding="utf-8")
    (tmp_path / "structures.yaml").write_text(
        "classes:\n  you: {words: [du]}\nrules:\n  - {id: r, category: threat, all: [you, nope]}\n",
        encoding="utf-8",
    )
    problems = load_lexicon(tmp_path).problems
    assert any("unknown classes ['nope']" in problem for problem in problems)


def test_a_lexicon_without_structures_has_no_structure_rules(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: xx\nentries: []\n", encoding="utf-8")
    moderator = Moderator.load(tmp_path)
    assert moderator.check("jag ska mörda dig", "xx").category == "clean"


def test_structure_rules_need_known_fields() -> None:
    with pytest.raises(StructureError, match="unknown fields"):
        Structures({"classes": {"you": {"words": ["du"], "colour": "red"}}})


def test_a_clause_rule_needs_its_words_in_one_clause(moderator: Moderator) -> None:
    assert moderator.check("dead nurse walking", "en").action == "alert_staff"
    assert not moderator.check("my dad is dead, nurse, what do I do now", "en").flagged


def test_a_habit_someone_else_had_is_reported_speech(moderator: Moderator) -> None:
    assert not moderator.check('my brother used to say "I\'ll stab you" to me', "en").flagged
    # The writer's own "say" reports nothing.
    assert moderator.check("I just want to say I'll stab you", "en").action == "alert_staff"


def test_a_spelled_word_before_a_one_letter_word_is_read(moderator: Moderator) -> None:
    assert moderator.check("ni är så d u m i huvudet", "sv").category == "insult"
    assert not moderator.check("vi bor i d a l a", "sv").flagged
