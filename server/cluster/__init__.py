"""Several Kreds nodes: meeting leases, and what crosses nodes."""
