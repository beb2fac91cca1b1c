"""A TCP proxy we control, in front of a real PostgreSQL or Redis, to make it "go down".

`refuse()`: existing connections are cut and new ones closed at once (a stopped server or
a restart); `blackhole()`: connections are accepted and bytes swallowed, nothing answers
(a dead host or a partition: only the client's own timeouts help); `restore()`: back to
forwarding. It runs its own event loop in a thread, so a blocking client (Alembic at
start) cannot stall it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Literal

Mode = Literal["up", "refuse", "blackhole"]


class TcpProxy:
    def __init__(self, host: str = "", port: int = 0, *, unix: str | None = None) -> None:
        """The server at host:port, or at the socket path `unix` (the embedded servers)."""
        self._target = (host, port)
        self._unix = unix
        self.mode: Mode = "up"
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self._flowing = asyncio.Event()  # cleared while blackholed; used on the proxy's loop
        self._flowing.set()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> TcpProxy:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        self._call(self._cut_all)
        if self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
        asyncio.run_coroutine_threadsafe(self._end_tasks(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _end_tasks(self) -> None:
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


    def refuse(self) -> None:
        self._set("refuse")
        self._call(self._cut_all)

    def blackhole(self) -> None:
        self._set("blackhole")

    def restore(self) -> None:
        self._set("up")

    def _set(self, mode: Mode) -> None:
        def apply() -> None:
            self.mode = mode
            if mode == "blackhole":
                self._flowing.clear()
            else:
                self._flowing.set()
        self._call(apply)

    def _call(self, fn: Callable[[], None]) -> None:
        async def run() -> None:
            fn()
        asyncio.run_coroutine_threadsafe(run(), self._loop).result(10)

    def _cut_all(self) -> None:
        for w in list(self._writers):
            w.transport.abort()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.mode == "refuse":
            writer.transport.abort()
            return
        self._writers.add(writer)
        try:
            if self._unix is not None:
                up_reader, up_writer = await asyncio.open_unix_connection(self._unix)
            else:
                up_reader, up_writer = await asyncio.open_connection(*self._target)
        except OSError:
            writer.transport.abort()
            return
        self._writers.add(up_writer)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await src.read(65536):
                await self._flowing.wait()  # blackholed: hold the bytes, answer nothing
                if self.mode == "refuse":
                    break
                dst.write(data)
                await dst.drain()
        dst.transport.abort()
