"""The built lexicon kept in the data dir between starts (bot/moderation/cache.py): a start reads
it instead of building, and what it reads is exactly what building gives; a changed lexicon
file is never answered from an old copy."""

from __future__ import annotations

from pathlib import Path

from bot.moderation import Moderator
from bot.moderation.cache import cached_lexicon
from bot.moderation.lexicon import DEFAULT_DIRECTORY, load_lexicon

_SV = (
    "language: sv\nsecond_person: [du, din]\nentries:\n"
    "  - {id: t.idiot, pattern: idiot, mode: prefix, category: insult, severity: 2}\n"
    "  - {id: t.kill, pattern: 'jag ska {döda} dig', mode: phrase, category: threat,"
    " severity: 3}\n"
    "slots:\n  döda: [döda, mörda]\n"
)


def _lexicon(folder: Path, text: str = _SV) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sv.yaml").write_text(text, encoding="utf-8")
    return folder


def _files(cache: Path) -> list[Path]:
    return sorted(cache.glob("lexicon-*.bin"))


def test_the_shipped_lexicon_read_back_is_the_one_built(tmp_path: Path) -> None:
    built = cached_lexicon(tmp_path / "cache")
    assert len(_files(tmp_path / "cache")) == 1
    read = cached_lexicon(tmp_path / "cache")
    assert read == built == load_lexicon(DEFAULT_DIRECTORY)
    moderator = Moderator(read)
    assert moderator.check("jag ska döda dig", "sv").category == "threat"
    assert moderator.check("Jag har ont i magen sedan i går", "sv").action in ("none", "log")


def test_a_start_reads_the_file_instead_of_building(tmp_path: Path) -> None:
    source, cache = _lexicon(tmp_path / "lexicon"), tmp_path / "cache"
    cached_lexicon(cache, source)
    [path] = _files(cache)
    # Another lexicon's copy put where this one's belongs: what a start gets is the file's.
    other = _lexicon(tmp_path / "other", _SV.replace("idiot", "dumbom"))
    elsewhere = cached_lexicon(tmp_path / "other-cache", other)
    [copy] = _files(tmp_path / "other-cache")
    path.write_bytes(copy.read_bytes())
    assert cached_lexicon(cache, source) == elsewhere


def test_an_edited_lexicon_is_built_again_and_the_old_copy_removed(tmp_path: Path) -> None:
    source, cache = _lexicon(tmp_path / "lexicon"), tmp_path / "cache"
    before = Moderator(cached_lexicon(cache, source), second_opinion=False)
    assert before.check("jag ska mörda dig", "sv").category == "threat"
    old = _files(cache)
    _lexicon(source, _SV.replace("[döda, mörda]", "[döda]"))
    after = Moderator(cached_lexicon(cache, source), second_opinion=False)
    assert after.check("jag ska mörda dig", "sv").category == "clean"
    assert after.version != before.version
    assert len(_files(cache)) == 1 and _files(cache) != old


def test_a_damaged_cache_file_is_built_over(tmp_path: Path) -> None:
    source, cache = _lexicon(tmp_path / "lexicon"), tmp_path / "cache"
    good = cached_lexicon(cache, source)
    [path] = _files(cache)
    path.write_bytes(path.read_bytes()[:100])
    assert cached_lexicon(cache, source) == good
    assert cached_lexicon(cache, source) == good


def test_a_lexicon_with_problems_is_not_cached(tmp_path: Path) -> None:
    source = _lexicon(tmp_path / "lexicon", "language: sv\nentries: [{id: a}]\n")
    assert cached_lexicon(tmp_path / "cache", source).problems
    assert _files(tmp_path / "cache") == []


def test_a_cache_that_cannot_be_written_still_starts(tmp_path: Path) -> None:
    source = _lexicon(tmp_path / "lexicon")
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    lexicon = cached_lexicon(blocked, source)
    assert Moderator(lexicon).check("jag ska döda dig", "sv").category == "threat"
    assert blocked.read_text(encoding="utf-8") == "a file where the folder would be"
