"""Guidance for greetings, /help and messages the bot does not understand."""

from __future__ import annotations

import re

from handlers.messages import Reply
from handlers.turn import Turn

# Examples use Chinese numerals, as vendors speak them: digits in guidance would look like
# figures from the vendor's own books (and a reply must never show numbers it did not record).
EXAMPLES = (
    "· 记账：「卖给老李五百盆千叶，一共一千」「从老张那进了三百盆月季每盆一块五」\n"
    "· 赊账/结账：「老王赊了一百盆发财树，每盆十二，先付了五百」「老王结账五百」\n"
    "· 我欠的：「从老赵那赊了五百盆多肉，钱下个月给」「给老赵结了货款一千」\n"
    "· 费用/损耗/退款：「交了摊位费三百」「烂了两箱梨，损失一百六」「退给顾客三十块」\n"
    "· 周转筐：「老李拿走了二十个筐」「老李还了十五个筐」\n"
    "· 查账：「今天卖了多少」「老李还欠多少」「我欠供货商多少」「跟老李对一下账」\n"
    "· 回答追问：问一共多少钱时，说总数、单价（「一盆两块」）或数量（「三十五盆」）都行；"
    "损耗估不出价可以说「不知道」\n"
    "· 保存前改错：「不对，是三百盆」「单价是两块五」「日期是昨天」「是赊的」「对方是老王」"
    "「第二笔是六十」，几处可以一起说\n"
    "· 撤销：「撤销」删掉刚记的一笔；刚改完以前的账说「撤销」就改回原样\n"
    "· 改以前的账：「把昨天老李那笔改成三百五」「把前天老赵那笔删了」\n"
    "· 说不准的地方会先问你：少收的是抹零还是还欠着，多付的是货款还是预付"
)
INTRO = "你好！我是好生意记账本，直接说话或发语音就能记账。"
WELCOME = f"{INTRO}\n{EXAMPLES}\n发 /help 看全部命令。"


GREETING = re.compile(
    r"^(?:你好|您好|嗨|哈喽|hi|hello|在吗|在不在|老板好|早上好|晚上好)[啊呀吗！!。.？?~～ ]*$",
    re.IGNORECASE,
)


async def not_understood(turn: Turn) -> Reply:
    if GREETING.match(turn.text.strip()):
        return Reply(text=WELCOME)
    if turn.draft is not None:
        # With an entry pending, an unclear message is most likely a correction attempt: the
        # pending card (shown right after by the router) already says how to answer, so the
        # general examples would only bury it.
        return Reply(text="这句我没看懂，上一笔没有改动，也还没保存。")
    return Reply(text="这句我没看懂，没有记账。可以这样说：\n" + EXAMPLES)
