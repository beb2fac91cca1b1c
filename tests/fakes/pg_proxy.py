"""A TCP proxy between the bot and PostgreSQL that can lose a COMMIT, lose the answer to
one, or take the database away for a while (without touching the real server).

PostgreSQL's simple-query message for psycopg's commit is `Q`, int32 length 11,
"COMMIT\\0"; the proxy watches the client's bytes for it. One-shot faults:
- "commit_lost": the COMMIT never reaches the server; both sides are cut.
- "answer_lost": the COMMIT reaches the server, its answer is read and thrown away, and
  the client's connection is cut: the row exists, the client does not know.
`down(seconds)` cuts every open connection and refuses new ones for that long.

It runs on an event loop in a thread of its own: the bot's synchronous parts (Alembic at
start) must not stall the connections they are themselves waiting on.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.engine import make_url

COMMIT = b"Q\x00\x00\x00\x0bCOMMIT\x00"
Fault = Literal["commit_lost", "answer_lost"]


@dataclass
class Upstream:
    host: str = "127.0.0.1"
    port: int = 5432
    socket: str | None = None  # a unix socket path (the embedded pgserver)

    @classmethod
    def of(cls, url: str) -> Upstream:
        u = make_url(url)
        sock_dir = u.query.get("host")
        if isinstance(sock_dir, str) and sock_dir.startswith("/"):
            return cls(socket=f"{sock_dir}/.s.PGSQL.{u.port or 5432}")
        return cls(host=u.host or "127.0.0.1", port=u.port or 5432)

    async def open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.socket:
            return await asyncio.open_unix_connection(self.socket)
        return await asyncio.open_connection(self.host, self.port)


@dataclass
class PgProxy:
    upstream: Upstream
    port: int = 0
    faults: list[Fault] = field(default_factory=list)
    fired: list[Fault] = field(default_factory=list)
    commits: int = 0
    _server: asyncio.Server | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _open: set[asyncio.StreamWriter] = field(default_factory=set)
    _down_until: float = 0.0

    def url(self, original: str) -> str:
        """`original` (the server's URL) redirected through this proxy."""
        u = make_url(original)
        query = {k: v for k, v in u.query.items() if k != "host"}
        return u.set(host="127.0.0.1", port=self.port, query=query).render_as_string(
            hide_password=False)

    def arm(self, fault: Fault) -> None:
        self.faults.append(fault)

    def down(self, seconds: float) -> None:
        self._down_until = time.monotonic() + seconds
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._cut_all)

    def _cut_all(self) -> None:
        for w in list(self._open):
            w.close()

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._server = await asyncio.start_server(self._client, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for w in list(self._open):
                w.close()
            await self._server.wait_closed()

    async def _client(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter
                      ) -> None:
        if self.is_down:
            c_writer.close()
            return
        try:
            s_reader, s_writer = await self.upstream.open()
        except OSError:
            c_writer.close()
            return
        self._open |= {c_writer, s_writer}
        cut = asyncio.Event()
        answer_lost = asyncio.Event()

        async def to_server() -> None:
            while data := await c_reader.read(65536):
                if COMMIT in data:
                    self.commits += 1
                    if self.faults:
                        fault = self.faults.pop(0)
                        self.fired.append(fault)
                        if fault == "commit_lost":
                            return
                        answer_lost.set()
                s_writer.write(data)
                await s_writer.drain()

        async def to_client() -> None:
            while data := await s_reader.read(65536):
                if answer_lost.is_set():
                    return  # the server has committed; the client never hears it
                c_writer.write(data)
                await c_writer.drain()

        async def pump(coro: asyncio.Future[None] | asyncio.Task[None]) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                await coro
            cut.set()

        tasks = [asyncio.create_task(pump(asyncio.ensure_future(f())))
                 for f in (to_server, to_client)]
        await cut.wait()
        for t in tasks:
            t.cancel()
        for w in (c_writer, s_writer):
            w.close()
            self._open.discard(w)


@contextlib.contextmanager
def pg_proxy(pg_url: str, port: int = 0) -> Iterator[PgProxy]:
    """A proxy to `pg_url`'s server, listening on 127.0.0.1:`port` (0: any free port)."""
    proxy = PgProxy(Upstream.of(pg_url), port=port)
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(proxy.start())
        started.set()
        loop.run_forever()
        loop.run_until_complete(proxy.stop())
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()

    thread = threading.Thread(target=serve, name="pg-proxy", daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield proxy
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
