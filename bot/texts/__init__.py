"""The one text catalogue: every user-facing sentence, in every language, from YAML files."""

from __future__ import annotations

import string
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml

CATALOGUE_PACKAGE = "bot.texts"


def _flatten(prefix: str, node: Any, out: dict[str, Any]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = node


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Catalogue:
    def __init__(self, entries: dict[str, dict[str, Any]], fallback: str = "sv") -> None:
        self.entries = entries
        self.fallback = fallback
        # `words` by (key, lang): asked several times a message (yes, no, skip, not), and the
        # entries never change once loaded.
        self._words: dict[tuple[str, str | None], tuple[str, ...]] = {}

    @classmethod
    def load(cls, languages: Iterable[str], fallback: str = "sv") -> Catalogue:
        entries: dict[str, dict[str, Any]] = {}
        folder = resources.files(CATALOGUE_PACKAGE)
        for lang in languages:
            text = folder.joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
            raw = yaml.load(text, Loader=yaml.CSafeLoader)
            flat: dict[str, Any] = {}
            _flatten("", raw, flat)
            entries[lang] = flat
        return cls(entries, fallback)

    @property
    def languages(self) -> list[str]:
        return list(self.entries)

    def get(self, lang: str, key: str, **values: Any) -> str:
        table = self.entries.get(lang) or self.entries[self.fallback]
        template = table.get(key)
        if template is None:
            template = self.entries[self.fallback].get(key)
        if not isinstance(template, str):
            raise KeyError(f"no text {key!r} for {lang!r}")
        return template.format(**values) if values else template

    def words(self, key: str, lang: str | None = None) -> list[str]:
        """A list entry (e.g. words for yes) in one language, or in all when `lang` is None."""
        known = self._words.get((key, lang))
        if known is None:
            langs = [lang] if lang else list(self.entries)
            found: list[str] = []
            for code in langs:
                value = self.entries.get(code, {}).get(key, [])
                if isinstance(value, list):
                    found.extend(str(v) for v in value)
            known = self._words[(key, lang)] = tuple(found)
        return list(known)  # the caller's own list

    def problems(self) -> list[str]:
        """Keys missing in a language, or with other placeholders than in the fallback."""
        base = self.entries[self.fallback]
        found = []
        for lang, table in self.entries.items():
            for key, value in base.items():
                if key not in table:
                    found.append(f"bot/texts/{lang}.yaml: {key}: missing")
                elif (
                    isinstance(value, str)
                    and isinstance(table[key], str)
                    and _fields(value) != _fields(table[key])
                ):
                    found.append(
                        f"bot/texts/{lang}.yaml: {key}: placeholders "
                        f"{sorted(_fields(table[key]))} differ from {sorted(_fields(value))}"
                    )
            for key in table:
                if key not in base:
                    found.append(f"bot/texts/{lang}.yaml: {key}: not in {self.fallback}.yaml")
        return found


def shorten(text: str, limit: int = 40) -> str:
    """A few words of a longer text, for one-line notices."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
