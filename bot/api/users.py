"""/user/userInfo: the logged-in account's profile (nickname, avatar, phone, timestamps)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, UrlConstraints

from bot.api.context import Ctx, CurrentClaims
from bot.api.fields import Nickname
from bot.api.responses import AUTH_ERRORS, NOT_FOUND, ApiError, Envelope, ok
from storage.accounts import AccountRepository, Profile

router = APIRouter(prefix="/user", tags=["user"])
AvatarUrl = Annotated[
    HttpUrl, UrlConstraints(max_length=500, allowed_schemes=["http", "https"]),
    Field(description="http(s) 图片地址", examples=["https://example.com/a.png"]),
]


class UserInfo(BaseModel):
    id: int
    phone: str
    nickname: str | None
    avatar: str | None
    createdAt: dt.datetime
    updatedAt: dt.datetime


class UserInfoUpdate(BaseModel):
    """Only the fields sent change; null clears one."""

    model_config = ConfigDict(extra="forbid")

    nickname: Nickname | None = None
    avatar: AvatarUrl | None = None


@router.get("/userInfo", response_model=Envelope[UserInfo], responses={**AUTH_ERRORS, **NOT_FOUND})
async def get_user_info(claims: CurrentClaims, ctx: Ctx) -> Envelope[UserInfo]:
    async with ctx.sessions() as session:
        profile = await AccountRepository(session).profile(claims.account_id)
    return ok(_info(profile, claims.phone))


@router.put("/userInfo", response_model=Envelope[UserInfo], responses={**AUTH_ERRORS, **NOT_FOUND})
async def put_user_info(
    body: UserInfoUpdate, claims: CurrentClaims, ctx: Ctx
) -> Envelope[UserInfo]:
    changes = {
        k: (str(v) if v is not None else None)
        for k, v in body.model_dump(exclude_unset=True).items()
    }
    async with ctx.sessions.begin() as session:
        accounts = AccountRepository(session)
        profile = await (
            accounts.update_profile(claims.account_id, changes) if changes
            else accounts.profile(claims.account_id)
        )
    return ok(_info(profile, claims.phone), "已保存")


def _info(profile: Profile | None, phone: str) -> UserInfo:
    if profile is None:
        # A valid token whose account has since been removed.
        raise ApiError(404, "账户不存在")
    return UserInfo(
        id=profile.account_id, phone=phone, nickname=profile.nickname, avatar=profile.avatar,
        createdAt=profile.created_at, updatedAt=profile.updated_at,
    )
