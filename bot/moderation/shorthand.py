"""How people write when they do not write it out: English contractions without the apostrophe
("dont make me come down there", "youre useless") and a few emoji that stand for words
("🖕🖕 nurse", "🍆💦 for you"), and a pasted chat log's own labels ("[12:41] me: you people are
morons": the label's "me" made the insult the writer's own, only logged).

Both are read as the written-out form before matching, so every rule of the lexicon meets them
without a second spelling of its own. Found on the session-9 blind corpora: with the apostrophes
taken out of the other corpora's English lines, 76 of 792 right verdicts were lost (41 of them
threats), and 57 came back with the contractions read this way, no verdict changing on the
corpora as written (docs/decisions.md, "Tone rules on moderation_dev10"). The normaliser drops
every emoji, so an emoji-only insult or advance was clean.

Left out on purpose: contractions that are also words ("ill", "hell", "well", "id", "were",
"its", "shed", "wed", "hes": Swedish "hoarse"), and emoji whose meaning depends on the reader
("🔥", "😍", "💀", "🙂").
"""

from __future__ import annotations

import re

# A normalised "don't" is the tokens "don" and "t" (the apostrophe separates words).
_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "dont": ("don", "t"),
    "doesnt": ("doesn", "t"),
    "didnt": ("didn", "t"),
    "wont": ("won", "t"),
    "cant": ("can", "t"),
    "couldnt": ("couldn", "t"),
    "shouldnt": ("shouldn", "t"),
    "wouldnt": ("wouldn", "t"),
    "isnt": ("isn", "t"),
    "arent": ("aren", "t"),
    "wasnt": ("wasn", "t"),
    "werent": ("weren", "t"),
    "havent": ("haven", "t"),
    "hasnt": ("hasn", "t"),
    "hadnt": ("hadn", "t"),
    "aint": ("ain", "t"),
    "youre": ("you", "re"),
    "youll": ("you", "ll"),
    "youve": ("you", "ve"),
    "youd": ("you", "d"),
    "theyre": ("they", "re"),
    "theyll": ("they", "ll"),
    "theyve": ("they", "ve"),
    "weve": ("we", "ve"),
    "thats": ("that", "s"),
    "whats": ("what", "s"),
    "theres": ("there", "s"),
    "shes": ("she", "s"),
    "im": ("i", "m"),
    "ive": ("i", "ve"),
}
CONTRACTED = frozenset(_CONTRACTIONS)
"""Tokens read as two: a set test on a message's tokens says whether there is work to do."""


def expand(
    tokens: list[str], sentences: list[int], clauses: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """The tokens with every contraction written out, each new token in its word's sentence and
    clause."""
    out: list[str] = []
    out_sentences: list[int] = []
    out_clauses: list[int] = []
    for token, sentence, clause in zip(tokens, sentences, clauses, strict=True):
        parts = _CONTRACTIONS.get(token, (token,))
        out.extend(parts)
        out_sentences.extend([sentence] * len(parts))
        out_clauses.extend([clause] * len(parts))
    return out, out_sentences, out_clauses


# Emoji as tokens of their own, read by structure rules of lexicon/structures.yaml (classes
# sex_emoji_s9, finger_emoji_s9, weapon): an emoji is no word in any language, so "🍑" is not
# "ass" and "💦" after a fever is not read as anything at all unless said to the reader.
_EMOJI_WORDS = {
    "\U0001f595": " emojifinger ",  # middle finger
    "\U0001f346": " emojiaubergine ",
    "\U0001f351": " emojipeach ",
    "\U0001f445": " emojitongue ",
    "\U0001f4a6": " emojidroplets ",
    "\U0001f52a": " emojiknife ",  # kitchen knife
    "\U0001f5e1": " emojiknife ",  # dagger
    "\U0001f52b": " emojigun ",  # pistol
    "\U0001f4a3": " emojibomb ",
}
HINT = re.compile("[" + "".join(_EMOJI_WORDS) + "]")
"""A text worth `emoji_words`."""


def emoji_words(text: str) -> str:
    """`text` with the emoji that stand for words written as those words."""
    return HINT.sub(lambda found: _EMOJI_WORDS[found.group(0)], text)


# A chat log pasted into one message: "[12:03] me: hello? / [12:41] me: you people are morons".
# The time stamp and the writer's own label are no words of the message.
_STAMP = re.compile(r"\[\d{1,2}[:.]\d{2}(?::\d{2})?\]")
_SPEAKER = re.compile(
    r"(?:^|(?<=[\n/|\]]))\s*(?:me|i|jag|mä|minä|mie|mina)\s*:(?!\d)", re.IGNORECASE
)


def without_labels(text: str) -> str:
    """`text` without a pasted chat log's time stamps and the writer's own speaker labels."""
    text = _STAMP.sub(" ", text)
    return _SPEAKER.sub(" ", text)
