"""Routes declared on their handlers: listed in the class's order, bound to the instance."""

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from server.http.routing import get, post, routes


@dataclass
class Noticeboard:
    greeting: str

    @get("/opslag")
    async def show(self, request: Request) -> Response:
        return PlainTextResponse(self.greeting)

    async def helper(self, request: Request) -> Response:
        return PlainTextResponse("not a route")

    @post("/opslag")
    async def pin(self, request: Request) -> Response:
        return PlainTextResponse("pinned", status_code=201)


@dataclass
class PinnedBoard(Noticeboard):
    @post("/opslag/fjern")
    async def unpin(self, request: Request) -> Response:
        return Response(status_code=204)


def test_declared_handlers_become_routes_in_the_order_they_are_defined() -> None:
    listed = routes(Noticeboard("Godmorgen"))
    assert [(r.path, sorted(r.methods or [])) for r in listed] == [
        ("/opslag", ["GET", "HEAD"]),
        ("/opslag", ["POST"]),
    ]


def test_a_route_calls_the_handler_of_that_instance() -> None:
    board = Noticeboard("Godmorgen, Holm")
    endpoint = routes(board)[0].endpoint
    assert endpoint == board.show


def test_a_subclass_keeps_its_bases_routes_first() -> None:
    listed = routes(PinnedBoard("Hej"))
    assert [r.path for r in listed] == ["/opslag", "/opslag", "/opslag/fjern"]
