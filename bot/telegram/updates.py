"""PTB handlers: each update becomes one IncomingMessage for the Dispatcher, and its
Replies go back to the chat. Button presses also settle the card they were pressed on."""

from __future__ import annotations

import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError
from telegram import Bot, CallbackQuery, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.settings import TelegramSettings
from bot.split import split_text
from bot.telegram.cards import CardMemory
from bot.telegram.mapping import chat_ref, to_incoming
from bot.telegram.media import Attachment, TooLarge, audio_attachment, downloaded
from bot.telegram.outgoing import send_reply, strip_buttons
from handlers.dispatch import Dispatcher
from handlers.messages import Action, ChatRef, Reply, VoiceInput

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
UNSUPPORTED = "目前只能记文字和语音消息，图片、表情等看不懂。这条没有记账。"
NOT_YOURS = "这不是你的账单卡片。"
OUTAGE = "暂时出了问题，什么都没有改动，请稍后再按。"
TOO_LARGE = "语音文件太大（超过 {mb:.1f} MB），请说短一点或打字。这条没有记账。"
DOWNLOAD_FAILED = "语音没有收到完整，请再发一次或打字。这条没有记账。"
# Actions whose answer is the card's final state: the card is edited to show it.
SETTLED = frozenset({"saved", "cancelled"})


class TelegramBridge:
    def __init__(self, settings: TelegramSettings, dispatcher: Dispatcher, redis: Redis) -> None:
        self._dispatcher = dispatcher
        self._limit = settings.telegram.max_message_chars
        self._max_voice_bytes = settings.max_voice_bytes
        self._cards = CardMemory(redis, prefix=settings.redis_prefix,
                                 ttl_seconds=settings.card_ttl_seconds)
        self._downloads = settings.download_dir

    def install(self, app: Application) -> None:  # type: ignore[type-arg]
        audio = filters.VOICE | filters.AUDIO | filters.Document.Category("audio/")
        message = filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(message & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(message & audio, self.on_audio))
        app.add_handler(MessageHandler(message & ~filters.StatusUpdate.ALL, self.on_other))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_error_handler(self.on_error)

    async def on_text(self, update: Update, context: Context) -> None:
        ref, message = chat_ref(update), update.message
        if ref is None or message is None or message.text is None:
            return
        # The dispatcher takes the chat's lock (every process); replies go out in order.
        replies = await self._dispatcher.handle(to_incoming(update, ref, text=message.text))
        await self._deliver(context.bot, ref, replies)

    async def on_audio(self, update: Update, context: Context) -> None:
        ref, message = chat_ref(update), update.message
        if ref is None or message is None or (attachment := audio_attachment(message)) is None:
            return
        await self._deliver(context.bot, ref, await self._hear(update, ref, attachment))

    async def _hear(self, update: Update, ref: ChatRef, attachment: Attachment) -> list[Reply]:
        try:
            async with downloaded(attachment, self._downloads, self._max_voice_bytes) as path:
                msg = to_incoming(update, ref, voice=VoiceInput(path=path))
                return await self._dispatcher.handle(msg)
        except TooLarge as exc:
            return [Reply(text=TOO_LARGE.format(mb=exc.args[0] / 1_000_000))]
        except TelegramError:  # getFile or the download failed even after retries
            log.exception("could not download telegram voice of update %s", update.update_id)
            return [Reply(text=DOWNLOAD_FAILED)]

    async def on_other(self, update: Update, context: Context) -> None:
        if (ref := chat_ref(update)) is not None:
            await self._deliver(context.bot, ref, [Reply(text=UNSUPPORTED)], keep_card=True)

    async def on_button(self, update: Update, context: Context) -> None:
        query, ref = update.callback_query, chat_ref(update)
        if query is None or ref is None or not query.data:
            return
        action = Action.decode(query.data)
        if action is None:  # not a button we sent (or from an older version of the bot)
            await _answer(query, None)
            return
        toast: str | None = None
        try:
            card = query.message if isinstance(query.message, Message) else None
            try:
                owner = await self._cards.owner(ref.chat_id, card.message_id) if card else None
            except RedisError:  # cannot tell whose card it is: press nothing, say so
                log.exception("card owner unknown: Redis unreachable")
                toast = OUTAGE
                return
            if owner not in (None, ref.user_id):
                toast = NOT_YOURS
                return
            incoming = to_incoming(update, ref, action=action)
            replies = await self._dispatcher.handle(incoming)
            if replies:  # [] = a redelivered press, already answered
                await self._settle(context.bot, ref, query, card, replies)
        finally:
            await _answer(query, toast)

    async def _settle(self, bot: Bot, ref: ChatRef, query: CallbackQuery, card: Message | None,
                      replies: list[Reply]) -> None:
        """Edit the pressed card to its final state; anything else goes out as new messages."""
        first = replies[0]
        final = first.kind in SETTLED and not (first.choices or first.document or first.chart)
        if card is not None:
            if final and await _edit(query, final_text(first), self._limit):
                replies = replies[1:]
            else:
                await strip_buttons(bot, card.chat_id, card.message_id)
            await self._cards.forget(ref, card.message_id)
        await self._deliver(bot, ref, replies)

    async def _deliver(self, bot: Bot, ref: ChatRef, replies: list[Reply], *,
                       keep_card: bool = False) -> None:
        """Send replies; the newest card keeps its buttons, the previous one loses them."""
        if not replies:
            return
        newest: int | None = None
        for reply in replies:
            card = await send_reply(bot, ref.chat_id, reply, self._limit)
            newest = card.message_id if card is not None else newest
        if keep_card and newest is None:
            return
        previous = await self._cards.replace(ref, newest)
        if previous is not None and previous != newest:
            await strip_buttons(bot, ref.chat_id, previous)

    async def on_error(self, update: object, context: Context) -> None:
        """PTB swallows handler exceptions; without this they would vanish."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)


def final_text(reply: Reply) -> str:
    """The settled card: a cancelled one is marked ❌ like a saved one is marked ✅."""
    return f"❌ {reply.text}" if reply.kind == "cancelled" else reply.text


async def _edit(query: CallbackQuery, text: str, limit: int) -> bool:
    """Replace the card's text and drop its buttons (no reply_markup = none)."""
    try:
        await query.edit_message_text(split_text(text, limit)[0])
    except BadRequest as exc:  # card too old or deleted: say it in a new message instead
        log.info("could not edit card: %s", exc)
        return False
    return True


async def _answer(query: CallbackQuery, toast: str | None) -> None:
    """Always answered, or the user's client keeps spinning on the button."""
    try:
        await query.answer(toast)
    except BadRequest as exc:  # the query expired (Telegram allows a few seconds)
        log.debug("callback query not answered: %s", exc)
