"""The sikkerhedsplan in words, for the referat: the rules and who keeps them (and who has
confirmed), the warning signs and what each person does then, whom to call, and how last
meeting's rules went. Only what was taken into the plan and shared is part of the record."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from server.domain.state import State
from server.render.journal import numbered
from server.render.words import DANISH, say
from shared_schema import SafetyContact, SafetyRule, SignStep, WarningSign


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
        kind=DANISH["rule.must" if rule.must else "rule.must_not"],
        text=rule.text,
        keepers=", ".join(keepers) or DANISH["rule.no_keeper"],
        confirmed=", ".join(confirmed) or DANISH["rule.nobody_yet"],
        review=DANISH[f"rule.{rule.review}" if rule.review else "review.none"],
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
    w = DANISH
    out: list[str] = []
    if plan.followed_up:
        out += ["", w["text.safety_followup"]]
        for number, line in enumerate(plan.followed_up, 1):
            out += numbered(
                number,
                f"{line.kind}: {line.text}",
                (w["rule.kept_by"], line.keepers),
                (w["status"], line.review),
                (w["comment"], line.review_comment or None),
            )
    out += ["", w["safety"].upper()]
    if plan.unkept:
        out.append("OBS: " + say("rule.unkept", count=plan.unkept))
    out.append(f"{w['safety.rules']}:")
    out += [
        f"{n}. {line.kind}: {line.text}\n   {w['rule.kept_by']}: {line.keepers}\n"
        f"   {w['rule.confirmed_by']}: {line.confirmed}"
        for n, line in enumerate(plan.rules, 1)
    ] or [f"- {w['safety.no_rules']}"]
    if plan.signs:
        out.append(f"{w['safety.signs']}:")
        for sign, steps in plan.signs:
            out.append(f"- {sign}")
            out += [f"  - {step}" for step in steps]
    if plan.contacts:
        out.append(f"{w['safety.contacts']}:")
        out += [f"- {contact}" for contact in plan.contacts]
    return out


def page(plan: SafetyPlan, e: Callable[[str], str], words: Mapping[str, str] = DANISH) -> list[str]:
    """The section as HTML; `words` is the page's frame (its heading in the reader's language)."""
    if plan.empty():
        return []
    w = DANISH
    parts = ['<section aria-labelledby="r-safety" data-testid="referat-safety">']
    parts.append(f'<h2 id="r-safety">{e(words["safety"])}</h2>')
    if plan.followed_up:
        parts.append(f"<h3>{w['safety.followup']}</h3><ul>")
        for line in plan.followed_up:
            comment = f"<br><span class='muted'>{e(line.review_comment)}</span>" * bool(
                line.review_comment
            )
            parts.append(
                f"<li><strong>{e(line.kind)}:</strong> {e(line.text)} – {e(line.review)}"
                f"<br><span class='muted'>{w['rule.kept_by']}: {e(line.keepers)}</span>"
                f"{comment}</li>"
            )
        parts.append("</ul>")
    if plan.unkept:
        parts.append(f"<p><strong>{say('rule.unkept', count=plan.unkept)}</strong></p>")
    parts.append(f"<h3>{w['safety.rules']}</h3><ol>")
    parts += [
        f"<li><strong>{e(line.kind)}:</strong> {e(line.text)}"
        f"<br>{w['rule.kept_by']}: {e(line.keepers)}"
        f"<br><span class='muted'>{w['rule.confirmed_by']}: {e(line.confirmed)}</span></li>"
        for line in plan.rules
    ] or [f"<li>{w['safety.no_rules']}</li>"]
    parts.append("</ol>")
    if plan.signs:
        parts.append(f"<h3>{w['safety.signs']}</h3><ul>")
        for sign, steps in plan.signs:
            inner = "".join(f"<li>{e(step)}</li>" for step in steps)
            parts.append(f"<li>{e(sign)}" + f"<ul>{inner}</ul>" * bool(steps) + "</li>")
        parts.append("</ul>")
    if plan.contacts:
        parts.append(f"<h3>{w['safety.contacts']}</h3><ul>")
        parts += [f"<li>{e(contact)}</li>" for contact in plan.contacts]
        parts.append("</ul>")
    parts.append("</section>")
    return parts
