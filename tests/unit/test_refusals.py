"""Refusals say what they say by id: the domain words none of them (the client does, from its
catalogue), every id of the schema is raised somewhere, and each fills in the very placeholders
its Danish text in the web catalogue has."""

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

from server.domain import Rejected, apply
from shared_schema import DeleteCard, EditCard, Intent, RefusalId
from tests.fixtures import LOUISE, NOW, encoded, holm, op_id

ROOT = Path(__file__).resolve().parents[2]
DANISH = (ROOT / "web" / "src" / "i18n" / "da.refusals.ts").read_text("utf-8")


def calls(folder: str) -> list[tuple[Path, ast.Call]]:
    """Every Rejected(...), require(...) and existing(...) in the server's `folder`."""
    found = []
    for path in sorted((ROOT / "server" / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in {"Rejected", "require", "existing"}:
                    found.append((path, node))
    return found


def said(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "say" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return None


def danish(refusal: str) -> str:
    found = re.search(rf'^  "refusal\.{re.escape(refusal)}":\s*\n?\s*"([^"]*)",$', DANISH, re.M)
    assert found, f"{refusal} has no Danish text in da.refusals.ts"
    return found.group(1)


def test_the_domain_words_no_refusal_itself() -> None:
    ids = set(get_args(RefusalId))
    worded = []
    for path, call in calls("domain"):
        name = getattr(call.func, "id", getattr(call.func, "attr", ""))
        if path.name == "errors.py":
            continue
        if name == "existing":
            said_by = call.args[2] if len(call.args) > 2 else None
            if not (isinstance(said_by, ast.Constant) and said_by.value in ids):
                worded.append(f"{path.name}:{call.lineno}")
        elif len(call.args) > (1 if name == "Rejected" else 2):
            worded.append(f"{path.name}:{call.lineno}")
    assert worded == []


def test_every_refusal_of_the_schema_is_said_somewhere_and_has_danish_words() -> None:
    ids = set(get_args(RefusalId))
    used = {
        node.value
        for path in (ROOT / "server").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant) and node.value in ids
    }
    assert ids - used == set()
    for refusal in ids:
        assert danish(refusal).strip(), refusal


def test_each_refusal_fills_in_the_placeholders_of_its_words() -> None:
    for path, call in calls("domain"):
        refusal = said(call)
        if refusal is None:
            continue
        given = next((k.value for k in call.keywords if k.arg == "params"), None)
        keys = {str(k.value) for k in given.keys if isinstance(k, ast.Constant)} if given else set()
        wanted = set(re.findall(r"\{(\w+)\}", danish(refusal)))
        assert keys == wanted, f"{path.name}:{call.lineno} {refusal}"


@pytest.mark.parametrize(
    ("given", "code", "refusal"),
    [
        (
            EditCard(id=op_id(), card_id="findes-ikke", text="Mormor henter"),
            "not_found",
            "card.gone",
        ),
        (DeleteCard(id=op_id(), card_id="findes-ikke"), "not_found", "card.gone"),
    ],
)
def test_a_refused_intent_says_its_id_and_changes_nothing(
    given: Intent, code: str, refusal: str
) -> None:
    state = holm()
    before = encoded(state)
    with pytest.raises(Rejected) as refused:
        apply(state, given, LOUISE, NOW)
    assert encoded(state) == before
    assert (refused.value.code, refused.value.say, refused.value.params) == (code, refusal, {})
