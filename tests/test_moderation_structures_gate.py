"""The structure rules' first look (bot/moderation/structures.py, Structures._candidates) picks
rules from a union of classes per token and per pair of words, before any place is filed. It
must never leave out a rule whose needs the filed places meet: the union is a superset of the
classes _classes_at files, in every language, for phrases of two words and longer, stems and
compound endings. Checked on the benign and abusive corpora and on wordings written here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.moderation import Moderator
from bot.moderation.normalisation import analyse
from bot.moderation.structures import Structures

CORPORA = Path(__file__).parent / "corpora"
# Named one by one: the held-out sets are never read here.
FILES = ("benign.tsv", "abusive.tsv", "moderation_dev.tsv")
# Phrases of two, three and more words, compounds and stems, in sv, en and fi.
WRITTEN = (
    "jag vet var du bor och jag kommer hem till dig ikväll",
    "i know where you live and i am coming for you",
    "tiedän missä asut ja tulen hakemaan sut",
    "din jävla idiotsjuksköterska, fattar du ingenting",
    "you stupid useless nurse, you know nothing",
    "ääliölle pitää selittää kaikki moneen kertaan",
    "send me a pic of you in that uniform",
    "vi ses snart igen, men inte här",
)


def _texts() -> list[str]:
    texts = list(WRITTEN)
    for name in FILES:
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text = line.split("\t")[2]
            texts.append(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
    return texts


@pytest.fixture(scope="module")
def structures() -> Structures:
    return Moderator.load().structures


def _met(structures: Structures, tokens: tuple[str, ...], found: dict[str, list[int]]) -> set[int]:
    """The rules whose needs the filed places meet, found the slow way: every rule."""
    present = {name for name, places in found.items() if places}
    met = set()
    for number, rule in enumerate(structures.rules):
        if not rule.slots:
            continue
        if all(not present.isdisjoint(slot) for slot in rule.slots):
            met.add(number)
    return met


def test_the_first_look_never_leaves_out_a_rule_the_places_meet(structures: Structures) -> None:
    every_class = frozenset(structures.classes)
    texts = _texts()
    assert len(texts) > 1000
    checked = 0
    for text in texts:
        normal = analyse(text)
        if not normal.tokens:
            continue
        candidates = set(structures._candidates(normal.tokens, ()))
        found = structures._classes_at(normal, every_class)
        missing = _met(structures, normal.tokens, found) - candidates
        # Every rule is filed under the classes of one of its slots: one whose slots are all
        # met has a class it is filed under in the union, and must be picked.
        assert not missing, (text, sorted(structures.rules[n].id for n in missing))
        checked += 1
    assert checked > 1000


def test_places_are_filed_only_for_the_wanted_classes_and_in_order(
    structures: Structures,
) -> None:
    every_class = frozenset(structures.classes)
    for text in WRITTEN:
        normal = analyse(text)
        everything = structures._classes_at(normal, every_class)
        assert everything
        for places in everything.values():
            assert places == sorted(places)
        wanted = frozenset(list(everything)[:3])
        some = structures._classes_at(normal, wanted)
        assert some == {name: everything[name] for name in wanted}
