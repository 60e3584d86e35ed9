"""Repositories: the only place with SQL. Each works inside one `Transaction`; the
repositories themselves live in modules by concern, gathered here for a unit of work."""

from __future__ import annotations

from storage.audit import Audit
from storage.cases import Answers, Cases, Feedbacks, Record
from storage.database import Transaction
from storage.dead_letters import DeadLetters
from storage.delivery import Inbox, Outbox
from storage.held_lines import HeldLines
from storage.identity_state import IdentityState
from storage.moderation_records import LexiconChanges, Verdicts
from storage.operations import Closures, Housekeeping, JobMarks, Stats
from storage.people import Bindings, Patients, Staff, Subjects
from storage.sms_log import SmsLog


class Repositories:
    """All repositories bound to one transaction: what a unit of work hands the core."""

    def __init__(self, tx: Transaction) -> None:
        self.patients = Patients(tx)
        self.subjects = Subjects(tx)
        self.cases = Cases(tx)
        self.answers = Answers(tx)
        self.record = Record(tx)
        self.feedback = Feedbacks(tx)
        self.audit = Audit(tx)
        self.staff = Staff(tx)
        self.bindings = Bindings(tx)
        # One-time login links: the same table the e-ID web endpoint claims them from.
        self.login_links = IdentityState(tx)
        self.inbox = Inbox(tx)
        self.closures = Closures(tx)
        self.stats = Stats(tx)
        self.job_marks = JobMarks(tx)
        self.sms = SmsLog(tx)
        self.verdicts = Verdicts(tx)
        self.lexicon = LexiconChanges(tx)
        self.housekeeping = Housekeeping(tx)
        self.outbox = Outbox(tx)
        self.dead_letters = DeadLetters(tx)
        # A clinician's line held until they say which of their cases it is for.
        self.held = HeldLines(tx)
