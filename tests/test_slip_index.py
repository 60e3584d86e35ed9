"""One slip index serves every index of danger words in the process (flows/phrase_words.SLIPS):
a typo of one index's word is found there, and never by an index that lacks the word."""

from __future__ import annotations

from flows.phrase_words import PhraseIndex, prepared, typed_words


def test_a_typo_is_found_by_its_own_index_only() -> None:
    dying = PhraseIndex(prepared({"dying": {"fi": ["kuolla"]}}))
    chest = PhraseIndex(prepared({"chest": {"sv": ["bröstsmärta"]}}))
    # "kuolal": two letters swapped; both indexes share the slip index that holds "kuolla".
    assert dying.hits(typed_words("haluan kuolal")) == ["dying"]
    assert chest.hits(typed_words("haluan kuolal")) == []
    assert chest.hits(typed_words("jag har bröstsmärat")) == ["chest"]
    assert dying.hits(typed_words("jag har bröstsmärat")) == []


def test_a_word_in_two_indexes_is_found_by_both() -> None:
    first = PhraseIndex(prepared({"a": {"sv": ["andnöd"]}}))
    second = PhraseIndex(prepared({"b": {"sv": ["andnöd"]}}))
    assert first.hits(typed_words("akut andnödd")) == ["a"]
    assert second.hits(typed_words("akut andnödd")) == ["b"]
