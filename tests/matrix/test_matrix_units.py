"""The adapter's helpers, without a homeserver."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from adapters.matrix import (
    format_text,
    forwarded_by_creator,
    missing_powers,
    staff_name,
)
from adapters.matrix.keys import tell_overdue
from bot.assembly import build_services
from bot.config import Config
from bot.events import Send
from bot.service import CareService
from storage import open_database
from storage.database import Transaction
from storage.matrix_state import MatrixRoom, MatrixState, Undecrypted
from storage.records import Address
from storage.repositories import Repositories
from tests.conftest import OPEN_TIME, Clock

_3MIN = timedelta(minutes=3)


def test_a_display_name_with_a_title_in_brackets_gives_name_and_title() -> None:
    assert staff_name("Anna Lind (sjuksköterska)", "@anna:x") == ("Anna Lind", "sjuksköterska")
    assert staff_name("Erik Nilsson", "@erik:x") == ("Erik Nilsson", "")
    assert staff_name(None, "@erik:x") == ("@erik:x", "")
    assert staff_name("  ", "@erik:x") == ("@erik:x", "")


def test_choices_are_sent_as_a_numbered_list() -> None:
    send = Send(Address("matrix", "!room:x"), "Vem söker du vård för?", ("Mig själv", "Mitt barn"))
    assert format_text(send) == "Vem söker du vård för?\n1. Mig själv\n2. Mitt barn"
    assert format_text(Send(Address("matrix", "!room:x"), "Hej")) == "Hej"


BOT = "@bot:x"
PRIVATE_CHAT = {
    "invite": 0,
    "kick": 50,
    "redact": 50,
    "state_default": 50,
    "events": {"m.room.encryption": 100},
    "users": {"@patient:x": 100},
    "users_default": 0,
}


def test_a_plain_private_chat_lets_the_bot_invite_but_not_remove_redact_or_encrypt() -> None:
    create = {"room_version": "12"}
    assert missing_powers(create, PRIVATE_CHAT, BOT, encryption=False) == ["kick", "redact"]
    assert missing_powers(create, PRIVATE_CHAT, BOT, encryption=True) == [
        "kick",
        "redact",
        "encryption",
    ]


def test_a_direct_chat_gives_the_bot_every_power_in_old_and_new_room_versions() -> None:
    # Room version 12 makes the invited bot a creator, which the power levels do not list.
    new = {"room_version": "12", "additional_creators": [BOT]}
    assert missing_powers(new, PRIVATE_CHAT, BOT, encryption=True) == []
    # Before it, the invitee is given level 100 in the power levels.
    old = {"room_version": "10", "additional_creators": [BOT]}
    assert missing_powers(old, PRIVATE_CHAT, BOT, encryption=True) != []
    ops = {**PRIVATE_CHAT, "users": {"@patient:x": 100, BOT: 100}}
    assert missing_powers(old, ops, BOT, encryption=True) == []


def test_a_forwarded_room_key_is_taken_only_from_the_device_that_made_the_session() -> None:
    creator = "curve-of-the-patients-phone"
    content = {
        "algorithm": "m.megolm.v1.aes-sha2",
        "room_id": "!room:x",
        "session_id": "s1",
        "sender_key": creator,
        "forwarding_curve25519_key_chain": [],
    }
    assert forwarded_by_creator(creator, content, "!room:x")
    # Not asked for, or asked for another room.
    assert not forwarded_by_creator(creator, content, None)
    assert not forwarded_by_creator(creator, content, "!other:x")
    # From any other device (another member could make up a session in the patient's name).
    assert not forwarded_by_creator("curve-of-someone-else", content, "!room:x")
    # Passed on through others: the chain is what the bot would have to trust.
    chained = content | {"forwarding_curve25519_key_chain": ["curve-of-a-middleman"]}
    assert not forwarded_by_creator(creator, chained, "!room:x")
    assert not forwarded_by_creator(creator, content | {"algorithm": "m.olm.v1"}, "!room:x")


async def test_the_word_to_write_again_counts_for_all_that_sender_s_unreadable_messages(
    tmp_path: Path, db_location: Path | str
) -> None:
    """The notice asks for "your last message": a younger unreadable one from the same sender
    in the same room, not yet due a notice of its own, is asked for too, so it is late if read
    after this (`Incoming.late`), and no second notice follows for it."""
    config = Config.model_validate(
        {
            "storage": {"path": str(tmp_path / "m.db")},
            "matrix": {
                "enabled": True,
                "homeserver": "http://127.0.0.1:1",
                "user_id": "@bot:localhost",
                "password": "secret",
                "store_path": str(tmp_path / "store"),
                "staff_room": "!staff:localhost",
            },
        }
    )
    clock = Clock(OPEN_TIME)
    db = await open_database(db_location)
    try:
        staff_room = Address("matrix", "!staff:localhost")
        service = CareService(db, build_services(config, {"matrix": staff_room}, clock))
        now = clock()

        def rows(tx: Transaction) -> None:
            state = MatrixState(tx)
            for room, person in (
                ("!a:localhost", "@a:localhost"),
                ("!b:localhost", "@b:localhost"),
            ):
                state.put_room(MatrixRoom(room, "patient", person), now)
            state.keep_undecrypted(
                [
                    Undecrypted("$old", "!a:localhost", "@a:localhost", 1, "{}", now - _3MIN),
                    Undecrypted("$young", "!a:localhost", "@a:localhost", 2, "{}", now),
                    Undecrypted("$other", "!b:localhost", "@b:localhost", 3, "{}", now),
                ]
            )

        await db.write(rows)
        waiting = await db.read(lambda tx: MatrixState(tx).undecrypted())
        await tell_overdue(service, config.matrix, waiting)
        waiting = await db.read(lambda tx: MatrixState(tx).undecrypted())
        assert {w.event_id for w in waiting if w.told_at is not None} == {"$old", "$young"}
        sent = await db.read(lambda tx: Repositories(tx).outbox.pending("matrix", now))
        assert len(sent) == 1  # one word, to the first patient

        clock.advance(minutes=3)
        await tell_overdue(
            service, config.matrix, await db.read(lambda tx: MatrixState(tx).undecrypted())
        )
        sent = await db.read(lambda tx: Repositories(tx).outbox.pending("matrix", clock()))
        assert len(sent) == 2  # only the other patient's, now due
    finally:
        await db.close()
