"""The corpora: benign patient messages must never be flagged above "log"; abusive ones must get
their category (recall per category), and every threat must alert staff. Every lexicon example
runs too."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bot.moderation import Moderator
from bot.moderation.lexicon import CATEGORIES

CORPORA = Path(__file__).parent / "corpora"
LANGUAGES = {"sv", "en", "fi"}


def load_corpus(name: str) -> list[tuple[str, str, str]]:
    """(language, expected category, text) rows; \\uXXXX escapes show invisible characters."""
    rows = []
    for line in (CORPORA / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, expected, text = line.split("\t")
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
        rows.append((lang, expected, text))
    return rows


BENIGN = load_corpus("benign")
ABUSIVE = load_corpus("abusive")


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


def test_corpora_are_big_enough_and_well_formed() -> None:
    assert len(BENIGN) >= 300
    assert len(ABUSIVE) >= 200
    assert {lang for lang, _, _ in BENIGN + ABUSIVE} == LANGUAGES
    assert {expected for _, expected, _ in BENIGN} <= {"clean", "profanity"}
    assert {expected for _, expected, _ in ABUSIVE} == set(CATEGORIES) - {"profanity"}
    for lang in LANGUAGES:
        assert sum(1 for row in BENIGN if row[0] == lang) >= 90
        assert sum(1 for row in ABUSIVE if row[0] == lang) >= 60


@pytest.mark.parametrize("lang", [None, "message"])
def test_no_benign_message_is_flagged_above_log(moderator: Moderator, lang: str | None) -> None:
    flagged = [
        (text, verdict.category)
        for row_lang, _, text in BENIGN
        if (verdict := moderator.check(text, row_lang if lang else None)).flagged
    ]
    assert flagged == []


@pytest.mark.parametrize("lang", [None, "message"])
def test_abusive_recall_per_category(moderator: Moderator, lang: str | None) -> None:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for row_lang, expected, text in ABUSIVE:
        total[expected] += 1
        if moderator.check(text, row_lang if lang else None).category == expected:
            right[expected] += 1
    recall = {category: right[category] / total[category] for category in total}
    assert all(value >= 0.9 for value in recall.values()), recall
    assert sum(right.values()) / sum(total.values()) >= 0.95


def test_every_threat_alerts_staff(moderator: Moderator) -> None:
    missed = [
        text
        for _, expected, text in ABUSIVE
        if expected == "threat" and not moderator.check(text).alerts_staff
    ]
    assert missed == []


def test_swearing_in_pain_is_logged(moderator: Moderator) -> None:
    for _, expected, text in BENIGN:
        if expected == "profanity":
            assert moderator.check(text).action == "log", text


def test_every_lexicon_example(moderator: Moderator) -> None:
    failures = []
    for entry in moderator.lexicon.entries:
        lang = entry.language if entry.language in LANGUAGES else None
        for example in entry.examples_match:
            hits = moderator.check(example, lang).hits
            if not any(h.rule_id == entry.id and h.category == entry.category for h in hits):
                failures.append(f"{entry.id} must match {example!r}")
        for example in entry.examples_no_match:
            hits = moderator.check(example, lang).hits
            if any(h.rule_id == entry.id and h.category == entry.category for h in hits):
                failures.append(f"{entry.id} must not match {example!r}")
    assert failures == []


# The development corpora were each written blind, by someone who never saw the lexicon (issue
# 14). The tuner learns from them, so they are no proof of generalising (the unseen corpus is, and
# no test reads it), but the level reached must not slip back. Self-harm is left out: it is the
# danger vocabulary's verdict (flows/), measured by its own tests.
#
# - moderation_dev: the first set.
# - moderation_dev2: before any rule was written for it, abusive lines in their category 211/442,
#   threats alerted 39/98, benign above log 10/404; the families of its misses were then fixed by
#   rules tried on other wordings (test_moderation_families.py).
# - moderation_dev3: measured at aff36a3 before any rule was written for it: 121/282, threats
#   20/72, benign above log 2/253. Its misses were used only to check that the structure rules
#   (bot/moderation/structures.py) generalise, each fix tried on other wordings in
#   test_moderation_structures.py: 222/282 and threats 52/72 after round 2; after round 3
#   (families without vulgar or weapon words) 266/282 with self-harm, 231/237 without it (what
#   this test counts), threats 68/72; the threats left are read as self-harm by the danger
#   vocabulary (clinical alert wins) or carry no word of any rule. "my ex used to say '...'" is
#   reported speech now (bot/moderation/reported.py).
# - moderation_dev4: before any rule was written for it, 196/357 and threats 51/96; after the
#   dev3 round 212/357 and 55/96. Its misses were used only to find families of wordings (threats
#   with no weapon word, courtship with no vulgar word, insults by comparison, refusal of care
#   from a group); each structure written for them is tried on other wordings in
#   test_moderation_structures.py. Round 4 reached 348/357 with self-harm (the danger
#   vocabulary's part), 309/312 without it (what this test counts), and every threat alerted.
# - moderation_dev5: before any rule was written for it, 170/257 abusive lines in their category
#   (135/218 without self-harm), threats alerted 33/69, benign above log 6/264. Its misses were
#   used only to find families (threats said politely: harm to the reader's car, house or pets,
#   "people like you", "I'll post your address", "saw you at ICA"; courtship without vulgar words;
#   discrimination as a preference for "a normal one"; sarcasm), each tried on other wordings in
#   test_moderation_structures.py. Round 5 reached 216/218 without self-harm and threats 67/69:
#   the two left are read as self-harm by the danger vocabulary (clinical alert wins).
# - moderation_dev6 (blind, written as an outside red-team would; weighted to sexual harassment
#   and threats): at 4e2b314, before any rule was written for it, 192/282 abusive lines in their
#   category (151/237 without self-harm), threats alerted 49/80, benign above log 1/156. Its
#   misses were used only to find families (courtship and requests with no vulgar word: alone
#   with the reader, a locked-door examination, "in my bed", a clip in the bath, under the
#   uniform, going on after "no", a hotel room; threats by a demand and a stretcher, a place that
#   "burns easily", "remember I warned you", the reader's bins, brakes, pet and children watched,
#   "your front door, be there"), each tried on other wordings and near misses in
#   test_moderation_dev6_families.py. Round 6 reached 234/237 without self-harm, every threat.
# - moderation_dev7 (blind, angry or creepy patients: long messages with the abuse in the middle
#   or at the end, threats as a fact, a prophecy or a "friendly warning", staff schedules, cars
#   and children named): with f145009's lexicon, before any rule was written for it, 93/219
#   abusive lines in their category without self-harm, threats alerted 25/75, benign above log
#   3/156. Its misses were used only to find families (round 7, classes suffixed _7 in
#   structures.yaml), each tried on other wordings and near misses in
#   test_moderation_dev7_families.py. Round 7 reached 204/219, threats 71/75, benign above log 2.
# - moderation_dev8, dev9, dev10 (session 9, blind: harassment without vulgar words and
#   discrimination; threats and self-harm in unexpected shapes; an outside evaluator's registers:
#   voice-to-text, pasted chat logs, text-speak). Before any rule was written for them, abusive
#   lines in their category (self-harm included) 156/266, 214/293, 191/244; threats alerted
#   10/12, 117/180, 41/58. Each was split: two lines in three tuned on, every third line only
#   counted, never read (dev8 67% -> 82%, dev9 71% -> 76%, dev10 84% -> 85%): the rules carry
#   over to new wordings far less than to the lines read. Families in
#   test_moderation_dev8_families.py, _dev9_ and _dev10_.
# - moderation_dev11 (session 10, blind, Finnish-weighted: puhekieli, Tornio-valley forms):
#   before any rule was written for it 203/322 abusive lines in their category, threats
#   alerted 56/121; split two lines in three tuned, every third only counted (check 65/108 ->
#   69/108); round t11 reached 242/322, threats 81/121. Families in
#   test_moderation_dev11_families.py.
# - moderation_dev13 (session 10, blind: self-harm and discrimination): before any rule was
#   written for it 89/134 abusive lines in their category without self-harm, threats 8/9;
#   split two lines in three tuned, every third only counted (check 65/94 -> 71/94 with
#   self-harm); round t13d reached 121/134, threats 9/9. Families in
#   test_moderation_dev13_families.py.
# - moderation_dev12 (session 10, blind: sexual harassment aimed at staff with no vulgar word,
#   weighted to English): before any rule was written for it 134/262 abusive lines in their
#   category, threats 9/9, benign above log 2/190; split two lines in three tuned, every third
#   only counted (check 46/88 -> 51/88); round t12 reached 197/262, threats 9/9, benign above
#   log 1/190. Families in test_moderation_dev12_families.py.
# - moderation_dev15 (session 10, blind: threats without kill/murder words, en/sv-weighted):
#   before any rule was written for it 114/280 abusive lines in their category, threats alerted
#   85/250; split two lines in three tuned, every third only counted (check 37/93 -> 50/93);
#   round t15 (structures_threats_t15.yaml) reached 225/280, threats 196/250. Families in
#   test_moderation_dev15_families.py.
# - moderation_dev16 (session 10, blind: insults with no swear word and discrimination aimed at
#   staff): before any rule was written for it 160/240 abusive lines in their category, no
#   threats, benign above log 1/180; split two lines in three tuned, every third only counted
#   (check 55/80 -> 61/80); round t16 reached 212/240. Families in
#   test_moderation_dev16_families.py.
# - moderation_dev20 (session 12, blind, balanced, "as messages really come in") and
#   moderation_dev21 (session 12, blind: said without bad words): at 6badc4e, before any rule
#   was written for them, abusive lines in their category 210/315 and 160/300, threats alerted
#   35/60 and 34/75, benign above log 5/135 and 10/120. Rounds h20, i20 and t20 (one tuner per
#   category, each family tried on made-up wordings in test_moderation_{h20,i20,t20}_families.py)
#   reached 253/255 and 219/225 here (clean lines counted, self-harm not), threats 60/60 and
#   75/75. Held out, the same rounds moved unseen3 from 189 to 194 of 255.
# - moderation_dev22 (session 13, blind, Finnish-weighted: spoken forms, dialect, inflection):
#   at d396096, before any rule was written for it, 100/190 abusive lines in their category
#   (self-harm included), threats alerted 37/85; round fi22 (structures_fi22.yaml; families in
#   test_moderation_fi22_families.py) wrote Finnish shapes from the language first (43/85),
#   then from what the set showed: 153/170 here, threats 74/85.
# - moderation_dev23 (session 13, blind: threats and discrimination in sv and en, and their
#   look-alikes): at 2b6780b, before any rule was written for it, threats alerted 42/100,
#   discrimination 35/50, benign above log 5/90; round t23 (structures_t23.yaml; families in
#   test_moderation_t23_families.py) wrote shapes from the languages first (43 and 36), then
#   from what the set showed: 187/200 here, threats 98/100.
MODERATED = set(CATEGORIES) - {"profanity", "self_harm"}
# corpus, fewest abusive lines, right category at least, threats alerted at least.
LEVELS = [
    ("moderation_dev", 300, 0.97, 0.97),
    ("moderation_dev2", 300, 0.95, 0.93),
    ("moderation_dev3", 200, 0.97, 0.94),
    ("moderation_dev4", 300, 0.98, 1.0),
    ("moderation_dev5", 200, 0.98, 0.97),
    ("moderation_dev6", 200, 0.98, 1.0),
    ("moderation_dev7", 200, 0.93, 0.94),
    ("moderation_dev8", 250, 0.90, 1.0),
    ("moderation_dev9", 200, 0.89, 0.89),
    ("moderation_dev10", 200, 0.82, 0.75),
    ("moderation_dev11", 280, 0.72, 0.64),
    ("moderation_dev12", 250, 0.72, 0.88),
    ("moderation_dev13", 130, 0.88, 0.88),
    ("moderation_dev16", 230, 0.85, 0.0),
    ("moderation_dev15", 280, 0.76, 0.74),
    ("moderation_dev20", 250, 0.98, 1.0),
    ("moderation_dev21", 220, 0.96, 1.0),
    ("moderation_dev22", 170, 0.88, 0.85),
    ("moderation_dev23", 200, 0.92, 0.97),
    # Session 15, blind (threats and self-harm with clean look-alikes): at 2a1639e, before any
    # rule was written for it, 203/290 abusive lines in their category (self-harm included),
    # threats alerted 76/130; rounds rt (structures_threats_rt28.yaml) and rc (crisis words).
    ("moderation_dev28", 180, 0.99, 0.99),
]


@pytest.mark.parametrize(
    ("name", "fewest", "right_share", "threat_share"), LEVELS, ids=[level[0] for level in LEVELS]
)
def test_development_corpora_keep_the_level_reached(
    moderator: Moderator, name: str, fewest: int, right_share: float, threat_share: float
) -> None:
    corpus = load_corpus(name)
    abusive = [(lang, want, text) for lang, want, text in corpus if want in MODERATED]
    right = sum(1 for lang, want, text in abusive if moderator.check(text, lang).category == want)
    assert len(abusive) >= fewest
    assert right / len(abusive) >= right_share, f"{right}/{len(abusive)}"
    threats = [text for _, want, text in corpus if want == "threat"]
    alerted = sum(1 for text in threats if moderator.check(text).alerts_staff)
    assert not threats or alerted / len(threats) >= threat_share, f"{alerted}/{len(threats)}"


@pytest.mark.parametrize(
    "name",
    # dev25-27 (session 14): 1,400 benign messages said to the nurse, blind; the rules' nine
    # false alarms there fixed by kind (test_moderation_p25_families.py). dev29 (session 15):
    # 500 more; the rules' 5 there fixed by kind (test_moderation_p28_rp.py).
    [
        "moderation_dev",
        "moderation_dev2",
        "moderation_dev3",
        "moderation_dev5",
        "moderation_dev25",
        "moderation_dev26",
        "moderation_dev27",
        "moderation_dev29",
    ],
)
def test_development_corpora_benign_lines_draw_no_tone_verdict(
    moderator: Moderator, name: str
) -> None:
    flagged = [
        (text, verdict.category)
        for lang, want, text in load_corpus(name)
        if want in ("clean", "profanity")
        and (verdict := moderator.rules_only().check(text, lang)).flagged
        and verdict.category != "self_harm"
    ]
    assert flagged == []


def test_benign_look_alikes_draw_almost_no_tone_verdict(moderator: Moderator) -> None:
    """moderation_dev30 (session 15, blind): 600 benign lines that share words with threats
    and harassment ("this wait will kill me", "I'll find you, I have gps"). Before round rq the
    rules put 23 of them above log; one is left, a correction after "..." (a new sentence to the
    rules): "jag kommer hem till dig... alltså till vc haha"."""
    flagged = [
        text
        for lang, want, text in load_corpus("moderation_dev30")
        if want in ("clean", "profanity")
        and (verdict := moderator.rules_only().check(text, lang)).flagged
        and verdict.category != "self_harm"
    ]
    assert len(flagged) <= 1, flagged


# Self-harm sets: every line of the writer at risk brings a clinical alert, no benign line goes
# above log. moderation_dev24 (session 13, blind: self-harm mostly without the obvious words, and
# grief, jokes and dose questions beside it): at f277212, before any phrase was written for it,
# 79/120 self-harm lines alerted, benign above log 5/120; round sh24 (tests in
# test_moderation_sh24_families.py) reached 120/120 and 0/120.
# moderation_dev28 (session 15, blind): at 2a1639e 84/110 self-harm lines alerted; round rc
# reached 110/110. Its six benign lines above log are parents or partners reporting another's
# suicidal words ("my 14 yo daughter told her teacher she wants to die"): the danger words
# answer those with crisis help on purpose, as the first_messages corpora label them crisis.
SELF_HARM_LEVELS = [("moderation_dev24", 0.97, 0), ("moderation_dev28", 1.0, 6)]


@pytest.mark.parametrize(
    ("name", "alerted_share", "most_benign_flagged"),
    SELF_HARM_LEVELS,
    ids=[level[0] for level in SELF_HARM_LEVELS],
)
def test_self_harm_corpora_keep_the_level_reached(
    moderator: Moderator, name: str, alerted_share: float, most_benign_flagged: int
) -> None:
    corpus = load_corpus(name)
    harm = [text for _, want, text in corpus if want == "self_harm"]
    alerted = sum(1 for text in harm if "self_harm" in moderator.check(text).categories)
    assert alerted / len(harm) >= alerted_share, f"{alerted}/{len(harm)}"
    flagged = [
        text
        for lang, want, text in corpus
        if want in ("clean", "profanity") and moderator.check(text, lang).flagged
    ]
    assert len(flagged) <= most_benign_flagged, flagged
