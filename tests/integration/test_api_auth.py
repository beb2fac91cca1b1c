"""/api/v1/auth against real Redis and PostgreSQL: codes, tokens, revocation."""

from __future__ import annotations

import time

import jwt
import pytest

from bot.app import Runtime
from storage.accounts import AccountRepository
from tests.integration.api_support import (
    OTHER_PHONE,
    PHONE,
    api_context,
    assert_error,
    client,
    login,
    send_code,
)

pytestmark = pytest.mark.integration


async def test_register_then_login_gives_a_bearer_token_for_a_phone_account(rt: Runtime) -> None:
    async with client(rt) as c:
        r = await c.post("/api/v1/auth/sendVerificationCode", json={"phone": PHONE})
        body = r.json()
        assert body["code"] == 200 and body["message"] == "验证码已发送"
        code = body["data"]["code"]
        assert len(code) == 6 and code.isdigit()
        r = await c.post("/api/v1/auth/register", json={"phone": PHONE, "code": code})
        data = r.json()["data"]
        assert data["tokenType"] == "Bearer" and data["expiresIn"] == 604800
        claims = jwt.decode(data["token"], options={"verify_signature": False})
        assert claims["sub"] == str(data["userId"]) and claims["jti"]
        # Registering twice is refused; logging in works.
        again = await c.post("/api/v1/auth/register",
                             json={"phone": PHONE, "code": await send_code(c)})
        assert assert_error(again, 409)["errors"][0]["field"] == "phone"
    async with rt.sessions() as session:
        assert await AccountRepository(session).find("phone", PHONE) == data["userId"]


async def test_login_of_an_unknown_phone_is_refused(rt: Runtime) -> None:
    async with client(rt) as c:
        code = await send_code(c, OTHER_PHONE)
        r = await c.post("/api/v1/auth/login", json={"phone": OTHER_PHONE, "code": code})
        assert assert_error(r, 404)["message"] == "该手机号还没有注册"


async def test_a_code_is_single_use(rt: Runtime) -> None:
    async with client(rt) as c:
        code = await send_code(c)
        r = await c.post("/api/v1/auth/register", json={"phone": PHONE, "code": code})
        assert r.status_code == 200
        r = await c.post("/api/v1/auth/login", json={"phone": PHONE, "code": code})
        assert assert_error(r, 401)["errors"] == [
            {"field": "code", "message": "验证码已过期或未发送，请重新获取"}
        ]


async def test_the_sixth_try_is_refused_even_with_the_right_code(rt: Runtime) -> None:
    async with client(rt) as c:
        code = await send_code(c)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for _ in range(5):
            r = await c.post("/api/v1/auth/register", json={"phone": PHONE, "code": wrong})
            assert assert_error(r, 401)["message"] == "验证码不正确"
        r = await c.post("/api/v1/auth/register", json={"phone": PHONE, "code": code})
        assert assert_error(r, 401)["message"] == "验证码错误次数太多，请重新获取"


async def test_sending_is_rate_limited_per_phone_and_per_address(rt: Runtime) -> None:
    async with client(rt) as c:
        await send_code(c, fresh=False)
        r = await c.post("/api/v1/auth/sendVerificationCode", json={"phone": PHONE})
        assert_error(r, 429)
        limit = rt.config.api.send_per_ip_per_hour
        for i in range(limit - 1):
            await send_code(c, f"137{i:08d}", fresh=False)
        r = await c.post("/api/v1/auth/sendVerificationCode", json={"phone": "13600000000"})
        assert_error(r, 429)


async def test_a_phone_gets_at_most_ten_codes_a_day(rt: Runtime) -> None:
    async with client(rt) as c:
        for _ in range(rt.config.api.send_per_phone_per_day):
            await send_code(c)
        ctx = api_context(c)
        await ctx.redis.delete(f"{ctx.config.storage.redis_prefix}:api:sent:{PHONE}")
        r = await c.post("/api/v1/auth/sendVerificationCode", json={"phone": PHONE})
        assert_error(r, 429)


async def test_bad_phone_and_code_are_422_in_the_uniform_shape(rt: Runtime) -> None:
    async with client(rt) as c:
        r = await c.post("/api/v1/auth/sendVerificationCode", json={"phone": "12345"})
        body = assert_error(r, 422)
        assert body["errors"] == [{"field": "phone", "message": "手机号格式不正确"}]
        r = await c.post("/api/v1/auth/login", json={"phone": PHONE, "code": "12ab"})
        assert assert_error(r, 422)["errors"][0]["field"] == "code"
        r = await c.post("/api/v1/auth/login", content=b"{not json",
                         headers={"Content-Type": "application/json"})
        assert_error(r, 422)


async def test_forged_expired_revoked_and_malformed_tokens_are_refused(rt: Runtime) -> None:
    async with client(rt) as c:
        headers = await login(c)
        assert (await c.get("/api/v1/user/userInfo", headers=headers)).status_code == 200
        token = headers["Authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, options={"verify_signature": False})
        forged = jwt.encode(claims, "x" * 32 + "not-the-secret", algorithm="HS256")
        unsigned = jwt.encode(claims, "", algorithm="none")
        tokens = api_context(c).tokens
        expired = tokens.issue(int(claims["sub"]), PHONE, now=time.time() - 604800 - 10)
        for bad in (forged, unsigned, expired, "garbage", ""):
            r = await c.get("/api/v1/user/userInfo", headers={"Authorization": f"Bearer {bad}"})
            assert assert_error(r, 401)["message"] in ("登录已失效，请重新登录", "请先登录")
        assert_error(await c.get("/api/v1/user/userInfo"), 401)
        # Logout revokes this token for every worker (Redis), not others of the same phone.
        other = await login(c)
        assert (await c.post("/api/v1/auth/logout", headers=headers)).json()["code"] == 200
        r = await c.get("/api/v1/user/userInfo", headers=headers)
        assert assert_error(r, 401)["message"] == "登录已失效，请重新登录"
        assert (await c.get("/api/v1/user/userInfo", headers=other)).status_code == 200
