"""Telegram updates translated into the neutral IncomingMessage, and nothing more.

Identity: platform "telegram", user_id = the sender's Telegram id, chat_id = the chat's id,
so `ledgerbot export --platform telegram --user <id>` finds the vendor's entries.
"""

from __future__ import annotations

from telegram import Update

from handlers.messages import Action, ChatRef, IncomingMessage, VoiceInput


def chat_ref(update: Update) -> ChatRef | None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return None
    return ChatRef(platform="telegram", chat_id=str(chat.id), user_id=str(user.id))


def to_incoming(
    update: Update,
    ref: ChatRef,
    *,
    text: str = "",
    voice: VoiceInput | None = None,
    action: Action | None = None,
) -> IncomingMessage:
    """The update id is the dedup key: Telegram redelivers an update with the same id."""
    message = update.effective_message
    return IncomingMessage(
        chat=ref,
        text=text,
        voice=voice,
        action=action,
        message_id=str(update.update_id),
        received_at=message.date if message is not None else None,
    )
