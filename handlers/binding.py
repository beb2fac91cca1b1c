"""「绑定手机13800138000」: a chat account takes a phone number, after a confirmation card.

A bound phone logs in to the API (the app, the mini-program) with a code delivered into
this chat, so the token reaches the same books. One phone per account and one account per
phone: a phone that already belongs to another account (bound in another chat, or
registered through the API with an SMS code) is refused, never moved or merged, because
nothing here proves the vendor controls it.
"""

from __future__ import annotations

import re
import uuid

from pydantic import BaseModel, ConfigDict, Field

from chains.schemas import Intent
from handlers.messages import Action, Choice, Reply
from handlers.turn import Turn
from storage.accounts import PHONE, AccountRepository
from storage.state import DraftStore

_ASK = re.compile(
    r"^(?:请|帮我)?绑定?(?:一下)?(?:我的)?(?:手机号码|手机号|手机|电话号码|电话)(.*)$")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
BAD_NUMBER = "手机号要 11 位数字，比如：绑定手机13800138000。没有绑定。"
DRAFT_WAITING = "还有一笔账等你确认或取消，先处理它，再发「绑定手机…」。没有绑定。"
DECLINED = "好的，不绑定手机了。"
NOT_BOUND = "没有绑定成功，请再发一次「绑定手机…」。"
DROPPED = "（绑定手机没有确认，已取消；要绑定请重新发「绑定手机…」。）"


class PendingPhone(BaseModel):
    """A binding shown on a card, waiting for 对 (kept in Redis like a draft)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    phone: str


def asked_phone(text: str) -> str | None:
    """The digits after 绑定手机 ("" when they are not a phone number); None when the
    message is not a binding request."""
    found = _ASK.match(text.strip())
    if found is None:
        return None
    digits = re.sub(r"[\s\-：:是为]", "", found.group(1)).removeprefix("+86")
    return digits if _PHONE.match(digits) else ""


class PhoneBinding:
    def __init__(self, pending: DraftStore[PendingPhone]) -> None:
        self._pending = pending

    async def handle(self, turn: Turn, accounts: AccountRepository) -> tuple[list[Reply], bool]:
        """(replies, handled). Not handled: the dialogue answers, after these notes."""
        phone = asked_phone(turn.text) if turn.msg.action is None else None
        if phone is not None:
            return [await self._ask(turn, accounts, phone)], True
        pending = await self._pending.get(turn.chat_key)
        if pending is None:
            return [], False
        action = turn.msg.action
        if action is not None and action.draft_id != pending.id:
            return [], False  # a button of an entry card
        await self._pending.clear(turn.chat_key)
        yes = action.kind == "confirm" if action else turn.intent is Intent.CONFIRM
        no = action.kind == "cancel" if action else turn.intent is Intent.CANCEL
        if yes:
            return [await self._bind(turn, accounts, pending.phone)], True
        if no:
            return [Reply(text=DECLINED, kind="cancelled")], True
        return [Reply(text=DROPPED)], False

    async def _ask(self, turn: Turn, accounts: AccountRepository, phone: str) -> Reply:
        if not phone:
            return Reply(text=BAD_NUMBER)
        if turn.draft is not None:
            return Reply(text=DRAFT_WAITING)
        refusal = await _refusal(turn, accounts, phone)
        if refusal is not None:
            return Reply(text=refusal)
        pending = PendingPhone(phone=phone)
        await self._pending.save(turn.chat_key, pending)
        text = (f"把手机号 {phone} 绑定到这个账本？\n绑定后用这个手机号登录 App 或小程序，"
                "验证码会发到这个聊天里，看到的是同一本账。\n回复「对」绑定，「取消」不绑。")
        choices = (
            Choice(label="✅ 绑定", action=Action(kind="confirm", draft_id=pending.id)),
            Choice(label="❌ 取消", action=Action(kind="cancel", draft_id=pending.id)),
        )
        return Reply(text=text, kind="card", choices=choices)

    async def _bind(self, turn: Turn, accounts: AccountRepository, phone: str) -> Reply:
        refusal = await _refusal(turn, accounts, phone)
        if refusal is not None:  # someone took the phone between the card and 对
            return Reply(text=refusal)
        if await accounts.bind_phone(turn.account_id, phone, turn.chat_key):
            return Reply(text=f"✅ 已绑定手机 {phone}。用它登录 App 或小程序时，验证码会发到这个"
                         "聊天里。", kind="saved")
        return Reply(text=await _refusal(turn, accounts, phone) or NOT_BOUND)


async def _refusal(turn: Turn, accounts: AccountRepository, phone: str) -> str | None:
    mine = await accounts.phone_of(turn.account_id)
    if mine == phone:
        return f"这个账本已经绑定了手机 {phone}，不用再绑。"
    if mine is not None:
        return f"这个账本已经绑定了手机 {mine}，一个账本只能绑定一个手机号。没有绑定。"
    if await accounts.find(PHONE, phone) is not None:
        return ("这个手机号已经绑定了别的账本（或已经在 App 里注册过），不能再绑定到这里，"
                "也不会合并两本账。没有绑定。")
    return None
