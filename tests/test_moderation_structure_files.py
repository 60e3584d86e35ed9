"""The structure rules may be split over several files (structures.yaml, structures_*.yaml): the
moderator reads them as one, and a class named twice is a problem an admin sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bot.moderation import Moderator
from bot.moderation.lexicon import DEFAULT_DIRECTORY, load_lexicon

MESSAGES = [
    ("sv", "jag vet var du bor och jag kommer dit i kväll"),
    ("en", "send me a pic of you in that uniform"),
    ("fi", "tiiän missä sä asut, kato ny mitä tapahtuu"),
    ("en", "my back is killing me, can I get an appointment?"),
]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_DIRECTORY, folder)
    return folder


def _split(folder: Path) -> None:
    """Move the second half of the classes and rules of structures.yaml to a file of its own."""
    path = folder / "structures.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = list(raw["classes"])
    moved = names[len(names) // 2 :]
    rules = raw["rules"]
    other = {
        "classes": {name: raw["classes"].pop(name) for name in moved},
        "rules": rules[len(rules) // 2 :],
    }
    raw["rules"] = rules[: len(rules) // 2]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    (folder / "structures_second_half.yaml").write_text(
        yaml.safe_dump(other, allow_unicode=True), encoding="utf-8"
    )


def test_structure_rules_split_over_files_give_the_same_verdicts(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _split(folder)
    split = Moderator.load(folder)
    whole = Moderator.load()
    assert len(split.structures.rules) == len(whole.structures.rules)
    for lang, text in MESSAGES:
        mine, theirs = split.check(text, lang), whole.check(text, lang)
        # The lexicon version differs (it is a digest of the files), nothing else may.
        assert (mine.category, mine.action, mine.severity) == (
            theirs.category,
            theirs.action,
            theirs.severity,
        ), text
        assert sorted(hit.rule_id for hit in mine.hits) == sorted(
            hit.rule_id for hit in theirs.hits
        ), text
    assert whole.check(MESSAGES[0][1], "sv").action == "alert_staff"


def test_a_class_defined_in_two_structure_files_is_a_problem(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    raw = yaml.safe_load((folder / "structures.yaml").read_text(encoding="utf-8"))
    name = next(iter(raw["classes"]))
    (folder / "structures_extra.yaml").write_text(
        yaml.safe_dump({"classes": {name: {"words": ["x"]}}}), encoding="utf-8"
    )
    problems = load_lexicon(folder).problems
    assert any(f"classes.{name}: also in structures.yaml" in p for p in problems), problems


def test_an_admins_lexicon_change_keeps_the_structure_rules() -> None:
    """The moderator keeps its built structure rules, not the YAML they were read from; a
    moderator rebuilt for an admin's added word reads the structures as the shipped one does."""
    from bot.context import ModeratorBox
    from bot.moderation.changes import LexiconChange

    shipped = Moderator.load()
    box = ModeratorBox(shipped)
    box.refresh([LexiconChange(1, "add", "admin.1", "sv", "blablaord", "word", "insult", 2)])
    threat = "du ska få en smäll på käften"
    assert shipped.check(threat, "sv").hits[0].rule_id.startswith("structure.")
    assert box.current.check(threat, "sv").category == "threat"
    assert box.current.check("du blablaord", "sv").category == "insult"
    assert box.current.structures is shipped.structures
