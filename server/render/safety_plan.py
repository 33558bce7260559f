"""The sikkerhedsplan in words, for the referat: the rules and who keeps them (and who has
confirmed), the warning signs and what each person does then, whom to call, and how last
meeting's rules went. Only what was taken into the plan and shared is part of the record."""

from collections.abc import Callable
from dataclasses import dataclass, field

from server.domain.state import State
from shared_schema import SafetyContact, SafetyRule, SignStep, WarningSign

REVIEWS = {"kept": "Holdt", "broken": "Brudt", "changed": "Ændret"}


@dataclass(frozen=True)
class RuleLine:
    kind: str
    text: str
    keepers: str
    confirmed: str
    review: str = ""
    review_comment: str = ""


@dataclass(frozen=True)
class SafetyPlan:
    """The plan as the referat lists it; empty when the meeting made none."""

    rules: list[RuleLine] = field(default_factory=list)
    signs: list[tuple[str, list[str]]] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    followed_up: list[RuleLine] = field(default_factory=list)
    unkept: int = 0

    def empty(self) -> bool:
        return not (self.rules or self.signs or self.contacts or self.followed_up)


def _in_record(item: SafetyRule | WarningSign | SafetyContact) -> bool:
    return item.status == "agreed" and not item.family


def _names(state: State, participants: list[str], persons: list[str]) -> list[str]:
    return [
        *(state.participants[p].name for p in participants if p in state.participants),
        *(state.persons[p].name for p in persons if p in state.persons),
    ]


def _rule(state: State, rule: SafetyRule) -> RuleLine:
    keepers = [*_names(state, rule.keeper_participants, rule.keeper_persons), *rule.keeper_names]
    confirmed = _names(state, rule.confirmed_by, [])
    return RuleLine(
        kind="Skal ske" if rule.must else "Må ikke ske",
        text=rule.text,
        keepers=", ".join(keepers) or "Ingen holder reglen",
        confirmed=", ".join(confirmed) or "Ingen endnu",
        review=REVIEWS.get(rule.review or "", "Ikke fulgt op"),
        review_comment=rule.review_comment,
    )


def _step(state: State, step: SignStep) -> str:
    named = _names(state, [step.participant] if step.participant else [], [step.person or ""])
    who = named[0] if named else step.name
    return f"{who}: {step.does}" if who else step.does


def build(state: State) -> SafetyPlan:
    rules = sorted(
        (r for r in state.safety_rules.values() if _in_record(r)), key=lambda r: (r.order, r.id)
    )
    signs = sorted(
        (s for s in state.safety_signs.values() if _in_record(s)), key=lambda s: (s.order, s.id)
    )
    contacts = sorted(
        (c for c in state.safety_contacts.values() if _in_record(c)),
        key=lambda c: (c.order, c.id),
    )
    return SafetyPlan(
        rules=[_rule(state, r) for r in rules if r.carried_from is None],
        signs=[(sign.text, [_step(state, step) for step in sign.steps]) for sign in signs],
        contacts=[f"{c.name}: {c.phone}" + (f" ({c.note})" if c.note else "") for c in contacts],
        followed_up=[_rule(state, r) for r in rules if r.carried_from is not None],
        unkept=sum(
            1
            for r in rules
            if r.carried_from is None and not (r.keeper_participants or r.keeper_persons)
        ),
    )


def plain_text(plan: SafetyPlan) -> list[str]:
    if plan.empty():
        return []
    out: list[str] = []
    if plan.followed_up:
        out += ["", "OPFØLGNING PÅ SIKKERHEDSPLANEN FRA SIDSTE MØDE"]
        for number, line in enumerate(plan.followed_up, 1):
            out.append(f"{number}. {line.kind}: {line.text}")
            out.append(f"   Holdes af: {line.keepers}")
            out.append(f"   Status: {line.review}")
            if line.review_comment:
                out.append(f"   Kommentar: {line.review_comment}")
    out += ["", "SIKKERHEDSPLAN"]
    if plan.unkept:
        out.append(f"OBS: {plan.unkept} regel/regler uden nogen, der holder dem.")
    out.append("Regler:")
    out += [
        f"{n}. {line.kind}: {line.text}\n   Holdes af: {line.keepers}\n"
        f"   Bekræftet af: {line.confirmed}"
        for n, line in enumerate(plan.rules, 1)
    ] or ["- Ingen regler"]
    if plan.signs:
        out.append("Advarselstegn, og hvad vi så gør:")
        for sign, steps in plan.signs:
            out.append(f"- {sign}")
            out += [f"  - {step}" for step in steps]
    if plan.contacts:
        out.append("Hvem ringer man til:")
        out += [f"- {contact}" for contact in plan.contacts]
    return out


def page(plan: SafetyPlan, e: Callable[[str], str]) -> list[str]:
    if plan.empty():
        return []
    parts = ['<section aria-labelledby="r-safety" data-testid="referat-safety">']
    parts.append('<h2 id="r-safety">Sikkerhedsplan</h2>')
    if plan.followed_up:
        parts.append("<h3>Opfølgning på reglerne fra sidste møde</h3><ul>")
        for line in plan.followed_up:
            comment = f"<br><span class='muted'>{e(line.review_comment)}</span>" * bool(
                line.review_comment
            )
            parts.append(
                f"<li><strong>{e(line.kind)}:</strong> {e(line.text)} – {e(line.review)}"
                f"<br><span class='muted'>Holdes af: {e(line.keepers)}</span>{comment}</li>"
            )
        parts.append("</ul>")
    if plan.unkept:
        parts.append(
            f"<p><strong>{plan.unkept} regel/regler uden nogen, der holder dem.</strong></p>"
        )
    parts.append("<h3>Regler</h3><ol>")
    parts += [
        f"<li><strong>{e(line.kind)}:</strong> {e(line.text)}"
        f"<br>Holdes af: {e(line.keepers)}"
        f"<br><span class='muted'>Bekræftet af: {e(line.confirmed)}</span></li>"
        for line in plan.rules
    ] or ["<li>Ingen regler</li>"]
    parts.append("</ol>")
    if plan.signs:
        parts.append("<h3>Advarselstegn, og hvad vi så gør</h3><ul>")
        for sign, steps in plan.signs:
            inner = "".join(f"<li>{e(step)}</li>" for step in steps)
            parts.append(f"<li>{e(sign)}" + f"<ul>{inner}</ul>" * bool(steps) + "</li>")
        parts.append("</ul>")
    if plan.contacts:
        parts.append("<h3>Hvem ringer man til</h3><ul>")
        parts += [f"<li>{e(contact)}</li>" for contact in plan.contacts]
        parts.append("</ul>")
    parts.append("</section>")
    return parts
