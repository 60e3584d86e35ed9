"""Who the service knows: patients and the people they ask for, which verified person each
chat account acts for, and the staff."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.database import Transaction
from storage.records import (
    Address,
    Binding,
    Patient,
    StaffMember,
    Subject,
    could_be_id,
    from_db_time,
    to_db_time,
)

_PATIENT_COLUMNS = (
    "p.id, p.language, p.language_set, p.mobile, p.personnummer, p.email, p.contact_step"
)


_SUBJECTS = frozenset({"subjects"})
# A case's subject, read with the case: columns `s_…`, for `Subjects.remember_joined`.
SUBJECT_COLUMNS = ", ".join(
    f"s.{c} AS s_{c}"
    for c in (
        "id",
        "patient_id",
        "kind",
        "name",
        "age_months",
        "guardian_statement",
        "personnummer",
        "age_given_at",
    )
)
_STAFF = frozenset({"staff"})
_ACCOUNTS = frozenset({"accounts", "patients"})


def _patient(row: Any) -> Patient:
    return Patient(row[0], row[1], bool(row[2]), row[3], row[4], row[5], row[6])


class Patients:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def by_account(self, address: Address) -> Patient | None:
        return self.tx.remember(
            ("patient_of", address), _ACCOUNTS, lambda: self._by_account(address)
        )

    def _by_account(self, address: Address) -> Patient | None:
        row = self.tx.one(
            f"SELECT {_PATIENT_COLUMNS} FROM accounts a"
            " JOIN patients p ON p.id = a.patient_id WHERE a.platform = ? AND a.chat = ?",
            (address.platform, address.chat),
        )
        return None if row is None else _patient(row)

    def get(self, patient_id: int) -> Patient | None:
        if not could_be_id(patient_id):
            return None
        # Remembered for the unit of work until it writes a patient (asked twice when a case
        # is taken).
        return self.tx.remember(("patient", patient_id), _ACCOUNTS, lambda: self._get(patient_id))

    def _get(self, patient_id: int) -> Patient | None:
        row = self.tx.one(
            f"SELECT {_PATIENT_COLUMNS} FROM patients p WHERE p.id = ?", (patient_id,)
        )
        return None if row is None else _patient(row)

    def by_personnummer(self, personnummer: str) -> Patient | None:
        row = self.tx.one(
            f"SELECT {_PATIENT_COLUMNS} FROM patients p WHERE p.personnummer = ?", (personnummer,)
        )
        return None if row is None else _patient(row)

    def create_for_person(self, personnummer: str, language: str, at: datetime) -> Patient:
        """A new record for a verified person seen for the first time on this chat account."""
        pid = self.tx.insert(
            "INSERT INTO patients (created_at, language, personnummer) VALUES (?, ?, ?)",
            (to_db_time(at), language, personnummer),
        )
        return Patient(pid, language, False, personnummer=personnummer)

    def set_personnummer(self, patient_id: int, personnummer: str) -> None:
        self.tx.execute(
            "UPDATE patients SET personnummer = ? WHERE id = ?", (personnummer, patient_id)
        )

    def attach_account(self, address: Address, patient_id: int, at: datetime) -> None:
        """From now on this chat account acts for `patient_id` (its person's record)."""
        self.tx.execute(
            "INSERT INTO accounts (platform, chat, patient_id, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (platform, chat) DO UPDATE SET patient_id = excluded.patient_id",
            (address.platform, address.chat, patient_id, to_db_time(at)),
        )

    def set_email(self, patient_id: int, email: str | None) -> None:
        self.tx.execute("UPDATE patients SET email = ? WHERE id = ?", (email, patient_id))

    def set_contact_step(self, patient_id: int, step: str) -> None:
        self.tx.execute("UPDATE patients SET contact_step = ? WHERE id = ?", (step, patient_id))

    def set_mobile(self, patient_id: int, mobile: str | None) -> None:
        self.tx.execute("UPDATE patients SET mobile = ? WHERE id = ?", (mobile, patient_id))

    def create(self, address: Address, language: str, at: datetime) -> Patient:
        when = to_db_time(at)
        pid = self.tx.insert(
            "INSERT INTO patients (created_at, language) VALUES (?, ?)", (when, language)
        )
        self.tx.execute(
            "INSERT INTO accounts (platform, chat, patient_id, created_at) VALUES (?, ?, ?, ?)",
            (address.platform, address.chat, pid, when),
        )
        return Patient(pid, language, False)

    def set_language(self, patient_id: int, language: str) -> None:
        self.tx.execute(
            "UPDATE patients SET language = ?, language_set = 1 WHERE id = ?",
            (language, patient_id),
        )

    def count(self) -> int:
        row = self.tx.one("SELECT count(*) FROM patients")
        return 0 if row is None else int(row[0])


class Subjects:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    @staticmethod
    def _from_row(row: Any, prefix: str = "") -> Subject:
        return Subject(
            row[prefix + "id"],
            row[prefix + "patient_id"],
            row[prefix + "kind"],
            row[prefix + "name"],
            row[prefix + "age_months"],
            row[prefix + "guardian_statement"],
            row[prefix + "personnummer"],
            from_db_time(row[prefix + "age_given_at"]),
        )

    @classmethod
    def remember_joined(cls, tx: Transaction, row: Any) -> None:
        """A case read with its subject's columns (`SUBJECT_JOIN`): the subject remembered
        for this unit of work, so that `get` asks no more."""
        if row["s_id"] is not None:
            subject = cls._from_row(row, "s_")
            tx.remember(("subject", subject.id), _SUBJECTS, lambda: subject)

    def get(self, subject_id: int) -> Subject | None:
        if not could_be_id(subject_id):
            return None
        return self.tx.remember(("subject", subject_id), _SUBJECTS, lambda: self._get(subject_id))

    def _get(self, subject_id: int) -> Subject | None:
        row = self.tx.one("SELECT * FROM subjects WHERE id = ?", (subject_id,))
        return None if row is None else self._from_row(row)

    def self_of(self, patient_id: int, at: datetime) -> Subject:
        row = self.tx.one(
            "SELECT * FROM subjects WHERE patient_id = ? AND kind = 'self'", (patient_id,)
        )
        if row is not None:
            return self._from_row(row)
        sid = self.tx.insert(
            "INSERT INTO subjects (patient_id, kind, created_at) VALUES (?, 'self', ?)",
            (patient_id, to_db_time(at)),
        )
        return Subject(sid, patient_id, "self", None, None, None)

    def children_of(self, patient_id: int) -> list[Subject]:
        rows = self.tx.all(
            "SELECT * FROM subjects WHERE patient_id = ? AND kind = 'child' ORDER BY id",
            (patient_id,),
        )
        return [self._from_row(r) for r in rows]

    def add_child(self, patient_id: int, name: str, at: datetime) -> Subject:
        sid = self.tx.insert(
            "INSERT INTO subjects (patient_id, kind, name, created_at) VALUES (?, 'child', ?, ?)",
            (patient_id, name, to_db_time(at)),
        )
        return Subject(sid, patient_id, "child", name, None, None)

    def update_child(
        self, subject_id: int, *, age_months: int | None = None, statement: str | None = None
    ) -> None:
        if age_months is not None:
            self.tx.execute(
                "UPDATE subjects SET age_months = ? WHERE id = ?", (age_months, subject_id)
            )
        if statement is not None:
            self.tx.execute(
                "UPDATE subjects SET guardian_statement = ? WHERE id = ?", (statement, subject_id)
            )

    def set_personnummer(self, subject_id: int, personnummer: str) -> None:
        self.tx.execute(
            "UPDATE subjects SET personnummer = ? WHERE id = ?", (personnummer, subject_id)
        )

    def set_stated_age(self, subject_id: int, age_months: int, at: datetime) -> None:
        """The age a patient without e-ID gave for themselves, and when they gave it."""
        self.tx.execute(
            "UPDATE subjects SET age_months = ?, age_given_at = ? WHERE id = ?",
            (age_months, to_db_time(at), subject_id),
        )


class Bindings:
    """Which verified person each chat account acts for (identity on)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def live(self, account: Address) -> Binding | None:
        row = self.tx.one(
            "SELECT * FROM identity_bindings WHERE platform = ? AND chat = ? AND ended_at IS NULL",
            (account.platform, account.chat),
        )
        return None if row is None else Binding.from_row(row)

    def add(
        self,
        account: Address,
        patient_id: int,
        personnummer: str,
        name: str,
        provider: str,
        at: datetime,
    ) -> Binding:
        bid = self.tx.insert(
            "INSERT INTO identity_bindings (platform, chat, patient_id, personnummer, name,"
            " provider, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                account.platform,
                account.chat,
                patient_id,
                personnummer,
                name,
                provider,
                to_db_time(at),
            ),
        )
        return Binding(bid, account, patient_id, personnummer, name, provider, at)

    def end(self, binding_id: int, reason: str, at: datetime) -> bool:
        return (
            self.tx.execute(
                "UPDATE identity_bindings SET ended_at = ?, end_reason = ?"
                " WHERE id = ? AND ended_at IS NULL",
                (to_db_time(at), reason, binding_id),
            )
            == 1
        )

    def live_of_person(self, personnummer: str) -> list[Binding]:
        rows = self.tx.all(
            "SELECT * FROM identity_bindings WHERE personnummer = ? AND ended_at IS NULL"
            " ORDER BY id",
            (personnummer,),
        )
        return [Binding.from_row(r) for r in rows]

    def of_patient(self, patient_id: int) -> list[Binding]:
        """Every login to this record, oldest first (live and ended)."""
        rows = self.tx.all(
            "SELECT * FROM identity_bindings WHERE patient_id = ? ORDER BY id", (patient_id,)
        )
        return [Binding.from_row(r) for r in rows]

    def latest_of_patient(self, patient_id: int) -> Binding | None:
        row = self.tx.one(
            "SELECT * FROM identity_bindings WHERE patient_id = ? ORDER BY id DESC LIMIT 1",
            (patient_id,),
        )
        return None if row is None else Binding.from_row(row)

    def known_account(self, account: Address, personnummer: str) -> bool:
        """Whether this chat account has acted for this person before."""
        row = self.tx.one(
            "SELECT 1 FROM identity_bindings WHERE platform = ? AND chat = ? AND personnummer = ?"
            " LIMIT 1",
            (account.platform, account.chat, personnummer),
        )
        return row is not None

    def cases_since(self, account: Address, since: datetime) -> int:
        """Cases this chat account started at or after `since` (a verification's use)."""
        row = self.tx.one(
            "SELECT count(*) FROM cases WHERE patient_platform = ? AND patient_chat = ?"
            " AND created_at >= ?",
            (account.platform, account.chat, to_db_time(since)),
        )
        return 0 if row is None else int(row[0])


_STAFF_OR_PATIENT = (
    f"SELECT s.role, s.name, s.title, s.unit, {_PATIENT_COLUMNS}"
    " FROM (SELECT CAST(? AS TEXT) AS platform, CAST(? AS TEXT) AS chat) k"
    " LEFT JOIN staff s ON s.platform = k.platform AND s.chat = k.chat"
    " LEFT JOIN accounts a ON a.platform = k.platform AND a.chat = k.chat"
    " LEFT JOIN patients p ON p.id = a.patient_id"
)


# Addresses found to be staff in this process: a hint for reading ahead (`Staff._read`), never
# taken for the answer. Bounded: a region has tens of staff, not thousands.
_SEEN_AS_STAFF: set[Address] = set()
_SEEN_AS_STAFF_MAX = 10_000


class Staff:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, address: Address) -> StaffMember | None:
        # Asked twice for most events (routing, then the dead-letter retry check).
        return self.tx.remember(("staff", address), _STAFF, lambda: self._get(address))

    def _get(self, address: Address) -> StaffMember | None:
        return self._read(address, [])[1]

    def read_ahead(self, address: Address, first: tuple[str, tuple[Any, ...]]) -> list[Any]:
        """The rows of `first` (a statement whose rows the caller reads), with `address`
        looked up as `get` does, in the same round trip; what `get` finds is remembered."""
        return self._read(address, [first])[0][0]

    def _read(
        self, address: Address, first: list[tuple[str, tuple[Any, ...]]]
    ) -> tuple[list[list[Any]], StaffMember | None]:
        # Whoever is not staff is next looked up as a patient, and then their open cases and
        # the answers of one in intake: all in one round trip on PostgreSQL, the patient
        # remembered for `Patients.by_account`, the cases for `Cases.open_for_patient`, the
        # answers for `Answers.of_case`.
        from storage import cases, held_lines  # cases reads subjects from here

        key = (address.platform, address.chat)
        # Someone seen as staff before is likely staff again: their active cases and held
        # line (asked at every line they write) come along, used only if they still are.
        staff_reads = (
            [(cases.ACTIVE_FOR_CLINICIAN, key), (held_lines.HELD_LINE, key)]
            if address in _SEEN_AS_STAFF
            else []
        )
        results = self.tx.all_of(
            [
                *first,
                (_STAFF_OR_PATIENT, key),
                (cases.OPEN_FOR_ACCOUNT, key),
                (cases.INTAKE_ANSWERS_FOR_ACCOUNT, key),
                *staff_reads,
            ]
        )
        staff_rows = results[len(results) - len(staff_reads) :]
        *before, found, open_rows, answer_rows = results[: len(results) - len(staff_reads)]
        row = found[0]  # one row always: the address itself
        patient = None if row[4] is None else _patient(tuple(row)[4:])
        self.tx.remember(("patient_of", address), _ACCOUNTS, lambda: patient)
        if patient is not None:
            open_cases = cases.open_cases(self.tx, open_rows)
            self.tx.remember(
                (cases.OPEN_CASES, patient.id), cases.OPEN_CASES_TABLES, lambda: open_cases
            )
            cases.remember_answers(self.tx, answer_rows)
        member = None if row[0] is None else StaffMember(address, row[0], row[1], row[2], row[3])
        self.tx.remember(("staff", address), _STAFF, lambda: member)
        if member is None:
            _SEEN_AS_STAFF.discard(address)
        else:
            if len(_SEEN_AS_STAFF) < _SEEN_AS_STAFF_MAX:
                _SEEN_AS_STAFF.add(address)
            if staff_rows:
                cases.remember_active(self.tx, address, staff_rows[0])
                held_lines.remember_held(self.tx, address, staff_rows[1])
        return before, member

    def remove(self, address: Address) -> None:
        self.tx.execute(
            "DELETE FROM staff WHERE platform = ? AND chat = ?", (address.platform, address.chat)
        )

    def all(self) -> list[StaffMember]:
        rows = self.tx.all(
            "SELECT platform, chat, role, name, title, unit FROM staff ORDER BY role, name"
        )
        return [StaffMember(Address(r[0], r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    def put(self, member: StaffMember, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO staff (platform, chat, role, name, title, unit, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat) DO UPDATE SET"
            " role = excluded.role, name = excluded.name, title = excluded.title,"
            " unit = excluded.unit",
            (
                member.address.platform,
                member.address.chat,
                member.role,
                member.name,
                member.title,
                member.unit,
                to_db_time(at),
            ),
        )
