import logging

from server.ops.logs import HideCapabilities


def access_line(path: str) -> str:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 200),
        None,
    )
    assert HideCapabilities().filter(record)
    return record.getMessage()


def test_a_summary_link_token_is_hidden() -> None:
    line = access_line("/o/m_abc.1767225600.c2VjcmV0")
    assert "c2VjcmV0" not in line and "m_abc" not in line
    assert line == '127.0.0.1:5000 - "GET /o/… HTTP/1.1" 200'


def test_the_calendar_file_of_a_summary_link_is_hidden_too() -> None:
    assert "GET /o/…/naeste-moede.ics HTTP" in access_line("/o/m_abc.1.c2VjcmV0/naeste-moede.ics")


def test_other_paths_are_logged_as_they_are() -> None:
    for path in ("/", "/api/meetings?x=1", "/socket.io/?EIO=4&transport=websocket", "/oo/x"):
        assert f"GET {path} HTTP" in access_line(path)


def test_other_log_records_pass_untouched() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", ("/o/x",), None)
    assert HideCapabilities().filter(record)
    assert record.getMessage() == "/o/x"
