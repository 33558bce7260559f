"""The record of a meeting: the referat page (screen and print), its PDF, plain text and JSON,
the next meeting's .ics, participants' expiring summary links, and extending retention."""

import asyncio
import html
import time
from dataclasses import dataclass
from pathlib import Path

import msgspec
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from server.domain import Rejected, State, visibility
from server.domain.visibility import RECORD, SUMMARY, Viewer
from server.http import requests, sessions
from server.http.responses import NO_STORE, download, json
from server.http.routing import Api, get, post
from server.render import calendar, pdf, referat, summary_language
from server.render.words import DANISH as WORDS
from server.services import meetings, retention, summary_links
from server.store import AuditEvent, MeetingRow, UserRow
from shared_schema.http import ExpiringLink, KeptUntil

STATIC = Path(__file__).resolve().parent / "static"
REFERAT_ENTRY = "src/referat/drawings.tsx"


class _Entry(msgspec.Struct):
    """One entry of Vite's build manifest, as far as the referat needs it."""

    file: str


def _refused(message: str, status: int) -> HTMLResponse:
    return HTMLResponse(
        '<!doctype html><html lang="da"><meta charset="utf-8"><title>Kreds</title>'
        f'<link rel="stylesheet" href="/referat.css"><main class="referat"><p>{message}</p>'
        f'<p><a href="/">{WORDS["page.home"]}</a></p></main></html>',
        status_code=status,
        headers=NO_STORE,
    )


@dataclass
class Records(Api):
    dist: Path | None = None
    """The web build, whose referat entry draws the page's genogram and network map."""

    async def drawing_script(self) -> Path | None:
        """The referat entry's file in the web build, found in Vite's manifest; none without a
        build (the page then lists the drawings in words only)."""
        if self.dist is None:
            return None
        manifest = self.dist / ".vite" / "manifest.json"
        try:
            entries = msgspec.json.decode(await _read_bytes(manifest), type=dict[str, _Entry])
        except (OSError, msgspec.DecodeError):
            return None
        entry = entries.get(REFERAT_ENTRY)
        return self.dist / entry.file if entry is not None else None

    async def drawing_url(self) -> str:
        script = await self.drawing_script()
        return "/" + script.relative_to(self.dist).as_posix() if script and self.dist else ""

    async def posted(self, request: Request) -> tuple[UserRow, MeetingRow]:
        """A POST about one of the facilitator's meetings: it carries an empty JSON body."""
        user, row = await sessions.facilitated(self.deps, request)
        await requests.body(self.deps.settings, request, dict)
        return user, row

    async def state(self, row: MeetingRow) -> State:
        return (await self.deps.rooms.get(row.id)).state

    async def built(self, row: MeetingRow, viewer: Viewer = RECORD) -> referat.Referat:
        case = await self.deps.store.case(row.case_id) if row.case_id else None
        return referat.build(await self.state(row), case.title if case else "", viewer=viewer)

    async def exported(self, user: UserRow, row: MeetingRow, what: str) -> None:
        await self.deps.store.audit(
            AuditEvent(meeting=row.id, actor=user.id, action=f"export.{what}")
        )

    # -- the facilitator's referat ---------------------------------------------------------

    @get("/r/{meeting_id}")
    async def page(self, request: Request) -> Response:
        try:
            user, row = await sessions.facilitated(self.deps, request)
        except Rejected:
            return _refused(WORDS["page.facilitator_only"], 403)
        made = await self.built(row)
        await self.exported(user, row, "view")
        tools = _tools(row, made)
        document = referat.page(
            made, tools=tools, stylesheet="/referat.css", drawing_script=await self.drawing_url()
        )
        return HTMLResponse(document, headers=NO_STORE)

    @get("/r/{meeting_id}/referat.txt")
    async def text(self, request: Request) -> Response:
        user, row = await sessions.facilitated(self.deps, request)
        await self.exported(user, row, "text")
        return download(
            referat.plain_text(await self.built(row)), "text/plain; charset=utf-8", "referat.txt"
        )

    @get("/r/{meeting_id}/referat.pdf")
    async def pdf(self, request: Request) -> Response:
        user, row = await sessions.facilitated(self.deps, request)
        css = await _read(STATIC / "referat.css")
        # Printed from a file: the drawings' script is the build's file itself.
        script = await self.drawing_script()
        drawing = script.as_uri() if script else ""
        made = await self.built(row)
        document = referat.page(made, css=css, drawing_script=drawing)
        scripted = bool(drawing) and referat.has_figures(made)
        printed = await pdf.print_pdf(self.deps.settings.chromium, document, scripted=scripted)
        await self.exported(user, row, "pdf")
        return download(printed, "application/pdf", "referat.pdf")

    @get("/r/{meeting_id}/referat.json")
    async def json_export(self, request: Request) -> Response:
        """Everything the meeting holds, as the protocol's entities: what the facilitator may see
        (no one's vote on a scaling question, only the revealed spread; no note still private to
        its author, none the family has not shared)."""
        user, row = await sessions.facilitated(self.deps, request)
        state = await self.state(row)
        await self.exported(user, row, "json")
        body = msgspec.json.encode(
            {
                "meeting_id": row.id,
                "case_id": row.case_id,
                "exported_at": time.time(),
                "entities": visibility.entities(state, RECORD),
            }
        )
        return download(body, "application/json", "referat.json")

    @get("/r/{meeting_id}/naeste-moede.ics")
    async def ics(self, request: Request) -> Response:
        user, row = await sessions.facilitated(self.deps, request)
        await self.exported(user, row, "ics")
        return _ics(row, await self.state(row), RECORD)

    @post("/api/meetings/{meeting_id}/summary-link")
    async def summary_link(self, request: Request) -> Response:
        user, row = await self.posted(request)
        _closed_at(row, "Linket kan først laves, når mødet er afsluttet.")
        expires = int(time.time()) + self.deps.settings.summary_days * retention.DAY
        token = summary_links.make(self.deps.keys, row.id, expires)
        await self.deps.store.audit(
            AuditEvent(meeting=row.id, actor=user.id, action="summary.link", detail=str(expires))
        )
        url = f"{requests.base_url(self.deps.settings, request)}/o/{token}"
        return json(ExpiringLink(url=url, expires_at=expires), 201)

    @post("/api/meetings/{meeting_id}/extend")
    async def extend(self, request: Request) -> Response:
        user, row = await self.posted(request)
        closed_at = _closed_at(row, "Kun afsluttede møder har en slettedato.")
        days = self.deps.settings.retention_days
        deadline = row.keep_until or closed_at + days * retention.DAY
        until = retention.extended_until(deadline, days, time.time())
        await self.deps.store.keep_until(row.id, until)
        await self.deps.store.audit(
            AuditEvent(meeting=row.id, actor=user.id, action="meeting.extend", detail=str(until))
        )
        return json(KeptUntil(keep_until=until))

    @post("/api/meetings/{meeting_id}/delete")
    async def delete(self, request: Request) -> Response:
        """Erase one meeting with all it holds, open or closed: one made by mistake, or one that
        must go before its retention date. The audit row does not say which."""
        user, row = await self.posted(request)
        await meetings.delete(self.deps.rooms, self.deps.store, [row.id])
        await self.deps.store.audit(
            AuditEvent(actor=user.id, action="meeting.delete", detail="1 møde slettet")
        )
        return Response(status_code=204)

    # -- participants' read-only summary -----------------------------------------------------

    async def shared(self, request: Request) -> MeetingRow | None:
        meeting_id = summary_links.check(self.deps.keys, request.path_params["token"], time.time())
        row = await self.deps.store.meeting(meeting_id) if meeting_id else None
        return row if row is not None and row.closed_at is not None else None

    @get("/o/{token}")
    async def summary_page(self, request: Request) -> Response:
        row = await self.shared(request)
        if row is None:
            return _refused(WORDS["page.link_gone"], 404)
        made = await self.built(row, SUMMARY)
        lang = summary_language.chosen(
            request.query_params.get("lang"), request.cookies.get(summary_language.COOKIE)
        )
        calendar = f"/o/{request.path_params['token']}/naeste-moede.ics" * bool(made.next_meeting)
        tools = summary_language.tools(lang, calendar) + "<script src='/referat.js' defer></script>"
        page = referat.page(made, tools=tools, stylesheet="/referat.css", lang=lang)
        return HTMLResponse(page, headers=NO_STORE)

    @get("/o/{token}/naeste-moede.ics")
    async def summary_ics(self, request: Request) -> Response:
        row = await self.shared(request)
        if row is None:
            raise Rejected("not_found", "Linket virker ikke længere.")
        return _ics(row, await self.state(row), SUMMARY)

    @get("/referat.css")
    async def css(self, request: Request) -> Response:
        return FileResponse(STATIC / "referat.css", media_type="text/css")

    @get("/referat.js")
    async def script(self, request: Request) -> Response:
        return FileResponse(STATIC / "referat.js", media_type="text/javascript")


async def _read(path: Path) -> str:
    return await asyncio.to_thread(path.read_text, "utf-8")


async def _read_bytes(path: Path) -> bytes:
    return await asyncio.to_thread(path.read_bytes)


def _closed_at(row: MeetingRow, refusal: str) -> float:
    if row.closed_at is None:
        raise Rejected("invalid", refusal)
    return row.closed_at


def _ics(row: MeetingRow, state: State, viewer: Viewer) -> Response:
    meeting = visibility.state_for(state, viewer).meeting
    if meeting is None or not meeting.next_meeting:
        raise Rejected("not_found", "Der er ikke aftalt et næste møde.")
    body = calendar.next_meeting_ics(row.id, meeting.title, meeting.next_meeting, time.time())
    return download(body, "text/calendar; charset=utf-8", "naeste-moede.ics")


def _tools(row: MeetingRow, made: referat.Referat) -> str:
    """The facilitator's toolbar: never printed."""
    base, w = f"/r/{row.id}", WORDS
    links = [
        f'<a class="button" href="/m/{row.id}">{w["tools.back"]}</a>',
        '<button type="button" class="button" data-print data-testid="referat-print">'
        f"{w['print']}</button>",
        f'<a class="button" href="{base}/referat.pdf" download data-testid="referat-pdf">'
        f"{w['tools.pdf']}</a>",
        f'<a class="button" href="{base}/referat.json" download data-testid="referat-json">'
        f"{w['tools.json']}</a>",
    ]
    if made.next_meeting:
        links.append(
            f'<a class="button" href="{base}/naeste-moede.ics" download data-testid="referat-ics">'
            f"{w['calendar']}</a>"
        )
    share = ""
    if made.closed:
        share = (
            '<section class="share" aria-labelledby="share-title">'
            f'<h2 id="share-title">{w["share.title"]}</h2>'
            f"<p>{w['share.text']}</p>"
            f'<button type="button" class="button" data-share="{row.id}"'
            f' data-testid="referat-share">{w["share.make"]}</button>'
            '<input class="input" readonly hidden data-share-url data-testid="referat-share-url"'
            f' aria-label="{w["share.title"]}">'
            '<p role="status" aria-live="polite" data-share-status></p></section>'
        )
    journal = (
        '<section class="journal" aria-labelledby="journal-title">'
        f'<h2 id="journal-title">{w["journal.title"]}</h2>'
        '<textarea readonly rows="12" data-journal data-testid="referat-text"'
        ' aria-labelledby="journal-title">'
        f"{html.escape(referat.plain_text(made))}</textarea>"
        '<button type="button" class="button button--primary" data-copy'
        f' data-testid="referat-copy">{w["journal.copy"]}</button>'
        f' <a href="{base}/referat.txt" download>{w["journal.download"]}</a>'
        '<p role="status" aria-live="polite" data-copy-status data-testid="referat-copied"></p>'
        "</section>"
    )
    return (
        f'<div class="tools-area"><nav class="tools" aria-label="{w["record"]}">'
        + "".join(links)
        + "</nav>"
        + journal
        + share
        + "</div><script src='/referat.js' defer></script>"
    )
