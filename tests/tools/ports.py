"""A free TCP port on 127.0.0.1, for the servers tests start (PostgreSQL, textual-serve)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on right now. Another process may take it before our server binds
    it (two test workers run side by side), so callers retry with a new one when binding fails."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
