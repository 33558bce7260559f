"""Request logs without capabilities: a participant's summary link (`/o/{token}`) is a key to
the agreements of a child's meeting, and an access log is read by more people than the database."""

import logging
import re

CAPABILITY_IN_PATH = re.compile(r"^/o/[^/?#]+")
HIDDEN = "/o/…"


class HideCapabilities(logging.Filter):
    """Replaces the token of a summary link in uvicorn's access-log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn.access logs (client, method, path with query, http version, status).
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            path = CAPABILITY_IN_PATH.sub(HIDDEN, args[2])
            if path != args[2]:
                record.args = (args[0], args[1], path, args[3], args[4])
        return True


def hide_capabilities() -> None:
    """Installs the filter on uvicorn's access logger (after uvicorn has configured logging)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, HideCapabilities) for f in access.filters):
        access.addFilter(HideCapabilities())
