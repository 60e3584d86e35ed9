"""The shipped lexicon, read back from a file in the data dir instead of built at every start.

Building it normalises every form that slot expansion makes (over 100,000): about a second of
CPU at each start, for the same result every time. The built lexicon is written once, in
marshal's format, to `<data dir>/cache/lexicon-<key>.bin`; the key is a hash of everything the
result depends on: the lexicon files, the danger vocabulary (its changes change the version),
the code in bot/moderation (normalisation, the loader, the classes) and the Python version. A
change to any of them makes a new key, so a stale file is never read; it is removed on the next
write. marshal, not pickle: reading the file builds only the lexicon's own classes, never runs
code from it. A file that cannot be read or written costs only the time: the lexicon is built
as before.

The file holds the matcher's phrase tables too (bot/moderation/matcher.py, PhraseIndex): making
them sorts and files every form of the slot expansions: nearly all of a matcher's start.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bot.moderation import lexicon as lexicon_module
from bot.moderation.lexicon import (
    DEFAULT_DIRECTORY,
    Allow,
    Entry,
    LanguageRules,
    Lexicon,
    NumberContext,
    load_lexicon,
)
from bot.moderation.matcher import export_phrases, import_phrases
from flows.phrases import PHRASES_FILE

log = logging.getLogger(__name__)

_CLASSES: dict[str, type] = {
    cls.__name__: cls for cls in (Allow, Entry, LanguageRules, Lexicon, NumberContext)
}
_PREFIX = "lexicon-"
_SUFFIX = ".bin"


def cache_key(directory: Path) -> str:
    digest = hashlib.sha256(f"{sys.version}\0{marshal.version}\0".encode())
    code = Path(lexicon_module.__file__).parent
    for path in (
        *sorted(directory.glob("*.yaml")),
        PHRASES_FILE,
        *sorted(code.glob("*.py")),
    ):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# A marker is a tuple that starts with None, which no form or word can be: (None, kind, body).
# Only what holds a dataclass is marked; the forms stay plain tuples of strings, so reading the
# file touches each entry once, not each of its forms.
_TUPLE = "()"
_DICT = "{}"


def _marked(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 3 and value[0] is None


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        body = tuple(_encode(getattr(value, f.name)) for f in dataclasses.fields(value))
        return (None, type(value).__name__, body)
    if isinstance(value, tuple):
        items = tuple(_encode(item) for item in value)
        return (None, _TUPLE, items) if any(_marked(item) for item in items) else value
    if isinstance(value, dict):
        mapping = {key: _encode(item) for key, item in value.items()}
        return (None, _DICT, mapping) if any(map(_marked, mapping.values())) else dict(value)
    return value


def _decode(value: Any) -> Any:
    if not _marked(value):
        return value
    _, kind, body = value
    if kind == _TUPLE:
        return tuple(_decode(item) for item in body)
    if kind == _DICT:
        return {key: _decode(item) for key, item in body.items()}
    # The fields in their declared order: the key covers this code, so they are the same.
    return _CLASSES[kind](*(_decode(item) for item in body))


def _with_phrases(lexicon: Lexicon, phrases: Any) -> Lexicon:
    return dataclasses.replace(lexicon, phrase_index=import_phrases(lexicon, phrases))


def _read(path: Path) -> Lexicon | None:
    try:
        encoded, phrases = marshal.loads(path.read_bytes())
        found = _decode(encoded)
        if not isinstance(found, Lexicon):
            return None
        return _with_phrases(found, phrases)
    except FileNotFoundError:
        return None
    except (
        OSError,
        ValueError,
        EOFError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
    ) as exc:
        log.warning("lexicon cache %s unreadable (%s); building the lexicon", path, type(exc))
        return None


def _write(folder: Path, path: Path, lexicon: Lexicon, phrases: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".lexicon-", delete=False) as out:
            out.write(marshal.dumps((_encode(lexicon), phrases)))
        # Renamed into place: a bot starting meanwhile reads the old file or the whole new one.
        os.replace(out.name, path)
        for old in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.info("lexicon cache not written in %s (%s)", folder, exc.strerror or type(exc))


def cached_lexicon(folder: Path | None, directory: Path | None = None) -> Lexicon:
    """The lexicon in `directory` (the shipped one by default), from `folder`'s cached copy
    when it is current; else built, and cached when it has no problems. None: no cache."""
    directory = directory or DEFAULT_DIRECTORY
    if folder is None:
        return load_lexicon(directory)
    path = folder / f"{_PREFIX}{cache_key(directory)}{_SUFFIX}"
    found = _read(path)
    if found is not None:
        return found
    lexicon = load_lexicon(directory)
    if lexicon.problems:
        return lexicon
    phrases = export_phrases(lexicon)
    _write(folder, path, lexicon, phrases)
    return _with_phrases(lexicon, phrases)
