"""Kreds: the server of a real-time meeting app for child-welfare network meetings."""
