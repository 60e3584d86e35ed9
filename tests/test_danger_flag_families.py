"""Red flags written the way dev5's writer wrote them, each family said three other ways (none
taken from a corpus), with everyday lines in the same words beside them (issue 12)."""

from __future__ import annotations

import pytest

from flows.phrases import red_flag_hits

SEEN = [
    # a negation stops at "but": "probably nothing but ..."
    ("probably nothing but my testicle hurts and it is swollen", "rf_testicle"),
    ("inget speciellt men pungen gör ont och är svullen", "rf_testicle"),
    ("ei varmaan mitään mutta kives on turvonnut ja kipeä", "rf_testicle"),
    # one side of the face numb or fallen, words that won't come
    ("vänstra halvan av ansiktet känns bedövad och armen lyder inte", "rf_stroke"),
    ("my right hand isnt working and that side of my face droops", "rf_stroke"),
    ("suupieli on valahtanut ja puhe on sotkua", "rf_stroke"),
    ("hon har svårt att hitta orden sedan en timme", "rf_stroke"),
    ("äiti puhuu sössöä yhtäkkiä", "rf_stroke"),
    # sudden confusion
    ("my dad suddenly doesnt know who I am", "rf_consciousness"),
    ("mummo ei tunne meitä yhtäkkiä", "rf_consciousness"),
    ("mamma känner inte igen oss plötsligt", "rf_consciousness"),
    # not getting air
    ("i'm not getting enough air", "rf_breathing"),
    ("ilmaa ei tule, apua", "rf_breathing"),
    ("happi loppuu koko ajan", "rf_breathing"),
    # allergy: puffed up, the eyes swelling shut, dizzy with itching after food
    ("after the peanuts his lips puffed up and his tongue feels thick", "rf_allergy"),
    ("åt räkor, läpparna är som ballonger", "rf_allergy"),
    ("söin pähkinää ja silmät muurautuu ja kieli turpoaa", "rf_allergy"),
    ("ate shrimp, itching everywhere and feeling faint", "rf_allergy"),
    # meningitis: a headache, fever and the light; blue blotches with fever
    ("bad headache and a high fever, I can't stand the light", "rf_meningitis"),
    ("huvudvärk, 39 i feber och tål inte ljuset", "rf_meningitis"),
    ("kuumetta ja sinisiä läiskiä iholla", "rf_meningitis"),
    # a child: no wet nappy, lying there after vomiting, a little one who is limp
    ("sonen har ingen blöt blöja sedan igår och dricker inget", "rf_child"),
    ("my 2 year old hasn't had a wet nappy all day", "rf_child"),
    ("lapsen vaippa ei ole märkä koko päivänä", "rf_child"),
    ("my daughter threw up all night and now lies there", "rf_child"),
    ("pikkuinen on veltto", "rf_child"),
    # injury: a fall with a head blow, memory gaps after a crash, a neck after a crash
    ("pappa ramlade och slog huvudet i trappan", "rf_injury"),
    ("grandma fell and hit her head on the floor", "rf_injury"),
    ("isä kaatui ja löi päänsä", "rf_injury"),
    ("after the car crash she keeps asking the same questions", "rf_injury"),
    ("krockade med bilen och minns inte vad som hände", "rf_injury"),
    ("kolarin jälkeen muisti pätkii", "rf_injury"),
    ("crash on the motorway, my neck hurts and I can't turn it", "rf_injury"),
    ("you can see the bone through the skin on his shin", "rf_injury"),
    # a burn over a large area, or with big blisters
    ("spilled boiling water all over my arm, huge blisters", "rf_injury"),
    ("skållade mig, blåsor över hela armen", "rf_injury"),
    ("poltin itseni, rakkuloita koko käsivarressa", "rf_injury"),
    # bleeding: black sticky stool
    ("kakka on mustaa kuin terva", "rf_bleeding"),
    ("bajset är svart och jag är yr", "rf_bleeding"),
    ("my poo is black and I feel faint", "rf_bleeding"),
]


@pytest.mark.parametrize(("text", "flag"), SEEN, ids=[t for t, _ in SEEN])
def test_the_family_asks_its_red_flag(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "stung by a bee, a bit swollen and itchy where it stung",
        "kliar efter getingsticket, lite svullet",
        "should I get the meningitis vaccine before my trip",
        "rokotus aivokalvontulehdusta vastaan ennen vaihtoa",
        "can't breathe through my left nostril for weeks, snoring",
        "min pappa fick stroke när han var 70, vad kan jag göra för att undvika det",
        "fell off my bike last summer, fine now, need a certificate",
        "lapsi kaatui ja sai mustelman polveen",
        "burnt my finger on the stove, small blister",
        "brände mig på ugnen, liten blåsa på fingret",
        "sunburn all over, blisters on my back",
    ],
)
def test_everyday_lines_in_the_same_words_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
