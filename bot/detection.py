"""Which of our languages a patient seems to write in: only ever used to *offer* a switch.

DESIGN 9: detection offers, never switches; never on one- or two-word messages; never between
Swedish, Norwegian and Danish (a Norwegian writing to a Swedish service is understood, and the
three are too close to tell apart on a few words). Norwegian and Danish are in the detector so
that they are recognised as such and lead to no offer, instead of being taken for Swedish or
English.

The default is lingua's low-accuracy mode (about 16 MB, loads in a few ms) whose offer is
confirmed by langdetect holding only our languages' profiles (a few MB): on our short-message
set (bench/language_offer.py) that pair is as right as lingua's high-accuracy mode (94.7% vs
95.1%, no wrong offer either way), where low accuracy alone made 16 wrong offers ("Is it bad if
my urine is foamy?" taken for Finnish at 0.99). High accuracy stays a setting, but it takes
about 200 MB and a few seconds to load (docs/decisions.md, footprint). Detectors are built once
per process and shared.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.config import LanguageConfig

_NORDIC_NEIGHBOURS = ("nb", "nn", "da")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Guess:
    language: str
    """ISO 639-1 code: sv, en, fi, or nb/nn/da (never offered)."""
    confidence: float


class Detector(Protocol):
    def guess(self, text: str) -> Guess | None: ...

    def confirms(self, text: str, language: str) -> bool:
        """Whether an offer of `language` for this text stands (asked only before offering)."""
        ...


class LinguaDetector:
    def __init__(self, languages: tuple[str, ...], high_accuracy: bool) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        codes = [*languages, *_NORDIC_NEIGHBOURS]
        wanted = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
        builder = LanguageDetectorBuilder.from_languages(*wanted).with_preloaded_language_models()
        if not high_accuracy:
            builder = builder.with_low_accuracy_mode()
        self._detector = builder.build()

    def guess(self, text: str) -> Guess | None:
        values = self._detector.compute_language_confidence_values(text)
        if not values:
            return None
        best = values[0]
        return Guess(best.language.iso_code_639_1.name.lower(), best.value)

    def confirms(self, text: str, language: str) -> bool:
        return True


class LangdetectDetector:
    def __init__(self, languages: tuple[str, ...]) -> None:
        from langdetect import DetectorFactory

        self._wanted = {*languages, "no", "da"}
        self._factory = DetectorFactory()
        # Only our languages' profiles: less memory, and no answer in a language we cannot offer
        # (with all 55 it was less often right on our short-message set).
        folder = _langdetect_profiles()
        self._factory.load_json_profile(
            [(folder / code).read_text(encoding="utf-8") for code in sorted(self._wanted)]
        )
        self._factory.seed = 0  # otherwise it answers differently from run to run

    def guess(self, text: str) -> Guess | None:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:
            return None
        for found in ranked:
            if found.lang in self._wanted:
                return Guess("nb" if found.lang == "no" else found.lang, found.prob)
        return None

    def confirms(self, text: str, language: str) -> bool:
        return True


class ConfirmedDetector:
    """One detector's guess, offered only when a second one finds the same language: two
    small detectors that err on different messages, instead of one large one."""

    def __init__(self, first: Detector, second: Detector) -> None:
        self._first = first
        self._second = second

    def guess(self, text: str) -> Guess | None:
        return self._first.guess(text)

    def confirms(self, text: str, language: str) -> bool:
        # Only here, before an offer, so the slower second detector runs on few messages.
        second = self._second.guess(text)
        return second is not None and second.language == language


def _langdetect_profiles() -> Path:
    import langdetect

    return Path(langdetect.__file__).parent / "profiles"


_BUILT: dict[tuple[str, tuple[str, ...], bool], Detector] = {}
_LOCK = threading.Lock()


def detector_for(config: LanguageConfig, languages: tuple[str, ...]) -> Detector | None:
    """The process's detector for these settings (built on first use), or None when off."""
    if config.detector == "none" or len(languages) < 2:
        return None
    key = (config.detector, languages, config.accuracy == "high")
    with _LOCK:
        if key not in _BUILT:
            if config.detector == "lingua" and config.accuracy == "high":
                _BUILT[key] = LinguaDetector(languages, high_accuracy=True)
            elif config.detector == "lingua":
                low = LinguaDetector(languages, high_accuracy=False)
                _BUILT[key] = ConfirmedDetector(low, LangdetectDetector(languages))
            else:
                _BUILT[key] = LangdetectDetector(languages)
        return _BUILT[key]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def switch_to_offer(
    detector: Detector,
    config: LanguageConfig,
    text: str,
    current: str,
    available: tuple[str, ...],
) -> str | None:
    """The language to offer a switch to, if the text is clearly in another of ours."""
    if word_count(text) < config.min_words:
        return None
    guess = detector.guess(text)
    if guess is None or guess.confidence < config.min_confidence:
        return None
    # Norwegian and Danish are never among ours: no offer for them.
    if guess.language == current or guess.language not in available:
        return None
    if not detector.confirms(text, guess.language):
        return None
    return guess.language
