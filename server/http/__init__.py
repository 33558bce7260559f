"""Starlette routes, one class per thing served, on a shared edge: `requests` (the body decoded
once), `responses` (JSON and refusals), `sessions` (who is asking), `routing` (`@get`/`@post`)."""
