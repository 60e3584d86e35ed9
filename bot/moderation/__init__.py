"""Tone rules: explainable keyword moderation that never flags a patient's body (DESIGN 8)."""

from bot.moderation.checks import check_lexicon
from bot.moderation.lexicon import CATEGORIES, Lexicon, LexiconError, load_lexicon
from bot.moderation.moderator import Moderator
from bot.moderation.normalisation import normalise
from bot.moderation.policy import ACTIONS, Hit, Verdict

__all__ = [
    "ACTIONS",
    "CATEGORIES",
    "Hit",
    "Lexicon",
    "LexiconError",
    "Moderator",
    "Verdict",
    "check_lexicon",
    "load_lexicon",
    "normalise",
]
