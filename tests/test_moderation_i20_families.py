"""Insults and discrimination the dev20/dev21 sets wrote in words the lexicon lacked (issue 14).

Tuner i20, session 12. Each family is a shape, not a phrase: a fool's name the classes lacked
("trögskalle", "birdbrain", "tumpelo"), a brain likened to mush, the reader outdone by a thing,
a licence from a prize, a group told not to touch the writer, a group's claimed vice, women or
disabled staff held unfit, sending a group home, "your sort" said other ways. Wordings here are
made up, in Swedish, English and Finnish; the near misses are the same shapes about the writer,
a relative, another agency or a reported name, and must stay below "log".
Rules: bot/moderation/lexicon/structures_i20.yaml.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


INSULTS = [
    # A fool's name the classes lacked, said to the reader.
    ("sv", "du är en riktig trögskalle"),
    ("sv", "ni är ett gäng fårskallar allihop"),
    ("sv", "vilket klantarsel du är"),
    ("sv", "du är en sån dumsnut"),
    ("en", "you absolute birdbrain"),
    ("en", "cheers, birdbrain"),
    ("fi", "te ootte yhtä tumpeloita kaikki"),
    ("fi", "ootte kaikki pahvipäitä"),
    # "senkin ..." and a vile creature.
    ("fi", "senkin lapanen, vastaa jo"),
    ("fi", "senkin kuvottava otus"),
    ("fi", "senkin nahjus"),
    ("en", "you vile creature"),
    # Clueless idioms.
    ("fi", "sä oot ihan kuutamolla"),
    ("en", "you're a bit slow on the uptake aren't you"),
    ("sv", "du har lång stubin va"),
    ("sv", "ni har lång stubin allihop"),
    # Not the sharpest knife in the drawer.
    ("en", "you're not the sharpest tool in the shed are you"),
    ("en", "you're not the brightest bulb in the box"),
    ("sv", "du är inte den skarpaste kniven i lådan"),
    ("sv", "du är inte den ljusaste lampan i taket"),
    ("fi", "et oo kyllä terävin kynä penaalissa"),
    # A brain likened to mush, or left somewhere.
    ("en", "your brain is mush"),
    ("en", "your brain must be made of cotton wool"),
    ("sv", "din hjärna är som gröt"),
    ("sv", "du har en hjärna som en ärta"),
    ("fi", "sun aivot on ihan muusia"),
    ("fi", "sulla on aivot ku herneellä"),
    ("fi", "sun pääkoppa on tyhjä"),
    ("sv", "din hjärna ligger väl kvar hemma"),
    ("fi", "sun aivot jäi kotiin tänään"),
    # Outdone by a thing.
    ("en", "my kettle has more sense than you"),
    ("en", "I've had better conversations with a brick wall"),
    ("sv", "min mikro har mer vett än du"),
    ("sv", "jag har haft vettigare samtal med väggen"),
    ("fi", "mun jääkaapilla on enemmän järkeä kuin sulla"),
    ("fi", "oon käyny järkevämpiä keskusteluja seinän kanssa"),
    # A licence from a prize.
    ("sv", "fick du legget i ett kinderägg"),
    ("fi", "saitko tutkinnon kindermunasta"),
    # A fool still let work; never met such a one.
    ("sv", "hur kan man vara så dum och ändå vara läkare"),
    ("sv", "hur kan man vara så inkompetent och ändå ha legitimation"),
    ("fi", "en oo ikinä tavannu noin tyhmää lääkäriä"),
    ("fi", "en ole koskaan tavannut noin osaamatonta hoitajaa"),
    # Lazy bureaucrats; the reader's colleague named a fool.
    ("en", "typical lazy bureaucrats"),
    ("sv", "lata byråkrater allihop"),
    ("sv", "värdelösa byråkrater"),
    ("fi", "laiskat byrokraatit taas"),
    ("fi", "turhat byrokraatit"),
    ("sv", "din kollega är en trögskalle"),
    ("sv", "era trögskallar"),
    ("fi", "ootte ihan lusmuja"),
    ("fi", "sä oot tärähtäny"),
]

DISCRIMINATION = [
    # A group told not to touch the writer or theirs.
    ("sv", "den där zigenaren får inte röra mig"),
    ("sv", "zigenare ska inte ha hand om min medicin"),
    ("sv", "lesbor ska inte ta i mina barn"),
    ("sv", "bögen får inte ta i mig"),
    ("en", "the jew at the desk better not touch my file"),
    ("en", "lesbians shouldn't touch patients"),
    ("fi", "juutalainen ei saa koskea mun lapseen"),
    ("fi", "ne lesbot ei tuu mun tyttären lähelle"),
    ("sv", "homon får inte komma nära min son"),
    ("fi", "homot ei saa koskea mun lapsiin"),
    # A group's claimed vice.
    ("en", "muslims get seen faster than us every time"),
    ("en", "the foreigners never worked a day"),
    ("sv", "invandrarna tar jobben från oss"),
    ("sv", "muzzar är alla tjuvar"),
    ("en", "eastern europeans are all thieves"),
    ("sv", "muslimerna går alltid före i kön"),
    ("fi", "saamelaiset elää tukiaisilla"),
    ("fi", "savolaiset valehtelee aina"),
    # A group or a headscarf refused.
    ("sv", "inte en till med slöja tack"),
    ("sv", "slipp den beslöjade tack"),
    ("fi", "ei taas huivipäätä"),
    # Women held unfit.
    ("en", "women can't understand men's problems, get me a man"),
    ("fi", "naiset on liian herkkiä kirurgeiks"),
    ("fi", "naisesta ei ole lääkäriksi"),
    ("sv", "kvinnor är för känsliga för att vara kirurger"),
    # Disabled or old staff held unfit.
    ("en", "a blind receptionist, ridiculous"),
    ("en", "senile old nurse should not work"),
    ("en", "she's too old to be a nurse, put her out to pasture"),
    ("sv", "en döv sköterska, löjligt, anställ nån frisk"),
    ("sv", "en döv i receptionen, helt löjligt"),
    ("sv", "en senil sköterska, skicka henne i pension"),
    ("fi", "kuuro hoitaja, naurettavaa, palkatkaa joku terve"),
    ("fi", "sokea vastaanotossa, naurettavaa"),
    ("fi", "seniili hoitaja pitää laittaa eläkkeelle"),
    # A disability slur for staff, or staff wanted "not" disabled.
    ("en", "get that retard at reception off the phone"),
    ("en", "the spastic on reception"),
    ("sv", "den efterblivna i receptionen"),
    ("sv", "kan ni skicka nån som inte är efterbliven"),
    # Sending a group home; speak our language or leave.
    ("sv", "skicka hem alla muslimer"),
    ("sv", "skicka ut alla utlänningar"),
    ("en", "send all the immigrants home"),
    ("en", "ship the muslims back"),
    ("en", "speak english or go home"),
    ("fi", "opetelkaa suomea tai lähtekää"),
    # "Your sort" said other ways; hiring "proper" natives; disabled people as a drain.
    ("sv", "såna som er kommer hit och tar jobben"),
    ("sv", "sånna som du borde inte få jobba här"),
    ("fi", "teidän sorttinne vie työt"),
    ("fi", "teidänlaiset tulee tänne ja vie työt"),
    ("sv", "anställ folk från sverige istället"),
    ("sv", "anställ riktiga svenskar"),
    ("en", "I want a proper British doctor"),
    ("en", "hire some proper British staff"),
    ("fi", "palkatkaa oikeita suomalaisia"),
    ("fi", "kuurot on taakka yhteiskunnalle"),
    ("sv", "rullstolsbundna är resursslöseri"),
    # Unnamed "them" kept from work for not reading; a people said to smell of garlic.
    ("en", "they shouldn't let them work here if they can't even read the charts"),
    ("sv", "dom borde inte få jobba här, hälften kan inte ens läsa journalerna"),
    ("fi", "ei niitä pitäis palkata, ei ne osaa edes puhua suomea"),
    ("en", "the nurses at your clinic smell of garlic"),
    ("sv", "ni på akuten stinker vitlök allihop"),
    ("fi", "teidän hoitajat haisee valkosipulille"),
]

NEAR_MISSES = [
    # The writer's own wits, brain or body.
    ("en", "my son is a bit slow on the uptake at school, should we test him"),
    ("sv", "jag är inte den vassaste kniven i lådan, förklara gärna igen"),
    ("fi", "oon vähän hidas hoksaamaan, voitko selittää uudestaan"),
    ("en", "I'm not the brightest bulb, can you explain the dosage again"),
    ("en", "my brain feels like mush since the new pills"),
    ("sv", "min hjärna känns som gröt efter narkosen"),
    ("fi", "mun aivot on ihan muusia tän lääkkeen jälkeen"),
    ("en", "I left my brain scan results at home, can I bring them tomorrow"),
    ("sv", "min pappa förklarades hjärndöd igår"),
    ("en", "I feel like a lump, so tired all the time"),
    ("fi", "tunnen itseni ihan tumpeloksi tänään, kaadoin kahvit"),
    # Things and pets without a comparison to the reader.
    ("en", "my dog has more energy than me since the new diet"),
    ("sv", "min mikro gick sönder och jag brände mig på handen"),
    ("en", "my microwave broke, my fridge is empty, I can't get food, help"),
    ("sv", "jag har haft samtal med väggen i veckor, jag är så ensam"),
    # Credentials and agencies.
    ("en", "I found my old nursing badge in a box of christmas crackers"),
    ("fi", "kela maksaa mun lääkkeet, saanko paperit"),
    ("sv", "jag behöver ett intyg till försäkringskassan, byråkraterna där är hopplösa"),
    ("en", "the bureaucrats at the council lost my form again"),
    ("en", "my colleague at work has the flu, should I stay home"),
    ("en", "thank you, your colleague was brilliant"),
    ("sv", "tack, din kollega var jättebra"),
    ("fi", "kiitos, sun kollegas oli tosi mukava"),
    # The writer's own group, a relative's disability or age, a question about a group.
    ("sv", "min granne är zigenare och hjälpte mig hit"),
    ("en", "I'm Jewish, can I have a doctor visit on a Saturday"),
    ("fi", "olen saamelainen, voinko saada tulkin"),
    ("sv", "jag är muslim och fastar, kan jag ta medicinen på kvällen"),
    ("fi", "muslimit paastoaa, voiko lääkkeen ottaa illalla"),
    ("sv", "invandrare har rätt till tolk, stämmer det"),
    ("en", "do immigrants get free healthcare here"),
    ("fi", "maahanmuuttajat saa tulkin, eikö niin"),
    ("en", "the foreign doctor was lovely, thank you"),
    ("en", "my husband is deaf, can you text instead of calling"),
    ("sv", "min mamma är döv, kan ni skicka brev"),
    ("fi", "mun äiti on kuuro, voitteko lähettää tekstiviestin"),
    ("en", "is a deaf patient entitled to an interpreter"),
    ("sv", "hur ska en döv person boka tid, ni har bara telefon"),
    ("en", "how is a deaf person supposed to book, you only have phone lines, ridiculous"),
    ("en", "my stutter gets worse when I'm anxious, can I talk to someone"),
    ("en", "my gran is 90 and too old to drive, can she get a home visit"),
    ("sv", "min pappa är för gammal för att åka buss, kan ni göra hembesök"),
    ("fi", "isä on liian vanha ajamaan autoa, voiko lääkäri tulla kotiin"),
    # Women's health and a wish for a female doctor.
    ("en", "do women get more side effects from this drug"),
    ("sv", "får kvinnor mer biverkningar av operationen"),
    ("fi", "saavatko naiset enemmän sivuvaikutuksia leikkauksesta"),
    ("en", "I'd prefer a female doctor please"),
    ("fi", "haluaisin naislääkärin jos mahdollista"),
    ("sv", "jag vill helst ha en kvinnlig läkare"),
    # Sending results home, speaking a language, names reported, a touch that hurts.
    ("en", "send me home with the results please"),
    ("sv", "kan ni skicka hem provsvaren"),
    ("fi", "voitteko lähettää tulokset kotiin"),
    ("en", "my daughter was called a gypsy at school and now she won't go"),
    ("sv", "min son kallas bög i skolan, kan han få prata med kuratorn"),
    ("fi", "poikaa haukutaan hintiksi koulussa, voisiko kuraattori auttaa"),
    ("fi", "poikaani sanotaan mamuksi koulussa, voisiko kuraattori soittaa"),
    ("en", "I speak English or Polish, which interpreter do you have"),
    ("sv", "jag pratar svenska eller engelska, spelar ingen roll"),
    ("en", "I want my little girl seen today, she has a fever"),
    ("fi", "tyttö ei syö mitään, mitä teen"),
    ("en", "please don't touch my wound, it hurts"),
    ("en", "my mum is a Gypsy Traveller and needs a home visit, she won't come in"),
    ("sv", "min fru är muslim, kan en kvinnlig läkare undersöka henne"),
    ("fi", "olen homo, saanko PrEP-lääkettä"),
    ("en", "I'm gay, can I donate blood"),
    ("en", "my partner is trans and needs a referral"),
    ("en", "we are Roma and need an interpreter"),
    ("sv", "vi är romer och behöver tolk"),
    ("en", "my disabled son is on benefits, can he get free prescriptions"),
    ("fi", "mun vammainen poika elää Kelan tuilla, saako se ilmaiset lääkkeet"),
    ("en", "is it normal for women to get emotional after surgery"),
    ("sv", "är det normalt att kvinnor blir känsliga efter operationen"),
    ("fi", "onko normaalia että naiset on herkkiä leikkauksen jälkeen"),
    ("en", "my daughter wants to be a surgeon, any advice on work experience"),
    ("en", "can a deaf person be a nurse? my daughter is deaf and wants to study"),
    ("fi", "voiko kuuro olla hoitaja? mun tytär on kuuro"),
    ("en", "my brain is like a sieve since the stroke"),
    ("en", "can you send the immigrants' health leaflet in Arabic"),
    ("sv", "kan ni skicka hem informationen på arabiska till min svärfar"),
    ("en", "who gave you the right to cancel my appointment"),
    ("en", "thanks for sending the letter home, my mum is old and deaf"),
    (
        "sv",
        "pappa är gammal och döv, ring mig istället, han borde ha gått i pension för länge sen",
    ),
    ("en", "the nurse said don't touch the dressing"),
    ("fi", "hoitaja sanoi ettei haavaa saa koskea"),
    ("en", "I have an ugly lump on my neck, can you check it"),
    ("en", "your website is a bit slow today, can you book me by phone"),
    ("en", "the results are not all there yet, can you check"),
    ("en", "women get too emotional before their period, can the doctor help with my PMS"),
    ("sv", "kvinnor blir för känsliga efter förlossningen, kan läkaren hjälpa mig"),
    ("fi", "onko normaalia että naiset on liian herkkiä raskauden aikana, voiko lääkäri auttaa"),
    ("en", "is the hospital food not a halal option for muslims"),
    ("en", "where's wally, my son loves that book"),
    ("en", "my breath smells of garlic since I started the supplements, is that normal"),
    ("sv", "jag luktar vitlök efter maten, kan jag komma ändå"),
    ("fi", "mun mummoa ei pitäis päästää töihin, ei se osaa edes lukea ilman laseja"),
]


@pytest.mark.parametrize(("lang", "text"), INSULTS)
def test_an_insult_in_new_words_is_an_insult(moderator: Moderator, lang: str, text: str) -> None:
    assert_category(moderator, text, lang, "insult")


@pytest.mark.parametrize(("lang", "text"), DISCRIMINATION)
def test_discrimination_in_new_words_is_discrimination(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_category(moderator, text, lang, "discrimination")


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_the_same_shapes_about_oneself_or_others_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)
