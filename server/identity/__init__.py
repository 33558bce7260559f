"""Who works in Kreds: teams (afdelinger) and roles, and the invitations that make accounts."""
