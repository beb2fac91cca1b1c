"""What every /api/v1 handler may use, built once from the outer app's runtime.

The API is a FastAPI app mounted inside the Starlette app of `ledgerbot serve`; a mounted
app's lifespan never runs, so nothing here is started by FastAPI: the runtime's engine,
Redis, extractor and speech service are shared with the chat channels.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.api.codes import CodeStore
from bot.api.delivery import ChatFirstSender
from bot.api.responses import ApiError
from bot.api.sms import CodeSender, build_sender
from bot.api.tokens import Claims, InvalidToken, TokenService
from bot.app import Runtime
from bot.config import Config, check_api_config
from bot.push import ChatPush
from chains.extractor import Extractor
from handlers.voice import Transcriber

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApiContext:
    config: Config
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis
    extractor: Extractor
    speech: Transcriber | None
    today: Callable[[], dt.date]
    codes: CodeStore
    tokens: TokenService
    sender: CodeSender

    @property
    def development(self) -> bool:
        return self.config.app.env == "development"


def build_context(rt: Runtime, sender: CodeSender | None = None) -> ApiContext:
    """ConfigError (refusing to start) for an unsafe production setup."""
    config = rt.config
    check_api_config(config)
    api, prefix = config.api, config.storage.redis_prefix
    return ApiContext(
        config=config,
        sessions=rt.sessions,
        redis=rt.redis,
        extractor=rt.dispatcher.services.extractor,
        speech=rt.dispatcher.services.speech,
        today=rt.today,
        codes=CodeStore(
            rt.redis, prefix=prefix, ttl=api.code_ttl_seconds, max_attempts=api.code_max_attempts,
            send_interval=api.send_interval_seconds, per_ip_per_hour=api.send_per_ip_per_hour,
            per_phone_per_day=api.send_per_phone_per_day,
        ),
        tokens=TokenService(
            rt.redis, secret=_secret(config), ttl=api.jwt_ttl_seconds, issuer=api.jwt_issuer,
            prefix=prefix,
        ),
        sender=ChatFirstSender(
            rt.sessions, ChatPush(config, rt.redis),
            sender or build_sender(api, development=config.app.env == "development"),
            ttl_seconds=api.code_ttl_seconds,
        ),
    )


def _secret(config: Config) -> bytes:
    if config.api.jwt_secret is not None and config.api.jwt_secret.get_secret_value():
        return config.api.jwt_secret.get_secret_value().encode()
    # Development only (check_api_config refuses this elsewhere): tokens of this process
    # stop working when it restarts. `serve --workers N` sets one secret for all workers.
    log.warning("LEDGERBOT_API__JWT_SECRET is not set: using a random development secret")
    return secrets.token_bytes(32)


def context(request: Request) -> ApiContext:
    ctx: ApiContext = request.app.state.ctx
    return ctx


Ctx = Annotated[ApiContext, Depends(context)]
_bearer = HTTPBearer(
    auto_error=False, description="登录后得到的 token：Authorization: Bearer <token>"
)


async def current_claims(
    ctx: Ctx, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Claims:
    """The caller's verified token; 401 for a missing, forged, expired or revoked one."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "请先登录", headers=challenge)
    try:
        return await ctx.tokens.verify(credentials.credentials)
    except InvalidToken as exc:
        log.info("refused token: %s", exc)
        raise ApiError(401, "登录已失效，请重新登录", headers=challenge) from None


CurrentClaims = Annotated[Claims, Depends(current_claims)]
