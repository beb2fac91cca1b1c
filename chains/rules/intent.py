"""Dialogue acts (confirm, cancel, undo) and messages that must change nothing.

A message is a dialogue act when nothing is left after taking away the act's words and
particles (「是的，就这么记」, 「这笔先别记了」). Instructions aimed at the bot, and
requests to wipe the books or zero a balance, are data, never commands: intent other.
"""

from __future__ import annotations

import re

from chains.schemas import Intent

_INJECTION_RE = re.compile(
    r"忽略|无视|之前的指令|以上的?指令|上面的?指令|你现在是|你是一个|你扮演|扮演|系统管理员|管理员"
    r"|开发者模式|越狱|不用遵守|不必遵守|不要遵守|遵守规则|新规则|system|prompt|ignore|指令"
    r"|清零|清空|归零|全部删|都删|全删|删光|删除所有|删掉所有|所有.{0,8}删|全部.{0,6}删|一笔勾销"
    r"|所有.{0,6}(?:作废|清掉|抹掉)|余额.{0,4}(?:改|设|变)成"
    # zeroing a balance in other words (欠款改成零), and standing orders to the bot about
    # every future entry (以后每笔都按一百万记): neither records anything
    r"|(?:改|设|变|调|弄|算)(?:成|为)(?:零|0)(?![\d.点万千百十块元毛])"
    r"|(?:以后|今后|往后|从现在起|从现在开始).{0,4}(?:每笔|每条|每次|所有|全部|一律)|每笔都"
    r"|(?:以后|今后|往后|从现在起|从现在开始).{0,8}(?:都|一律|统一|全)(?:按|算|记|当|改)"
    r"|(?:都|全|全部)清掉|改.{0,4}(?:规则|设置)|(?:规则|设置).{0,4}改"
    r"|假装|假设你|当你是|欠.{0,6}(?:抹掉|抹了|免了|免掉|勾掉|不要了)"
    r"|账.{0,3}(?:抹掉|免了|免掉|勾掉)"
)
_CONFIRM_WORDS = (
    "确认无误", "确认保存", "没问题", "没毛病", "就这么记", "就这样", "这么记", "确认", "确定",
    "保存", "没错", "正确", "可以", "好的", "好嘞", "对的", "对头", "是的", "记上", "记下",
    "记吧", "要得", "收到", "提交", "okay", "ok", "yes", "对", "是", "好", "行", "嗯", "妥",
    "中", "记", "存",
    # dialect: 东北 嗯呐, 粤 冇问题 / 记低佢 (write it down)
    "嗯呐", "冇问题", "无问题", "记低",
)
_CANCEL_WORDS = (
    "不用记了", "不要记了", "别记了", "不记了", "不要记", "不用记", "先别记", "不要了", "不用了",
    "取消", "算了", "作废", "放弃", "不存", "别存", "不要", "不记", "no",
    # dialect: 川渝 莫记, 粤 唔好记 / 唔记, 东北 拉倒
    "莫记", "唔好记", "唔使记", "唔记", "拉倒",
)
_PARTICLES = (
    "这一笔", "这一条", "这笔账", "这笔", "这条", "这单", "这个", "帮我", "给我", "一下",
    "那就", "吧", "了", "呐", "佢", "啊", "呀", "哈", "呢", "嘛", "啦", "的", "先", "就", "那",
    "把", "，",
    "、", "!", "?",
)
_ERASE_RE = re.compile(r"删掉|删了|删除|删|撤销|撤回|撤掉|撤了|撤")
_UNDO_VERB_RE = re.compile(r"作废|取消|不要了|去掉")
_UNDO_TARGET_RE = re.compile(
    r"上一?[笔条单个]|刚才|刚刚|最后一?[笔条单]|前一[笔条单]|那[笔条单]|上次|刚保存|刚记"
)
_ACT_RE = re.compile(
    "|".join(re.escape(w) for w in sorted(
        {*_CONFIRM_WORDS, *_CANCEL_WORDS, *_PARTICLES}, key=len, reverse=True))
)
_CANCEL_SET = frozenset(_CANCEL_WORDS)
_CONFIRM_SET = frozenset(_CONFIRM_WORDS)
_MAX_ACT = 24


# Chat apps put these a tap away; the brief names ✅ as a way to confirm.
_EMOJI_ACTS = {Intent.CONFIRM: set("✅✔☑👌👍🆗"), Intent.CANCEL: set("❌✖❎🙅🚫")}


def emoji_act(text: str) -> Intent | None:
    """A message of only confirm (✅ 👌) or only cancel (❌) emoji."""
    marks = {c for c in text if not c.isspace() and c != "\ufe0f"}
    for intent, emoji in _EMOJI_ACTS.items():
        if marks and marks <= emoji:
            return intent
    return None


def is_injection(text: str) -> bool:
    return bool(_INJECTION_RE.search(text))


def dialogue_act(text: str, *, has_draft: bool) -> Intent | None:
    if not text or len(text) > _MAX_ACT:
        return None
    if _is_undo(text):
        return Intent.CANCEL if has_draft else Intent.UNDO
    words = _ACT_RE.findall(text)
    if _ACT_RE.sub("", text):
        return None
    if any(w in _CANCEL_SET for w in words):
        return Intent.CANCEL
    if any(w in _CONFIRM_SET for w in words):
        return Intent.CONFIRM
    return None


def _is_undo(text: str) -> bool:
    if any(ch.isdigit() for ch in text):
        return False
    erase = _ERASE_RE.search(text)
    if _UNDO_TARGET_RE.search(text):
        return bool(erase or _UNDO_VERB_RE.search(text))
    # 撤销 / 删了吧 alone undo the last entry; 取消 alone cancels the draft
    return bool(erase) and not _ACT_RE.sub("", _ERASE_RE.sub("", text))
