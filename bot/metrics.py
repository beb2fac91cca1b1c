"""Prometheus series for `ledgerbot serve` and `ledgerbot worker` (all named ledgerbot_…).

Under `serve --workers N` every process counts into files in one directory
(PROMETHEUS_MULTIPROC_DIR, set by the parent before the workers start) and /metrics sums
them, so a scrape sees the whole server whichever worker answers it. A single process
without that directory uses the default in-process registry.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as mp
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chains.extractor import Extraction, Extractor
from chains.schemas import ExtractContext
from handlers.messages import UserFacingError, VoiceInput
from handlers.observe import traced
from handlers.voice import Transcriber, Transcript, Unheard

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Webhook work is milliseconds; LLM and speech calls are seconds.
FAST = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SLOW = (0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0)

HTTP_REQUESTS = Counter(
    "ledgerbot_http_requests_total", "HTTP requests answered", ["route", "status"]
)
HTTP_SECONDS = Histogram(
    "ledgerbot_http_request_seconds", "HTTP request latency", ["route"], buckets=FAST
)
MESSAGES = Counter(
    "ledgerbot_messages_total", "Chat messages by channel and outcome", ["channel", "outcome"]
)
MESSAGE_SECONDS = Histogram(
    "ledgerbot_message_seconds", "Time to answer one chat message", ["channel"], buckets=FAST
)
EXTRACTIONS = Counter(
    "ledgerbot_extractions_total", "Extractions by the path that answered", ["path"]
)
EXTRACTION_SECONDS = Histogram(
    "ledgerbot_extraction_seconds", "Extraction latency by path", ["path"], buckets=SLOW
)
SPEECH = Counter("ledgerbot_speech_total", "Voice recognitions by outcome", ["outcome"])
SPEECH_SECONDS = Histogram(
    "ledgerbot_speech_seconds", "Voice recognition latency", buckets=SLOW
)
TASKS = Counter("ledgerbot_tasks_total", "Queue tasks by name and outcome", ["task", "outcome"])
QUEUE_DEPTH = Gauge(
    "ledgerbot_queue_depth", "Tasks waiting in the queue", ["queue"], multiprocess_mode="max"
)


def prepare_multiprocess(directory: Path) -> None:
    """Called by the parent before workers fork: a fresh directory for this server's run."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(directory)


def scrape() -> bytes:
    directory = os.environ.get(MULTIPROC_ENV)
    if not directory:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    mp.MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


async def metrics_endpoint(request: Request) -> Response:
    return Response(scrape(), media_type=CONTENT_TYPE_LATEST)


class PrometheusObserver:
    """The dispatcher's Observer, counted into the series above."""

    def message(self, platform: str, outcome: str, seconds: float) -> None:
        MESSAGES.labels(platform, outcome).inc()
        MESSAGE_SECONDS.labels(platform).observe(seconds)



def task_finished(task: str, outcome: str) -> None:
    """For queue workers: done, retried, failed, duplicate."""
    TASKS.labels(task, outcome).inc()


class TimedExtractor:
    """Extractions counted by the path that answered (rules, llm, hybrid:…, fallback:rules —
    a fallback is an LLM failure) with their latency."""

    def __init__(self, inner: Extractor) -> None:
        self._inner = inner

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        start = time.perf_counter()
        extraction = await self._inner.extract(text, ref_date, context)
        EXTRACTIONS.labels(extraction.extractor).inc()
        EXTRACTION_SECONDS.labels(extraction.extractor).observe(time.perf_counter() - start)
        return extraction


class TimedTranscriber:
    """Speech recognition latency and failures, around the configured Transcriber."""

    def __init__(self, inner: Transcriber) -> None:
        self._inner = inner

    async def transcribe(self, voice: VoiceInput, hints: Sequence[str]) -> Transcript:
        return await self._timed(self._inner.transcribe(voice, hints))

    async def rehear(self, stored_path: Path, hints: Sequence[str]) -> Transcript:
        return await self._timed(self._inner.rehear(stored_path, hints))

    @staticmethod
    async def _timed(hearing: Awaitable[Transcript]) -> Transcript:
        start = time.perf_counter()
        try:
            heard = await hearing
        except Unheard:  # recognition failed; the recording is kept for a retry
            SPEECH.labels("failed").inc()
            raise
        except UserFacingError:  # audio that can never be heard: answered, not broken
            SPEECH.labels("refused").inc()
            raise
        except Exception:
            SPEECH.labels("failed").inc()
            raise
        finally:
            SPEECH_SECONDS.observe(time.perf_counter() - start)
        SPEECH.labels("heard").inc()
        return heard


class HttpMetrics:
    """ASGI middleware: requests and latency per route template (never per raw path, whose
    ids would make a series per entry)."""

    def __init__(self, app: ASGIApp, route_of: Callable[[str], str]) -> None:
        self._app = app
        self._route_of = route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        route = self._route_of(scope["path"])
        status = 500
        start = time.perf_counter()

        async def counting_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self._app(scope, receive, counting_send)
        finally:
            HTTP_REQUESTS.labels(route, str(status)).inc()
            HTTP_SECONDS.labels(route).observe(time.perf_counter() - start)


class TraceRequests:
    """ASGI middleware: one trace id per HTTP request, so every log line a webhook causes
    carries the same id (the dispatcher keeps it for the message it handles)."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        with traced():
            await self._app(scope, receive, send)


def route_family(path: str) -> str:
    """/wechat, /telegram, /api/v1/transactions… : the first two path segments at most."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "/"
    if parts[0] == "api":
        return "/" + "/".join(parts[:3])
    return "/" + parts[0]

