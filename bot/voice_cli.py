"""`ledgerbot voice retry`: hear kept recordings again once a recogniser works.

Each chat with unheard recordings gets one retry per run, through the dispatcher as if the
vendor had said 重新识别, so the transcript meets the normal dialogue (card → 对). One at a
time, because each card waits for the vendor; the answer says how many remain. Console
chats are answered here; Telegram and WeChat chats get the answer pushed into the chat.
"""

from __future__ import annotations

import argparse
import asyncio

from bot.config import Config
from handlers.messages import ChatRef, IncomingMessage
from storage.voice import VoiceRecords


def cmd_voice(args: argparse.Namespace, config: Config) -> int:
    from bot.app import runtime
    from bot.console import render
    from bot.push import ChatPush

    async def go() -> int:
        async with runtime(config, today=args.today) as rt:
            async with rt.sessions() as session:
                keys = await VoiceRecords(session).chats_waiting(
                    args.platform if args.user else None, args.user)
            if not keys:
                print("没有等着识别的语音。")
                return 0
            push = ChatPush(config, rt.redis)
            for key in keys:
                chat = ChatRef.from_key(key)
                replies = await rt.dispatcher.handle(IncomingMessage(chat=chat, text="重新识别"))
                if chat.platform == "console":
                    print(f"[{chat.user_id}]\n" + "\n\n".join(render(r) for r in replies))
                else:
                    print(f"[{key}] sent by {await push.push(chat, replies)}")
        return 0

    return asyncio.run(go())
