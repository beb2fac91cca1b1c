"""Login codes by the Aliyun SMS adapter (real HTTP client, local stand-in)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.api.sms import rpc_signature
from bot.app import Runtime, runtime
from bot.config import load_config
from tests.fakes.aliyun_sms import KEY_ID, SECRET, AliyunSmsStandIn
from tests.integration.api_support import PHONE, assert_error, client

pytestmark = pytest.mark.integration
URL = "/api/v1/auth/sendVerificationCode"


def test_signature_matches_aliyuns_documented_example() -> None:
    # The worked example of Aliyun's "RPC signature" page (SendSms, testId/testSecret).
    params = {
        "AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123",
        "PhoneNumbers": "15300000001", "RegionId": "cn-hangzhou",
        "SignName": "阿里云短信测试专用", "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466", "SignatureVersion": "1.0",
        "TemplateCode": "SMS_71390007", "TemplateParam": '{"customer":"test"}',
        "Timestamp": "2017-07-12T02:42:19Z", "Version": "2017-05-25",
    }
    assert rpc_signature(params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


@pytest.fixture
def sms() -> Iterator[AliyunSmsStandIn]:
    with AliyunSmsStandIn() as s:
        yield s


def _env(bot_env: dict[str, str], sms: AliyunSmsStandIn, **extra: str) -> dict[str, str]:
    return {
        **bot_env,
        "LEDGERBOT_API__SMS_PROVIDER": "aliyun",
        "LEDGERBOT_API__ALIYUN_ENDPOINT": f"{sms.base_url}/",
        "LEDGERBOT_API__ALIYUN_ACCESS_KEY_ID": KEY_ID,
        "LEDGERBOT_API__ALIYUN_ACCESS_KEY_SECRET": SECRET,
        "LEDGERBOT_API__ALIYUN_SIGN_NAME": "好生意记账本",
        "LEDGERBOT_API__ALIYUN_TEMPLATE_CODE": "SMS_000001",
        "LEDGERBOT_API__SMS_TIMEOUT_SECONDS": "1.0",
        **extra,
    }


@pytest.fixture
async def sms_rt(
    bot_env: dict[str, str], sms: AliyunSmsStandIn, today: dt.date
) -> AsyncIterator[Runtime]:
    async with runtime(load_config(env=_env(bot_env, sms)), today=today) as rt:
        yield rt


async def test_a_code_is_sent_by_sms_signed_and_usable(
    sms_rt: Runtime, sms: AliyunSmsStandIn
) -> None:
    async with client(sms_rt) as c:
        r = await c.post(URL, json={"phone": PHONE})
        assert r.status_code == 200, r.text
        assert sms.seen.problems == [] and len(sms.sent) == 1
        sent = sms.sent[0]
        assert sent["PhoneNumbers"] == PHONE and sent["Action"] == "SendSms"
        assert sent["SignName"] == "好生意记账本" and sent["TemplateCode"] == "SMS_000001"
        code = json.loads(sent["TemplateParam"])["code"]
        r = await c.post("/api/v1/auth/register", json={"phone": PHONE, "code": code})
        assert r.status_code == 200, r.text


@pytest.mark.parametrize(("answer", "delay"), [("isv.BUSINESS_LIMIT_CONTROL", 0.0), ("OK", 3.0)])
async def test_a_refused_or_hung_sms_is_502_and_can_be_retried_at_once(
    bot_env: dict[str, str], today: dt.date, answer: str, delay: float
) -> None:
    with AliyunSmsStandIn(answer_code=answer, delay=delay) as sms:
        config = load_config(env=_env(bot_env, sms))
        async with runtime(config, today=today) as rt, client(rt) as c:
            r = await c.post(URL, json={"phone": PHONE})
            assert assert_error(r, 502)["message"] == "短信发送失败，请稍后再试"
            sms.answer_code, sms.delay = "OK", 0.0
            r = await c.post(URL, json={"phone": PHONE})
            assert r.status_code == 200, r.text
