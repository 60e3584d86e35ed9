"""The adapters' own bookkeeping and the scrape-time queries, on both backends (a SQLite file, a
fresh PostgreSQL database): Telegram's offset, sent messages and open questions, Matrix's sync
token, rooms, staff and unreadable events, a clinician's held line, moderation strikes, and what
/metrics counts. A bot restarted on either database must pick up where it stopped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import open_database
from storage.database import Transaction
from storage.held_lines import HeldLine, HeldLines
from storage.matrix_state import MatrixRoom, MatrixState, Undecrypted
from storage.metrics_queries import CASE_STATES, MetricsQueries
from storage.records import Address
from storage.repositories import Repositories
from storage.telegram_state import Question, TelegramState

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=10)
NURSE = Address("telegram", "501")
# A Matrix origin_server_ts in milliseconds: past 32 bits, as every real one is.
SENT_MS = 1_764_057_600_000


async def test_telegram_offset_survives_a_restart_and_never_moves_back(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)
    assert await db.read(lambda tx: TelegramState(tx).offset("123")) is None
    await db.write(lambda tx: TelegramState(tx).save_offset("123", 5_000_000_001, NOW))
    # A late writer with an older offset would make Telegram send those updates again.
    await db.write(lambda tx: TelegramState(tx).save_offset("123", 4_999_999_999, NOW))
    await db.write(lambda tx: TelegramState(tx).save_offset("456", 7, NOW))
    await db.close()

    db = await open_database(db_location)
    offsets = await db.read(lambda tx: [TelegramState(tx).offset(b) for b in ("123", "456")])
    assert offsets == [5_000_000_001, 7]
    await db.write(lambda tx: TelegramState(tx).save_offset("123", 5_000_000_002, NOW))
    assert await db.read(lambda tx: TelegramState(tx).offset("123")) == 5_000_000_002
    await db.close()


async def test_telegram_replies_find_their_case_and_each_chat_keeps_one_question(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)

    def sent(tx: Transaction) -> None:
        state = TelegramState(tx)
        state.remember_case_messages([("501", 10, 1), ("501", 11, 2), ("777", 10, 3)])
        state.remember_case_messages([("501", 11, 4)])  # the same message, now about case 4
        state.put_questions([Question("900", 20, "Hur länge?", ("1 dag", "en vecka", "länge"))])
        state.put_questions(
            [Question("900", 21, "Feber?", ("Ja", "Nej")), Question("901", 5, "?", ())]
        )

    await db.write(sent)

    def seen(tx: Transaction) -> tuple[object, ...]:
        state = TelegramState(tx)
        return (
            [state.case_of_message(c, m) for c, m in (("501", 10), ("501", 11), ("777", 10))],
            state.case_of_message("501", 12),
            state.question("900"),
            sorted(state.chats_with_questions()),
        )

    cases, unknown, question, chats = await db.read(seen)
    assert cases == [1, 4, 3] and unknown is None
    assert question == Question("900", 21, "Feber?", ("Ja", "Nej"))
    assert chats == ["900", "901"]

    # Answering an older question's buttons must not take away the newer one.
    await db.write(lambda tx: TelegramState(tx).forget_question("900", 20))
    assert await db.read(lambda tx: TelegramState(tx).question("900")) is not None
    await db.write(lambda tx: TelegramState(tx).forget_question("900", 21))
    assert await db.read(lambda tx: TelegramState(tx).chats_with_questions()) == ["901"]
    await db.close()


async def test_matrix_sync_token_rooms_and_staff_outlive_a_restart(db_location: Path | str) -> None:
    db = await open_database(db_location)

    def keep(tx: Transaction) -> None:
        state = MatrixState(tx)
        state.save_sync_token("s1_old", NOW)
        state.save_sync_token("s2_new", NOW + timedelta(seconds=1))
        state.put_room(MatrixRoom("!p:x", "patient", "@anna:x"), NOW)
        state.put_room(MatrixRoom("!d1:x", "direct", "@nurse:x"), NOW)
        state.put_room(MatrixRoom("!d2:x", "direct", "@nurse:x"), NOW + timedelta(minutes=1))
        state.put_room(MatrixRoom("!p:x", "direct", "@someone:x"), NOW)  # known: kept as it was
        state.add_staff("@nurse:x", NOW)
        state.add_staff("@nurse:x", NOW)
        state.add_staff("@doctor:x", NOW)
        state.put_case_room(7, "!d1:x", "@nurse:x", NOW)
        state.put_case_room(7, "!d2:x", "@doctor:x", NOW)  # handed over to another clinician

    await db.write(keep)
    await db.close()
    db = await open_database(db_location)

    def seen(tx: Transaction) -> tuple[object, ...]:
        state = MatrixState(tx)
        return (
            state.sync_token(),
            state.room("!p:x"),
            state.direct_room_of("@nurse:x"),
            state.direct_room_of("@anna:x"),
            state.staff(),
            state.case_room(7, "@doctor:x"),
            state.case_room(7, "@nurse:x"),
        )

    token, room, direct, not_direct, staff, case_room, old_case_room = await db.read(seen)
    assert token == "s2_new"
    assert room == MatrixRoom("!p:x", "patient", "@anna:x")
    assert (direct, not_direct) == ("!d2:x", None)  # the newest direct room
    assert staff == {"@nurse:x", "@doctor:x"}
    assert (case_room, old_case_room) == ("!d2:x", None)

    def forget(tx: Transaction) -> None:
        state = MatrixState(tx)
        state.forget_room("!d2:x")
        state.remove_staff("@doctor:x")
        state.drop_case_room(7)

    await db.write(forget)
    left = await db.read(
        lambda tx: (
            MatrixState(tx).direct_room_of("@nurse:x"),
            MatrixState(tx).staff(),
            MatrixState(tx).case_room(7, "@doctor:x"),
        )
    )
    assert left == ("!d1:x", {"@nurse:x"}, None)
    await db.close()


async def test_matrix_unreadable_events_are_kept_once_told_once_and_given_up(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)
    older = Undecrypted("$b", "!p:x", "@anna:x", SENT_MS, '{"ciphertext": "b"}', NOW)
    newer = Undecrypted("$a", "!p:x", "@anna:x", SENT_MS + 1, '{"ciphertext": "a"}', NOW)
    later = NOW + timedelta(hours=1)

    def keep(tx: Transaction) -> None:
        MatrixState(tx).keep_undecrypted([newer, older])
        # Redelivered after a restart: the first sighting stays.
        MatrixState(tx).keep_undecrypted(
            [Undecrypted("$a", "!p:x", "@anna:x", SENT_MS + 1, "{}", later)]
        )

    await db.write(keep)
    waiting = await db.read(lambda tx: MatrixState(tx).undecrypted())
    assert waiting == [older, newer]  # oldest sent first

    def tried_and_told(tx: Transaction) -> tuple[int, int]:
        state = MatrixState(tx)
        state.tried_undecrypted("$a")
        state.tried_undecrypted("$a")
        first = state.told_undecrypted(["$a", "$b"], later)
        return first, state.told_undecrypted(["$a", "$b", "$unknown"], later)

    assert await db.write(tried_and_told) == (2, 0)  # one notice per event, however often asked
    waiting = await db.read(lambda tx: MatrixState(tx).undecrypted())
    assert [(w.event_id, w.attempts, w.told_at) for w in waiting] == [
        ("$b", 0, later),
        ("$a", 2, later),
    ]

    def give_up(tx: Transaction) -> tuple[int, int]:
        state = MatrixState(tx)
        state.keep_undecrypted([Undecrypted("$c", "!p:x", "@anna:x", SENT_MS + 2, "{}", later)])
        state.drop_undecrypted("$b")  # read after all
        return state.forget_undecrypted(NOW + timedelta(minutes=1)), len(state.undecrypted())

    assert await db.write(give_up) == (1, 1)  # only "$a" was seen that long ago
    assert [w.event_id for w in await db.read(lambda tx: MatrixState(tx).undecrypted())] == ["$c"]
    await db.close()


async def test_a_held_line_is_replaced_dropped_once_and_forgotten_when_old(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)
    other = Address("matrix", "@doctor:x")

    def hold(tx: Transaction) -> None:
        held = HeldLines(tx)
        held.put(HeldLine(NURSE, "Ta två tabletter", None, (3, 12), NOW))
        held.put(HeldLine(NURSE, "Ring 1177 om det blir värre", "photo:1", (3, 12, 40), NOW))
        held.put(HeldLine(other, "Hej", None, (5,), NOW - timedelta(hours=2)))

    await db.write(hold)
    line = await db.read(lambda tx: HeldLines(tx).get(NURSE))
    assert line == HeldLine(NURSE, "Ring 1177 om det blir värre", "photo:1", (3, 12, 40), NOW)

    def old_ones(tx: Transaction) -> tuple[int, object, object]:
        held = HeldLines(tx)
        return held.forget_before(NOW - timedelta(hours=1)), held.get(other), held.get(NURSE)

    forgotten, gone, kept = await db.write(old_ones)
    assert forgotten == 1 and gone is None and kept == line
    # The clinician's choice and a timeout may both try to drop it: only one sends it.
    assert await db.write(lambda tx: [HeldLines(tx).drop(NURSE), HeldLines(tx).drop(NURSE)]) == [
        True,
        False,
    ]
    await db.close()


def _cases(repos: Repositories) -> None:
    """Two queued cases (P2, and one without a priority yet) and one in intake."""
    for n, priority in enumerate((2, None, "intake")):
        who = Address("test", f"p{n}")
        patient = repos.patients.create(who, "sv", NOW)
        case = repos.cases.create(
            unit="default",
            patient_id=patient.id,
            patient=who,
            language="sv",
            step="complaint",
            actor="patient",
            at=NOW,
        )
        if priority != "intake":
            assert repos.cases.transition(
                case.id,
                ("intake",),
                "queued",
                actor="bot",
                reason="P",
                at=NOW,
                # The queue reads queued_at, or created_at while it has none.
                **({} if priority is None else {"priority": priority, "queued_at": LATER}),
            )


async def test_metrics_count_cases_outbox_and_dead_letters(db_location: Path | str) -> None:
    db = await open_database(db_location)
    assert await db.read(lambda tx: MetricsQueries(tx).ping())

    def fill(tx: Transaction) -> None:
        repos = Repositories(tx)
        _cases(repos)
        repos.outbox.add_many([("telegram", '{"chat": "1"}'), ("telegram", '{"chat": "2"}')], NOW)
        repos.outbox.add_many([("matrix", '{"chat": "!r:x"}')], NOW + timedelta(minutes=5))
        repos.dead_letters.add_incoming("telegram", "u1", "1", "{}", "Boom", 5, NOW)
        repos.dead_letters.add_incoming("telegram", "u2", "2", "{}", "Boom", 5, NOW)

    await db.write(fill)

    def scrape(tx: Transaction) -> tuple[object, ...]:
        metrics = MetricsQueries(tx)
        return metrics.queued(), metrics.cases_by_state(), metrics.outbox(), metrics.dead_letters()

    queued, states, outbox, dead = await db.read(scrape)
    assert sorted((q.unit, q.priority, q.queued_at) for q in queued) == [
        ("default", 2, LATER),
        ("default", 5, NOW),  # no priority yet: counted as P5
    ]
    assert set(states) == set(CASE_STATES)
    assert (states["queued"], states["intake"], states["closed"]) == (2, 1, 0)
    assert sorted((o.platform, o.pending, o.oldest) for o in outbox) == [
        ("matrix", 1, NOW + timedelta(minutes=5)),
        ("telegram", 2, NOW),
    ]
    assert dead == {("in", "new"): 2}
    await db.close()


async def test_strikes_count_from_a_time_and_verdicts_per_category(db_location: Path | str) -> None:
    db = await open_database(db_location)

    def judge(tx: Transaction) -> tuple[int, int, list[tuple[str, str, str]]]:
        repos = Repositories(tx)
        patient = repos.patients.create(Address("test", "p1"), "sv", NOW)
        for minutes, action, category, strike in (
            (0, "warn", "insult", True),
            (30, "hold", "threat", True),
            (40, "log", "insult", False),
            (50, "warn", "insult", True),
        ):
            repos.verdicts.add(
                patient_id=patient.id,
                case_id=None,
                at=NOW + timedelta(minutes=minutes),
                action=action,
                category=category,
                rule_id=f"r{minutes}",
                lexicon_version="1",
                matched_form="x",
                strike=strike,
            )
        since = NOW + timedelta(minutes=30)  # a strike at the very moment counts
        return (
            repos.verdicts.strikes_since(patient.id, since),
            repos.verdicts.strikes_since(patient.id + 1, NOW),
            repos.verdicts.of_case(1),
        )

    assert await db.write(judge) == (2, 0, [])
    counted = await db.read(lambda tx: MetricsQueries(tx).moderation_actions())
    assert counted == {("insult", "warn"): 2, ("insult", "log"): 1, ("threat", "hold"): 1}
    await db.close()


async def test_words_with_a_nul_are_kept_as_written(db_location: Path | str) -> None:
    """PostgreSQL's text cannot hold a NUL; a message with one must still be stored (and read
    back as written), not refused and set aside. U+FFFF, which the PostgreSQL side uses to
    write a NUL, must come back as itself."""
    db = await open_database(db_location)
    words = ["ont\x00 i halsen", "\uffff0", "\x00\uffff\uffff0\x00", "vanlig text"]

    def keep(tx: Transaction) -> None:
        for n, text in enumerate(words):
            HeldLines(tx).put(HeldLine(Address("test", f"n{n}"), text, text, (n,), NOW))
        TelegramState(tx).put_questions(
            [Question(f"c{n}", n, text, (text, "Nej")) for n, text in enumerate(words)]
        )

    await db.write(keep)

    def read(tx: Transaction) -> list[tuple[object, ...]]:
        found = []
        for n in range(len(words)):
            line = HeldLines(tx).get(Address("test", f"n{n}"))
            question = TelegramState(tx).question(f"c{n}")
            assert line is not None and question is not None
            found.append((line.text, line.attachment, question.text, question.choices[0]))
        return found

    assert await db.read(read) == [(w, w, w, w) for w in words]
    await db.close()
