"""Signed download links for what WeChat cannot send: valid once within their TTL for their
account; forged, tampered, expired, other-account and reused links refused. Real Redis;
the route as `ledgerbot serve` mounts it."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from openpyxl import load_workbook
from pydantic import SecretStr
from redis.asyncio import Redis
from starlette.applications import Starlette

from bot.app import runtime
from bot.config import ConfigError, FilesConfig, check_files_config, load_config
from bot.links import EXPIRED, REFUSED, USED, FileLinks
from handlers.messages import Document
from tests.fakes.wechat_api import FakeWeChatApi, webhook, wechat_env

pytestmark = pytest.mark.integration
SECRET = "k" * 40
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = Document(filename="账本-2026-12-15.xlsx", content=b"PK\x03\x04 the workbook", mime_type=XLSX)
ALICE, BOB = 7, 8


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@contextlib.asynccontextmanager
async def served(redis_url: str, prefix: str, clock: Clock,
                 secret: str = SECRET) -> AsyncIterator[tuple[FileLinks, httpx.AsyncClient]]:
    redis = Redis.from_url(redis_url)
    cfg = FilesConfig(public_url="https://bot.example.com/", link_secret=SecretStr(secret),
                      link_ttl_seconds=600)
    links = FileLinks(redis, prefix, cfg, clock=clock)
    transport = httpx.ASGITransport(app=Starlette(routes=links.routes))
    try:
        async with httpx.AsyncClient(transport=transport,
                                     base_url="https://bot.example.com") as client:
            yield links, client
    finally:
        await redis.aclose()


def parts(url: str) -> tuple[str, str, str]:
    """(file id, expiry, signature) of a link."""
    u = urlsplit(url)
    q = parse_qs(u.query)
    return u.path.rsplit("/", 1)[1], q["e"][0], q["s"][0]


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_a_link_downloads_its_file_once(redis_url: str, redis_prefix: str,
                                              clock: Clock) -> None:
    async with served(redis_url, redis_prefix, clock) as (links, client):
        link = await links.issue(ALICE, DOC)
        assert link.url.startswith("https://bot.example.com/files/")
        assert link.expires_at == int(clock.now) + 600
        clock.now += 599  # still inside its TTL
        head = await client.head(link.url)  # a preview probing it does not use it up
        assert head.status_code == 200 and head.content == b""
        got = await client.get(link.url)
        assert got.status_code == 200 and got.content == DOC.content
        assert got.headers["content-type"] == XLSX
        assert got.headers["cache-control"] == "no-store"
        assert "filename*=UTF-8''%E8%B4%A6%E6%9C%AC-2026-12-15.xlsx" in (
            got.headers["content-disposition"])
        again = await client.get(link.url)
        assert (again.status_code, again.text) == (410, USED)


async def test_forged_and_tampered_links_are_refused_and_leave_the_file(
        redis_url: str, redis_prefix: str, clock: Clock) -> None:
    async with served(redis_url, redis_prefix, clock) as (links, client):
        link = await links.issue(ALICE, DOC)
        file_id, expiry, signature = parts(link.url)
        flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
        later = str(int(expiry) + 86400)  # a longer life, signed by nobody
        async with served(redis_url, redis_prefix, clock, secret="x" * 40) as (other, _):
            wrong_key = other.sign(ALICE, file_id, int(expiry))
        for url in (
            links.url(file_id, int(expiry), flipped),
            links.url(file_id, int(later), signature),
            links.url(file_id, int(expiry), wrong_key),
            f"/files/{file_id}?e={expiry}",  # no signature
            f"/files/{file_id}?e=soon&s={signature}",
            f"/files/{file_id[:-1]}?e={expiry}&s={signature}",
        ):
            got = await client.get(url)
            assert (got.status_code, got.text) == (403, REFUSED), url
        # Not a file id at all: no route.
        assert (await client.get(f"/files/..%2F{file_id}?e={expiry}&s={signature}")
                ).status_code == 404
        assert (await client.get(link.url)).content == DOC.content  # refusals used nothing


async def test_a_link_made_for_another_account_does_not_open_this_file(
        redis_url: str, redis_prefix: str, clock: Clock) -> None:
    """Signed with the real secret, but for Bob: the file is Alice's, so it is refused."""
    async with served(redis_url, redis_prefix, clock) as (links, client):
        alices = await links.issue(ALICE, DOC)
        bobs = await links.issue(BOB, DOC.model_copy(update={"content": b"bob's book"}))
        file_id, expiry, _ = parts(alices.url)
        as_bob = links.url(file_id, int(expiry), links.sign(BOB, file_id, int(expiry)))
        got = await client.get(as_bob)
        assert (got.status_code, got.text) == (403, REFUSED)
        # Bob's own signature on Alice's file id, taken from Bob's real link: refused too.
        _, bob_expiry, bob_sig = parts(bobs.url)
        assert (await client.get(links.url(file_id, int(bob_expiry), bob_sig))).status_code == 403
        assert (await client.get(bobs.url)).content == b"bob's book"
        assert (await client.get(alices.url)).content == DOC.content


async def test_an_expired_link_is_refused(redis_url: str, redis_prefix: str,
                                          clock: Clock) -> None:
    async with served(redis_url, redis_prefix, clock) as (links, client):
        link = await links.issue(ALICE, DOC)
        clock.now += 601
        got = await client.get(link.url)
        assert (got.status_code, got.text) == (410, EXPIRED)
        unknown = links.url("A" * 22, int(clock.now) + 60,
                            links.sign(ALICE, "A" * 22, int(clock.now) + 60))
        assert (await client.get(unknown)).status_code == 410  # never issued


async def test_two_downloads_at_once_get_the_file_once(redis_url: str, redis_prefix: str,
                                                       clock: Clock) -> None:
    async with served(redis_url, redis_prefix, clock) as (links, client):
        link = await links.issue(ALICE, DOC)
        got = await asyncio.gather(*(client.get(link.url) for _ in range(8)))
        assert sorted(r.status_code for r in got) == [200] + [410] * 7


def test_the_link_secret_comes_from_the_environment_only(tmp_path: Path) -> None:
    file = tmp_path / "config.yaml"
    file.write_text(f"files:\n  link_secret: {SECRET}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="LEDGERBOT_FILES__LINK_SECRET"):
        load_config(file, env={})
    public = {"LEDGERBOT_FILES__PUBLIC_URL": "https://bot.example.com"}
    with pytest.raises(ConfigError, match="link_secret must be at least 32 bytes"):
        check_files_config(load_config(env={**public, "LEDGERBOT_FILES__LINK_SECRET": "short"}))
    check_files_config(load_config(env={**public, "LEDGERBOT_FILES__LINK_SECRET": SECRET}))
    check_files_config(load_config(env={}))  # no public URL: no links, nothing to check
    with pytest.raises(ConfigError, match="link_ttl_seconds"):
        load_config(env={"LEDGERBOT_FILES__LINK_TTL_SECONDS": "0"})


async def test_wechat_export_hands_over_a_link_that_downloads_the_workbook(
        bot_env: dict[str, str], fake_api: FakeWeChatApi) -> None:
    env = wechat_env(bot_env, api=fake_api, customer_service=True)
    env.update(LEDGERBOT_FILES__PUBLIC_URL="http://bot", LEDGERBOT_FILES__LINK_SECRET=SECRET)
    async with runtime(load_config(env=env)) as rt, webhook(rt) as p:
        assert "请确认" in (await p.say("oBook", "卖给老李5000盆千叶，一共10000元") or "")
        await p.say("oBook", "对")
        said = await p.say("oBook", "/export")
        assert said is not None and "10 分钟内有效，只能下载一次" in said
        assert "不能发文件" not in said  # the link, not the table as text
        [url] = [w for w in said.split() if w.startswith("http://bot/files/")]
        got = await p.client.get(url)
        assert got.status_code == 200
        wb = load_workbook(io.BytesIO(got.content))
        assert wb.sheetnames == ["账目", "应收", "应付", "周转筐", "商品"]
        assert [r[6] for r in wb["账目"].iter_rows(min_row=2, values_only=True)] == [10000]
        assert (await p.client.get(url)).status_code == 410
        # Another WeChat user's export gets its own link, for its own (empty) book.
        other = await p.say("oSomeoneElse", "导出")
        [other_url] = [w for w in (other or "").split() if w.startswith("http://bot/files/")]
        assert other_url != url
        rows = load_workbook(io.BytesIO((await p.client.get(other_url)).content))["账目"]
        assert rows.max_row == 1  # the header only


async def test_without_links_configured_wechat_shows_the_table_as_text(
        bot_env: dict[str, str], fake_api: FakeWeChatApi) -> None:
    async with runtime(load_config(env=wechat_env(bot_env, api=fake_api))) as rt, \
            webhook(rt) as p:
        await p.say("oText", "卖给老李5000盆千叶，一共10000元")
        await p.say("oText", "对")
        said = await p.say("oText", "/export")
    assert said is not None and "不能发文件" in said and "千叶" in said and "/files/" not in said
