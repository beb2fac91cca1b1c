"""What a WeChat text cannot carry: charts and files.

A chart goes out as an image by 客服消息 after the text: drawn (a first chart in a worker
takes seconds: matplotlib's import), uploaded as temporary media (media/upload
type=image), then sent (msgtype image). All of that runs in the background, never on the
webhook's 5-second path: the text, with its figures, is the passive reply. When the
picture cannot go (no 客服消息 for this account, drawing or WeChat failed) the figures are
said in words instead.

A file (/export's XLSX, a statement) goes as a signed, expiring, once-only download link
(bot/links.py) for the account that asked; without links configured, its text is shown.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.charts import draw
from bot.links import FileLinks
from bot.wechat.api import ApiError, WeChatApi
from bot.wechat.render import join_texts, render_reply
from handlers.messages import Chart, Document, Reply
from storage.accounts import AccountRepository

log = logging.getLogger(__name__)
Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]
SayLate = Callable[[str, str], Awaitable[None]]  # (openid, text) by 客服消息
NO_PICTURE = "（图片没发出去，数字如下）"


class Attachments:
    def __init__(self, *, api: WeChatApi | None, pictures: bool, links: FileLinks | None,
                 sessions: async_sessionmaker[AsyncSession], spawn: Spawn,
                 say_late: SayLate) -> None:
        self._api = api if pictures else None
        self._links, self._sessions = links, sessions
        self._spawn, self._say_late = spawn, say_late

    async def render(self, openid: str, replies: Sequence[Reply]) -> str:
        """The replies as one text; their charts are sent after it, in the background."""
        texts = []
        for reply in replies:
            link = await self._link(openid, reply.document) if reply.document else None
            chart = reply.chart if self._api is not None else None
            if chart is not None:
                self._spawn(self._send_chart(openid, chart))
            texts.append(render_reply(reply, link=link, picture_follows=chart is not None))
        return join_texts(texts)

    async def _send_chart(self, openid: str, chart: Chart) -> None:
        assert self._api is not None
        png = await draw(chart)
        if png is not None:
            try:
                media_id = await self._api.upload_image(chart.filename, png)
                await self._api.send_image(openid, media_id)
                return
            except ApiError as exc:
                log.warning("chart for %s not sent as an image: %s", openid, exc)
        await self._say_late(openid, NO_PICTURE + "\n" + chart.fallback_text)

    async def _link(self, openid: str, doc: Document) -> str | None:
        if self._links is None or not self._links.fits(doc):
            return None
        async with self._sessions() as session:
            account_id = await AccountRepository(session).find("wechat", openid)
        if account_id is None:  # the dispatcher made the account: only a bug gets here
            log.error("no account for wechat user %s: no download link", openid)
            return None
        link = await self._links.issue(account_id, doc)
        minutes = max(1, self._links.ttl_seconds // 60)
        return (f"点开下载「{doc.filename}」（{minutes} 分钟内有效，只能下载一次）：\n"
                f"{link.url}")
