"""/accounting: what a message or a voice note would record, through the same extractor and
speech service as chat. Nothing is saved as an entry; the client shows the parse and then
creates the entry with POST /transactions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from bot.api.context import ApiContext, Ctx, CurrentClaims
from bot.api.fields import IsoDate, Message
from bot.api.responses import AUTH_ERRORS, TOO_BIG, UPSTREAM, Envelope, field_error, ok
from bot.api.transactions import ContainerOut, ProductOut
from bot.api.voice import Duration, VoiceFile, hear_upload
from chains.schemas import ExtractContext
from ledger import EntryType
from storage.repositories import LedgerRepository

router = APIRouter(prefix="/accounting", tags=["accounting"])


class TextBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Message
    date: IsoDate | None = Field(None, description="“今天”指哪天；默认服务器的今天")


class ParsedEntry(BaseModel):
    """`ledger.Entry.answer()`: the GUIDE's field names; `missing` lists what chat would ask."""

    type: EntryType
    users: list[str]
    products: list[ProductOut]
    containers: list[ContainerOut]
    amount: float | None
    date: dt.date
    missing: list[str]
    category: str | None
    paid: float | None = None
    remark: str | None = None


class ParseResult(BaseModel):
    intent: str
    confidence: float
    entries: list[ParsedEntry]
    answer: dict[str, Any] = Field(description="与聊天相同的解析结果")


class VoiceResult(BaseModel):
    result: ParseResult
    file_path: str
    text: str


@router.post("/text", response_model=Envelope[ParseResult], responses=AUTH_ERRORS)
async def from_text(body: TextBody, claims: CurrentClaims, ctx: Ctx) -> Envelope[ParseResult]:
    result = await _parse(ctx, claims.phone, body.text, body.date)
    return ok(result, "解析成功（未保存）")


@router.post("/voice", response_model=Envelope[VoiceResult],
             responses={**AUTH_ERRORS, **UPSTREAM, **TOO_BIG})
async def from_voice(
    claims: CurrentClaims, ctx: Ctx, file: VoiceFile, duration: Duration = 0
) -> Envelope[VoiceResult]:
    done = await hear_upload(ctx, claims, file, duration)
    if done.transcript is None:
        # Kept as an unheard voice record (GET /voice/records); nothing to parse yet.
        assert done.problem is not None
        status = 400 if done.problem.reason == "not_heard" else 502
        raise field_error(status, "file", str(done.problem))
    text = done.transcript.text.strip()
    result = await _parse(ctx, claims.phone, text[:500], None)
    return ok(VoiceResult(result=result, file_path=done.transcript.stored_path, text=text),
              "识别成功（未保存）")


async def _parse(
    ctx: ApiContext, phone: str, text: str, date: dt.date | None
) -> ParseResult:
    async with ctx.sessions() as session:
        users, products, units = await LedgerRepository(session).known_names("phone", phone)
    context = ExtractContext(
        known_users=tuple(sorted(users)), known_products=tuple(sorted(products)),
        known_units=tuple(sorted(units)),
    )
    extraction = await ctx.extractor.extract(text, date or ctx.today(), context)
    parse = extraction.parse
    return ParseResult(
        intent=parse.intent.value, confidence=parse.confidence,
        entries=[ParsedEntry.model_validate(e.answer()) for e in parse.entries],
        answer=parse.to_answer(),
    )
