"""Chinese validation messages: field labels, list indexes, rules."""

from __future__ import annotations

from bot.api.messages import field_message, label


def test_labels_name_fields_and_list_items() -> None:
    assert label("products.0.name") == "商品第1项名称"
    assert label("amount") == "金额"
    # Found by schemathesis: "³".isdigit() is True, but it is a key, not an index.
    assert label("³") == "³"
    assert label("users.١") == "往来人١"


def test_rules_read_as_one_sentence() -> None:
    assert field_message("amount", {"type": "greater_than_equal", "ctx": {"ge": 0.01}}) == (
        "金额必须大于0"
    )
    assert field_message("remark", {"type": "string_too_long", "ctx": {"max_length": 500}}) == (
        "备注最多500个字"
    )
    assert field_message("³", {"type": "extra_forbidden"}) == "³是不认识的字段"
    assert field_message("phone", {"type": "something_new"}) == "手机号取值不正确"


def test_an_unexpected_error_still_answers_in_the_uniform_shape() -> None:
    from fastapi import FastAPI
    from starlette.testclient import TestClient

    from bot.api.responses import install_error_handlers

    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500
    assert r.json() == {"code": 500, "message": "服务器内部错误", "data": None, "errors": []}
