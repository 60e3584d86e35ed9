"""The docs name only what exists: every repository path in README.md and docs/*.md, and every
dotted name of one of our modules (`storage.repositories`, `bot.commands.menu_for`), is there.
When code moves, this fails and names the stale line, so the docs move with it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A path in the docs is one of the repository's own only when it starts in one of these folders;
# runtime paths (`<data dir>/cache/…`, `/usr/bin/chromium`) are not checked.
TOP_FOLDERS = (
    "adapters",
    "bot",
    "flows",
    "storage",
    "testkit",
    "tests",
    "bench",
    "deploy",
    "docs",
    "scripts",
    "examples",
    ".ci",
)
PACKAGES = ("adapters", "bot", "flows", "storage", "testkit")
_PATH = re.compile(
    r"(?<![\w./-])((?:" + "|".join(re.escape(f) for f in TOP_FOLDERS) + r")/[\w.*<>/-]*)"
)
_DOTTED = re.compile(r"`(?:python -m )?((?:" + "|".join(PACKAGES) + r")(?:\.\w+)+)(?::\w+)?")
# A placeholder in a name (`NNNN_name.sql`, `<key>`) stands for files the folder holds.
_PLACEHOLDER = re.compile(r"<[^>]*>|\b[A-Z]{3,}\b|NNNN")


def _docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def named_paths(text: str) -> set[str]:
    return {m.group(1).rstrip(".") for m in _PATH.finditer(text)}


def _made_at_run_time(root: Path) -> set[str]:
    """Paths the repository ignores (`deploy/.env`): the operator makes them, the docs say how."""
    ignore = root / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else []
    return {line.strip().strip("/") for line in lines if line.strip()}


def missing_path(root: Path, named: str) -> bool:
    if named.strip("/") in _made_at_run_time(root):
        return False
    if _PLACEHOLDER.search(named):
        # Only the folder above the placeholder can be checked.
        parts = named.split("/")
        first = next(i for i, part in enumerate(parts) if _PLACEHOLDER.search(part))
        return not root.joinpath(*parts[:first]).is_dir()
    if "*" in named:
        return not any(root.glob(named))
    return not (root / named).exists()


def _defines(source: str, name: str) -> bool:
    return bool(
        re.search(
            rf"^\s*(?:async def|def|class)\s+{name}\b|^\s*{name}\s*[:=]|import .*\b{name}\b",
            source,
            re.MULTILINE,
        )
    )


def missing_dotted(root: Path, dotted: str) -> bool:
    """A module path, then at most one name it defines (a function, class or constant)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = root.joinpath(*parts[:cut])
        module = base.with_suffix(".py")
        if base.is_dir() and (base / "__init__.py").exists():
            module = base / "__init__.py"
        elif not module.exists():
            continue
        rest = parts[cut:]
        if not rest:
            return False
        if len(rest) == 1:
            return not _defines(module.read_text(encoding="utf-8"), rest[0])
        # `Class.method`: the class in the module, the method anywhere in it.
        source = module.read_text(encoding="utf-8")
        return not (_defines(source, rest[0]) and _defines(source, rest[1]))
    return True


def stale_names(root: Path) -> list[str]:
    stale: list[str] = []
    docs = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    for doc in docs:
        if not doc.exists():
            continue
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{doc.relative_to(root)}:{number}"
            stale += [f"{where}: {p}" for p in named_paths(line) if missing_path(root, p)]
            stale += [
                f"{where}: {d}"
                for d in (m.group(1) for m in _DOTTED.finditer(line))
                if missing_dotted(root, d)
            ]
    return stale


def test_every_path_and_module_the_docs_name_exists() -> None:
    assert stale_names(ROOT) == []


def test_the_check_finds_what_is_gone(tmp_path: Path) -> None:
    """The check fails on docs that name a moved file or module, whatever the real docs say."""
    (tmp_path / "bot").mkdir()
    (tmp_path / "storage/migrations").mkdir(parents=True)
    (tmp_path / "bot/__init__.py").write_text("")
    (tmp_path / "bot/commands.py").write_text("def menu_for() -> None: ...\nREGISTRY = 1\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text(
        "`bot/commands.py` and bot/gone.py, `storage/migrations/NNNN_name.sql`, gone/<x>/\n"
    )
    (tmp_path / "docs/a.md").write_text(
        "`bot.commands.menu_for`, `bot.commands.REGISTRY`, `bot.commands.gone`,\n"
        "`storage.repositories`, `python -m bot.commands`, `flows/*.py`, <data dir>/x/y.bin\n"
        "`deploy/<platform>/` and `bot/<platform>_x.py`\n"
    )
    assert stale_names(tmp_path) == [
        "README.md:1: bot/gone.py",
        "docs/a.md:1: bot.commands.gone",
        "docs/a.md:2: flows/*.py",
        "docs/a.md:2: storage.repositories",
        "docs/a.md:3: deploy/<platform>/",
    ]
