"""The journal text's two line shapes: a text whose later lines stand under its first, and a
numbered item with its labelled details (agreements, last meeting's agreements and rules)."""


def indent(text: str, prefix: str) -> str:
    """`text` with its later lines under its first, which stands after `prefix`'s width."""
    return text.replace("\n", "\n" + prefix)


def numbered(number: int, head: str, *details: tuple[str, str | None]) -> list[str]:
    """`1. head`, then `   label: value` for each detail that has a value."""
    out = [f"{number}. {indent(head, '   ')}"]
    out += [f"   {label}: {indent(value, '   ')}" for label, value in details if value is not None]
    return out
