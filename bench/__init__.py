"""Kreds' benchmark: simulated meetings against the real server and a bare Socket.IO relay."""
