"""Self-harm families of dev28 (round p28, helper rc).

The crisis words (flows/questionnaires/_phrases.yaml, the "rc28" concepts and rules) missed:
a whole pen or pack at once with "how long does it take"; cutting or scratching until it bled
with "I can't stop" or "I deserved it"; a gun held night after night; out onto the ice, into
the water or the cold without a coat "it would be quick", or "easiest for everyone"; the car
on the ice with the engine off, waiting; food and medicines stopped on purpose, "let it
happen"; too much taken on purpose and "I woke up, next time more"; thanks to the nurse with
"don't try to call" or "now it must end"; a goodbye that was for real; "you can't stop me"
after a decision; happier when I'm gone; "I want to disappear, nobody cares"; one's own life
insurance and suicide. Widened too: "dödligt" for a dose, "nån annan" for an appointment given
away, "tonight is the night" and "tired of fighting" in Finnish, "punched the wall".

Crisis false alarms fixed: "ready to die" said of a grandparent at peace (the crisis phrase is
now the writer's own: "I'm ready to die"; "are you ready to die" said to staff is a threat),
"overdose of sun", "can I overdose on vitamin D", "this coffee will be the death of me haha",
"wanted to die when he couldn't play", "don't want to live with this knee pain", baby clothes
given away. Each family is written here in words of our own in Swedish, English and Finnish
(none is a corpus line), beside benign near misses a word or two away.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words
from tests.moderation_verdicts import assert_below_log, assert_clinical_alert

CRISES = [
    # a whole pen or pack at once: "how long does it take"
    ("sv", "om jag tar hela kartan sobril på en gång, hur lång tid tar det"),
    ("en", "if i inject the whole pen of insulin in one go how long does it take"),
    ("fi", "jos otan koko purkin unilääkkeitä kerralla, kauanko siinä menee"),
    # a lethal dose asked for
    ("sv", "hur många sömntabletter måste man ta för att det ska vara dödligt"),
    # cut or scratched until it bled, can't stop / deserved it
    ("sv", "rispar mig på armarna tills det blöder, kan inte sluta"),
    ("en", "scratched my thighs until they bled again, i cant stop"),
    ("fi", "raavin reidet verille taas, en pysty lopettamaan"),
    ("en", "hit the wall again and again, punched the wall, i deserved it"),
    ("sv", "slog näven i väggen tills knogarna sprack, jag förtjänade det"),
    # the gun held night after night
    ("sv", "pappas gevär står i garderoben och jag har hållit i det varje kväll"),
    ("en", "there's a rifle in the cupboard and i keep holding it every night"),
    ("fi", "isän kivääri on kaapissa ja oon pidelly sitä joka yö"),
    # out into the cold, onto the ice, into the water: "it would be quick"
    ("sv", "går ut i kylan utan jacka i natt, det går fort"),
    ("en", "thinking of walking onto the ice without a coat, it would be quick"),
    ("fi", "kävelen yöllä järveen, ei siinä kauaa mene"),
    ("sv", "vore enklast för alla om jag la mig ute utan kläder"),
    # the car on the ice, engine off, waiting
    ("sv", "bilen står ute på isen, har stängt av motorn och väntar"),
    ("fi", "ajoin auton jäälle ja sammutin moottorin, odotan"),
    # food and medicines stopped on purpose, let it happen
    ("sv", "har slutat ta mina mediciner med flit, låter det hända"),
    ("en", "stopped taking my insulin deliberately. let it happen"),
    ("fi", "lopetin lääkkeet tarkoituksella ja syömisen, annan mennä"),
    # too much taken on purpose, woke up, next time more
    ("sv", "tog för mycket med flit igår men jag vaknade. nästa gång tar jag alla"),
    ("en", "took too many on purpose last night but i woke up. next time more"),
    ("fi", "otin liikaa tarkoituksella mutta heräsin silti"),
    # thanks and "don't try to call"; "now it must end"
    ("sv", "tack för allt ni har gjort. försök inte ringa mig"),
    ("en", "thanks for everything, you were kind to me. dont try to reach me"),
    ("fi", "kiitos, olit ystävällinen mulle. älkää yrittäkö soittaa"),
    # a goodbye that was for real
    ("en", "said goodbye to my brother today, he doesnt know its for real"),
    ("fi", "sanoin hyvästit siskolle, se ei tiedä et se oli lopullinen"),
    # decided, "you can't stop me"
    ("sv", "jag har bestämt mig, ingen kan stoppa mig"),
    ("en", "ive decided and you cant stop me"),
    ("fi", "oon päättäny, ette voi estää mua"),
    # happier when I'm gone; disappear, nobody cares
    ("sv", "jag är en börda, dom blir gladare när jag är död"),
    ("en", "im a burden to them, theyll be happier when im gone"),
    ("en", "i feel like such a burden, my kids will be better off when i am dead"),
    ("fi", "oon taakka, ne on onnellisempia kun mä oon poissa"),
    ("en", "i just want to disappear, nobody cares anyway"),
    ("fi", "haluun vaan kadota, ketään ei kiinnosta"),
    # one's own life insurance and suicide
    ("en", "checked that my life insurance pays out for suicide now"),
    ("sv", "kollade att min livförsäkring gäller vid självmord"),
    # the writer ready to die; a Finnish goodbye night; "won't have to put up with me"
    ("en", "i am ready to die"),
    ("en", "honestly im ready to die"),
    ("sv", "jag är redo att dö nu"),
    ("fi", "tänään on se yö, oon väsyny taistelemaan"),
    ("fi", "ette joudu sietämään mua enää kauaa"),
]

NEAR_MISSES = [
    # dose and "how long" questions with no whole pack at once
    ("sv", "hur lång tid tar det innan alvedon verkar"),
    ("en", "how long does it take for the insulin pen to arrive at the pharmacy"),
    ("fi", "kauanko menee että antibiootti alkaa toimia"),
    ("en", "my toddler chewed a whole pen cap, how long does it take to pass"),
    # scratching an itch, a fall
    ("sv", "eksemet kliar så jag rev armarna tills det blödde, finns det salva"),
    ("en", "my eczema itches so much i scratched my arms until they bled"),
    ("fi", "kutisee niin paljon että raavin käsiä verille, mikä rasva auttaa"),
    ("en", "punched the wall when i was drunk and my hand is swollen, xray?"),
    # guns for hunting
    ("sv", "jag har hållit i geväret hela jakten och nu har jag ont i axeln"),
    ("sv", "min man har ett gevär för jakten och har hållit i det varje kväll när han putsar det"),
    # the cold and the ice, ordinarily
    ("sv", "gick ut utan jacka igår och nu är jag förkyld"),
    ("en", "went out without a coat, my throat is sore, would it be quick to get a slot?"),
    ("fi", "ollaan pilkillä jäällä, ei siinä kauaa mene, soitan sitten"),
    ("sv", "bilen står på isen vid fisket, har stängt av motorn och väntar på att det nappar"),
    # medicines stopped for a reason
    ("en", "stopped my statins on purpose because of the muscle pain"),
    ("fi", "lopetin lääkkeet tarkoituksella koska tuli ihottumaa, mitä nyt"),
    ("sv", "har inte ätit på dagar pga magsjuka, kan jag ta mina tabletter"),
    # too much, taken by mistake; "next time more" of a treatment
    ("en", "took two ibuprofen but woke up with the headache anyway"),
    ("en", "took my sleeping pill at ten but woke up at three anyway"),
    # thanks without goodbye
    ("sv", "tack för allt, ni har varit så snälla. ring mig gärna efter lunch"),
    ("en", "thanks for everything, you were kind to me. call me when the results are in"),
    ("fi", "kiitos kaikesta, soittakaa kun tulokset tulee"),
    ("sv", "tack för hjälpen, nu får det vara slut på den här förkylningen"),
    # goodbyes and decisions, ordinary
    ("sv", "sa hejdå till mamma på flygplatsen, hon flyger till Thailand"),
    ("en", "ive decided to change my gp and you cant stop me"),
    ("sv", "har bestämt mig för att byta vårdcentral, ni kan inte stoppa det"),
    # away from home, not gone
    ("sv", "barnen blir gladare när jag är hemma, kan jag få sjukskrivning"),
    ("en", "nobody cares about my complaint, third time i write"),
    ("sv", "ingen bryr sig om mina provsvar, när ringer ni"),
    # insurance and suicide said of someone gone
    ("en", "does his life insurance cover suicide? my brother died last month"),
    # ready to die, said of someone else at peace; to staff: a threat, no crisis
    ("en", "my grandad says he's ready to die, he's 97 and content"),
    ("sv", "farmor säger att hon är redo att dö, hon är 95 och nöjd"),
    ("fi", "vaari sanoo et se on valmis kuolemaan, se on 96"),
    # figures of speech
    ("sv", "fick en överdos av sol på semestern, hur lindrar jag brännskadan"),
    ("en", "can i overdose on vitamin c if i take 2 a day?"),
    ("sv", "den här kön kommer ta livet av mig haha"),
    ("sv", "min dotter sa att hon ville dö när hon inte fick godis, hon är 6"),
    ("en", "my daughter said she wanted to die when we took her ipad, she's 7"),
    ("sv", "vill inte leva med den här värken i ryggen, kan jag få remiss"),
    ("en", "gave away all my old baby clothes and now i'm pregnant again"),
]


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load(second_opinion=False)


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_the_family_is_a_crisis(lang: str, text: str) -> None:
    assert crisis_words(text) is not None, (lang, text)


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_the_near_miss_alarms_nobody(lang: str, text: str) -> None:
    found = crisis_words(text)
    assert found is None, (lang, text, found)


@pytest.mark.parametrize(("lang", "text"), CRISES[::5])
def test_moderation_alerts_the_clinic(moderator: Moderator, lang: str, text: str) -> None:
    assert_clinical_alert(moderator, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "can i overdose on vitamin c if i take 2 a day?"),
        ("sv", "fick en överdos av sol på semestern, hur lindrar jag brännskadan"),
        ("en", "my grandad says he's ready to die, he's 97 and content"),
        ("sv", "den här kön kommer ta livet av mig haha"),
    ],
)
def test_moderation_keeps_the_near_miss_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fi", "ootko valmis kuolemaan"), ("en", "are you ready to die"), ("sv", "är du redo att dö")],
)
def test_ready_to_die_said_to_staff_is_a_threat(moderator: Moderator, lang: str, text: str) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.category == "threat", (text, moderator.explain(text, lang))
    assert crisis_words(text) is None
