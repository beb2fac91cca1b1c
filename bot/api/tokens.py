"""JWT Bearer tokens (HS256) with a revocation list in Redis keyed by `jti`, so every worker
refuses a logged-out token."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt
from redis.asyncio import Redis

ALGORITHM = "HS256"
# Every claim we rely on must be present: PyJWT accepts a token without `exp` otherwise.
REQUIRED = ["exp", "iat", "jti", "sub"]


class InvalidToken(Exception):
    """Forged, expired, revoked or malformed; the reason is for the log, not the client."""


@dataclass(frozen=True, slots=True)
class Claims:
    account_id: int
    phone: str
    jti: str
    expires_at: int


class TokenService:
    def __init__(
        self, redis: Redis, *, secret: bytes, ttl: int, issuer: str, prefix: str
    ) -> None:
        self._redis, self._secret, self._ttl = redis, secret, ttl
        self._issuer, self._prefix = issuer, prefix
        # Outside development check_api_config has already refused a key under 32 bytes;
        # a short key someone sets in development only gets PyJWT's warning.
        self._jwt = jwt.PyJWT(options={"enforce_minimum_key_length": len(secret) >= 32})

    @property
    def ttl(self) -> int:
        return self._ttl

    def issue(self, account_id: int, phone: str, *, now: float | None = None) -> str:
        issued = int(now if now is not None else time.time())
        payload = {
            "sub": str(account_id),
            "phone": phone,
            "iss": self._issuer,
            "iat": issued,
            "exp": issued + self._ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM)

    async def verify(self, token: str) -> Claims:
        try:
            payload = self._jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], issuer=self._issuer,
                options={"require": REQUIRED},
            )
            claims = Claims(
                account_id=int(payload["sub"]), phone=str(payload.get("phone", "")),
                jti=str(payload["jti"]), expires_at=int(payload["exp"]),
            )
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise InvalidToken(str(exc)) from exc
        if await self._redis.exists(self._deny_key(claims.jti)):
            raise InvalidToken("revoked")
        return claims

    async def revoke(self, claims: Claims) -> None:
        # The entry lives exactly as long as the token could have: EXAT needs Redis >= 6.2.
        await self._redis.set(self._deny_key(claims.jti), "1", exat=max(claims.expires_at,
                                                                        int(time.time()) + 1))

    def _deny_key(self, jti: str) -> str:
        return f"{self._prefix}:api:jwt-deny:{jti}"
