"""Who may send which intent, and when: one table keyed by intent type, the twin of `APPLY`.

`apply()` checks it once, before the handler runs (`check`). A handler keeps only the checks
that depend on the entity: whether the note, the proposal, the person or the hand it names is
the sender's own (`require_own`).

The situations that change who may do what:
- a closed meeting takes nothing from anyone (`closing.refuse_when_closed`, code `closed`);
- in family time (familierådslagning) the professionals wait, and the family does nothing the
  others would see before it shares its plan (`Rule.family_time`, code `not_allowed`).
Private writing and the phases change no one's rights. The read-back is not a right but a
state of the agreements: the agreement intents refuse it (`conflict`) where they look at them.
"""

import msgspec

import shared_schema as schema
from server.domain.errors import Rejected, require
from server.domain.state import State
from shared_schema import Intent, Participant, Permission, RefusalId, Role
from shared_schema import facilitation as f
from shared_schema import safety as s

PARTICIPANT_ROLES: frozenset[Role] = frozenset({"familie", "privat", "fagperson", "raadgiver"})
EVERYONE: frozenset[Role] = PARTICIPANT_ROLES | {"facilitator"}
FACILITATOR: frozenset[Role] = frozenset({"facilitator"})
FAMILY_SIDE: frozenset[Role] = frozenset({"familie", "privat"})
"""The family and its private network: in family time they write on their own."""
NOBODY: frozenset[Role] = frozenset()


class Rule(msgspec.Struct, frozen=True, kw_only=True):
    """Who may send one type of intent."""

    roles: frozenset[Role]
    """Who may send it; for an intent that names something with an owner (a note, a proposal,
    a hand), who may send it about someone else's."""
    own: frozenset[Role] = NOBODY
    """Who may send it about what is their own (the handler checks whose it is)."""
    family_time: frozenset[Role]
    """Who of those may send it while the family has its time."""
    after_family_time: RefusalId | None = None
    """Why the family waits with it until everyone is together again, if it does."""


def rule(
    roles: frozenset[Role],
    *,
    own: frozenset[Role] = NOBODY,
    after_family_time: RefusalId | None = None,
) -> Rule:
    """A row: in family time the professionals wait; the family and the facilitator go on,
    unless the family waits with it until everyone is together again."""
    present = FACILITATOR if after_family_time else FAMILY_SIDE | FACILITATOR
    return Rule(
        roles=roles,
        own=own,
        family_time=(roles | own) & present,
        after_family_time=after_family_time,
    )


PERMISSIONS: dict[type[Intent], Rule] = {
    # the board
    schema.AddCard: rule(EVERYONE),
    schema.EditCard: rule(FACILITATOR, own=EVERYONE),
    schema.MoveCard: rule(FACILITATOR),
    schema.DeleteCard: rule(FACILITATOR, own=EVERYONE),
    # the lobby
    schema.AdmitParticipant: rule(FACILITATOR),
    schema.RejectParticipant: rule(FACILITATOR),
    schema.RejectWaiting: rule(FACILITATOR),
    schema.SetAutoAdmit: rule(FACILITATOR),
    # agreements
    schema.AddAgreement: rule(FACILITATOR),
    schema.ProposeAgreement: rule(PARTICIPANT_ROLES),
    schema.EditAgreement: rule(FACILITATOR),
    schema.AcceptAgreement: rule(FACILITATOR),
    schema.DeleteAgreement: rule(FACILITATOR, own=EVERYONE),
    schema.ReviewAgreement: rule(FACILITATOR),
    schema.StartReadback: rule(FACILITATOR),
    schema.StopReadback: rule(FACILITATOR),
    schema.ConfirmAgreements: rule(PARTICIPANT_ROLES, after_family_time="family.confirm_later"),
    schema.CloseMeeting: rule(FACILITATOR),
    # the genogram and the network map
    schema.AddPerson: rule(FACILITATOR),
    schema.EditPerson: rule(FACILITATOR, own=EVERYONE),
    schema.DeletePerson: rule(FACILITATOR),
    schema.NudgePerson: rule(FACILITATOR),
    schema.PlacePerson: rule(FACILITATOR),
    schema.JoinGenogram: rule(
        PARTICIPANT_ROLES,
        after_family_time="family.genogram_later",
    ),
    schema.AddRelation: rule(FACILITATOR),
    schema.EditRelation: rule(FACILITATOR),
    schema.DeleteRelation: rule(FACILITATOR),
    schema.ShowOnScreen: rule(FACILITATOR),
    # scaling
    schema.AskScale: rule(FACILITATOR),
    schema.CastVote: rule(PARTICIPANT_ROLES),
    schema.CloseScale: rule(FACILITATOR),
    schema.RevealScale: rule(FACILITATOR),
    schema.DeleteScale: rule(FACILITATOR),
    schema.ShowScale: rule(FACILITATOR),
    schema.AddScaleNote: rule(EVERYONE),
    # the agenda
    f.UseAgenda: rule(FACILITATOR),
    f.AddPhase: rule(FACILITATOR),
    f.RenamePhase: rule(FACILITATOR),
    f.MovePhase: rule(FACILITATOR),
    f.SkipPhase: rule(FACILITATOR),
    f.GoToPhase: rule(FACILITATOR),
    f.NextPhase: rule(FACILITATOR),
    f.PreviousPhase: rule(FACILITATOR),
    f.EditConcern: rule(frozenset({"facilitator", "raadgiver"})),
    # turns: a hand and a pass are one's own; the facilitator runs the rest
    f.RaiseHand: rule(PARTICIPANT_ROLES),
    f.LowerHand: rule(FACILITATOR, own=PARTICIPANT_ROLES),
    f.OrderQueue: rule(FACILITATOR),
    f.GiveWord: rule(FACILITATOR),
    f.NextTurn: rule(FACILITATOR),
    f.PassTurn: rule(FACILITATOR, own=EVERYONE),
    f.StopTurns: rule(FACILITATOR),
    f.SetSeats: rule(FACILITATOR),
    f.MarkAbsent: rule(FACILITATOR),
    f.StartRound: rule(FACILITATOR),
    # the timer
    f.StartTimer: rule(FACILITATOR),
    f.ExtendTimer: rule(FACILITATOR),
    f.PauseTimer: rule(FACILITATOR),
    f.ResumeTimer: rule(FACILITATOR),
    f.StopTimer: rule(FACILITATOR),
    # ways of writing
    f.StartPrivateWriting: rule(FACILITATOR),
    f.RevealNotes: rule(FACILITATOR),
    f.SetAnonymous: rule(FACILITATOR),
    f.StartFamilyTime: rule(FACILITATOR),
    f.ReleaseFamilyPlan: rule(FAMILY_SIDE),
    f.EndFamilyTime: rule(FACILITATOR),
    f.HandOver: rule(FACILITATOR),
    # the safety plan: everyone proposes; what the facilitator writes is in the plan at once
    s.AddSafetyRule: rule(EVERYONE),
    s.EditSafetyRule: rule(FACILITATOR),
    s.ConfirmSafetyRule: rule(PARTICIPANT_ROLES),
    s.ReviewSafetyRule: rule(FACILITATOR),
    s.AddWarningSign: rule(EVERYONE),
    s.EditWarningSign: rule(FACILITATOR),
    s.AddSafetyContact: rule(EVERYONE),
    s.EditSafetyContact: rule(FACILITATOR),
    s.AcceptSafetyItem: rule(FACILITATOR),
    s.DeleteSafetyItem: rule(FACILITATOR, own=EVERYONE),
}


def may(kind: type[Intent], role: Role, *, own: bool = False) -> bool:
    """Whether the role may send this intent; `own` when it names something of the sender's
    own (then the row's `own` roles decide, else its `roles`)."""
    permission = PERMISSIONS[kind]
    return role in (permission.own if own else permission.roles)


def in_family_time(state: State) -> bool:
    return state.writing is not None and state.writing.family


def check(state: State, intent: Intent, actor: Participant) -> None:
    """Refuse an intent the table gives this sender no right to, now; `not_allowed`."""
    permission = PERMISSIONS[type(intent)]
    senders = permission.roles | permission.own
    if in_family_time(state) and actor.role not in permission.family_time:
        require(
            actor.role in FAMILY_SIDE | FACILITATOR,
            "not_allowed",
            say="family.own_time",
        )
        if actor.role in senders:
            raise Rejected("not_allowed", say=permission.after_family_time)
    require(actor.role in senders)


def require_own(
    kind: type[Intent], actor: Participant, own: bool, say: RefusalId | None = None
) -> None:
    """For an intent that names something with an owner: the check the table leaves to the
    handler, which knows whose it is."""
    require(may(kind, actor.role, own=own), "not_allowed", say=say)


FOR_CLIENTS: dict[str, Permission] = {
    str(kind.__struct_config__.tag): Permission(
        roles=sorted(row.roles), own=sorted(row.own), family_time=sorted(row.family_time)
    )
    for kind, row in PERMISSIONS.items()
}
"""The table as clients receive it (in the first welcome), keyed by the intents' `type`."""
