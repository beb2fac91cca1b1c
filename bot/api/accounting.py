"""/accounting: what a message or a voice note would record, through the same extractor and
speech service as chat. Nothing is saved as an entry; the client shows the parse and then
creates the entry with POST /transactions.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from bot.api.context import ApiContext, Ctx, CurrentClaims
from bot.api.fields import IsoDate, Message
from bot.api.responses import (
    AUTH_ERRORS,
    TOO_BIG,
    UPSTREAM,
    ApiError,
    Envelope,
    field_error,
    ok,
)
from bot.api.transactions import ContainerOut, ProductOut
from chains.schemas import ExtractContext
from handlers.messages import UserFacingError, VoiceInput
from ledger import EntryType
from storage.repositories import LedgerRepository

router = APIRouter(prefix="/accounting", tags=["accounting"])
CHUNK = 64 * 1024


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
    claims: CurrentClaims,
    ctx: Ctx,
    file: Annotated[UploadFile, File(description="语音文件（amr/mp3/m4a/wav/silk…）")],
    duration: Annotated[
        float, Form(ge=0, le=3600, description="秒（0 = 不知道）；超过上限直接拒绝")
    ] = 0,
) -> Envelope[VoiceResult]:
    if ctx.speech is None:
        raise ApiError(502, "语音识别还没有配置，请打字记账")
    limit = ctx.config.speech.max_duration_seconds
    if duration > limit:
        raise field_error(400, "duration", f"语音太长了（最长 {limit} 秒）")
    with tempfile.TemporaryDirectory(prefix="ledgerbot-api-") as tmp:
        path = await _save_upload(file, Path(tmp), ctx.config.speech.max_bytes)
        async with ctx.sessions() as session:
            users, products, _ = await LedgerRepository(session).known_names("phone", claims.phone)
        try:
            heard = await ctx.speech.transcribe(VoiceInput(path=path), sorted(users | products))
        except UserFacingError as exc:
            raise field_error(400, "file", str(exc)) from None
    text = heard.text.strip()
    if not text:
        raise field_error(400, "file", "没听清，请再说一遍或打字")
    result = await _parse(ctx, claims.phone, text[:500], None)
    return ok(VoiceResult(result=result, file_path=heard.stored_path, text=text),
              "识别成功（未保存）")


async def _save_upload(file: UploadFile, folder: Path, max_bytes: int) -> Path:
    """Copy the upload to a file, refusing it as soon as it passes the size limit."""
    suffix = Path(file.filename or "voice").suffix[:10]
    path = folder / f"upload{suffix}"
    size = 0
    with path.open("wb") as out:
        while chunk := await file.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise field_error(413, "file", f"语音文件太大了（最大 {max_bytes // 1048576} MB）")
            out.write(chunk)
    if size == 0:
        raise field_error(400, "file", "语音文件是空的")
    return path


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
