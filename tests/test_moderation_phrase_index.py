"""The matcher's phrase tables: slot-expanded phrases found word by word, the same whether the
matcher made them or the lexicon cache read them back (bot/moderation/matcher.py, cache.py),
and a lexicon an admin changed never answered from the cache's tables of the files."""

from __future__ import annotations

from pathlib import Path

from bot.moderation import Moderator
from bot.moderation.cache import cached_lexicon
from bot.moderation.changes import LexiconChange, apply_changes
from bot.moderation.lexicon import load_lexicon

_SV = (
    "language: sv\nsecond_person: [du, din, dig]\nentries:\n"
    "  - {id: t.kill, pattern: 'jag {ska} {döda} dig{nu?}', mode: phrase, category: threat,"
    " severity: 3}\n"
    "  - {id: t.kill_short, pattern: 'jag ska döda', mode: phrase, category: threat,"
    " severity: 2}\n"
    "  - {id: t.fool, pattern: 'din {djur} {skalle}', mode: phrase, category: insult,"
    " severity: 2}\n"
    "  - {id: t.slut, pattern: 'är slut', mode: phrase, category: insult, severity: 1}\n"
    "  - {id: t.gun, pattern: 'kommer till {ställe} ~ {vapen}', mode: near, category: threat,"
    " severity: 3, unless: ['jakt på']}\n"
    "slots:\n"
    "  ska: [ska, skall, kommer att]\n"
    "  döda: [döda, mörda, slå ihjäl]\n"
    "  nu: [' nu', ' i kväll']\n"
    "  djur: [får, åsne, kö]\n"
    "  skalle: [skalle, huvud]\n"
    "  ställe: [vårdcentralen, akuten]\n"
    "  vapen: [gevär, kniv]\n"
)
_ALLOW = "sv:\n  phrase: ['är slut']\n"

_TEXTS = (
    "jag ska döda dig",
    "jag kommer att slå ihjäl dig i kväll",
    "JAG SKALL MÖRDA DIG NU!!",
    "jag ska doda dig",  # no å ä ö on the keyboard
    "jag ska döda",
    "jag ska döda flugan",
    "jag kommer att slå dig",
    "din fårskalle",
    "din får skalle",
    "din asne huvud",
    "din åsne huvud",
    "din kö skalle och din ko huvud",
    "jag kommer till vårdcentralen i morgon med ett gevär",
    "jag kommer till akuten efter jakt på älg med mitt gevär",
    "alvedonen är slut",
    "Jag har ont i magen sedan i går",
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "sv.yaml").write_text(_SV, encoding="utf-8")
    (folder / "medical_allow.yaml").write_text(_ALLOW, encoding="utf-8")
    return folder


def _verdicts(moderator: Moderator) -> list[tuple[str, int, str, str]]:
    found = []
    for text in _TEXTS:
        verdict = moderator.check(text, "sv")
        found.append((verdict.category, verdict.severity, verdict.action, moderator.explain(text)))
    return found


def test_slot_phrases_are_found_as_written_and_without_a_with_rings(tmp_path: Path) -> None:
    moderator = Moderator(load_lexicon(_folder(tmp_path)), second_opinion=False)
    threats = [moderator.check(text, "sv") for text in _TEXTS[:5]]
    assert [verdict.category for verdict in threats] == ["threat"] * 5
    assert [verdict.severity for verdict in threats] == [3, 3, 3, 3, 2]
    assert moderator.check("jag kommer att slå dig", "sv").category == "clean"
    # A phrase is its words in a row: not one word more between them.
    assert moderator.check("din fårskalle", "sv").category == "clean"
    assert moderator.check("din åsne huvud", "sv").category == "insult"
    # The folded spelling is the whole phrase's, as before: "asne" with "huvud" counts.
    assert moderator.check("din asne huvud", "sv").category == "insult"
    assert moderator.check("jag kommer till vårdcentralen med ett gevär", "sv").category == "threat"
    assert moderator.check("jag kommer till akuten efter jakt på älg med mitt gevär").category == (
        "clean"
    )
    assert moderator.check("alvedonen är slut", "sv").category == "clean"


def test_the_cache_tables_give_every_verdict_and_explanation_the_files_give(
    tmp_path: Path,
) -> None:
    source, cache = _folder(tmp_path), tmp_path / "cache"
    built = Moderator(load_lexicon(source))
    first = cached_lexicon(cache, source)  # builds and writes
    read = cached_lexicon(cache, source)  # reads the file back
    assert read.phrase_index is not None
    assert _verdicts(Moderator(first)) == _verdicts(Moderator(read)) == _verdicts(built)


def test_the_shipped_lexicon_from_the_cache_judges_as_built(tmp_path: Path) -> None:
    cached_lexicon(tmp_path / "cache")
    read = Moderator(cached_lexicon(tmp_path / "cache"))
    built = Moderator(load_lexicon())
    for text, lang in (
        ("jag ska döda dig", "sv"),
        ("du är så jävla dum i huvudet", "sv"),
        ("you are a stupid cow", "en"),
        ("sinä olet idiootti", "fi"),
        ("Jag har haft ont i halsen i tre dagar", "sv"),
    ):
        assert read.check(text, lang) == built.check(text, lang)
        assert read.explain(text, lang) == built.explain(text, lang)


def test_an_admin_change_on_a_cached_lexicon_is_matched_by_its_own_tables(tmp_path: Path) -> None:
    source, cache = _folder(tmp_path), tmp_path / "cache"
    cached_lexicon(cache, source)
    shipped = cached_lexicon(cache, source)
    changes = [
        LexiconChange(1, "remove", "t.kill"),
        LexiconChange(2, "add", "admin.sv.2", "sv", "du är en kålrot", "phrase", "insult", 2),
    ]
    changed = Moderator(apply_changes(shipped, changes), second_opinion=False)
    assert changed.check("jag ska mörda dig nu", "sv").category == "clean"
    assert changed.check("jag ska döda dig", "sv").severity == 2  # only t.kill_short left
    assert changed.check("du är en kålrot", "sv").category == "insult"
    assert changed.check("du ar en kalrot", "sv").category == "insult"
    assert Moderator(shipped).check("jag ska mörda dig nu", "sv").category == "threat"
