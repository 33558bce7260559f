"""Export the schema: JSON Schema (for the TypeScript types) and docs/protocol.md."""

import json
import sys
from typing import Any, get_args

import msgspec

from shared_schema import (
    agreements,
    entities,
    events,
    followup,
    http,
    intents,
    limits,
    refusals,
    safety,
    scaling,
)
from shared_schema import genogram as genogram_schema

UNIONS: dict[str, Any] = {
    "Entity": entities.Entity,
    "Intent": intents.Intent,
    "SystemIntent": intents.SystemIntent,
    "Change": events.Change,
}
ALIASES: dict[str, Any] = {
    "Role": entities.Role,
    "ParticipantRole": entities.ParticipantRole,
    "Template": entities.Template,
    "ColumnKey": entities.ColumnKey,
    "ErrorCode": events.ErrorCode,
    "RefusalId": refusals.RefusalId,
    "MeetingStatus": entities.MeetingStatus,
    "AgreementStatus": agreements.AgreementStatus,
    "Review": agreements.Review,
    "Sex": genogram_schema.Sex,
    "RelationKind": genogram_schema.RelationKind,
    "Sector": genogram_schema.Sector,
    "Kinship": genogram_schema.Kinship,
    "Screen": genogram_schema.Screen,
    "ScalePreset": scaling.ScalePreset,
    "ScaleKind": scaling.ScaleKind,
    "ScaleStatus": scaling.ScaleStatus,
    "FollowUp": scaling.FollowUp,
    "SafetyStatus": safety.SafetyStatus,
    "RuleReview": safety.RuleReview,
    "AccountRole": http.AccountRole,
    "SignInStage": http.SignInStage,
    "SecondFactorMethod": http.SecondFactorMethod,
}
CONSTANTS: dict[str, tuple[object, str | None]] = {
    "NOTE_MAX": (limits.NOTE_MAX, None),
    "NAME_MAX": (limits.NAME_MAX, None),
    "RELATION_MAX": (limits.RELATION_MAX, None),
    "TITLE_MAX": (limits.TITLE_MAX, None),
    "ERROR_CODES": (events.ERROR_CODES, "ErrorCode"),
    "COUPLE_KINDS": (genogram_schema.COUPLE_KINDS, "RelationKind"),
    "PARENT_KINDS": (genogram_schema.PARENT_KINDS, "RelationKind"),
    "EMOTIONAL_KINDS": (genogram_schema.EMOTIONAL_KINDS, "RelationKind"),
    "KINSHIPS": (genogram_schema.KINSHIPS, "Kinship"),
    "SEXES": (genogram_schema.SEXES, "Sex"),
}
"""Values both sides use, by the name the web client imports them by from schema.gen.ts, and
(for a list) the type of its items."""
EVENTS: list[type[msgspec.Struct]] = [
    events.Ack,
    events.ChangesEvent,
    events.Hello,
    events.Sync,
    events.Welcome,
    events.Presence,
    events.Goodbye,
]


def json_schema() -> dict[str, Any]:
    """One document whose $defs name every type the client uses."""
    top = [*UNIONS.values(), *ALIASES.values(), *EVENTS, *http.REQUESTS, *http.REPLIES]
    (_, defs) = msgspec.json.schema_components(top, ref_template="#/$defs/{name}")
    for name, union in [*UNIONS.items(), *ALIASES.items()]:
        (schema,), _ = msgspec.json.schema_components([union], ref_template="#/$defs/{name}")
        defs[name] = {"title": name, **schema}
    for schema in defs.values():
        if schema.get("type") == "object":
            schema["additionalProperties"] = False
    return {
        "title": "KredsProtocol",
        "type": "object",
        "properties": {name: {"$ref": f"#/$defs/{name}"} for name in sorted(defs)},
        "$defs": dict(sorted(defs.items())),
        "additionalProperties": False,
        "x-constants": constants(),
    }


def constants() -> dict[str, dict[str, Any]]:
    """CONSTANTS as JSON: scripts/gen-schema.mjs writes each as an exported const."""
    out: dict[str, dict[str, Any]] = {}
    for name, (value, items) in CONSTANTS.items():
        if isinstance(value, tuple):
            out[name] = {"value": list(value), "items": items}
        else:
            out[name] = {"value": value}
    return out


def _type_text(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "anyOf" in schema:
        return " \\| ".join(_type_text(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type_text(schema['items'])}"
    text = str(schema.get("type", "any"))
    if "maxLength" in schema:
        text += f" (≤ {schema['maxLength']} chars)"
    if "pattern" in schema:
        text += f" `{schema['pattern']}`"
    return text


def _struct_section(cls: Any, defs: dict[str, Any]) -> list[str]:
    schema = defs[cls.__name__]
    tag = cls.__struct_config__.tag
    heading = f"### `{tag}` — {cls.__name__}" if isinstance(tag, str) else f"### {cls.__name__}"
    lines = [heading, ""]
    if cls.__doc__:
        lines += [cls.__doc__.strip(), ""]
    lines += ["| field | type | required |", "|---|---|---|"]
    required = set(schema.get("required", []))
    for field, spec in schema["properties"].items():
        lines.append(f"| `{field}` | {_type_text(spec)} | {'yes' if field in required else 'no'} |")
    return [*lines, ""]


def protocol_markdown() -> str:
    defs = json_schema()["$defs"]
    lines = [
        "# Kreds protocol",
        "",
        "Generated by `make schema` from `shared_schema/`; do not edit by hand.",
        "",
        "## Socket.IO events",
        "",
        "| event | direction | payload | answer |",
        "|---|---|---|---|",
        "| `welcome` | server → client | Welcome | |",
        "| `hello` | client → server | Hello | Sync, or a refusing Ack (as the event's ack) |",
        "| `intent` | client → server | Intent | Ack (as the event's ack) |",
        "| `changes` | server → client | ChangesEvent | |",
        "| `presence` | server → client | Presence | |",
        "| `goodbye` | server → client | Goodbye | |",
        "",
        'Connect with `auth` = `{"participant_token": ...}` (a phone), `{"screen_token": ...}`'
        " (the room's screen) or `{\"meeting_id\": ...}` with the facilitator's session cookie.",
        "",
        "## Intents (client → server)",
        "",
    ]
    for cls in get_args(intents.Intent):
        lines += _struct_section(cls, defs)
    lines += ["## Server-made intents (never accepted from a socket)", ""]
    for cls in [*get_args(intents.SystemIntent), followup.Carried, followup.DrawingCopy]:
        lines += _struct_section(cls, defs)
    lines += ["## Entities", ""]
    for cls in get_args(entities.Entity):
        lines += _struct_section(cls, defs)
    lines += ["## Events and changes", ""]
    for cls in [*EVENTS, events.Upsert, events.Remove, events.Op, events.Links]:
        lines += _struct_section(cls, defs)
    lines += [
        "## HTTP bodies",
        "",
        "The routes are in docs/http.md; these are the JSON bodies they take and answer with.",
        "",
    ]
    for cls in [*http.REQUESTS, *http.REPLIES]:
        lines += _struct_section(cls, defs)
    lines += ["## Error codes", ""]
    lines += [f"- `{code}`" for code in get_args(events.ErrorCode)]
    lines += ["", "## What a refusal says (`message`)", ""]
    lines += [f"- `{refusal}`" for refusal in get_args(refusals.RefusalId)]
    lines += ["", "## Shared constants", "", "| name | value |", "|---|---|"]
    for name, (value, _) in CONSTANTS.items():
        shown = ", ".join(f"`{v}`" for v in value) if isinstance(value, tuple) else f"`{value}`"
        lines.append(f"| `{name}` | {shown} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "json"
    if what == "json":
        sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    elif what == "markdown":
        sys.stdout.write(protocol_markdown())
    else:
        raise SystemExit("usage: python -m shared_schema.export [json|markdown]")


if __name__ == "__main__":
    main()
