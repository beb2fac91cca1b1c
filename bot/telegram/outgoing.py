"""Neutral Replies sent as Telegram messages: long text split below the limit, choices as
inline buttons, documents via sendDocument and charts via sendPhoto."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit
from telegram.error import BadRequest

from bot.charts import draw
from bot.split import split_text
from handlers.messages import Choice, Reply

log = logging.getLogger(__name__)


def keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    """One row of buttons; each carries only the action (Telegram allows 64 bytes)."""
    buttons = []
    for c in choices:
        data = c.action.encode()
        if len(data.encode()) > InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
            log.error("choice %r dropped: callback_data over 64 bytes", c.label)
            continue
        buttons.append(InlineKeyboardButton(c.label, callback_data=data))
    return InlineKeyboardMarkup([buttons]) if buttons else None


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply, limit: int) -> Message | None:
    """Send one reply; returns the message that carries its buttons, if it has any. A chart
    that cannot be drawn goes as its figures in words."""
    png = await draw(reply.chart) if reply.chart is not None else None
    if reply.chart is not None and png is None:
        reply = reply.model_copy(update={"text": reply.text_without_chart(), "chart": None})
    markup = keyboard(reply.choices)
    attachment = reply.document is not None or png is not None
    # A short text rides along as the file's caption; otherwise it goes first, on its own.
    caption = reply.text if attachment and markup is None and (
        len(reply.text) <= MessageLimit.CAPTION_LENGTH) else None
    card: Message | None = None
    if caption is None and reply.text:
        chunks = split_text(reply.text, limit)
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            sent = await bot.send_message(chat_id, chunk, reply_markup=markup if last else None)
            card = sent if last and markup is not None else card
    if reply.document is not None:
        doc = reply.document
        await bot.send_document(chat_id, doc.content, filename=doc.filename, caption=caption)
    if png is not None:
        assert reply.chart is not None
        await bot.send_photo(chat_id, png, filename=reply.chart.filename,
                             caption=None if reply.document is not None else caption)
    return card


async def strip_buttons(bot: Bot, chat_id: int | str, message_id: int) -> None:
    """Remove a card's buttons so an old card cannot act on a newer draft."""
    try:
        await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest as exc:  # already edited, deleted, or too old: nothing left to press
        log.info("could not remove buttons of message %s: %s", message_id, exc)
