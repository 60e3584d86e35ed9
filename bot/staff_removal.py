"""Someone leaves the staff (an admin's `staff remove`, or leaving the staff room or group).

Nothing more may reach them (DESIGN 13): each case they had active goes back to the queue at
its old place (the arrival time is kept, as `release` does), the patient is told kindly that
someone else will take over, the staff room is told, and platforms that share a room with the
patient (Matrix) take them out of it. A line they had held for a case is forgotten.
"""

from __future__ import annotations

import logging

from bot.context import Services
from bot.events import LeaveCase
from bot.lifecycle import CaseEvent, RefusedTransition, transition
from bot.turn import Turn
from bot.waiting import announce_moves
from storage.records import Address

log = logging.getLogger(__name__)


def remove_from_staff(turn: Turn, services: Services, address: Address, by: Address) -> int:
    """Remove `address` from the staff and hand their active cases back to the queue, in the
    turn's transaction. `by` is the admin who removed them, or they themselves when they
    left the staff room. Returns how many cases went back."""
    member = turn.repos.staff.get(address)
    lang = services.config.service.default_language
    name = member.name if member is not None and member.name else address.chat
    cases = turn.repos.cases.active_for_clinician(address)
    units = set()
    back = 0
    for case in sorted(cases, key=lambda c: c.id):
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.STAFF_REMOVED,
                actor=by.key(),
                at=turn.now,
                clinician_platform=None,
                clinician_chat=None,
                taken_at=None,
                last_position=None,
            )
        except RefusedTransition:
            # Closed or released at the same moment: not theirs to hand back any more.
            continue
        back += 1
        units.add(case.unit)
        turn.repos.audit.log(by, "staff_removed", case.id, turn.now, address.key())
        turn.actions.append(LeaveCase(case.id, address, case.patient))
        turn.tell_patient(case, "active.clinician_left")
        room = services.staff_room(address.platform)
        if room is not None and room != address:
            turn.say(room, lang, "staff.left_case", name=name, case_id=case.id)
    # Patient lines relayed before the removal but not yet delivered stay undelivered.
    taken_back = [case.id for case in cases]
    if taken_back:
        turn.repos.outbox.drop_pending_of_cases(address.key(), taken_back, "left the staff")
    turn.repos.held.drop(address)
    turn.repos.staff.remove(address)
    if back:
        log.info("a removed staff member's %d active cases went back to the queue", back)
    for unit in sorted(units):
        announce_moves(turn, services, unit)
    return back
