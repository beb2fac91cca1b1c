"""`ledgerbot` command line: chat, parse, export, voice, db, serve, worker, run, prompts."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import Config, ConfigError, load_config


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"配置错误 / configuration error: {exc}", file=sys.stderr)
        return 2
    from bot.logs import configure

    configure(config.app.log_level, config.app.log_format)
    command: Callable[[argparse.Namespace, Config], int] = args.func
    return command(args, config)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ledgerbot", description="好生意记账本 — chat bookkeeping bot"
    )
    sub = p.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="talk to the bot in this terminal (console channel)")
    chat.add_argument("--jsonl", action="store_true", help='stdin {"user","text"|"voice"} lines')
    chat.add_argument("--today", type=dt.date.fromisoformat, help="fix today's date (YYYY-MM-DD)")
    chat.add_argument("--user", default="me", help="console user for the interactive chat")
    chat.set_defaults(func=cmd_chat)

    parse = sub.add_parser("parse", help="extract entries from messages (no storage)")
    parse.add_argument(
        "--jsonl", action="store_true", required=True, help='stdin {"id","text","ref_date"} lines'
    )
    parse.add_argument("--extractor", choices=("rules", "llm", "hybrid"))
    parse.add_argument("--prompt-version", help="extract prompt version, e.g. v1")
    parse.set_defaults(func=cmd_parse)

    export = sub.add_parser("export", help="a user's saved entries (jsonl/csv) or books (xlsx)")
    export.add_argument("--user", required=True)
    export.add_argument(
        "--platform", default="console", choices=("console", "wechat", "telegram", "phone")
    )
    export.add_argument("--format", choices=("jsonl", "csv", "xlsx"), default="jsonl")
    export.add_argument("--out", type=Path,
                        help="write here (default: stdout; xlsx: the data dir's exports/)")
    export.add_argument("--today", type=dt.date.fromisoformat,
                        help="the day balances are aged to (YYYY-MM-DD)")
    export.set_defaults(func=_lazy("bot.export_cli", "cmd_export"))

    voice = sub.add_parser("voice", help="kept voice recordings: retry recognition")
    voice.add_argument("action", choices=("retry",))
    voice.add_argument("--user", help="only this user's recordings (default: every chat's)")
    voice.add_argument("--platform", default="console", choices=("console", "wechat", "telegram"))
    voice.add_argument("--today", type=dt.date.fromisoformat, help="fix today's date")
    voice.set_defaults(func=_lazy("bot.voice_cli", "cmd_voice"))

    dbp = sub.add_parser("db", help="database migrations")
    dbp.add_argument("action", choices=("upgrade", "downgrade", "current"))
    dbp.add_argument("revision", nargs="?", help="target revision (head / base / id)")
    dbp.set_defaults(func=cmd_db)

    serve = sub.add_parser("serve", help="web app: WeChat and Telegram webhooks, /healthz")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--today", type=dt.date.fromisoformat)
    serve.add_argument("--workers", type=int, default=1,
                       help="processes serving the port (state is shared in Redis/PostgreSQL)")
    serve.set_defaults(func=_lazy("bot.server", "cmd_serve"))

    worker = sub.add_parser("worker", help="queue workers: voice, late replies, charts")
    worker.add_argument("--threads", type=int, help="default: queue.worker_threads")
    worker.set_defaults(func=_lazy("bot.worker", "cmd_worker"))

    run = sub.add_parser("run", help="run a channel on its own (telegram long polling)")
    run.add_argument("channel", choices=("telegram",))
    run.add_argument("--today", type=dt.date.fromisoformat)
    run.set_defaults(func=cmd_run)

    prompts = sub.add_parser("prompts", help="versioned LLM prompts: list | show | diff")
    prompts.add_argument("action", choices=("list", "show", "diff"))
    prompts.add_argument("names", nargs="*", help="task [version] / task v1 v2")
    prompts.set_defaults(func=_lazy("bot.prompt_cli", "cmd_prompts"))
    return p


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace, Config], int]:
    """Heavy channel and LLM imports happen only for the command that needs them."""

    def run(args: argparse.Namespace, config: Config) -> int:
        import importlib

        command: Callable[[argparse.Namespace, Config], int] = getattr(
            importlib.import_module(module), name
        )
        return command(args, config)

    return run


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    from bot import console
    from bot.app import runtime
    from bot.files import exports_dir
    from bot.settings import data_dir

    files = exports_dir(data_dir(config))
    if not args.jsonl:
        # The vendor's terminal is not a log sink: only problems interrupt the chat.
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))

    async def go() -> None:
        async with runtime(config, today=args.today) as rt:
            if args.jsonl:
                await console.run_jsonl(rt.dispatcher, sys.stdin, sys.stdout, files)
            else:
                await console.run_interactive(rt.dispatcher, args.user, files)

    asyncio.run(go())
    return 0


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    """Long polling until SIGINT/SIGTERM (the only channel `run` offers is telegram)."""
    if config.telegram.token is None:
        print("没有配置 Telegram 机器人 token：请设置 LEDGERBOT_TELEGRAM__TOKEN", file=sys.stderr)
        return 2
    from bot.app import runtime
    from bot.settings import telegram_settings
    from bot.telegram import poll

    async def go() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with runtime(config, today=args.today, warm=True) as rt:
            await poll(telegram_settings(config), rt.dispatcher, rt.redis, stop)

    asyncio.run(go())
    return 0


def cmd_parse(args: argparse.Namespace, config: Config) -> int:
    from bot.parse_cli import parse_lines

    asyncio.run(
        parse_lines(
            config,
            sys.stdin,
            sys.stdout,
            extractor=args.extractor,
            prompt_version=args.prompt_version,
        )
    )
    return 0


def cmd_db(args: argparse.Namespace, config: Config) -> int:
    from bot.app import resolve_servers
    from storage import db

    with resolve_servers(config, redis=False) as urls:
        if args.action == "upgrade":
            db.upgrade(urls.postgres, args.revision or "head")
        elif args.action == "downgrade":
            db.downgrade(urls.postgres, args.revision or "-1")
        print(json.dumps({"current": db.current(urls.postgres)}))
    return 0
