"""Tone rules in the conversation: warnings, strikes, held threats, crisis care, the end."""

from __future__ import annotations

from bot.events import Action, Withdraw, decode_action, encode_action, platform_of
from storage.records import Address
from tests.conftest import Chat


async def _active(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def test_an_insult_is_warned_and_shown_marked_to_the_clinician(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("din jävla idiot")
    assert "[bot → patient] Håll god ton." in printed
    assert "[patient → clinician] [varnat: förolämpning] din jävla idiot" in printed
    verdicts = await chat.repos(lambda r: r.verdicts.of_case(1))
    assert ("warn_strike", "insult", "sv.ins.idiot") in verdicts


async def test_swearing_in_pain_and_medical_words_pass_unmarked(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("det gör jävligt ont och det kliar på penis")
    assert "[patient → clinician] det gör jävligt ont och det kliar på penis" in printed
    assert "Håll god ton" not in printed


async def test_a_threat_is_held_back_and_alerts_staff_until_resumed(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("jag ska döda dig")
    assert "[patient → clinician]" not in printed
    assert "[bot → patient] Ditt meddelande har inte skickats vidare." in printed
    assert "[bot → staff] HOT i ärende #1" in printed and "Möjlig polisanmälan" in printed
    printed = await chat.say("hallå?")
    assert "Chatten är pausad just nu." in printed and "[patient → clinician]" not in printed
    await chat.say("clinician: !resume")
    printed = await chat.say("förlåt, jag var arg")
    assert "[patient → clinician] förlåt, jag var arg" in printed
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert any(line.body == "jag ska döda dig" for line in record)  # evidence in the record


async def test_self_harm_brings_crisis_numbers_and_an_urgent_alert(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("jag vill inte leva längre, jag tänker ta livet av mig")
    assert "Självmordslinjen på 90101" in printed
    assert "[bot → staff] AKUT i ärende #1" in printed


async def test_repeated_strikes_tell_the_clinician_who_may_end_the_chat(chat: Chat) -> None:
    await _active(chat)
    await chat.say("du är en idiot")
    await chat.say("din jävla idiot")
    printed = await chat.say("idiotjävel, du")
    assert "patienten har fått 3 varningar på 24 timmar" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "active"  # the bot never ends it alone
    printed = await chat.say("clinician: !end upprepade förolämpningar")
    assert "[bot → patient] Vårdgivaren har avslutat chatten" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "ended"


async def test_admin_can_test_the_lexicon(chat: Chat) -> None:
    printed = await chat.say("admin: !lexicon test din idiotjävel")
    assert "idiot" in printed and "second person" in printed
    printed = await chat.say("admin: !lexicon list")
    assert "Ordlista version" in printed


async def test_admins_add_and_remove_lexicon_rules_versioned_and_audited(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("flumpnisse, du")
    assert "[patient → clinician] flumpnisse, du" in printed  # not in the shipped lexicon
    printed = await chat.say("admin: !lexicon list")
    before = printed.split("Ordlista version ")[1].split(":")[0]
    printed = await chat.say("admin: !lexicon add sv insult 2 word flumpnisse")
    assert "Regel admin.sv.1 är tillagd (matchar flumpnisse)." in printed
    printed = await chat.say("du din flumpnisse")
    assert "Håll god ton." in printed and "[varnat: förolämpning]" in printed
    verdicts = await chat.repos(lambda r: r.verdicts.of_case(1))
    assert ("warn_strike", "insult", "admin.sv.1") in verdicts
    printed = await chat.say("admin: !lexicon list")
    after = printed.split("Ordlista version ")[1].split(":")[0]
    assert after != before
    printed = await chat.say("admin: !lexicon add sv nonsense 2 word x")
    assert "Regeln gick inte att lägga till" in printed
    await chat.say("admin: !lexicon remove admin.sv.1")
    printed = await chat.say("du din flumpnisse igen")
    assert "Håll god ton." not in printed
    audit = await chat.db.read(
        lambda tx: tx.all("SELECT action, detail FROM audit WHERE action LIKE 'lexicon%'")
    )
    assert [tuple(row) for row in audit] == [
        ("lexicon_add", "admin.sv.1"),
        ("lexicon_remove", "admin.sv.1"),
    ]


async def test_the_threat_alert_carries_the_evidence(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("jag vet var du bor")
    assert "[bot → staff] HOT i ärende #1" in printed and "«jag vet var du bor»" in printed


async def _outbox(chat: Chat) -> list[tuple[Action, bool]]:
    rows = await chat.db.read(lambda tx: tx.all("SELECT payload, sent_at FROM outbox ORDER BY id"))
    return [(decode_action(row[0]), row[1] is not None) for row in rows]


async def test_a_held_threat_is_withdrawn_where_rooms_are_shared_and_the_shell_skips_it(
    chat: Chat,
) -> None:
    await _active(chat)
    printed = await chat.say("jag ska döda dig")
    withdrawn = [(a, sent) for a, sent in await _outbox(chat) if isinstance(a, Withdraw)]
    assert len(withdrawn) == 1
    action, settled = withdrawn[0]
    assert action.chat == Address("shell", "patient") and action.case_id == 1
    assert action.event_id.startswith("shell:")
    assert action.reason == "Hålls kvar enligt chattens användarregler"
    assert "döda" not in action.reason  # the reason never quotes the message
    # The terminal relays every line itself: nothing to take back, nothing printed, done.
    assert settled and action.reason not in printed
    assert "HOT i ärende #1" in printed
    assert await chat.repos(lambda r: r.outbox.unsent_count()) == 0


async def test_self_harm_and_warned_insults_are_never_withdrawn(chat: Chat) -> None:
    await _active(chat)
    await chat.say("jag vill inte leva längre, jag tänker ta livet av mig")
    await chat.say("din jävla idiot")
    assert not [a for a, _ in await _outbox(chat) if isinstance(a, Withdraw)]


async def test_a_threat_before_anyone_shares_the_room_has_nothing_to_withdraw(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    printed = await chat.say("jag ska döda dig")
    assert "Ditt meddelande har inte skickats vidare." in printed
    assert not [a for a, _ in await _outbox(chat) if isinstance(a, Withdraw)]


def test_a_withdrawal_survives_the_outbox_unchanged() -> None:
    action = Withdraw(Address("matrix", "!room:x"), "matrix:$event", 7, "Hålls kvar")
    assert decode_action(encode_action(action)) == action
    assert platform_of(action) == "matrix"


async def test_a_threat_with_crisis_words_brings_care_first_and_still_alerts_staff(
    chat: Chat,
) -> None:
    await _active(chat)
    printed = await chat.say("jag ska döda dig sen tar jag mitt liv")
    assert "Självmordslinjen på 90101" in printed  # the patient's care comes first
    assert "[bot → staff] AKUT i ärende #1" in printed
    assert (
        "[bot → staff] HOT i ärende #1" in printed and "tyder på att patienten är i kris" in printed
    )
    # Nothing is held from the clinician and the chat is not paused: the patient may be in danger.
    assert "[patient → clinician] jag ska döda dig sen tar jag mitt liv" in printed
    assert "Ditt meddelande har inte skickats vidare" not in printed
    printed = await chat.say("förlåt")
    assert "[patient → clinician] förlåt" in printed
