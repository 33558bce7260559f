"""The live meeting: one Room per meeting, and the Socket.IO handlers that feed it."""
