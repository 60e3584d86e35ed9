"""Crisis words said without a crisis word (issue 12, dev5's families): being a burden, a farewell
to the clinic, things given away or cancelled because they won't be needed, a method made ready;
and danger words typed with one slip. Each family is written here three other ways than the
corpus has it, with the everyday lines that use the same words beside them."""

from __future__ import annotations

import pytest

from flows.phrases import crisis_words, may_be_crisis, red_flag_hits

CRISIS = [
    # better off without me / a burden
    ("sv", "alla skulle ha det lättare om jag försvann"),
    ("en", "my family would be better off without me, I'm just a burden"),
    ("fi", "perheelle ois parempi jos mua ei ois"),
    ("sv", "jag är en börda och har planerat hur"),
    ("fi", "oon taakka ja tiedän miten sen teen"),
    # nobody would miss me / no reason to go on
    ("en", "honestly nobody would miss me"),
    ("sv", "ingen skulle sakna mig"),
    ("fi", "ei kukaan ikävöis"),
    ("en", "there's no reason to go on"),
    ("sv", "finns ingen anledning att fortsätta"),
    ("fi", "ei ole mitään syytä elää"),
    # a farewell to the clinic, things not needed where I'm going
    ("sv", "tack för allt, ni kommer inte se mig igen"),
    ("en", "thanks for everything, you won't hear from me again"),
    ("fi", "kiitos kaikesta, ette kuule musta enää"),
    ("en", "I gave my bike to my brother, I won't need it"),
    ("sv", "har gett bort min gitarr, kommer inte behöva den"),
    ("fi", "lahjoitin kaikki kirjat, en tarvitse niitä enää"),
    ("en", "found a home for the dog, I won't be needing anything"),
    ("en", "tell my kids I love them"),
    ("fi", "kertokaa äidille että rakastan"),
    ("sv", "säg till barnen att jag älskar dem"),
    # not wanting this life; to escape for ever; easier to die
    ("fi", "en tahdo elää enää"),
    ("fi", "en kestä tätä elämää"),
    ("en", "i can't do it anymore, my life i mean"),
    ("sv", "vill bara slippa alltihop för gott"),
    ("en", "I want to escape everything forever"),
    ("sv", "det vore lättare att dö"),
    ("fi", "olis helpompi kuolla"),
    ("sv", "jag vill avsluta allting"),
    # a day set, a method made ready
    ("sv", "jag har bestämt mig, på lördag gör jag slut på det"),
    ("fi", "päätin, sunnuntaina kaikki on ohi"),
    ("en", "I've decided, it will be over on friday"),
    ("en", "the rope is ready in the garage"),
    ("sv", "repet är redo"),
    ("fi", "köysi on valmiina"),
    ("en", "sat in the car with the motor running in the garage"),
    ("sv", "sitter i garaget med motorn igång"),
    ("fi", "istun autotallissa moottori käy"),
    ("en", "how many sleeping pills would it take"),
    ("sv", "har sparat mina sömnpiller, ska ta dem alla på en gång"),
    ("en", "I'm going to take them all at once, my antidepressants"),
    ("fi", "aion ottaa kaikki unilääkkeet kerralla"),
    ("fi", "isä sanoo että ottaa haulikon eikä tule takaisin"),
]

EVERYDAY = [
    "tack för allt, vi ses på återbesöket",
    "thanks for everything, see you at the next appointment",
    "kiitos kaikesta, nähdään ensi viikolla",
    "I gave my old crutches away, won't need them, the knee is healed",
    "kan jag ta alla tabletter på en gång på morgonen?",
    "can I take them all at once in the morning or spread out",
    "voinko ottaa kaikki lääkkeet kerralla aamulla",
    "my life is busy, need a later appointment",
    "engine was running in the garage, now a headache: carbon monoxide? door was open",
    "rope burn on my hand from sailing",
    "ready for my blood test",
    "I'll be away forever it feels, travelling for work 3 weeks, can I get a refill",
]


@pytest.mark.parametrize(("language", "text"), CRISIS, ids=[t for _, t in CRISIS])
def test_crisis_said_without_a_crisis_word_gets_crisis_help(language: str, text: str) -> None:
    hit = crisis_words(text)
    assert hit is not None, text
    assert "rf_suicide" in red_flag_hits(text)
    # Moderation's cheap first look must never spare a message with crisis words.
    assert may_be_crisis(text)


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_same_words_in_everyday_care_get_no_crisis_help(text: str) -> None:
    assert crisis_words(text) is None, text


SLIPS = [
    ("ont i brösett", "rf_chest"),  # two letters swapped
    ("jag kan inte andsa", "rf_breathing"),
    ("I want to kill myslef", "rf_suicide"),
    ("haluan kuolal", "rf_suicide"),
    ("he has a seizrue", "rf_consciousness"),
    ("hon svimade", "rf_consciousness"),  # a letter dropped
    ("swollen tonguee and lips", "rf_allergy"),  # a letter doubled
    ("mulla on rintakpiua", "rf_chest"),
    ("vill inte lvea längre", "rf_suicide"),
]


@pytest.mark.parametrize(("text", "flag"), SLIPS, ids=[t for t, _ in SLIPS])
def test_danger_words_typed_with_one_slip_are_seen(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "vart ska jag vända mig med min förkylning",  # "vart" is no "värk"
        "brist på järn, trött",  # "brist" is no "bröst"
        "ranta oli kylmä, nyt nuha",  # a beach is no chest ("rinta")
        "piano lessons make my fingers tired",
    ],
)
def test_everyday_words_are_never_read_as_a_slip(text: str) -> None:
    assert red_flag_hits(text) == [] and crisis_words(text) is None
