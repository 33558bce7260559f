"""Several Kreds nodes behind HAProxy, with PostgreSQL and Redis, as child processes."""
