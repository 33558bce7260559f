"""Tuning under the live layer: python-socketio, uvicorn's websocket, the garbage collector."""
