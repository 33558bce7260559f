"""The next meeting as an iCalendar file (RFC 5545), for the participants' calendars."""

import datetime

import icalendar

from server.render.referat import TZ

MEETING_LENGTH = datetime.timedelta(hours=2)


def next_meeting_ics(meeting_id: str, title: str, next_meeting: str, now: float) -> bytes:
    """One event at the next meeting's local time. It names the meeting, nobody in it."""
    start = datetime.datetime.fromisoformat(next_meeting).replace(tzinfo=TZ)
    event = icalendar.Event()
    event.add("uid", f"{meeting_id}-next@kreds")
    event.add("dtstamp", datetime.datetime.fromtimestamp(now, datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + MEETING_LENGTH)
    event.add("summary", f"Opfølgningsmøde: {title}")
    event.add("description", "Næste netværksmøde, aftalt ved sidste møde.")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kreds//netvaerksmoeder//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
