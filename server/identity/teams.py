"""Teams (afdelinger): a facilitator works on their team's cases, and a colleague's use of a
case is written to the audit log."""

import time

from server.domain import Rejected
from server.services.auth import new_id
from server.store import AuditEvent, CaseRow, Store, TeamRow, UserRow

NAME_MAX = 80
NO_CASE = "Sagen findes ikke, eller den hører ikke til din afdeling."


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise Rejected("invalid", "Skriv afdelingens navn.")
    if len(name) > NAME_MAX:
        raise Rejected("too_large", f"Afdelingens navn må højst have {NAME_MAX} tegn.")
    return name


async def create_team(store: Store, name: str) -> TeamRow:
    name = clean_name(name)
    if await store.team_by_name(name) is not None:
        raise Rejected("conflict", "Der findes allerede en afdeling med det navn.")
    team = TeamRow(id=new_id(), name=name, created_at=time.time())
    await store.create_team(team)
    return team


async def team_named(store: Store, name: str) -> TeamRow:
    """The team of that name, made if there is none (the operator's `kreds user add`)."""
    found = await store.team_by_name(clean_name(name))
    return found if found is not None else await create_team(store, name)


async def open_case(store: Store, user: UserRow, case_id: str, action: str) -> CaseRow:
    """The case, when it is the user's team's; a colleague's access (the usual facilitator is
    ill) goes into the audit log, where the case's own facilitator sees it too."""
    case = await store.case(case_id) if len(case_id) <= 64 else None
    if case is None or user.team_id is None or case.team_id != user.team_id:
        raise Rejected("not_found", NO_CASE)
    if case.owner != user.id:
        # The detail is the case's id: erasing the case erases these rows with it.
        await store.audit(
            AuditEvent(actor=user.id, action=action, detail=case.id, owner=case.owner)
        )
    return case
