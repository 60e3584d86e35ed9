"""The shape every adapter keeps (DESIGN 4): only the composition root reads the record's
repositories, and no source file grows past what one reader can hold."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOT = "adapters/cli.py"
MAX_LINES = 600
# Being split by other work right now; the lead removes each one as its split lands.
# Nothing may be added here: a file that grows past the limit is split, not listed.
KNOWN_OVERSIZE_BEING_SPLIT: frozenset[str] = frozenset()
# The repositories, split by concern: an adapter reading any of them reads the record.
REPOSITORY_MODULES = (
    "storage.repositories",
    "storage.people",
    "storage.cases",
    "storage.audit",
    "storage.operations",
    "storage.sms_log",
    "storage.moderation_records",
    "storage.delivery",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def repository_readers(root: Path) -> list[str]:
    """Modules in adapters/ other than the composition root that import a repository module."""
    return sorted(
        str(path.relative_to(root))
        for path in (root / "adapters").rglob("*.py")
        if str(path.relative_to(root)) != COMPOSITION_ROOT
        and any(
            name == module or name.startswith(f"{module}.")
            for name in _imports(path)
            for module in REPOSITORY_MODULES
        )
    )


def oversize(root: Path) -> dict[str, int]:
    """Source files in adapters/, bot/, flows/ and storage/ longer than MAX_LINES."""
    lengths = {
        str(path.relative_to(root)): len(path.read_text(encoding="utf-8").splitlines())
        for folder in ("adapters", "bot", "flows", "storage")
        for path in (root / folder).rglob("*.py")
    }
    return {name: n for name, n in sorted(lengths.items()) if n > MAX_LINES}


def test_no_adapter_but_the_composition_root_reads_the_repositories() -> None:
    assert repository_readers(ROOT) == [], (
        "adapters ask CareService (or bot.outbox) and keep only their own *_state stores"
    )


def test_no_source_file_over_the_limit() -> None:
    too_long = {
        n: lines for n, lines in oversize(ROOT).items() if n not in KNOWN_OVERSIZE_BEING_SPLIT
    }
    assert too_long == {}, f"split these into modules of one concern each: {too_long}"


def test_the_checks_catch_what_they_guard(tmp_path: Path) -> None:
    """Both checks fail on a tree that breaks them, whatever the real tree looks like now."""
    for folder in ("adapters/chat", "bot", "flows", "storage"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / COMPOSITION_ROOT).write_text("from storage.repositories import Repositories\n")
    (tmp_path / "adapters/chat/inbound.py").write_text(
        "import storage.repositories\nfrom storage.chat_state import ChatState\n"
    )
    (tmp_path / "adapters/chat/sending.py").write_text("from storage import repositories\n")
    (tmp_path / "adapters/chat/outbound.py").write_text("from storage.delivery import Outbox\n")
    (tmp_path / "bot/long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (tmp_path / "bot/fits.py").write_text("x = 1\n" * MAX_LINES)
    assert repository_readers(tmp_path) == [
        "adapters/chat/inbound.py",
        "adapters/chat/outbound.py",
        "adapters/chat/sending.py",
    ]
    assert oversize(tmp_path) == {"bot/long.py": MAX_LINES + 1}
