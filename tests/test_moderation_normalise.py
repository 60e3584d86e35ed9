"""Normalisation (DESIGN 8) and the evasions it must see through."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.moderation import ACTIONS, Moderator, normalise
from bot.moderation.normalisation import analyse


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Hej  Världen!", "hej världen"),
        ("ＩＤＩＯＴ", "idiot"),  # fullwidth, NFKC
        ("id\u200biot", "idiot"),  # zero-width space
        ("i\u200dd\u2060iot\ufeff", "idiot"),
        ("i d i o t", "idiot"),
        ("u r a m0r0n", "u r a moron"),
        ("f.u.c.k you", "fuck you"),
        ("1d10t", "idiot"),
        ("d!n", "din"),
        ("a$$hole", "asshole"),
        ("іdіоt", "idiot"),  # Cyrillic і and о
        ("ИДИОТ", "идиот"),  # a real Russian word keeps its letters
        ("3 dagar", "3 dagar"),
        ("112", "112"),
        ("feber 38,5 i 2 dagar", "feber 38 5 i 2 dagar"),
        ("idiot!!!", "idiot"),
        ("Café crème", "cafe creme"),
        ("Åsa äter öl, Søren æder", "åsa äter öl søren æder"),
        ("Sámi: čáhci, đuoji, ŋ, š, ŧ, ž", "sámi čáhci đuoji ŋ š ŧ ž"),
        ("idiooooot", "idioot"),
        ("kukka tikku", "kukka tikku"),
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


def test_stretched_letters_are_also_tried_squeezed_to_one() -> None:
    result = analyse("vittuuuu idiooot")
    assert result.text == "vittuu idioot"
    assert result.stretched == "vittu idiot"
    assert analyse("kukka").stretched is None


def test_sentences_are_kept_apart() -> None:
    assert analyse("Jag är trött. Du då?").sentences == (0, 0, 0, 1, 1)


def test_the_same_pipeline_normalises_entries(moderator: Moderator) -> None:
    entry = next(e for e in moderator.lexicon.entries if e.id == "sv.ins.javel_suffix")
    assert entry.forms == (normalise("JÄVEL"),)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("du är en i d i o t", "insult"),
        ("din 1d10t", "insult"),
        ("Du är en іdіоt", "insult"),
        ("Din idiooooot", "insult"),
        ("Din id\u200biot", "insult"),
        ("Diiiin jääääävel", "insult"),
        ("D!n j4v3l", "insult"),
        ("y o u  i d i o t", "insult"),
        ("You b1tch", "insult"),
        ("Jag ska d ö d a dig", "threat"),
        ("Jag ska d0da dig", "threat"),
        ("jag ska doda dig", "threat"),
        ("Jag ska döööda dig", "threat"),
        ("Jag ska mö\u200brda dig", "threat"),
        ("I'll k1ll you", "threat"),
        ("I'll kiiiill you", "threat"),
        ("T4p4n sut", "threat"),
        ("Tapaaaan sut", "threat"),
        ("Haista viiiittu", "insult"),
        ("S3nd nud3s", "sexual_harassment"),
        ("N33keri", "discrimination"),
        # A capital I inside a lower-case word is an "l" in a sans-serif font.
        ("knuIIa dig", "sexual_harassment"),
        ("din jäveI", "insult"),
        ("sä oot ääIiö", "insult"),
        ("ur a fuckinq imbeciIe", "insult"),
        ("I wiII kiII you", "threat"),
        ("jag ska sIå ihjäl dig", "threat"),
        # Small capitals from a font generator.
        ("ʏᴏᴜ ɪᴅɪᴏᴛ", "insult"),
        ("ꜱᴇɴᴅ ɴᴜᴅᴇꜱ", "sexual_harassment"),
        ("ᴅɪɴ ᴊäᴠʟᴀ ʜᴏʀᴀ", "insult"),
        # Two or three letters spaced out.
        ("ja vill bara d ö", "self_harm"),
        ("i wanna d-i-e", "self_harm"),
        ("k y s nurse", "insult"),
        ("f a n också, appen kraschade", "profanity"),
        # A zero-width space typed where the space should be.
        ("ammun\u200bsut", "threat"),
        ("i will\u200bkill\u200byou", "threat"),
        ("jag ska\u200bdöda\u200bdig", "threat"),
    ],
)
def test_evasions(moderator: Moderator, text: str, category: str) -> None:
    assert moderator.check(text).category == category


@pytest.mark.parametrize(
    "text",
    [
        "Det fanns blod i urinen.",
        "Jag har hormonspiral.",
        "Jag har slut på medicinen, kan du hjälpa mig?",
        "Breathing is hard, can you call me?",
        "Pitääkö insuliinia pistää?",
        "Tikku meni sormeen, voitko katsoa?",
        "Kukka-allergia, onko sulla neuvoja?",
        "Det kliar på penis, kan du titta?",
        "Anal bleeding after surgery, can you help?",
        "Jag är bög och vill testa mig, kan du hjälpa?",
        "Can you tell me if dumbbells are ok?",
        "As you said, I took the pills.",
        "Min son har cp, kan du hjälpa oss?",
        "Mun poika on vammainen, voitko auttaa sua?",
        "I have 3 dagar of feber 38",
        # Capitals that are capitals: a sentence's first word, an abbreviation, a brand, a unit.
        "Ingen feber men BMI 31 och mIU/l var 4",
        "Min iPhone laddar inte, kan ni ringa McIntosh-kliniken?",
        "Idag har jag ont i magen, Ibland kräks jag.",
    ],
)
def test_scunthorpe_traps_are_not_flagged(moderator: Moderator, text: str) -> None:
    assert moderator.check(text).action in ("none", "log")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_unicode_never_raises(text: str) -> None:
    normal = analyse(text)
    assert len(normal.tokens) == len(normal.sentences)
    assert " ".join(normal.tokens) == normal.text
    if normal.stretched is not None:
        assert len(normal.stretched.split(" ")) == len(normal.tokens)
    verdict = _MODERATOR.check(text)
    assert verdict.category in {"clean", *(h.category for h in verdict.hits)}
    _MODERATOR.explain(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["du", "idiot", "i", "d", "\u200b", "1", "ö", "ääää", " ", ".", "іdі", "jävel", "!"]
        ),
        max_size=30,
    ).map("".join)
)
def test_evasion_like_noise_never_raises(text: str) -> None:
    assert _MODERATOR.check(text).action in ACTIONS
    assert "\u200b" not in normalise(text)


_MODERATOR = Moderator.load()


@pytest.mark.parametrize("text", ["m00530", "ärende b483", "kod a1234 till porten", "rum c0012"])
def test_a_number_beside_a_letter_is_not_read_as_letters(text: str) -> None:
    """Three digits in a row are a number (a reference, a room, a door code), not letters
    written as digits: "m00530" read as "mooseo" once came within a slip of a crisis word."""
    assert _MODERATOR.check(text).action == "none"


@pytest.mark.parametrize("text", ["1d10t", "du är en h0r4", "k1ll mys3lf"])
def test_letters_written_as_digits_are_still_read(text: str) -> None:
    assert _MODERATOR.check(text).action != "none"
