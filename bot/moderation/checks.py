"""`minvard check` for the lexicon: structure problems, then every entry's examples run."""

from __future__ import annotations

from pathlib import Path

from bot.moderation.lexicon import Lexicon, load_lexicon
from bot.moderation.moderator import Moderator


def _example_problems(lexicon: Lexicon) -> list[str]:
    moderator = Moderator(lexicon)
    problems: list[str] = []
    allowed = {allow.form for allow in lexicon.allows if allow.mode == "word"}
    for entry in lexicon.entries:
        where = f"{entry.source}: {entry.id}"
        # Judged in the entry's own language, as a patient writing that language would be.
        lang = None if entry.language not in lexicon.languages else entry.language
        for example in entry.examples_match:
            hits = moderator.check(example, lang).hits
            if not any(h.rule_id == entry.id and h.category == entry.category for h in hits):
                problems.append(f"{where}: example {example!r} does not match as {entry.category}")
        for example in entry.examples_no_match:
            hits = moderator.check(example, lang).hits
            if any(h.rule_id == entry.id and h.category == entry.category for h in hits):
                problems.append(f"{where}: example {example!r} matches but must not")
        if not entry.examples_match:
            problems.append(f"{where}: no examples_match")
        shadowed = [form for form in entry.forms if form in allowed]
        if entry.mode == "word" and shadowed:
            problems.append(f"{where}: {shadowed[0]!r} is on the medical allowlist and never fires")
    return problems


def check_lexicon(directory: Path | None = None) -> list[str]:
    """Every problem in the lexicon folder, as "file: entry id: problem"."""
    lexicon = load_lexicon(directory)
    return [*lexicon.problems, *_example_problems(lexicon)]
