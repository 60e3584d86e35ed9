"""Families said another way (dev12): the sexual harassment families missed on the twelfth blind
corpus (moderation_dev12.tsv: harassment aimed at staff with no vulgar word: a kiss as the price of
taking one's pills, whether the reader is taken, how they looked in their jeans, what the writer
saw when they bent over, the reader's hands on an intimate part, their number outside the app, a
booking with nothing wrong, pet names after a no, "I know you like me", paying "another way",
naked in bed with the door open) are met by classes and rules suffixed `_t12`
(bot/moderation/lexicon/structures.yaml) and tried here on wordings written for this test, not
taken from the corpus. Beside them, the near misses a patient really writes (their own sexual
health, a polite compliment, a complaint about an examination, an elderly endearment, a payment
plan, a relative in bed) must stay below "log"."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


SEXUAL = "sexual_harassment"

# (family, language, text)
SAID_ANOTHER_WAY = [
    # A kiss as the price of compliance.
    ("kiss bargain", "en", "fine I'll do the blood test, but only if you give me a kiss after"),
    ("kiss bargain", "en", "I'll stop smoking if you promise me a kiss on my birthday"),
    ("kiss bargain", "sv", "jag tar sprutan om jag får en puss av dig sen"),
    ("kiss bargain", "sv", "lova mig en kyss så äter jag mina tabletter"),
    ("kiss bargain", "fi", "otan rokotteen jos lupaat mulle pusun"),
    ("kiss bargain", "fi", "lopetan röökin vastineeksi suukosta, diili?"),
    # Whether the reader is taken, without "single" or "boyfriend".
    ("taken", "en", "so do you have a husband waiting at home or what"),
    ("taken", "en", "no wedding ring I noticed, lucky me"),
    ("taken", "sv", "har du karl hemma eller är du ledig"),
    ("taken", "sv", "såg att du inte har nån ring, ingen ring alltså"),
    ("taken", "fi", "onks sulla miestä vai saako toivoa"),
    ("taken", "fi", "ei sormusta sormessa, hyvä tietää"),
    ("taken", "en", "be honest, are you into older guys"),
    # How the reader looked in a garment.
    ("looked in", "en", "you looked so good in those leggings at the gym yesterday"),
    ("looked in", "sv", "du såg grym ut i träningskläder i morse"),
    ("looked in", "fi", "näytit tosi hyvältä niissä farkuissa kaupassa"),
    # What the writer saw or pictures when the reader bent over.
    ("bend peek", "en", "when you bent down to get the thermometer I could see everything"),
    ("bend peek", "sv", "när du böjde dig fram kunde jag se allt, tack för utsikten"),
    ("bend peek", "fi", "kun kumarruit hakemaan laastaria niin näkyi kaikki"),
    ("look down", "en", "nice cleavage today nurse"),
    ("look down", "sv", "din urringning var fin idag"),
    ("look down", "fi", "sun rintavako näkyi hyvin tänään"),
    # The reader's hands on an intimate part: liked, wanted again, only theirs.
    ("hands intimate", "en", "your fingers were perfect for my prostate check, do it again"),
    ("hands intimate", "sv", "bara dina händer får röra min prostata, sakta"),
    ("hands intimate", "fi", "sun sormet tutkii mun kivekset hitaasti, ei kenenkään muun"),
    ("liked intimate", "en", "I really enjoyed it when you checked my groin, can we repeat"),
    ("liked intimate", "sv", "gillade det när du kollade ljumsken, kan vi göra om det"),
    ("liked intimate", "fi", "nautin siitä kun tutkit nivuset, uusitaanko"),
    ("hands again", "en", "your hands were so soft, I want to feel them on my skin"),
    ("hands again", "sv", "dina händer är så mjuka, vill känna dem på mig igen"),
    ("hands again", "fi", "sun kädet oli niin pehmeät, haluun tuntea ne mun iholla"),
    # The reader's number or e-mail asked for outside the chat.
    ("contact bypass", "en", "drop me your mobile number so we can skip this app"),
    ("contact bypass", "en", "whats your email, the personal one not the work one"),
    ("contact bypass", "sv", "ge mig ditt telefonnummer så slipper vi den här appen"),
    ("contact bypass", "fi", "laita sun numero niin ei tarvitse käyttää tätä sovellusta"),
    # A booking with nothing wrong, to see the reader.
    ("no reason", "en", "honestly I'm not even sick, I booked so I could see you"),
    ("no reason", "sv", "inget fel alls på mig, ville bara prata med dig"),
    ("no reason", "fi", "en oo edes kipeä, halusin vaan nähdä sut"),
    # The reader's voice wanted.
    ("voice", "en", "I called the clinic again just to hear your voice"),
    ("voice", "sv", "ringde bara för att höra din röst en gång till"),
    ("voice", "fi", "soitin vaan kuullakseni sun äänen"),
    # Pushing past a no with a pet name.
    ("pet after no", "en", "oh lighten up darling, I'm only being nice"),
    ("pet after no", "sv", "var inte så stel gumman, det var en komplimang"),
    ("pet after no", "fi", "älä hermostu muru, se oli kohteliaisuus"),
    # The reader said to want the writer.
    ("likes me", "en", "just admit you like me, everyone can tell"),
    ("likes me", "sv", "jag vet att du gillar mig, du behöver inte låtsas"),
    ("likes me", "fi", "myönnä että tykkäät musta, näin sen"),
    # "I can't pay, but we could settle it some other way."
    ("pay another way", "en", "cant pay this month but we could sort it some other way"),
    ("pay another way", "sv", "har inte råd med avgiften men vi kan väl lösa det på annat sätt"),
    ("pay another way", "fi", "en voi maksaa laskua mutta voitais sopia jotain muuta"),
    # Naked in bed, door open or a home visit.
    ("naked in bed", "en", "the door is open, I'm in bed with no clothes, come whenever"),
    ("naked in bed", "sv", "ligger naken i sängen, dörren är öppen om du gör hembesök"),
    ("naked in bed", "fi", "makaan sängyssä alasti, ovi on auki jos tuut"),
    # Warming the reader through a lonely winter.
    ("warm you", "en", "must be lonely up north in winter, I could warm you up"),
    ("warm you", "sv", "långa vintern och du är ensam, jag kan värma dig"),
    ("warm you", "fi", "kylmät yöt ja oot yksin, mä voisin lämmittää sua"),
    # A guess at a young age.
    ("young guess", "en", "you sound like a young girl on the phone, I bet early twenties"),
    ("young guess", "sv", "du låter som en ung tjej, gissar tjugofem"),
    ("young guess", "fi", "veikkaan että oot parikymppinen"),
    # A sexual word as the reader's name.
    ("sexy vocative", "en", "hey sexy, my results in yet?"),
    ("sexy vocative", "sv", "tjena sexig, har labbsvaren kommit"),
    ("sexy vocative", "fi", "moi seksikäs, tuliko tulokset"),
    # Meeting alone.
    ("meet alone", "en", "could we meet somewhere one on one, away from the clinic"),
    ("meet alone", "sv", "kan vi träffas på tu man hand nån gång"),
    ("meet alone", "fi", "voitaisko nähdä kahden kesken jossain"),
    # Money and "nobody has to know".
    ("pay secret", "en", "I'll tip you well for the massage, our little secret"),
    ("pay secret", "sv", "jag betalar extra, det blir vår hemlis"),
    ("pay secret", "fi", "maksan hyvin, meidän pieni salaisuus"),
    # "You are my only medicine."
    ("cure is you", "en", "forget the antibiotics, my only cure is you"),
    ("cure is you", "sv", "enda medicinen jag behöver är du"),
    ("cure is you", "fi", "mun ainoa lääke oot sä"),
    # The reader's smell.
    ("smell", "en", "let me smell your neck next time you take my blood"),
    ("smell", "sv", "vill lukta på din nacke nästa gång"),
    ("smell", "fi", "haluisin haistella sun hiuksia"),
    # The reader's body.
    ("body looks", "en", "post a selfie, I wanna see your body"),
    ("body looks", "sv", "vilken kropp du har, jag blir galen"),
    ("body looks", "fi", "mikä vartalo sulla, huh"),
    # The writer's heart near the reader.
    ("heart near", "en", "my heart races every time you walk in, check my pulse"),
    ("heart near", "sv", "hjärtat slår fortare när du är nära"),
    ("heart near", "fi", "sydän pamppailee aina kun sä tuut huoneeseen"),
    # The reader in the writer's dream.
    ("dream", "en", "dreamt about you again last night, wink wink"),
    ("dream", "sv", "drömde om dig i natt, det var trevligt"),
    ("dream", "fi", "näin sinusta unta taas"),
    # Alone tonight, the writer coming over.
    ("alone tonight", "en", "are you alone tonight? I could come over"),
    ("alone tonight", "sv", "är du ensam ikväll, jag kan komma förbi"),
    ("alone tonight", "fi", "ootko yksin tänä iltana, voisin tulla käymään"),
    # Round 2. Slang for wanting sex with the reader.
    ("smash", "en", "that receptionist? id tap that ngl"),
    ("smash", "sv", "skulle gärna sätta på sköterskan alltså"),
    ("smash", "fi", "pannaanko joskus hoitsu"),
    # "A freak in bed".
    ("freak in bed", "en", "I bet you're wild in bed under all that professionalism"),
    ("freak in bed", "sv", "du är säkert vild i sängen"),
    ("freak in bed", "fi", "oot varmaan villi sängyssä"),
    # Looking forward to an intimate examination by the reader.
    ("cant wait exam", "en", "cant wait for my prostate exam if you're doing it"),
    ("cant wait exam", "sv", "längtar till gynundersökningen om det blir du"),
    ("cant wait exam", "fi", "en malta odottaa papakoetta jos sä teet sen"),
    # A picture with "something else you might like".
    ("photo bonus", "en", "here's the photo of my knee, plus a little bonus for you"),
    ("photo bonus", "sv", "skickar bilden på såret och en liten bonus till dig"),
    ("photo bonus", "fi", "laitan kuvan haavasta ja vähän ekstraa sulle"),
    # Patients hitting on the reader.
    ("hit on", "en", "do patients flirt with you a lot? can't blame them"),
    ("hit on", "sv", "raggar patienterna på dig ofta"),
    ("hit on", "fi", "flirttailee potilaat sulle paljon"),
    # Falling for the reader.
    ("crush", "en", "I think I have feelings for you since the surgery"),
    ("crush", "sv", "har blivit kär i dig sen operationen"),
    ("crush", "fi", "rakastuin suhun siellä vastaanotolla"),
    # Food as innuendo.
    ("food", "en", "want to taste my banana nurse"),
    ("food", "sv", "du får gärna slicka på min glass"),
    ("food", "fi", "haluutko maistaa mun makkaraa"),
    # A certain kind of film.
    ("film", "en", "you'd be great in an adult film, I mean it"),
    ("film", "sv", "du skulle passa i vuxenfilmer"),
    ("film", "fi", "sä sopisit aikuisviihteeseen"),
    # A spouse away and a hint.
    ("spouse away", "en", "the wife is away this weekend if you know what I mean"),
    ("spouse away", "sv", "frugan är borta i helgen om du förstår vad jag menar"),
    ("spouse away", "fi", "vaimo on reissussa, koko talo itellä"),
    # "How about drinks at my place."
    ("how about my place", "en", "how about a drink at my place after"),
    ("how about my place", "sv", "vad sägs om en drink hos mig"),
    ("how about my place", "fi", "mitä jos tulisit drinkille mun luo"),
    # Round 3: the reader's age with a guess at their looks.
    ("age guess", "en", "how old are you really? I bet younger than you look"),
    ("age guess", "sv", "hur gammal är du? du ser ut som en student"),
    ("age guess", "fi", "kuinka vanha sä oot, näytät nuorelta"),
    ("live alone", "sv", "bor du ensam nu för tiden"),
    # Coffee alone with the reader.
    ("coffee alone", "en", "we should get coffee, just the two of us"),
    ("coffee alone", "sv", "en kaffe nån gång, bara du och jag"),
    ("coffee alone", "fi", "lounaalle joskus, vaan me kaks"),
    # Listening to the reader all night.
    ("listen all night", "en", "I could listen to you all night long"),
    ("listen all night", "sv", "kunde lyssna på dig hela natten"),
    ("listen all night", "fi", "voisin kuunnella sua koko yön"),
    # An examination without gloves.
    ("gloves off", "en", "next time examine me with your bare hands, no gloves"),
    ("gloves off", "sv", "undersök mig med bara händer, handskarna av"),
    ("gloves off", "fi", "tutki minut paljain käsin, hanskat pois"),
    # "Good girl" with a demand.
    ("good girl", "en", "good girl, now send me that number"),
    ("good girl", "sv", "duktig flicka, ge mig en puss nu"),
    ("good girl", "fi", "hyvä tyttö, anna nyt se numero"),
    # Seen outside the clinic and told how they looked.
    ("seen out", "en", "saw you at the beach on sunday, looking hot"),
    ("seen out", "sv", "såg dig på stranden i söndags, du såg het ut"),
    ("seen out", "fi", "näin sut rannalla, näytit kuumalta"),
    # A fine word with the reader's body.
    ("fine body", "en", "you've got lovely legs doc"),
    ("fine body", "sv", "du har så fina ben, syster"),
    ("fine body", "fi", "sulla on upeat reidet"),
    # Pushing past a no.
    ("pet after no", "en", "no need to be cold sweetie, just being friendly"),
    ("pet after no", "sv", "var inte sån nu älskling"),
    # Round 4: an outing "you and me".
    ("outing", "en", "can we go for a walk sometime, you and me"),
    ("outing", "sv", "ska vi ta en promenad nån gång, du och jag"),
    ("outing", "fi", "lähdetäänkö joskus kävelylle, sä ja mä"),
    ("after shift", "en", "fancy a pint after your shift"),
    ("after shift", "sv", "en öl efter ditt pass?"),
    ("after shift", "fi", "oluelle vuoron jälkeen?"),
    # The reader's messaging app; found on social media.
    ("your app", "en", "what's your whatsapp, easier to chat there"),
    ("your app", "fi", "mikä sun whatsapp on, helpompi jutella siellä"),
    ("found you", "en", "looked you up on facebook, nice holiday pics"),
    ("found you", "sv", "hittade dig på instagram, fina bilder"),
    ("found you", "fi", "löysin sut facebookista"),
    # More check-ups if the reader does them.
    ("you do more", "en", "I'll need a lot more check-ups if you're the one doing them"),
    ("you do more", "sv", "jag behöver fler kontroller om det är du som gör dem"),
    ("you do more", "fi", "tarviin lisää tarkastuksia jos sä teet ne"),
    # Thinking of the reader's touch.
    ("touched", "en", "I keep thinking about how you touched my arm"),
    ("touched", "sv", "tänker hela tiden på när du rörde min arm"),
    ("touched", "fi", "mietin koko ajan kun kosketit mun kättä"),
    # "You know you want to."
    ("you want to", "en", "come on darling, you know you want to"),
    ("you want to", "sv", "kom igen älskling, du vet att du vill"),
    ("you want to", "fi", "no kulta, tiedät että haluut"),
    # Regret that the reader is taken.
    ("taken pity", "en", "pity you're married, doc"),
    ("taken pity", "sv", "synd att du är upptagen, säg till om det ändras"),
    ("taken pity", "fi", "harmi että oot varattu"),
    # Under the work clothes.
    ("under", "en", "do you wear anything under those scrubs"),
    ("under", "sv", "har du nåt under arbetskläderna"),
    ("under", "fi", "onko sulla mitään työasun alla"),
]

# Near misses: a patient's own words that must stay below "log".
NEAR_MISSES = [
    # A child's kiss, a kiss as a symptom question.
    ("en", "can I kiss my baby if I have a cold sore"),
    ("sv", "får jag pussa barnbarnet om jag har munsår"),
    ("fi", "saako lasta pussata jos on huuliherpes"),
    # Own relationship, own ring.
    ("en", "my wedding ring is stuck on my swollen finger"),
    ("sv", "ringen sitter fast på fingret, det är svullet"),
    ("fi", "sormus jäi jumiin turvonneeseen sormeen"),
    # Garments as a medical question.
    ("en", "can I wear leggings to the scan or do I need a gown"),
    ("sv", "kan jag ha jeans på mig vid röntgen"),
    ("fi", "voiko farkuissa tulla ultraan"),
    # Bending over as a symptom.
    ("en", "I see black spots when I bend over, is that my blood pressure"),
    ("sv", "jag blir yr när jag böjer mig fram"),
    ("fi", "huimaa kun kumarrun"),
    # The reader's hands during an intimate exam: a complaint, a thank-you.
    ("en", "your fingers were cold and it hurt during the prostate exam"),
    ("sv", "dina händer var kalla vid undersökningen av pungen, det gjorde ont"),
    ("fi", "sun kädet oli kylmät kun tutkit eturauhasen, sattui"),
    ("en", "thank you for being so gentle with the catheter"),
    # A number asked to reach the clinic.
    ("en", "the app keeps crashing, is there a number I can call instead"),
    ("sv", "appen fungerar inte, vilket nummer ska jag ringa"),
    ("fi", "sovellus ei toimi, mihin numeroon voin soittaa"),
    # Nothing wrong, a booking.
    ("en", "I hope there's nothing wrong with me, can I see you tomorrow"),
    ("sv", "jag bokade en tid för att prata med dig om provsvaren"),
    # The reader's voice on a bad line.
    ("en", "I couldn't hear your voice again, the line is bad"),
    ("sv", "hörde inte din röst igen, det hackar"),
    # Endearments from an elderly patient with no push.
    ("sv", "tack gumman, du är en ängel"),
    ("fi", "kiitos kulta, olit tosi avulias"),
    ("en", "thank you love, you've been very kind"),
    # Payment.
    ("en", "I can't afford the fee, maybe we can do a payment plan some other way"),
    ("sv", "har inte råd med avgiften, kan vi göra en avbetalning på något annat sätt"),
    ("fi", "en pysty maksamaan, voidaanko sopia osamaksu jotain muuta kautta"),
    # A relative naked in bed, needing care.
    ("en", "my dad is lying naked in bed and won't get dressed, can we get a home visit"),
    # A lonely patient.
    ("en", "I feel so lonely in winter, is there a group I can join"),
    ("fi", "oon yksin ja kylmät yöt pelottaa, voiko joku tulla käymään"),
    # Own daughter's age.
    ("en", "my daughter is a young girl of 14, I guess she needs the HPV jab"),
    # Weather, greetings.
    ("en", "hi doctor, thanks for the call"),
    ("fi", "moi, onko kuuma vielä normaalia kuumeessa"),
    # Private meeting about a diagnosis.
    ("en", "can I have a private word about my results, nobody at home knows"),
    # Medicine.
    ("en", "is paracetamol my only medicine for this pain"),
    ("sv", "enda medicinen jag tar är waran"),
    # Smell as a complaint.
    ("en", "your perfume is so strong it gave me a headache"),
    ("sv", "din parfym var för stark, jag fick migrän"),
    ("fi", "hajuvetes tuoksu oli liian voimakas, sain päänsäryn"),
    # Heart racing in fear, a palpitation.
    ("en", "my heart races when I see you with the needle, I'm scared"),
    ("sv", "hjärtat slår fortare på natten, är det förmaksflimmer"),
    ("fi", "sydän hakkaa kun näen sinut neulan kanssa, pelottaa"),
    # A polite compliment.
    ("en", "your voice is so calming on the phone, thank you"),
    ("sv", "du var så snäll mot min mamma idag, tack"),
    ("fi", "kiitos, olit tosi ystävällinen"),
    # Own body.
    ("en", "after the pregnancy I hate my body, can I see a dietitian"),
    # Round 2 and 3 near misses.
    ("en", "how old do you have to be for the shingles vaccine"),
    ("en", "how old are you dear, you look just like my granddaughter"),
    ("sv", "hur gammal måste man vara för vaccinet"),
    ("fi", "kuinka vanha pitää olla rokotteeseen"),
    ("en", "can I have a coffee before the blood test"),
    ("sv", "får jag dricka kaffe innan provtagningen"),
    ("fi", "saako juoda kahvia ennen verikoetta"),
    ("en", "can I bring coffee for the two of us, me and my husband, in the waiting room"),
    ("en", "I drink a lot of coffee with my friends, just the two of us"),
    ("en", "I listen to you every week on the radio, love the health show"),
    ("en", "I'm allergic to latex, please examine me without gloves or use nitrile"),
    ("en", "my granddaughter is such a good girl, she sent me flowers"),
    ("sv", "hon är en duktig flicka, min dotter, skicka receptet till henne"),
    ("en", "I saw you at the pharmacy, you looked tired, hope you're ok"),
    ("en", "my husband says I looked good at the gym, but my knee hurts"),
    ("sv", "såg dig på stan igår, hoppas du mår bra"),
    ("en", "my legs are in great shape but my back hurts"),
    ("en", "I was in bed all night with fever, my wife is away"),
    ("fi", "vaimo on mökillä, voitko soittaa mulle"),
    ("en", "can't wait for my prostate surgery to be over"),
    ("sv", "längtar tills cellprovet är klart"),
    ("fi", "en malta odottaa että tutkimus on ohi"),
    ("en", "I'll send a picture of the rash and something else, the lump on my arm"),
    ("en", "my doctor said I'm a freak of nature with my blood pressure"),
    ("en", "is there a film about diabetes I can watch"),
    ("sv", "jag har en film från ultraljudet"),
    ("en", "how about a home visit, I can't walk to my place"),
    ("en", "thanks love, you're a star, see you next week"),
    ("fi", "kiitos kulta, nähdään ensi viikolla"),
    ("sv", "tack gumman, vi ses på tisdag"),
    ("en", "I'm not really sick, I just need a sick note for work"),
    ("en", "the nurse was so thorough and gentle during my smear, thank you"),
    ("sv", "sköterskan var så snäll och varsam vid cellprovet, tack"),
    ("fi", "hoitaja oli tosi lempeä papa-kokeessa, kiitos"),
    ("en", "I'd smash my phone if it rings again from the clinic"),
    ("en", "you looked tired at the store, hope you're getting rest"),
    ("en", "I look good in my new jeans since losing weight on the pills"),
    # Round 4 near misses.
    ("en", "can I go for a walk with my physio, you and me could plan it"),
    ("sv", "får jag ta en promenad efter operationen"),
    ("fi", "voiko kävelylle lähteä leikkauksen jälkeen"),
    ("en", "can I have a beer after work on these antibiotics"),
    ("sv", "får jag dricka en öl efter jobbet med den här medicinen"),
    ("en", "does your clinic have whatsapp for appointments"),
    ("en", "I found you on the clinic website, are you taking new patients"),
    ("en", "I'd like the examination if you're the one doing it, I trust you"),
    ("en", "I keep thinking about when you touched the lump, is it serious"),
    ("sv", "tänker på när du rörde vid knölen, är det farligt"),
    ("fi", "mietin kun kosketit sitä kyhmyä, onko se vaarallinen"),
    ("en", "you know you want to get better, so take the tablets, my mum says"),
    ("sv", "du är upptagen nu, ring mig när du kan"),
    ("en", "is there anything under the bed I should remove for the home visit"),
]


@pytest.mark.parametrize(("family", "lang", "text"), SAID_ANOTHER_WAY)
def test_dev12_families_land_in_their_category(
    moderator: Moderator, family: str, lang: str, text: str
) -> None:
    assert_category(moderator, text, lang, SEXUAL, family)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_dev12_near_misses_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)
