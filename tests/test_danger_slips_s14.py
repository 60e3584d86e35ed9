"""A slip of one letter reads a long danger word into an everyday one: "illalla" (in the
evening) is one letter from "sillalla" (on the bridge), so "oon kotona illalla, voitteko
soittaa" brought the crisis numbers and a P1 (session 14). Words written by hand as everyday
stems are never read as a slip, however long the danger word; the bridge itself still is."""

from __future__ import annotations

import pytest

from flows.phrases import crisis_words

EVERYDAY = [
    "oon kotona illalla, voitteko soittaa",
    "olen töissä illalla, soittakaa huomenna",
    "ollaan mökillä illalla",
    "saanko tulla illalla vastaanotolle",
]

AT_RISK = [
    "oon sillalla nyt",
    "oon silalla nyt",
    "mä oon sillalla illalla",
    "mä seison sillalla ja aion hypätä",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_evening_is_no_bridge(text: str) -> None:
    assert crisis_words(text) is None


@pytest.mark.parametrize("text", AT_RISK)
def test_the_bridge_still_is(text: str) -> None:
    assert crisis_words(text) is not None
