"""Guidance for greetings, /help and messages the bot does not understand."""

from __future__ import annotations

import re

from bot.types import Reply
from handlers.turn import Turn

EXAMPLES = (
    "· 记账：「卖给老李5000盆千叶，一共10000元」「从老张那进了300盆月季每盆1块5」\n"
    "· 赊账/结账：「老王赊了100盆发财树，每盆12」「老王结账500」\n"
    "· 周转筐：「老李拿走了20个筐」「老李还了15个筐」\n"
    "· 查账：「今天卖了多少」「老李还欠多少」「外面还有几个筐」\n"
    "· 改错：「不对，是3000盆」；撤销上一笔：「撤销」"
)
WELCOME = "你好！我是好生意记账本，直接说话或发语音就能记账。\n" + EXAMPLES


async def help_reply(turn: Turn) -> Reply:
    return Reply(text=WELCOME)


GREETING = re.compile(
    r"^(?:你好|您好|嗨|哈喽|hi|hello|在吗|在不在|老板好|早上好|晚上好)[啊呀吗！!。.？?~～ ]*$",
    re.IGNORECASE,
)


async def not_understood(turn: Turn) -> Reply:
    if GREETING.match(turn.text.strip()):
        return Reply(text=WELCOME)
    return Reply(text="这句我没看懂，没有记账。可以这样说：\n" + EXAMPLES)
