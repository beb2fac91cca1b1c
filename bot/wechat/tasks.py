"""WeChat's tasks on the queue: a message's work, and late delivery of its reply."""

from __future__ import annotations

from typing import Any

from bot.queue.engine import TaskContext
from bot.queue.tasks import task
from bot.settings import wechat_settings
from bot.wechat.inbound import from_task
from bot.wechat.work import WeChatWork


def _work(ctx: TaskContext) -> WeChatWork:
    rt = ctx.runtime
    work: WeChatWork = ctx.shared(
        "wechat", lambda: WeChatWork(wechat_settings(rt.config), rt.dispatcher, rt.redis))
    return work


@task("wechat.message", time_limit_seconds=120.0)
async def message(ctx: TaskContext, inbound: dict[str, Any], kept: bool) -> None:
    """Voice download and recognition, extraction, the unit of work, then the reply is
    published for the waiting webhook (or sent late). Idempotent by MsgId."""
    await _work(ctx).run(from_task(inbound), kept)


@task("wechat.deliver")
async def deliver(ctx: TaskContext, openid: str, text: str) -> None:
    """A reply that no passive answer carried: 客服消息, else kept for the next message."""
    await _work(ctx).deliver_late(openid, text)


@task("wechat.send")
async def send(ctx: TaskContext, openid: str, parts: list[str]) -> None:
    """The rest of a long reply whose first part went out passively."""
    await _work(ctx).send(openid, parts)
