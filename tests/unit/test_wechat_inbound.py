"""WeChat XML → Inbound: kinds and dedup keys."""

from __future__ import annotations

import pytest

from bot.wechat.inbound import parse_inbound

HEAD = ("<xml><ToUserName><![CDATA[gh_x]]></ToUserName>"
        "<FromUserName><![CDATA[oUser1]]></FromUserName><CreateTime>1773540000</CreateTime>")


def test_text_message_keeps_the_64_bit_msg_id() -> None:
    got = parse_inbound(HEAD + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[卖给老李]]>"
                        "</Content><MsgId>7250021412600020992</MsgId></xml>")
    assert got is not None
    assert (got.kind, got.openid, got.account) == ("text", "oUser1", "gh_x")
    assert got.key == "7250021412600020992" and got.text == "卖给老李"
    assert got.created is not None and got.created.year == 2026


def test_voice_with_and_without_recognition() -> None:
    base = HEAD + "<MsgType>voice</MsgType><MediaId>m-1</MediaId><Format>amr</Format>"
    heard = parse_inbound(base + "<Recognition>卖了十盆</Recognition><MsgId>9</MsgId></xml>")
    silent = parse_inbound(base + "<MsgId>10</MsgId></xml>")
    assert heard is not None and silent is not None
    assert (heard.kind, heard.media_id, heard.recognition) == ("voice", "m-1", "卖了十盆")
    assert silent.recognition is None


def test_events_have_no_msg_id_so_they_use_sender_and_time() -> None:
    got = parse_inbound(HEAD + "<MsgType>event</MsgType><Event>subscribe</Event></xml>")
    assert got is not None and got.kind == "subscribe" and got.key == "evt:oUser1:1773540000"
    other = parse_inbound(HEAD + "<MsgType>event</MsgType><Event>CLICK</Event></xml>")
    assert other is not None and other.kind == "event"


def test_other_message_types_are_unsupported() -> None:
    got = parse_inbound(HEAD + "<MsgType>image</MsgType><PicUrl>u</PicUrl><MsgId>3</MsgId></xml>")
    assert got is not None and got.kind == "unsupported"


@pytest.mark.parametrize("xml", ["", "<xml>", "not xml", "<xml><MsgType>text</MsgType></xml>",
                                 "<root><a>1</a></root>", "<xml></xml>"])
def test_malformed_input_is_none(xml: str) -> None:
    assert parse_inbound(xml) is None
