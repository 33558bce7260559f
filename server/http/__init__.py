"""Starlette routes: pages, sign-in, meetings, joining."""
