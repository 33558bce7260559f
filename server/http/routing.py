"""A route class (an `Api`) declares each route on its handler (`@get(path)`, `@post(path)`);
`routes()` lists them in the order the class defines them."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.deps import Deps

Handler = TypeVar("Handler", bound=Callable[[Any, Request], Awaitable[Response]])
ROUTE = "_kreds_route"
"""The attribute a declared handler carries: (path, method)."""


@dataclass
class Api:
    """A class of routes, given the installation's dependencies."""

    deps: Deps


def _declare(path: str, method: str) -> Callable[[Handler], Handler]:
    def declared(handler: Handler) -> Handler:
        setattr(handler, ROUTE, (path, method))
        return handler

    return declared


def get(path: str) -> Callable[[Handler], Handler]:
    return _declare(path, "GET")


def post(path: str) -> Callable[[Handler], Handler]:
    return _declare(path, "POST")


def routes(owner: object) -> list[Route]:
    """The routes `owner`'s class (and its bases) declare, each bound to `owner`."""
    found: list[Route] = []
    for cls in reversed(type(owner).__mro__):
        for name, member in vars(cls).items():
            declared = getattr(member, ROUTE, None)
            if declared is not None:
                path, method = declared
                found.append(Route(path, getattr(owner, name), methods=[method]))
    return found
