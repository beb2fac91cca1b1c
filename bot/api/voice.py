"""/voice: upload a voice note (kept as a voice record, heard when a recogniser works) and
list an account's recordings. The one place the API receives audio: /accounting/voice
uses `hear_upload` too, so both keep a voice record exactly as chat voice does.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel

from bot.api.context import ApiContext, Ctx, CurrentClaims
from bot.api.responses import AUTH_ERRORS, TOO_BIG, UPSTREAM, ApiError, Envelope, field_error, ok
from bot.api.tokens import Claims
from handlers.messages import UserFacingError, VoiceInput
from handlers.voice import NOT_HEARD, Transcript, Unheard
from storage.repositories import LedgerRepository
from storage.voice import VoiceRecord, VoiceRecords

router = APIRouter(prefix="/voice", tags=["voice"])
CHUNK = 64 * 1024
VoiceFile = Annotated[UploadFile, File(description="语音文件（amr/mp3/m4a/wav/silk…）")]
Duration = Annotated[
    float, Form(ge=0, le=3600, description="秒（0 = 不知道）；超过上限直接拒绝")
]


class VoiceRecordOut(BaseModel):
    id: int
    file_path: str
    duration: float
    text: str
    status: str  # heard | unheard (kept; heard later by 重新识别 in a bound chat)
    reason: str | None
    transaction_id: int | None
    created_at: dt.datetime


class VoicePage(BaseModel):
    items: list[VoiceRecordOut]
    total: int
    page: int
    pageSize: int


@dataclass(frozen=True)
class Upload:
    record_id: int
    transcript: Transcript | None  # None: kept unheard
    problem: Unheard | None = None


@router.post("/upload", response_model=Envelope[VoiceRecordOut],
             responses={**AUTH_ERRORS, **UPSTREAM, **TOO_BIG})
async def upload(
    claims: CurrentClaims, ctx: Ctx, file: VoiceFile, duration: Duration = 0
) -> Envelope[VoiceRecordOut]:
    done = await hear_upload(ctx, claims, file, duration)
    async with ctx.sessions() as session:
        record = await VoiceRecords(session).get(claims.account_id, done.record_id)
    assert record is not None  # written by this request, in this account
    message = "上传成功" if done.problem is None else f"已保存，但还没识别：{done.problem}"
    return ok(_out(record), message)


@router.get("/records", response_model=Envelope[VoicePage], responses=AUTH_ERRORS)
async def records(
    claims: CurrentClaims, ctx: Ctx,
    page: Annotated[int, Query(ge=1, le=10000)] = 1,
    page_size: Annotated[int, Query(alias="pageSize", ge=1, le=100)] = 20,
) -> Envelope[VoicePage]:
    async with ctx.sessions() as session:
        items, total = await VoiceRecords(session).page(
            claims.account_id, offset=(page - 1) * page_size, limit=page_size)
    return ok(VoicePage(items=[_out(r) for r in items], total=total, page=page,
                        pageSize=page_size))


async def hear_upload(ctx: ApiContext, claims: Claims, file: UploadFile,
                      duration: float) -> Upload:
    """Check, keep and hear an uploaded voice note, writing its voice record. Audio that can
    never be heard (empty, corrupt, too big, too long) is refused and not kept."""
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
        except Unheard as exc:
            return Upload(await _keep(ctx, claims, exc), None, exc)
        except UserFacingError as exc:
            raise field_error(400, "file", str(exc)) from None
    if not heard.text.strip():
        silent = Unheard(NOT_HEARD, stored_path=heard.stored_path, reason="not_heard",
                         duration_seconds=heard.duration_seconds)
        return Upload(await _keep(ctx, claims, silent), None, silent)
    async with ctx.sessions.begin() as session:
        record_id = await VoiceRecords(session).add(
            claims.account_id, file_path=heard.stored_path, duration=heard.duration_seconds,
            chat_key="", transcript=heard.text, recogniser=heard.recogniser)
    return Upload(record_id, heard)


async def _keep(ctx: ApiContext, claims: Claims, exc: Unheard) -> int:
    # No chat key: `ledgerbot voice retry` answers chats; 重新识别 in a chat bound to this
    # phone's account hears it (same books).
    async with ctx.sessions.begin() as session:
        return await VoiceRecords(session).add(
            claims.account_id, file_path=exc.stored_path, duration=exc.duration_seconds,
            chat_key="", reason=exc.reason)


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


def _out(r: VoiceRecord) -> VoiceRecordOut:
    return VoiceRecordOut(
        id=r.id, file_path=r.file_path, duration=float(r.duration_seconds), text=r.transcript,
        status=r.status, reason=r.reason, transaction_id=r.transaction_id,
        created_at=r.created_at,
    )

