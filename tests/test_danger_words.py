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

TUNED = Path(__file__).parent / "corpora" / "first_messages_tuned.tsv"
DEV = Path(__file__).parent / "corpora" / "first_messages_dev.tsv"
DEV2 = Path(__file__).parent / "corpora" / "first_messages_dev2.tsv"
DEV3 = Path(__file__).parent / "corpora" / "first_messages_dev3.tsv"
DEV4 = Path(__file__).parent / "corpora" / "first_messages_dev4.tsv"


def test_the_tuned_set_is_big_enough_and_half_dangerous() -> None:
    rows = load(TUNED)
    for lang in ("sv", "en", "fi"):
        mine = [row for row in rows if row.lang == lang]
        dangerous = [row for row in mine if row.label != "none"]
        assert len(mine) >= 100 and 0.4 <= len(dangerous) / len(mine) <= 0.6, lang


@pytest.mark.parametrize(
    "corpus", [TUNED, DEV, DEV2, DEV3, DEV4], ids=["tuned", "dev", "dev2", "dev3", "dev4"]
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
