"""Random text, commands and unicode into the core: nothing crashes and no case is lost."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import OPEN_TIME, Clock, make_chat

ROLES = ["patient", "patient2", "clinician", "clinician2", "admin"]
WORDS = [
    "hej",
    "1",
    "2",
    "3",
    "ja",
    "nej",
    "kyllä",
    "ei",
    "yes",
    "no",
    "vet inte",
    "38,5",
    "-4",
    "1e9",
    "Lisa",
    "8 mån",
    "14",
    "start",
    "status",
    "sämre",
    "avbryt",
    "hjälp",
    "!start",
    "!status",
    "!worse",
    "!cancel",
    "!help",
    "!language en",
    "!språk fi",
    "!language xx",
    "!queue",
    "!next",
    "!take 1",
    "!take 2",
    "!take x",
    "!release",
    "!note obs",
    "!close",
    "!close video",
    "!close nonsense",
    "!newcase",
    "/start@minvard_bot",
    "!",
    "/",
    "!!next",
]
TEXT = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["\u200b\u200bhej", "ja\u0000", "🙂" * 50, "x" * 2500, "\n\n", "  1  "]),
)
LINES = st.lists(st.tuples(st.sampled_from(ROLES), TEXT), min_size=1, max_size=40)


async def _run(lines: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        chat = await make_chat(Path(folder) / "p.db", Clock(OPEN_TIME))
        try:
            seen_cases = 0
            for role, text in lines:
                text = text.replace("\n", " ")
                printed = await chat.say(f"{role}: {text}")
                rows = await chat.db.read(
                    lambda tx: tx.all("SELECT id, state, priority, clinician_chat FROM cases")
                )
                unsent = await chat.db.read(
                    lambda tx: tx.one("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
                )
                # No case disappears, and every state is consistent with its fields.
                assert len(rows) >= seen_cases
                seen_cases = len(rows)
                for _, state, priority, clinician in rows:
                    if state == "queued":
                        assert priority in (1, 2, 3, 4, 5)
                    if state == "active":
                        assert clinician is not None
                assert unsent is not None and unsent[0] == 0
                # A patient always gets an answer, whatever they wrote.
                if role.startswith("patient"):
                    assert printed
        finally:
            await chat.db.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_random_input_never_crashes_or_loses_a_case(lines: list[tuple[str, str]]) -> None:
    asyncio.run(_run(lines))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS[:20]), min_size=5, max_size=60))
def test_a_patient_answering_at_random_reaches_a_valid_state(words: list[str]) -> None:
    asyncio.run(_run([("patient", w) for w in words] + [("clinician", "!next")]))
