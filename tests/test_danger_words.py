"""Danger words as people type them (DESIGN 8a, issue 12): one vocabulary gives the red-flag
questions and the crisis answer, in sv, en and fi at once. Figures are asserted on the TUNED set
and on the four DEV sets (each written by someone who never saw the lists, tuned on since); the
unseen set is measured by bench/danger_words.py, never asserted, read or tuned on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.danger_words import load, score
from bot.moderation import Moderator
from flows.loader import FlowError
from flows.phrases import crisis_words, load_phrases, red_flag_hits
from tests.conftest import Chat

TUNED = Path(__file__).parent / "corpora" / "first_messages_tuned.tsv"
DEV = Path(__file__).parent / "corpora" / "first_messages_dev.tsv"
DEV2 = Path(__file__).parent / "corpora" / "first_messages_dev2.tsv"
DEV3 = Path(__file__).parent / "corpora" / "first_messages_dev3.tsv"
DEV4 = Path(__file__).parent / "corpora" / "first_messages_dev4.tsv"
DEV5 = Path(__file__).parent / "corpora" / "first_messages_dev5.tsv"
DEV8 = Path(__file__).parent / "corpora" / "first_messages_dev8.tsv"


def test_the_tuned_set_is_big_enough_and_half_dangerous() -> None:
    rows = load(TUNED)
    for lang in ("sv", "en", "fi"):
        mine = [row for row in rows if row.lang == lang]
        dangerous = [row for row in mine if row.label != "none"]
        assert len(mine) >= 100 and 0.4 <= len(dangerous) / len(mine) <= 0.6, lang


@pytest.mark.parametrize(
    "corpus",
    [TUNED, DEV, DEV2, DEV3, DEV4, DEV5, DEV8],
    ids=["tuned", "dev", "dev2", "dev3", "dev4", "dev5", "dev8"],
)
def test_figures_on_the_tuning_sets(corpus: Path) -> None:
    figures = score(load(corpus))["all"]
    assert figures.seen / figures.dangerous >= 0.98, figures.misses
    assert figures.answered == figures.crisis, figures.misses
    assert figures.alarmed / figures.benign <= 0.05, figures.misses


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I've decided to end it tonight", "en"),
        ("aion tappaa itseni", "fi"),
        ("jag tänker göra slut på allt i natt", "sv"),
        ("swallowed a whole box of paracetamol", "en"),
        ("tog alla sömnpiller", "sv"),
        ("swallowed 40 pills", "en"),
        ("otin kaikki unilääkkeet", "fi"),
        ("tog alla mina tabletter", "sv"),
        ("jag vill asså typ bara dö", "sv"),  # spoken fillers between the words
        ("mä haluun kuolla", "fi"),
        ("jag vill do", "sv"),  # no diacritics
        ("Mulla on itsemurha-ajatuksia", "fi"),
    ],
)
def test_explicit_crisis_words_in_any_language(text: str, language: str) -> None:
    hit = crisis_words(text)
    assert hit is not None and hit.language == language
    assert hit.rule_id.startswith(f"danger.crisis.{language}.")
    assert "rf_suicide" in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm so tired of this cough I could die",
        "min pappa tog livet av sig för 10 år sen",
        "jag vill inte dö",  # negated
        "I don't want to die from this flu",
        "en halua kuolla tähän flunssaan",
        "took 2 paracetamol for my headache",  # a dose, not a count
        "Han sa att han ska döda mig",  # someone else's words: a threat, not self-harm
        "I cut myself on a knife while cooking",
        "satutin itseni kaatuessa",
        "should I take my pills with food",
    ],
)
def test_negations_doses_and_other_people_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("ont i brostet", "rf_chest"),  # no diacritics
        ("bröstmsärta", "rf_chest"),  # one typo
        ("Jag har jätteont i bröstkorgen", "rf_chest"),  # compound
        ("kova kipu rinnassa", "rf_chest"),  # Finnish inflection
        ("rintaan sattuu", "rf_chest"),
        ("en saa henkee", "rf_breathing"),  # spoken Finnish
        ("en pysty hengittää", "rf_breathing"),
        ("han andas konstigt och drar in under revbenen", "rf_child"),
        ("my baby is floppy", "rf_child"),
        ("vauva ei herää", "rf_consciousness"),
        ("min dotter fick ett anfall", "rf_consciousness"),
        ("my son is having a fit", "rf_consciousness"),
        ("lapsi kouristaa", "rf_consciousness"),
        ("worst headache of my life", "rf_stroke"),
        ("värsta huvudvärken i mitt liv", "rf_stroke"),
        ("gravid i vecka 30 och blöder", "rf_pregnancy"),
        ("my throat is swelling", "rf_allergy"),
        ("his lips are blue", "rf_breathing"),
    ],
)
def test_red_flags_as_people_type_them(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


def test_moderation_self_harm_comes_from_the_danger_vocabulary() -> None:
    verdict = Moderator.load().check("aion tappaa itseni", "sv")  # Finnish in a Swedish chat
    hit = verdict.hits[0]
    assert (verdict.category, verdict.action, hit.severity) == ("self_harm", "clinical_alert", 3)
    assert hit.rule_id == crisis_words("aion tappaa itseni").rule_id  # type: ignore[union-attr]
    assert hit.matched_form == "tappaa itseni"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Concepts that come together, however they are worded.
        ("det kanns tungt och tajt i brostkorgen, som ett band runt", "rf_chest"),
        ("tuntuu et norsu istuu rinnan paalla", "rf_chest"),
        ("my mom's smile is crooked and her left hand is weak", "rf_stroke"),
        ("vasen kasi ja jalka puutu 15 min sitte", "rf_stroke"),
        ("gravid v 8 och har fruktansvärt ont i ena sidan av magen", "rf_pregnancy"),
        ("I am pregnant, week 16, I fell down and now bleeding", "rf_pregnancy"),
        ("bebisen ar 6 veckor och har 38,5 i feber", "rf_child"),
        ("10 weeks old, 38.2 rectal, should we wait?", "rf_child"),
        ("taapero ihan lötkö kuin räsynukke", "rf_child"),
        ("kuume 40 ja niska tosi jaykka", "rf_meningitis"),
        ("ena pungkulan har svullnat upp som ett agg", "rf_testicle"),
        ("throwing up what looks like coffee grounds", "rf_bleeding"),
        ("oksennan kahvinporon näköstä", "rf_bleeding"),
        ("pappa föll från stegen, typ 3 meter", "rf_injury"),
        ("kurkku menee umpeen", "rf_allergy"),
        ("min man gar inte att vacka", "rf_consciousness"),
    ],
)
def test_concepts_that_come_together(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


@pytest.mark.parametrize(
    "text",
    [
        # Negated, in the past, family history, or a muscle: no red-flag question.
        "inget ont i bröstet, bara hosta och snuva sen en vecka",
        "ei rintakipua, vaan yskää ja nuhaa viikon",
        "no chest pain, just cough and runny nose",
        "feber och ont i kroppen sen igår, inga utslag och ingen stel nacke",
        "pappa hade stroke för 5 år sen, borde jag kolla mitt blodtryck",
        "my dad had a stroke 5 years ago, should i check my bp",
        "isä sai aivoinfarktin 5 vuotta sitten",
        "min mamma dog av hjartinfarkt, vill gora en halsokontroll",
        "testicular cancer runs in family how do i check myself",
        "ont i bröstmuskeln efter gymmet, gör ont när jag trycker",
        "mina kulor hänger olika, är det normalt? gör inte ont",
        "stel i nacken av datorn, ingen feber",
        "slog i huvudet i skapdorren, liten bula, inga andra besvar",
        "är gravid i v 12 och undrar när första besöket på mvc är",
        "bebisen 4 mån fick sina vaccin idag och är lite gnällig, 37,8",
    ],
)
def test_negation_the_past_and_harmless_contexts_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Someone else now, a method with intent, a farewell: crisis help at once.
        "min son har svalt alla mina sömntabletter, imovane",
        "my wife says shes going to kill herself",
        "har stått på perrongen och väntat på rätt tåg att kasta mig framför",
        "mulla on koysi valmiina",
        "ive written goodbye letters to my kids. tonight is the night",
        "i burned my arms with a lighter again on purpose",
        "otin ehkä 40 ibuprofeenia 2h sitten",
    ],
)
def test_crisis_as_people_write_it(text: str) -> None:
    assert crisis_words(text) is not None
    assert red_flag_hits(text)[0] == "rf_suicide"


@pytest.mark.parametrize(
    "text",
    [
        "den här förkylningen tar livet av mig haha, behöver sjukintyg",
        "en van tog en overdos for flera ar sen, hur pratar man med en kompis",
        "skar mig på ett papper, lite blod, behöver jag stelkrampsvaccin",
        "paljonko panadolia saa 6-vuotias ottaa",
        "I'm coming with a gun.",  # a threat: moderation's, not crisis words
        # A daily dose is no overdose: the crisis numbers to these would frighten and alert
        # staff for nothing (moderation's benign corpus found them).
        "Jag tar Alvedon 500 mg fyra gånger om dagen",
        "Jag tar 88 mg av medicinen per dag",
        "Otan 88 mg lääkettä päivässä",
        "I was told to take 14 tablets over 88 hours?",
        "I cut myself shaving with a razor blade by accident",
    ],
)
def test_idioms_doses_and_the_past_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None


def test_an_unknown_concept_in_a_rule_names_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "_phrases.yaml"
    path.write_text(
        "rf_chest:\n  sv: [ont i bröstet]\n"
        "concepts:\n  CHEST:\n    sv: [bröst]\n"
        "rules:\n  rf_chest:\n    - CHEST + PAIN\n",
        encoding="utf-8",
    )

    with pytest.raises(FlowError) as caught:
        load_phrases(path)

    assert (caught.value.source, caught.value.key) == (str(path), "rules.rf_chest[0]")
    assert "'PAIN'" in caught.value.problem


@pytest.mark.parametrize(
    "text",
    [
        # Crisis without the words: absence announced, a farewell with silence, a method
        # named with a decision, pills by count or by a name the lists never had.
        "imorgon finns jag inte längre, förlåt",
        "gone for good after this weekend, sorry mum",
        "huomenna minua ei enää ole",
        "har ett rep i förrådet och har bestämt mig",
        "my brother texted goodbye and isn't answering his phone",
        "otin 25 lyricaa",
        "he's sitting in the car in the garage with a hose",
        "aion kävellä järveen tänä yönä",
    ],
)
def test_crisis_said_without_the_crisis_words(text: str) -> None:
    assert crisis_words(text) is not None
    assert red_flag_hits(text)[0] == "rf_suicide"


@pytest.mark.parametrize(
    "text",
    [
        # A question answered no, "there are none", the past in years or 'used to', an
        # adrenaline pen to renew, something that is fine now: no crisis help, no question.
        "självmordstankar? nej, men jag sover dåligt",
        "itsetuhoisia ajatuksia ei ole, mutta nukun huonosti",
        "used to self harm at school, the scars itch now",
        "hade en stroke 2015, behöver förnya receptet",
        "son has a peanut allergy and his epipen runs out soon",
        "han svimmade men nu är han helt ok igen",
    ],
)
def test_denials_the_past_and_renewals_ask_nothing(text: str) -> None:
    assert crisis_words(text) is None
    assert red_flag_hits(text) == []


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Spoken Swedish and numbers glued to words are read as what they say.
        ("får int luft", "rf_breathing"),
        ("han e sne i ansiktet", "rf_stroke"),
        ("i 30e veckan, ser suddigt och har huvudvärk", "rf_pregnancy"),
    ],
)
def test_spoken_forms_and_glued_numbers(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


@pytest.mark.parametrize(
    "text",
    [
        # Classes a fresh writer used (dev3), each said another way: a goodbye note found, a
        # plan with a day, pills bought in several shops or lying in front of the writer,
        # self-harm as a way to cope, teen words, giving things away, nobody would miss me.
        "we found a note from our son saying goodbye",
        "mamma hittade ett brev från min syster där hon tar farväl",
        "löysimme pojan lapun jossa hän hyvästelee",
        "jag har planerat det länge, det blir ikväll",
        "been planning it for months, its happening this weekend",
        "suunnittelin tätä kauan, se tapahtuu huomenna",
        "jag har köpt alvedon på flera olika apotek",
        "i've been buying paracetamol in different shops",
        "ostin buranaa monesta eri kaupasta",
        "the pills are right here in front of me",
        "tabletit on tässä edessä",
        "tog en massa sobril och vin, minns inte hur många",
        "jag bränner mig med cigaretter när ångesten kommer",
        "i burn myself with cigarettes when it gets too much",
        "thinking about sewerslide",
        "not going to be here much longer",
        "gav bort alla mina saker i helgen",
        "annoin koiran naapurille ja kirjeet on valmiina",
        "nobody would miss me anyway",
        "ingen skulle sakna mig ändå",
        # Understatement: can't any more with wanting it to end or not to be here.
        "jag orkar inte mer, vill bara somna och aldrig vakna",
        "i cant do this anymore, i want it all to stop",
        "oon niin väsyny kaikkeen, en haluu olla enää",
        # A time chosen for when nobody can stop it; things given away.
        "ska göra det klockan 3 inatt när alla sover",
        "teen sen yöllä kun kaikki nukkuu",
        "my son has been giving away his things",
        "poika on antanut tavaransa kavereille",
    ],
)
def test_crisis_classes_said_another_way(text: str) -> None:
    assert crisis_words(text) is not None
    assert red_flag_hits(text)[0] == "rf_suicide"


@pytest.mark.parametrize(
    "text",
    [
        # The same shapes in ordinary care: a planned operation, a note for the doctor, a
        # grandmother's letter, a dosette box for an 84-year-old, sunburn, tired of a cough or of
        # pain, clothes to a charity shop.
        "jag ska opereras, vi har planerat det länge, det blir på fredag",
        "olen suunnitellut tätä kauan, se tapahtuu perjantaina, eli leikkaus",
        "I'm not going to be here on Monday, can I move my appointment",
        "kan jag lämna ett brev till läkaren, tar farväl av min gamla läkare",
        "my grandmother wrote me a letter, she is not answering the phone since yesterday",
        "my dad who is 84 takes his tablets, can you sort his dosette box",
        "I burn easily in the sun",
        "orkar inte mer med den här hostan",
        "en jaksa enää tätä flunssaa",
        "im tired of everything hurting, cant do this anymore",
        "gav bort barnens gamla kläder till second hand",
    ],
)
def test_ordinary_plans_notes_and_doses_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # An itchy throat from pollen is hay fever, not a reaction to something eaten.
        "jag är allergisk mot pollen och det kliar i halsen",
        "hay fever allergy, itchy throat and eyes",
        "can i book with a nurse for a coil fitting",
        "isa pyortyi kesalla mut kaikki oli ok, nyt haluu jalkitarkastuksen",
    ],
)
def test_hay_fever_a_coil_fitting_and_last_summer_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Red flags as a fresh writer put them, said another way.
        ("used my blue inhaler 8 times in the last hour", "rf_breathing"),
        ("andas som genom ett sugrör", "rf_breathing"),
        ("ont i käken och svettas, mår illa", "rf_chest"),
        ("kipua lapojen välissä ja hikoilen", "rf_chest"),
        ("hon tappade plötsligt kraften i höger arm", "rf_stroke"),
        ("eyes rolled back and shaking all over", "rf_consciousness"),
        ("feber och prickar som inte går bort vid tryck", "rf_meningitis"),
        ("kuumetta ja jääkylmät kädet, iho sinertävä", "rf_meningitis"),
        ("luu näkyy ihon läpi", "rf_injury"),
        ("raskaana ja kipua kylkikaaren alla", "rf_pregnancy"),
        ("my son says it hurts down there and he's been sick", "rf_testicle"),
        ("bebisen 5 veckor andas konstigt med pauser", "rf_child"),
        ("har tagit 10 puffar ventolin senaste timmen", "rf_breathing"),
        ("pain in my jaw and back, clammy and sick", "rf_chest"),
        ("hän tärisee ja silmät kääntyy nurin", "rf_consciousness"),
        ("he ate a peanut and now his throat is itchy", "rf_allergy"),
        ("söi maapähkinää ja nyt kurkkua kutittaa", "rf_allergy"),
        ("vauva 2kk ei saa hereille", "rf_child"),
    ],
)
def test_red_flag_classes_said_another_way(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        # Classes a fresh writer used (dev4), each said another way: wanting it all to end,
        # tired of living, the only way out, nobody would notice, might as well be dead, a plan
        # and a date, a burden who has had enough, looking up ways, scratching till it bleeds,
        # meaning to be gone, not caring to live, drink with pills, things given away, a rope,
        # thinking of suicide, someone else who says he will.
        "jag vill bara att allting ska ta slut nu",
        "i just want everything to be over",
        "toivon vaan että kaikki loppuis jo",
        "jag är så trött på livet",
        "honestly sick of being alive",
        "oon niin väsyny elämään",
        "orkar inte längre, det är enda vägen ut",
        "i cant take it anymore, there is no other way out",
        "en kestä enää, ainoa keino on lähteä",
        "ingen skulle sakna mig om jag dog",
        "no one would even notice if i was gone",
        "kukaan ei kaipais jos mä kuolisin",
        "kan lika gärna vara död, lika bra om jag dog",
        "may as well die at this point",
        "ihan sama vaikka kuolisin huomenna",
        "jag har en plan och har valt ett datum",
        "ive got a plan and picked a date",
        "mulla on suunnitelma ja päivämäärä",
        "jag är bara en börda för alla och har bestämt mig",
        "im a burden to everyone and ive had enough",
        "oon vaan taakka ja nyt riittää",
        "har googlat hur man gör det",
        "been googling methods to end it",
        "oon etsiny tapoja tehdä se",
        "river mig själv tills det blöder varje kväll",
        "i keep scratching myself until i bleed",
        "raavin itteäni verille kun on paha olla",
        "jag tänker vara borta innan jul",
        "i plan to be gone by the weekend",
        "aion olla poissa ennen joulua",
        "ei kiinnosta enää elää",
        "i dont care if i live or die anymore",
        "bryr mig inte om jag lever eller dör",
        "drack en flaska vin och tog alla mina sömntabletter",
        "downed a bottle of whisky with a load of pills",
        "join pullon viinaa ja otin koko purkin lääkkeitä",
        "har gett bort katten och sagt hejdå till alla",
        "gave away my things and said goodbye to everyone",
        "annoin kissan pois ja sanoin kaikille hyvästit",
        "har skaffat ett rep",
        "bought a rope today",
        "hankin köyden",
        "tänker hela tiden på självmord",
        "been thinking a lot lately about suicide",
        "ajattelen koko ajan itsemurhaa",
        "min bror säger att han ska skjuta sig",
        "my dad says he will hang himself",
        "veli sanoo että hirttää ittensä",
    ],
)
def test_crisis_classes_said_another_way_dev4(text: str) -> None:
    assert crisis_words(text) is not None
    assert red_flag_hits(text)[0] == "rf_suicide"


@pytest.mark.parametrize(
    "text",
    [
        # The same words in ordinary care: the pain or a cold to end, a car park's way out, a
        # scraped knee, a glass of wine with antibiotics, a mother who died last year, a burden
        # as a child, no thoughts of suicide.
        "vill att allt ska ta slut med förkylningen, kan jag få antibiotika",
        "i want the pain to end, can i get stronger painkillers",
        "the only way out of the car park was closed",
        "jag skrapade mig på knät och det blöder lite",
        "can i drink a glass of wine with my antibiotics",
        "saako ottaa buranaa ja juoda lasin viiniä",
        "I dont care if it hurts, I want the vaccine",
        "mamma dog av cancer i fjol",
        "i used to be a burden to my parents as a kid",
        "jag tänker inte på självmord",
        "ei oo itsetuhoisia ajatuksia",
    ],
)
def test_near_misses_of_the_dev4_crisis_classes_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Red flags as the dev4 writer put them, each said another way: the baby still, waters,
        # bleeding, an accident or a fall at N weeks; a limb at a wrong angle; a blow to the
        # head with vomiting; large burns; a wound soaking through; a listless or dry child;
        # fever with spots that stay or a dark room; a hoarse voice or tight throat after
        # eating or a sting; a leg that gives way, a cup dropped; nitro that does nothing; a
        # kick to the groin; staring and not answering; something inhaled; a problem to breathe.
        ("vecka 36 och bebisen har inte rört sig på hela dagen", "rf_pregnancy"),
        ("38 weeks and baby has stopped moving since this morning", "rf_pregnancy"),
        ("rv 33 eikä vauva oo liikkunu koko päivänä", "rf_pregnancy"),
        ("v 30 och det rinner klar vätska", "rf_pregnancy"),
        ("32 weeks pregnant, leaking clear fluid all evening", "rf_pregnancy"),
        ("raskausviikko 29, kirkasta nestettä valuu", "rf_pregnancy"),
        ("20 weeks and bleeding bright red, soaked a pad", "rf_pregnancy"),
        ("gravid i vecka 18 och blöder rött", "rf_pregnancy"),
        ("gravid i vecka 30 och krockade med bilen", "rf_pregnancy"),
        ("34 weeks pregnant and fell down the stairs onto my bump", "rf_pregnancy"),
        ("rv 28 ja kolari tänään, maha kovana", "rf_pregnancy"),
        ("ramlade på cykeln och handleden pekar åt fel håll", "rf_injury"),
        ("fell off a ladder and my ankle is bent the wrong way", "rf_injury"),
        ("liukastuin ja ranne on ihan vinossa", "rf_injury"),
        ("blev slagen i huvudet och kräks nu", "rf_injury"),
        ("was punched in the head last night and keep throwing up", "rf_injury"),
        ("potkittiin päähän ja oksentaa", "rf_injury"),
        ("skållade mig med kokande vatten över hela benet, stora blåsor", "rf_injury"),
        ("burned my whole arm on the stove, huge blisters", "rf_injury"),
        ("kuumaa vettä kaatui jalalle ja isot rakkulat", "rf_injury"),
        ("skar mig djupt i handen och det sprutar blod genom handduken", "rf_bleeding"),
        ("cut my leg on glass and its soaking through the towel", "rf_bleeding"),
        ("haava kädessä ja verta tulee valtoimenaan", "rf_bleeding"),
        ("min son 2 år har feber och ligger bara och orkar inte gråta", "rf_child"),
        ("my 18 month old has a high fever and is just lying there, not even crying", "rf_child"),
        ("poika 1v kuumeessa ja makaa vain eikä itke", "rf_child"),
        ("dottern 10 mån har inga blöta blöjor sedan igår", "rf_child"),
        ("my 2 year old has had no wet nappies all day and no tears", "rf_child"),
        ("vauva 5kk, vaipat kuivia koko päivän", "rf_child"),
        ("feber och lila prickar som inte försvinner när jag trycker", "rf_meningitis"),
        ("fever and spots that dont fade when i press a glass", "rf_meningitis"),
        ("kuumetta ja pisteitä jotka ei häviä lasilla", "rf_meningitis"),
        ("hög feber och vill bara ligga i mörkret", "rf_meningitis"),
        ("åt räkor och nu är rösten hes och det kliar överallt", "rf_allergy"),
        ("ate peanuts and my voice is going hoarse", "rf_allergy"),
        ("söin pähkinöitä ja nyt ääni on käheä", "rf_allergy"),
        ("getingstick och trångt i halsen när jag sväljer", "rf_allergy"),
        ("plötsligt bär inte högra benet", "rf_stroke"),
        ("suddenly my left leg gave way and my arm is numb", "rf_stroke"),
        ("oikea käsi ei toimi ja puhe on sekavaa", "rf_stroke"),
        ("hon tappade koppen och armen blev slapp", "rf_stroke"),
        ("tog nitro två gånger men det hjälpte inte", "rf_chest"),
        ("used my gtn spray twice and it did nothing", "rf_chest"),
        ("otin nitron mutta se ei auttanut", "rf_chest"),
        ("fick en spark i skrevet och det svullnar", "rf_testicle"),
        ("got kicked in the groin and its swelling up", "rf_testicle"),
        ("kivekset turvoksissa ja kuumetta", "rf_testicle"),
        ("pappa sitter och stirrar tomt och svarar inte", "rf_consciousness"),
        ("she is staring into space and not answering", "rf_consciousness"),
        ("mummo tuijottaa tyhjyyteen eikä reagoi", "rf_consciousness"),
        ("kan inte väcka min pappa", "rf_consciousness"),
        ("cant get her to wake up properly", "rf_consciousness"),
        ("en saa häntä hereille", "rf_consciousness"),
        ("han fick en nöt i luftstrupen och hostar", "rf_breathing"),
        ("she inhaled a bit of apple and now wheezes", "rf_breathing"),
        ("lapsi veti pähkinän henkeen", "rf_breathing"),
        ("my mother has problems to breathe", "rf_breathing"),
        ("har problem att få luft", "rf_breathing"),
        ("isällä on vaikeuksia hengittää", "rf_breathing"),
    ],
)
def test_red_flag_classes_said_another_way_dev4(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        # A negation holds down a list joined by "or"; a small blister, a Finnish 4-year-old
        # ("4v"), a rash that fades, week 20 and a painkiller, breathless on stairs for years.
        "ingen bröstsmärta eller andnöd, bara hosta",
        "no chest pain or shortness of breath, just a cough",
        "ei rintakipua tai hengenahdistusta, vain yskä",
        "inget ont i bröstet eller svårt att andas",
        "no fever or stiff neck",
        "ei kuumetta tai niskajäykkyyttä",
        "fick en liten brännblåsa på fingret",
        "small blister on my heel from new shoes",
        "pieni rakko kantapäässä",
        "4v tyttö korvakipu ja lämpöä 38",
        "rash that fades when pressed, no fever",
        "gravid i v 20, undrar om jag får ta alvedon",
        "har haft andnöd i trappor i flera år, vill förnya astmamedicin",
    ],
)
def test_negated_lists_and_dev4_near_misses_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("ingen bröstsmärta eller andnöd men nu kan jag inte andas", "rf_breathing"),
        ("no fever or cough, but my lips are blue", "rf_breathing"),
        ("ei kuumetta tai yskää, mutta nyt rintaan sattuu", "rf_chest"),
    ],
)
def test_a_negated_list_does_not_swallow_a_later_clause(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


async def test_the_most_specific_red_flag_is_asked_first_in_the_chat(chat: Chat) -> None:
    # Chest pain comes first in the questionnaire; a pregnant woman who bleeds is asked about
    # the pregnancy first, whatever she named first.
    await chat.say("Jag har ont i bröstet och blöder, gravid i vecka 30")
    await chat.say("1")
    printed = await chat.say("1")
    assert "Är du gravid och har kraftig blödning" in printed
    assert "Har du ont eller tryck i bröstet" not in printed
    printed = await chat.say("nej")
    assert "Har du ont eller tryck i bröstet" in printed


@pytest.mark.parametrize(
    "text",
    [
        # Explicit crisis words as patients type them, none taken from a corpus: the first
        # person and someone else, spoken forms, no diacritics.
        "jag har bestämt mig för att ta livet av mig ikväll",
        "tänker ta alla mina tabletter ikväll",
        "jag vill inte leva längre",
        "har skurit mig i armarna igen",
        "svalde en hel burk alvedon för en timme sen",
        "orkar inte mer, vill dö",
        "i'm going to kill myself tonight",
        "took 30 paracetamol an hour ago",
        "i want to end it all",
        "i've been cutting again and it's deep",
        "i dont see any reason to keep living",
        "everyone would be better off without me",
        "aion tappaa itseni tänään",
        "otin 20 buranaa",
        "en jaksa elää enää",
        "viiltelin taas käsiä",
        "haluun kuolla",
        "kaikilla olis parempi ilman mua",
        "mun tyttö sanoo et haluu kuolla ja on viillelly",
        "min dotter har tagit en överdos",
        "my husband swallowed a bottle of his pills",
        "ja vill int leva mer",
        "vill bara sova och aldrig vakna",
        "i wish i could just not wake up",
        "en haluis herätä enää aamulla",
        "jag har sparat tabletter för att ta alla",
        "ive been saving up my pills",
        "tankt ta livet av mig",
        "vill do",
        "ska hanga mig",
        "haluun kuolla pois",
        "tapan itteni",
        "ottanu kaikki pillerit",
    ],
)
def test_crisis_words_as_typed_anywhere(text: str) -> None:
    assert crisis_words(text) is not None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # Each red flag in everyday words, no diacritics, spoken forms and a parent writing.
        ("kan knappt andas, läpparna är blå", "rf_breathing"),
        ("astman e jättedålig, ventolin hjälper int", "rf_breathing"),
        ("cant catch my breath and my lips look blue", "rf_breathing"),
        ("inhaler not working, can only say a few words", "rf_breathing"),
        ("en saa henkeä ja huulet on siniset", "rf_breathing"),
        ("astmakohtaus eikä piippu auta", "rf_breathing"),
        ("det trycker över bröstet och strålar ut i vänster arm", "rf_chest"),
        ("elefant på bröstet och kallsvettig", "rf_chest"),
        ("crushing pain in my chest going down my left arm", "rf_chest"),
        ("rintaa puristaa ja kylmä hiki", "rf_chest"),
        ("rinnassa painaa ihan hirveesti", "rf_chest"),
        ("sydäntä puristaa ja säteilee käteen", "rf_chest"),
        ("pappa hänger i ena mungipan och sluddrar", "rf_stroke"),
        ("my mum's face is drooping and she's slurring", "rf_stroke"),
        ("isän suu roikkuu toiselta puolelta", "rf_stroke"),
        ("plötsligt värsta huvudvärken i mitt liv", "rf_stroke"),
        ("worst headache of my life came on suddenly", "rf_stroke"),
        ("elämäni pahin päänsärky alko äkkiä", "rf_stroke"),
        ("han krampar och svarar inte", "rf_consciousness"),
        ("my son is having a seizure right now", "rf_consciousness"),
        ("se kouristelee eikä herää", "rf_consciousness"),
        ("mamma går inte att väcka", "rf_consciousness"),
        ("he collapsed and isnt responding", "rf_consciousness"),
        ("isä ei herää vaikka ravistelen", "rf_consciousness"),
        ("blöder jättemycket från ett sår i benet och det slutar inte", "rf_bleeding"),
        ("bleeding heavily from a cut, wont stop", "rf_bleeding"),
        ("verta tulee paljon haavasta eikä lopu", "rf_bleeding"),
        ("kräks blod", "rf_bleeding"),
        ("vomiting blood", "rf_bleeding"),
        ("oksennan verta", "rf_bleeding"),
        ("svart bajs och yr", "rf_bleeding"),
        ("halsen svullnar igen efter jordnötter", "rf_allergy"),
        ("throat closing up after eating prawns", "rf_allergy"),
        ("kurkku turpoaa umpeen", "rf_allergy"),
        ("tungan svullnar efter getingsticket", "rf_allergy"),
        ("my lips and tongue are swelling after a bee sting", "rf_allergy"),
        ("huulet turpoaa ampiaisen piston jälkeen", "rf_allergy"),
        ("feber och nackstel, tål inte ljus", "rf_meningitis"),
        ("stiff neck and high fever, light hurts", "rf_meningitis"),
        ("niska jäykkä ja kova kuume", "rf_meningitis"),
        ("gravid v 10 och blöder mycket", "rf_pregnancy"),
        ("pregnant and bleeding heavily", "rf_pregnancy"),
        ("raskaana ja kova kipu vatsassa", "rf_pregnancy"),
        ("gravid och fruktansvärt ont i magen", "rf_pregnancy"),
        ("bebisen 6 v har 38,5 feber", "rf_child"),
        ("my 5 week old has a fever of 38", "rf_child"),
        ("vauva 1kk kuumeessa", "rf_child"),
        ("bebisen e slapp o grymtar", "rf_child"),
        ("baby is floppy and grunting", "rf_child"),
        ("vauva on veltto ja ähkii", "rf_child"),
        ("ont i pungen sen en timme, kräks", "rf_testicle"),
        ("sudden pain in my left testicle", "rf_testicle"),
        ("äkillinen kova kipu kiveksessä", "rf_testicle"),
        ("ramlade från stegen och slog i huvudet, kräks", "rf_injury"),
        ("fell off the roof and cant feel my legs", "rf_injury"),
        ("putosin tikkailta ja selkä on ihan jumissa", "rf_injury"),
        ("kan inte andas, lapparna ar bla", "rf_breathing"),
        ("brostsmarta sen en timme", "rf_chest"),
        ("ont i brostkorgen o kallsvettig", "rf_chest"),
        ("sluddrar o hanger i mungipan", "rf_stroke"),
        ("medvetslos pa golvet", "rf_consciousness"),
        ("han fick ett krampanfal", "rf_consciousness"),
        ("rintaan koskee ja hengästyttää", "rf_chest"),
        ("rintakehässä painon tunne", "rf_chest"),
        ("sydän hakkaa ja rinnassa kipua", "rf_chest"),
        ("brethless and wheezy, cant talk in sentences", "rf_breathing"),
        ("babyn andas jättesnabbt och drar in under revbenen", "rf_child"),
        ("my toddler is breathing really fast and sucking in at the ribs", "rf_child"),
        ("hon har blödit igenom tre bindor på en timme", "rf_bleeding"),
        ("soaked through 3 pads in an hour", "rf_bleeding"),
        ("side vaihdettu joka tunti, vuotaa läpi", "rf_bleeding"),
        ("nacken e stel o hög feber", "rf_meningitis"),
        ("halsen känns som den stängs", "rf_allergy"),
        ("my throat feels like its closing", "rf_allergy"),
        ("tuntuu et kurkku menee umpeen", "rf_allergy"),
        ("gravid och värkar i v 28", "rf_pregnancy"),
        ("28 viikkoa ja supistuksia", "rf_pregnancy"),
        ("min 2-åring andas konstigt och är blå runt munnen", "rf_child"),
        ("my baby's lips are going blue", "rf_child"),
        ("vauvan huulet sinertää", "rf_child"),
    ],
)
def test_red_flags_in_everyday_words(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary care in the same words: renewals, the past, a pregnancy without danger, a
        # child with fever who plays, a paper cut, hay fever, two painkillers, grief, a rash.
        "ont i halsen sen tre dagar",
        "sore throat and runny nose for 3 days",
        "kurkku kipeä ja nuha",
        "vill förnya mitt recept på astmamedicin",
        "need a repeat prescription for my inhaler",
        "tarviin uusinnan astmalääkkeeseen",
        "hade ont i bröstet förra veckan men nu är det bra",
        "my dad had a stroke 5 years ago, how can i support him",
        "isällä oli aivoinfarkti 2015",
        "jag är gravid i vecka 12 och mår illa",
        "I'm 20 weeks pregnant and have heartburn",
        "raskaana viikolla 20, närästää",
        "min son har feber 38,5 men är pigg",
        "my daughter 4 has a temperature of 38 but is playing",
        "poika 6v kuumetta 38 mut leikkii",
        "blöder lite näsblod ibland",
        "small cut on my finger from paper",
        "pieni haava sormessa",
        "allergisk mot pollen, nysningar",
        "hay fever, itchy eyes",
        "siitepölyallergia ja silmät kutisee",
        "tog två alvedon för huvudvärken",
        "took 2 ibuprofen for a headache",
        "otin kaksi buranaa päänsärkyyn",
        "vill prata med någon om min sorg efter pappa",
        "feeling low since my breakup",
        "oon ollu vähän alakuloinen",
        "trött hela tiden, kan det vara järnbrist",
        "tired all the time, could it be thyroid",
        "väsyttää koko ajan",
        "kliar på armarna efter ny tvål",
        "itchy rash on my arms after new soap",
        "ihottumaa käsissä uuden saippuan jälkeen",
    ],
)
def test_ordinary_care_in_the_same_words_asks_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Only looks alike: how many tablets a day, a graze after a fall ("slog i knät" is no
        # "slö" child), a vaccine in pregnancy, dementia that confuses every evening, the usual
        # migraine, a pet that died, a tongue burnt on coffee, a baby with a cold who feeds.
        "jag vill boka tid för att ta bort en leverfläck",
        "kan jag ta ipren och alvedon samtidigt?",
        "hur många alvedon får man ta per dag",
        "how many paracetamol can i take in a day",
        "montako panadolia saa ottaa päivässä",
        "my son fell off his bike yesterday, small graze on the knee",
        "dottern ramlade och slog i knät, lite blåmärke",
        "tyttö kaatui pyörällä, polvi ruvella",
        "jag är gravid och undrar om vaccin",
        "pregnant and wondering about flu jab",
        "raskaana ja mietin rokotusta",
        "min mamma har demens och är ofta förvirrad, vill ha hembesök",
        "my grandma has dementia and gets confused in the evenings",
        "mummolla muistisairaus ja sekavuutta iltaisin",
        "jag har migrän som vanligt, behöver nytt recept",
        "usual migraine, need more sumatriptan",
        "tavallinen migreeni, tarvitsen reseptin",
        "astma, behöver ny inhalator",
        "asthma review please",
        "astman vuositarkastus",
        "har haft ont i ryggen i en vecka",
        "back pain for a week",
        "selkä kipeä viikon",
        "ont i magen efter maten",
        "stomach ache after eating",
        "vatsa kipeä syömisen jälkeen",
        "jag skär mig ofta på papper på jobbet",
        "i'm so tired of this cold",
        "oon ihan kyllästyny tähän flunssaan",
        "min katt dog igår och jag är ledsen",
        "my dog died and im sad",
        "koira kuoli ja oon surullinen",
        "blodtrycket är högt, vill ha kontroll",
        "high blood pressure check",
        "verenpaine koholla",
        "jag ramlade på isen för två veckor sen, fortfarande ont i handleden",
        "i took too much sun yesterday, skin is red",
        "poltin kieleni kahviin",
        "bebisen är 3 månader och har snuva",
        "baby 4 months has a cold but feeds well",
        "vauva 5kk nuhainen mut syö hyvin",
    ],
)
def test_what_only_looks_alike_asks_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's pills, a knife to use on oneself, a car into a lorry, goodbye letters,
        # suicidal thoughts every day.
        "mamma har tagit alla sina tabletter",
        "he took a bunch of pills and wont say how many",
        "isä otti kaikki unilääkkeensä",
        "jag har en kniv och tänker använda den på mig själv",
        "i have a knife and i'm going to use it on myself",
        "mulla on veitsi ja aion käyttää sitä itseeni",
        "tänker köra in i en lastbil",
        "going to drive into a wall",
        "aion ajaa rekan alle",
        "har skrivit avskedsbrev",
        "wrote my goodbye letters",
        "kirjotin hyvästikirjeet",
        "jag vill inte vakna imorgon",
        "i want to die so bad",
        "haluun vaan kuolla pois",
        "självmordstankar varje dag",
        "suicidal thoughts every day",
        "itsemurha-ajatuksia joka päivä",
    ],
)
def test_more_crisis_as_typed(text: str) -> None:
    assert crisis_words(text) is not None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # An ectopic or a miscarriage that soaks pads, not breathing, found unconscious, carbon
        # monoxide with headache and dizziness.
        ("positivt test och hugger i ena sidan av magen", "rf_pregnancy"),
        ("positive test and sharp pain low on one side", "rf_pregnancy"),
        ("positiivinen testi ja kova kipu toisella puolella vatsaa", "rf_pregnancy"),
        ("missfall och blöder massor", "rf_pregnancy"),
        ("miscarrying and soaking pads", "rf_pregnancy"),
        ("keskenmeno ja vuotaa tosi paljon", "rf_pregnancy"),
        ("han andas inte", "rf_breathing"),
        ("she's not breathing", "rf_breathing"),
        ("hän ei hengitä", "rf_breathing"),
        ("pappa hittades medvetslös", "rf_consciousness"),
        ("found my dad unconscious on the floor", "rf_consciousness"),
        ("löysin isän tajuttomana", "rf_consciousness"),
        ("kolmonoxid, hela familjen har huvudvärk och är yra", "rf_consciousness"),
    ],
)
def test_more_red_flags_as_typed(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # The dev6/dev7 red-flag families, each said other ways (sv, en, fi): a child who
        # swallowed a battery, magnets, detergent or pills; green vomit; a baby's age in words;
        # a sting or a food then pale or faint; fever with a sore neck, light that hurts, a
        # spreading rash; someone who cannot be woken after drink; the baby moving less, waters
        # going, spotting; a smile gone on one side, leaning to one side, sight gone like a
        # curtain; a limb turned out, off the road then belly pain, a fall then numb legs; a
        # testicle by another name; bleeding after a tonsillectomy, blood coughed by the
        # spoonful; sats, fast shallow breathing, smoke breathed in.
        ("min dotter 2 år har svalt ett knappcellsbatteri", "rf_child"),
        ("sonen 3 år har ätit upp farmors blodtryckstabletter", "rf_child"),
        ("lillkillen 4 år drack diskmedel för en stund sen", "rf_child"),
        ("my 2 year old swallowed a button battery from the remote", "rf_child"),
        ("our toddler got into grandma's heart pills, maybe 5 gone", "rf_child"),
        ("my 3yo swallowed two magnets", "rf_child"),
        ("2v nieli nappipariston", "rf_child"),
        ("poika 3v söi mummon verenpainelääkkeitä", "rf_child"),
        ("taapero joi astianpesuainetta", "rf_child"),
        ("bebisen 2 veckor kräks grönt", "rf_child"),
        ("my 5 week old is throwing up green", "rf_child"),
        ("vauva 3 viikkoa oksentaa vihreää", "rf_child"),
        ("bebis fem veckor har 38,5 i feber", "rf_child"),
        ("six weeks old baby with a fever of 38.3", "rf_child"),
        ("blev stucken av en geting och nu är jag alldeles blek och yr", "rf_allergy"),
        ("got stung by a wasp and now I feel faint and dizzy", "rf_allergy"),
        ("ampiainen pisti ja nyt huimaa ja olen kalpea", "rf_allergy"),
        (
            "han smakade jordnötter första gången, fick nässelutslag över hela kroppen och kräks",
            "rf_allergy",
        ),
        ("feber och gör ont i nacken och han drar för gardinerna", "rf_meningitis"),
        (
            "high fever, neck really hurts and she keeps shutting the curtains, being sick",
            "rf_meningitis",
        ),
        ("kova kuume ja niskaan sattuu ja valo sattuu silmiin", "rf_meningitis"),
        ("fever and he cant look at light, bad headache", "rf_meningitis"),
        ("feber och prickar som sprider sig snabbt", "rf_meningitis"),
        ("fever and a rash that is spreading fast", "rf_meningitis"),
        ("han drack en flaska vodka och nu går han inte att väcka", "rf_consciousness"),
        ("he took pills and drank, now we cant wake him", "rf_consciousness"),
        ("kaveri joi liikaa eikä herää", "rf_consciousness"),
        ("mamma är väldigt trött och svarar inte ordentligt idag", "rf_consciousness"),
        ("grandad is very sleepy and not answering us properly", "rf_consciousness"),
        ("gravid vecka 34 och bebisen har rört sig mindre idag", "rf_pregnancy"),
        ("33 weeks and the baby has been moving less today", "rf_pregnancy"),
        ("rv 32 ja vauva on liikkunut tänään vähän", "rf_pregnancy"),
        ("vattnet har gått i vecka 32", "rf_pregnancy"),
        ("my waters went at 31 weeks", "rf_pregnancy"),
        ("vedet meni viikolla 33", "rf_pregnancy"),
        ("positive test last week and now spotting with pain on one side", "rf_pregnancy"),
        ("pappa kan inte le på ena sidan och armen känns tung", "rf_stroke"),
        ("dad cant smile on one side and his arm feels heavy", "rf_stroke"),
        ("isä ei pysty hymyilemään toisella puolella ja käsi on heikko", "rf_stroke"),
        ("farfar lutar åt höger när han går och är sned i ansiktet", "rf_stroke"),
        ("grandad keeps leaning to one side and his face looks crooked", "rf_stroke"),
        ("mummo kallistuu koko ajan oikealle ja naama roikkuu", "rf_stroke"),
        ("plötsligt svart i ena ögat som en gardin som föll ner", "rf_stroke"),
        ("sudden loss of vision in my left eye", "rf_stroke"),
        ("mormor ramlade och benet är utåtroterat och kortare", "rf_injury"),
        ("she fell and her leg is turned outwards and shorter than the other", "rf_injury"),
        ("körde i diket med bilen och nu gör magen ont och jag är yr", "rf_injury"),
        ("car went into the ditch, now my belly hurts and I feel faint", "rf_injury"),
        ("auto ajoi ojaan, nyt vatsaan sattuu ja huimaa", "rf_injury"),
        ("tipuin hevosen selästä, selkä kipeä ja jalat puutuu", "rf_injury"),
        ("ont i kulan och den är svullen", "rf_testicle"),
        ("sudden pain in my groin and I feel sick", "rf_testicle"),
        ("my son says his privates hurt badly on one side", "rf_testicle"),
        ("opererade halsmandlarna förra veckan och nu blöder det från munnen", "rf_bleeding"),
        ("had my tonsils out last week and now spitting blood", "rf_bleeding"),
        ("veriyskää, monta ruokalusikallista verta", "rf_bleeding"),
        ("sats 86 på oximetern och andas snabbt", "rf_breathing"),
        ("breathing really fast and shallow and his lips look dusky", "rf_breathing"),
        ("sain savua tulipalossa ja hengitys vinkuu", "rf_breathing"),
        ("breathed in smoke at the fire and now wheezing", "rf_breathing"),
        ("pappa sitter grå och svettig och håller handen på bröstet", "rf_chest"),
        ("plötslig smärta i ljumsken och jag mår illa", "rf_testicle"),
        ("äkillinen kipu nivusissa ja oksettaa", "rf_testicle"),
        ("poika 13v sanoo että alapäähän sattuu kovasti toiselta puolelta", "rf_testicle"),
        ("kaatui ja jalka on kääntynyt ulospäin ja lyhyempi", "rf_injury"),
        ("föll av hästen, ont i ryggen och domnar i benen", "rf_injury"),
        ("fell off my horse, back hurts and my legs are numb", "rf_injury"),
        ("nielurisaleikkaus viime viikolla ja nyt suusta tulee verta", "rf_bleeding"),
        ("hostar upp blod, flera matskedar idag", "rf_bleeding"),
        ("andades in rök vid branden och nu väser det när jag andas", "rf_breathing"),
        ("sats 85 och andas jättesnabbt", "rf_breathing"),
        ("happisaturaatio 86 ja hengittää tiheästi", "rf_breathing"),
        (
            "hittade mormor på golvet, hon är svår att få kontakt med och väldigt trött",
            "rf_consciousness",
        ),
        ("mummo on tosi uninen eikä vastaa kunnolla", "rf_consciousness"),
        ("maistoi maapähkinää ja nyt on kalpea ja huimaa", "rf_allergy"),
        ("kuumetta ja läikkiä jotka leviävät nopeasti", "rf_meningitis"),
        ("vecka 30 och det rinner vatten", "rf_pregnancy"),
        ("kan inte hitta orden och armen lyder inte", "rf_stroke"),
        ("bebisen 3 månader har svalt en magnet", "rf_child"),
    ],
)
def test_red_flag_families_dev6_dev7(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


def test_grey_and_sweaty_with_a_hand_on_the_chest_asks_about_the_chest() -> None:
    # Grey is also a breathing sign (asked first); the chest question must come too.
    assert "rf_chest" in red_flag_hits("isä on harmaa ja hikinen ja pitää kättä rinnalla")


@pytest.mark.parametrize(
    "text",
    [
        # What happened at an age long past, fainting at a blood test, a testicle that hurt and is
        # fine now, spots that fade under a glass, a course or a leaflet, bleeding that stopped,
        # the baby blues, a crisp coughed up: the same words, nothing to ask now.
        "pappa fick stroke i 70-årsåldern, ärver man risken?",
        "my mum had a stroke at 58, should I get my blood pressure checked",
        "äiti sai aivoinfarktin 65-vuotiaana, pitäisikö minun mitata verenpaine",
        "svimmade när de tog blodprov igår, det händer alltid, kan jag ligga ner nästa gång?",
        "I always faint when I give blood, is that a problem for my next donation",
        "pyörryin verikokeessa viime viikolla, voiko ensi kerralla maata?",
        "hade ont i pungen efter fotbollen men det gick över efter en stund",
        "got hit in the balls at football, hurt for a minute, ok now",
        "poika sai pallon kiveksiin, sattui hetken, pelaa jo",
        "prickar som försvinner när man trycker med ett glas, ingen feber, pigg",
        "spots that fade when I press a glass on them, no fever, happy",
        "ihottuma joka häviää kun painaa lasilla, ei kuumetta",
        "we have an anaphylaxis training day for staff, who do I contact",
        "anmälde mig till motorsågskurs, behöver intyg",
        "moottorisahakurssille tarvitaan todistus",
        "tiny shaving cut bled a lot but stopped with pressure",
        "näsblod i kylan, slutade blöda efter några minuter",
        "nenäverenvuoto loppuu muutamassa minuutissa, onko vinkkejä",
        "tearful two weeks after birth, the midwife says it is baby blues",
        "choked on a crisp but coughed it up straight away",
        "kurkku tuntuu turvonneelta mutta hengitän normaalisti",
        "läste en broschyr om stroke, kan jag få en till mamma",
        "got a leaflet about meningitis from school, is the vaccine free",
        "saimme esitteen aivokalvontulehdusrokotteesta",
        "blood clot history in my family, can I take the pill",
    ],
)
def test_dev6_dev7_near_misses_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == [] and crisis_words(text) is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # A pain that went over or was checked normal and is back: what follows "but" counts. A
        # chest pain that went over is never a veto (it comes back: unstable angina).
        ("hade ont i bröstet, det gick över, men nu har det kommit tillbaka värre", "rf_chest"),
        (
            "they said it was all fine yesterday but now the chest pain is back and worse",
            "rf_chest",
        ),
        ("kaikki oli kunnossa eilen mutta nyt rintakipu palasi ja hikoilen", "rf_chest"),
        ("bröstsmärtan gick över efter att jag rapade", "rf_chest"),
        (
            "testikeln gjorde ont i natt, det gick över men nu är den svullen och sitter högt",
            "rf_testicle",
        ),
        ("my testicle hurt, it went away but now its swollen and painful again", "rf_testicle"),
        ("kives sattui, meni ohi mutta nyt se on taas turvoksissa ja kipeä", "rf_testicle"),
        # 'över ... men' that is no recovery: the pressure is over the chest.
        ("jag har tryck över bröstet men ingen feber", "rf_chest"),
        ("hives all over but now my throat is closing", "rf_allergy"),
    ],
)
def test_what_went_over_and_came_back_asks(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # A child is under 18: "80v", "80 year old" is an adult, asked about the breathing itself.
        ("äiti 80v hengittää tiheään", "rf_breathing"),
        ("my 80 year old dad is breathing really fast", "rf_breathing"),
        ("min pappa 85 år andas jättesnabbt", "rf_breathing"),
        ("poika 5v hengittää tiheään", "rf_child"),
        ("my 3 year old is breathing really fast", "rf_child"),
    ],
)
def test_an_age_of_18_or_more_is_no_child(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # The dev8 red-flag families, each said other ways (sv, en, fi): breath gone after a few
        # steps or mid-sentence, breathing that sounds wrong; chest pain by autocorrect
        # ('bröstsmörgås', 'chess pain'), 'pakottaa', pressure and nausea from shovelling snow;
        # a hand that will not hold, words that come out wrong; not knowing the day or year,
        # collapsed and not answering, drowsy and not oneself, blacked out and woke on the floor,
        # a diabetic (or a low blood sugar) not answering, fainting again and again; clots the
        # size of a fist, black stool in slang; a tongue that feels fat after a sting or a food,
        # a voice that disappears; fever with light that cannot be looked at, flu with a stiff
        # neck and confusion, a chin that will not reach the chest; a fall on blood thinners, a
        # weight dropped on a foot then numb, through the ice, a dive into shallow water;
        # pregnancy with shoulder pain and faintness, constant belly pain late on, flickering
        # sight; 'pussia sattuu', swollen on one side down there; a weird high cry, a baby of
        # one month with fever, a child who cannot hold the head up.
        ("andfådd och måste stanna och vila på väg till köket", "rf_breathing"),
        ("out of breath, need to sit down after walking to the bathroom", "rf_breathing"),
        ("hengästyn ja joudun pysähtymään matkalla vessaan", "rf_breathing"),
        ("tre steg och sen måste jag vila", "rf_breathing"),
        ("two steps and I have to stop and rest", "rf_breathing"),
        ("pari askelta ja täytyy istua", "rf_breathing"),
        ("pappa andas så konstigt, ryckigt", "rf_breathing"),
        ("my husband is breathing really strangely", "rf_breathing"),
        ("isä hengittää oudosti", "rf_breathing"),
        ("luften tar slut mitt i varje mening", "rf_breathing"),
        ("I run out of breath mid sentence", "rf_breathing"),
        ("henki loppuu kesken lauseen", "rf_breathing"),
        ("bröstsmörgås som strålar ut i armen", "rf_chest"),
        ("tryck i mitten och illamående sedan jag skottade snö", "rf_chest"),
        ("pressure and feeling sick since shovelling the drive, sweaty", "rf_chest"),
        ("painetta ja pahoinvointia lumitöiden jälkeen, hikoiluttaa", "rf_chest"),
        ("rintaa pakottaa", "rf_chest"),
        ("chess pain since lunch", "rf_chest"),
        ("kan inte hålla pennan med högra handen sedan i morse", "rf_stroke"),
        ("his left hand cant grip the cup since an hour ago", "rf_stroke"),
        ("oikea käsi ei pysy kädessä mikään äsken alkaen, ei saa otetta", "rf_stroke"),
        ("tappar glaset hela tiden och orden blir konstiga", "rf_stroke"),
        ("säger fel ord och armen är svag", "rf_stroke"),
        ("tulee väärä sana koko ajan, alkoi äsken", "rf_stroke"),
        ("mamma vet inte vilken dag det är sedan i går", "rf_consciousness"),
        ("grandma doesnt know what year it is since this morning", "rf_consciousness"),
        ("isä ei tiedä mikä päivä on, alkoi aamulla", "rf_consciousness"),
        ("han föll ihop i hallen och svarar inte ordentligt", "rf_consciousness"),
        ("my dad collapsed in the garden and isnt responding properly", "rf_consciousness"),
        ("mies lyyhistyi lattialle eikä vastaa kunnolla", "rf_consciousness"),
        ("farfar är dåsig och inte sig själv idag", "rf_consciousness"),
        ("grandad is drowsy and not himself today", "rf_consciousness"),
        ("pappa tuppade av på jobbet och vaknade på golvet", "rf_consciousness"),
        ("I blacked out at work and woke up on the floor", "rf_consciousness"),
        ("heräsin lattialta enkä muista mitään", "rf_consciousness"),
        ("hon är diabetiker och svarar inte, bara tittar", "rf_consciousness"),
        ("my son is diabetic, blood sugar 2.1 and not answering", "rf_consciousness"),
        ("verensokeri 2,0 eikä hän vastaa", "rf_consciousness"),
        ("keeps fainting, hit his head", "rf_consciousness"),
        ("svimmar om och om igen idag", "rf_consciousness"),
        ("blöder med klumpar stora som en knytnäve", "rf_bleeding"),
        ("passing clots the size of a golf ball", "rf_bleeding"),
        ("vuotaa nyrkin kokoisia hyytymiä", "rf_bleeding"),
        ("bajset är kolsvart och jag är yr", "rf_bleeding"),
        ("pökäleet mustaa ja huimaa", "rf_bleeding"),
        ("ate prawns and now my tongue feels fat", "rf_allergy"),
        ("åt räkor och tungan känns tjock", "rf_allergy"),
        ("söin katkarapuja ja kieli tuntuu paksulta", "rf_allergy"),
        ("pähkinää söin, koko kroppa punainen ja ääni katoaa", "rf_allergy"),
        ("ate nuts, hives all over and my voice is disappearing", "rf_allergy"),
        ("åt nötter, utslag över hela kroppen och rösten försvinner", "rf_allergy"),
        ("feber, kan ej titta på ljus och kräks", "rf_meningitis"),
        ("fever and he cant look at the light, vomiting", "rf_meningitis"),
        ("kuumetta eikä voi katsoa valoon, oksentaa", "rf_meningitis"),
        ("flu and a stiff neck and now she is confused", "rf_meningitis"),
        ("influensa och stel nacke, blir förvirrad", "rf_meningitis"),
        ("flunssa ja niska jäykkä, sekava", "rf_meningitis"),
        ("fever and his chin wont touch his chest", "rf_meningitis"),
        ("feber och hakan når inte bröstet", "rf_meningitis"),
        ("kuumetta ja leuka ei osu rintaan", "rf_meningitis"),
        ("mormor föll, tar Eliquis, slog i pannan och är yr", "rf_injury"),
        ("my mum fell, she is on warfarin, hit her forehead", "rf_injury"),
        ("isä kaatui, käyttää marevania, löi päänsä", "rf_injury"),
        ("dropped a heavy box on my foot, toes numb", "rf_injury"),
        ("tappade en kassaskåp på foten, tårna domnar", "rf_injury"),
        ("pudotin painon jalalle, varpaat puutuu", "rf_injury"),
        ("he fell through the ice at the lake", "rf_injury"),
        ("han gick igenom isen på sjön", "rf_injury"),
        ("putosi jäihin järvellä", "rf_injury"),
        ("dök i grunt vatten, ont i nacken", "rf_injury"),
        ("dived into shallow water and my neck hurts", "rf_injury"),
        ("sukelsin matalaan veteen, niska kipeä", "rf_injury"),
        ("gravid, ont i axeln och svimfärdig", "rf_pregnancy"),
        ("positive test 2 weeks ago, shoulder pain and feel faint", "rf_pregnancy"),
        ("raskaana, olkapää kipeä ja pyörryttää", "rf_pregnancy"),
        ("36 weeks, constant belly pain that doesnt let up", "rf_pregnancy"),
        ("rv 34 ja silmissä vilisee", "rf_pregnancy"),
        ("poika 12v sanoo että pussia sattuu", "rf_testicle"),
        ("pojalla haaroihin sattuu kovasti toiselta puolelta", "rf_testicle"),
        ("swollen on one side down there and hurts, 14yo", "rf_testicle"),
        ("baby 2 months with a weird high cry and fever", "rf_child"),
        ("bebis 5 veckor konstig gråt och feber", "rf_child"),
        ("vauva 2kk outo itku ja kuumetta", "rf_child"),
        ("kuukauden ikäinen vauva ja kuumetta 38", "rf_child"),
        ("en månad gammal bebis med feber 38,2", "rf_child"),
        ("one month old baby with a temperature of 38.1", "rf_child"),
        ("lapsi 2v vetelä eikä jaksa pitää päätä pystyssä", "rf_child"),
        ("min son 3 år orkar inte hålla upp huvudet och är slapp", "rf_child"),
        ("my 2 year old cant hold her head up and is floppy", "rf_child"),
    ],
)
def test_red_flag_families_dev8(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


@pytest.mark.parametrize(
    "text",
    [
        # Their near misses ask nothing: an idiom ('stroke of luck', a broken heart), what a word
        # means or is in English, snoring, a drug name that looks like 'trampled', a neck stiff
        # from sleeping wrong, a fracture whose cast is off, meningitis in the news, bleeding
        # that stopped, a throat tight whenever nervous, back pain from shovelling, a knee that
        # needs rests, a blood sugar test, a phone dropped on a foot, a tent that collapsed,
        # a baby kicking a lot.
        "had a stroke of luck, got an appointment",
        "vad betyder anafylaxi?",
        "what does anaphylaxis mean on the leaflet",
        "mitä tarkoittaa anafylaksia?",
        "heartbroken after the breakup, can I see a counsellor",
        "mitt hjärta är krossat efter separationen, vill prata med någon",
        "sydän särkyi eron jälkeen, haluan jutella jonkun kanssa",
        "min man snarkar jättemycket, finns det hjälp",
        "he snores terribly every night",
        "mieheni kuorsaa kovaa",
        "can tramadol and sertraline be combined?",
        "niska jumissa väärästä nukkuma-asennosta",
        "stel nacke, har sovit konstigt",
        "neck stiff, slept funny",
        "bröt benet i mars, gipset är borta nu, behöver sjukgymnastik",
        "broke my leg in March, cast off now, need physio",
        "jalka murtui talvella, kipsi poistettu, tarvitsen fysioterapiaa",
        "läste om hjärnhinneinflammation i nyheterna, kan vi vaccinera oss?",
        "the news said there is meningitis at a school, can we get vaccinated?",
        "uutisissa kerrottiin aivokalvontulehduksesta, voiko rokottaa?",
        "bled a lot after the extraction yesterday, stopped now",
        "blödde mycket efter tandutdragningen igår, slutat nu",
        "vuoti paljon verta hampaanpoiston jälkeen, loppui jo",
        "halsen snörs ihop alltid när jag är nervös",
        "my throat tightens whenever i get nervous",
        "kurkkua kuristaa aina kun jännittää esiintymistä",
        "what is bröstsmärta in english?",
        "dropped my phone on my foot, bit sore",
        "ont i ryggen efter snöskottningen",
        "back aches after shovelling snow",
        "selkä kipeä lumitöiden jälkeen",
        "knät gör ont, måste vila efter några steg",
        "my knee hurts, I have to stop and rest after a few steps",
        "polvi kipeä, pitää levätä pari askelta välillä",
        "kan jag mäta blodsockret hos er?",
        "can I get my blood sugar checked?",
        "voiko verensokerin mitata teillä?",
        "tältet rasade ihop i stormen",
        "I dont know what year I had my tetanus shot",
        "en tiedä minä vuonna sain jäykkäkouristusrokotteen",
        "bebisen sparkar mycket på kvällarna, vecka 30",
        "my son snores, is that normal at 4 years old?",
        # Near words are no typo: 'bussia' is no 'pussia', 'vetenä' no 'vetelä',
        # 'pakko' no 'pakottaa'.
        "odotin bussia ja sattuu päähän",
        "bussissa oli kuuma ja pää sattuu",
        "Vauvalla 38,8 kuumetta ja kakka tulee vetenä.",
        "onko pakko tulla rintakuvaan",
    ],
)
def test_red_flag_near_misses_dev8(text: str) -> None:
    assert [flag for flag in red_flag_hits(text) if flag != "rf_suicide"] == []


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # Not answering "at times" today is no habit ('välillä', 'ibland' cancel a habit's clause
        # otherwise); not waking to an alarm clock now and then is.
        ("mormor är konstig idag och ibland svarar hon inte alls", ["rf_consciousness"]),
        ("gran is odd today and at times doesnt respond at all", ["rf_consciousness"]),
        ("Äitini on tänään poissaoleva ja välillä ei vastaa ollenkaan", ["rf_consciousness"]),
        ("ibland vaknar han inte av väckarklockan", []),
        ("sometimes he doesnt wake up to his alarm", []),
        ("välillä ei herää herätyskelloon", []),
        ("isä välillä ei herää ollenkaan vaikka huudetaan", ["rf_consciousness"]),
    ],
)
def test_not_answering_at_times_is_no_habit(text: str, flags: list[str]) -> None:
    assert red_flag_hits(text)[:1] == flags


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # Stairs that cannot be climbed since this morning, with breath, ask; breathless on the
        # stairs when training does not. A heart attack a parent had at 50 is family history.
        (
            "bit winded, probably the cold air, but cant get up the stairs to my flat"
            " since this morning",
            ["rf_breathing"],
        ),
        ("lite andfådd, klarar inte trapporna hem sedan i morse", ["rf_breathing"]),
        ("hengästyttää, en jaksa nousta portaita kotiin aamusta asti", ["rf_breathing"]),
        ("andfådd i trapporna när jag tränar, vill ha konditionstest", []),
        ("min mamma hade hjärtinfarkt vid 50, ska jag kolla kolesterolet", []),
        ("pappa hade en stroke vid 70, är det ärftligt?", []),
        ("pappa har ont i bröstet sen en timme", ["rf_chest"]),
    ],
)
def test_stairs_since_this_morning_and_a_parents_heart_attack(text: str, flags: list[str]) -> None:
    assert red_flag_hits(text)[:1] == flags


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # The right question first: English 'not' in a Swedish message is no nut ('nöt'), a
        # flatmate is not panting ('flämta'); grey with chest pain asks about the chest first, a
        # diabetic talking nonsense about consciousness (low sugar) before a stroke; 'painand'
        # (a space lost) is no forehead ('pannan').
        ("Andas not bra, får inte luft, bröstet piper", ["rf_breathing"]),
        (
            "found my flatmate on the floor, he opens his eyes but doesnt answer",
            ["rf_consciousness"],
        ),
        (
            "min pappa säger att det bränner bakom bröstbenet och han är grå i ansiktet",
            ["rf_chest"],
        ),
        ("my husband has chest pain and has gone grey", ["rf_chest"]),
        ("isällä on rintakipua ja hän näyttää harmaalta", ["rf_chest"]),
        ("my diabetic son is talking rubbish and sweaty", ["rf_consciousness"]),
        ("diabetiker, svettig och pratar strunt", ["rf_consciousness"]),
        ("diabeetikko, hikinen ja puhuu sekavia", ["rf_consciousness"]),
        ("åt nötter och nu svullnar tungan", ["rf_allergy"]),
        ("my 4 yo has ear painand a little fever", []),
    ],
)
def test_the_right_question_first_dev8(text: str, flags: list[str]) -> None:
    assert red_flag_hits(text)[:1] == flags


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # Sitting up to breathe at night is a habit ('öisin', 'at night when' cancel their
        # clause) until tonight it is worse than ever; a knee worse than ever is not.
        (
            "Minulla on öisin hengenahdistusta, täytyy istua ikkunan ääressä."
            " Tänä yönä on pahempaa kuin koskaan.",
            ["rf_breathing"],
        ),
        (
            "på nätterna blir jag andfådd och måste sätta mig upp, i natt är det värre än någonsin",
            ["rf_breathing"],
        ),
        (
            "at night when I lie down I get breathless and have to sit up,"
            " tonight it is worse than ever",
            ["rf_breathing"],
        ),
        ("my knee is worse than ever after the run, need to sit down a lot", []),
        ("at night I have to sit up with a cold, better than usual", []),
    ],
)
def test_sitting_up_to_breathe_worse_than_ever_tonight(text: str, flags: list[str]) -> None:
    assert red_flag_hits(text)[:1] == flags
