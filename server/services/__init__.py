"""Use cases outside a live Room: accounts and links, creating and joining meetings, cases and
follow-ups, retention, the audit log."""
