"""/auth: a login code by SMS, then register or log in for a Bearer token; logout revokes it.

A phone's account is a real ledger account: identity platform "phone", platform user id the
phone number, resolved by the same AccountRepository as chat identities.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from bot.api.codes import Verdict
from bot.api.context import ApiContext, Ctx, CurrentClaims
from bot.api.fields import Code, Phone
from bot.api.responses import (
    AUTH_ERRORS,
    CONFLICT,
    ERRORS,
    NOT_FOUND,
    UPSTREAM,
    ApiError,
    Envelope,
    field_error,
    ok,
)
from bot.api.sms import SendFailed
from storage.accounts import PHONE, AccountRepository

PLATFORM = PHONE
router = APIRouter(prefix="/auth", tags=["auth"])


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SendCodeBody(_Body):
    phone: Phone


class LoginBody(_Body):
    phone: Phone
    code: Code


class CodeSent(BaseModel):
    expiresIn: int = Field(description="验证码有效秒数")
    code: str | None = Field(None, description="仅开发环境返回验证码")


class TokenData(BaseModel):
    token: str
    tokenType: str = "Bearer"
    expiresIn: int
    userId: int


class Empty(BaseModel):
    pass


@router.post(
    "/sendVerificationCode", response_model=Envelope[CodeSent], responses={**ERRORS, **UPSTREAM}
)
async def send_code(body: SendCodeBody, request: Request, ctx: Ctx) -> Envelope[CodeSent]:
    client = request.client.host if request.client else "unknown"
    if not await ctx.codes.may_send(body.phone, client):
        raise ApiError(429, "验证码发送太频繁，请稍后再试")
    code = await ctx.codes.issue(body.phone)
    try:
        await ctx.sender.send(body.phone, code)
    except SendFailed:
        await ctx.codes.forget_send(body.phone)
        raise ApiError(502, "短信发送失败，请稍后再试") from None
    # The code travels in the answer only in development; production sends it by SMS alone.
    shown = code if ctx.development else None
    return ok(CodeSent(expiresIn=ctx.config.api.code_ttl_seconds, code=shown), "验证码已发送")


@router.post(
    "/register", response_model=Envelope[TokenData], responses={**AUTH_ERRORS, **CONFLICT}
)
async def register(body: LoginBody, ctx: Ctx) -> Envelope[TokenData]:
    await _check_code(ctx, body)
    async with ctx.sessions.begin() as session:
        accounts = AccountRepository(session)
        if await accounts.find(PLATFORM, body.phone) is not None:
            raise field_error(409, "phone", "该手机号已注册，请直接登录")
        account_id = await accounts.resolve(PLATFORM, body.phone)
    return ok(_token(ctx, account_id, body.phone), "注册成功")


@router.post("/login", response_model=Envelope[TokenData], responses={**AUTH_ERRORS, **NOT_FOUND})
async def login(body: LoginBody, ctx: Ctx) -> Envelope[TokenData]:
    await _check_code(ctx, body)
    async with ctx.sessions() as session:
        account_id = await AccountRepository(session).find(PLATFORM, body.phone)
    if account_id is None:
        raise field_error(404, "phone", "该手机号还没有注册")
    return ok(_token(ctx, account_id, body.phone), "登录成功")


@router.post("/logout", response_model=Envelope[Empty], responses=AUTH_ERRORS)
async def logout(claims: CurrentClaims, ctx: Ctx) -> Envelope[Empty]:
    await ctx.tokens.revoke(claims)
    return ok(Empty(), "已退出登录")


async def _check_code(ctx: ApiContext, body: LoginBody) -> None:
    verdict = await ctx.codes.verify(body.phone, body.code)
    if verdict is Verdict.OK:
        return
    message = {
        Verdict.WRONG: "验证码不正确",
        Verdict.EXPIRED: "验证码已过期或未发送，请重新获取",
        Verdict.LOCKED: "验证码错误次数太多，请重新获取",
    }[verdict]
    # 401: the code is the credential, and it did not authenticate.
    raise field_error(401, "code", message)


def _token(ctx: ApiContext, account_id: int, phone: str) -> TokenData:
    return TokenData(
        token=ctx.tokens.issue(account_id, phone), expiresIn=ctx.tokens.ttl, userId=account_id
    )
