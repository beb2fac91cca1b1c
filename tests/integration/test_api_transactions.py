"""/api/v1/transactions and /user/userInfo against real PostgreSQL: scoping, idempotency,
audit rows, filters, and the chat's view of API entries."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.app import Runtime
from handlers.export import to_jsonl
from storage.accounts import AccountRepository
from storage.models import AuditLogRow, TransactionRow
from storage.repositories import LedgerRepository
from tests.integration.api_support import OTHER_PHONE, PHONE, assert_error, client, login

pytestmark = pytest.mark.integration
URL = "/api/v1/transactions"
CREDIT: dict[str, Any] = {
    "type": "credit",
    "amount": 350.5,
    "paid": 100,
    "transaction_date": "2026-03-14",
    "users": ["老李"],
    "products": [{"name": "白菜", "quantity": 100, "unit": "斤", "unit_price": 3.5}],
    "remark": "下周结",
}


async def test_create_read_update_delete_with_audit_rows(rt: Runtime) -> None:
    async with client(rt) as c:
        h = await login(c)
        body = {**CREDIT, "products": [{"name": "白菜", "quantity": 100, "unit": "斤"}]}
        r = await c.post(URL, json=body, headers=h)
        assert r.status_code == 201, r.text
        created = r.json()["data"]
        assert created["amount"] == 350.5 and created["paid"] == 100
        assert created["users"] == ["老李"] and created["transaction_date"] == "2026-03-14"
        tid = created["id"]
        assert (await c.get(f"{URL}/{tid}", headers=h)).json()["data"] == created
        r = await c.put(f"{URL}/{tid}", json={**body, "amount": 400, "paid": 0}, headers=h)
        assert r.json()["data"]["amount"] == 400 and r.json()["message"] == "已修改"
        r = await c.delete(f"{URL}/{tid}", headers=h)
        assert r.json() == {"code": 200, "message": "已删除", "data": {"id": tid}}
        assert_error(await c.get(f"{URL}/{tid}", headers=h), 404)
        assert_error(await c.delete(f"{URL}/{tid}", headers=h), 404)
    async with rt.sessions() as session:
        audit = (await session.execute(
            select(AuditLogRow).where(AuditLogRow.transaction_id == tid).order_by(AuditLogRow.id)
        )).scalars().all()
        row = await session.get(TransactionRow, tid)
    assert [a.action for a in audit] == ["create", "update", "delete"]
    assert audit[1].before is not None and audit[1].before["amount"] == 350.5
    assert audit[1].after is not None and audit[1].after["amount"] == 400
    assert audit[2].actor == f"phone:{PHONE}"
    assert row is not None and row.status == "deleted"


async def test_another_accounts_entry_is_not_found(rt: Runtime) -> None:
    async with client(rt) as c:
        mine = await login(c)
        theirs = await login(c, OTHER_PHONE)
        tid = (await c.post(URL, json=CREDIT, headers=mine)).json()["data"]["id"]
        assert_error(await c.get(f"{URL}/{tid}", headers=theirs), 404)
        assert_error(await c.put(f"{URL}/{tid}", json=CREDIT, headers=theirs), 404)
        assert_error(await c.delete(f"{URL}/{tid}", headers=theirs), 404)
        assert (await c.get(URL, headers=theirs)).json()["data"]["total"] == 0
        assert (await c.get(f"{URL}/{tid}", headers=mine)).status_code == 200


async def test_an_idempotent_create_retried_three_times_saves_once(rt: Runtime) -> None:
    async with client(rt) as c:
        h = {**await login(c), "Idempotency-Key": "order-2026-03-14-001"}
        answers = [await c.post(URL, json=CREDIT, headers=h) for _ in range(4)]
        assert [a.status_code for a in answers] == [201, 200, 200, 200]
        assert len({a.json()["data"]["id"] for a in answers}) == 1
        # The same key from another account is a different entry.
        other = {**await login(c, OTHER_PHONE), "Idempotency-Key": "order-2026-03-14-001"}
        assert (await c.post(URL, json=CREDIT, headers=other)).status_code == 201
    async with rt.sessions() as session:
        rows = (await session.execute(select(TransactionRow))).scalars().all()
        audits = (await session.execute(select(AuditLogRow))).scalars().all()
    assert len(rows) == 2 and len(audits) == 2


async def test_replaying_the_key_of_a_deleted_entry_is_a_conflict(rt: Runtime) -> None:
    async with client(rt) as c:
        h = {**await login(c), "Idempotency-Key": "k-1"}
        tid = (await c.post(URL, json=CREDIT, headers=h)).json()["data"]["id"]
        assert (await c.delete(f"{URL}/{tid}", headers=h)).status_code == 200
        assert_error(await c.post(URL, json=CREDIT, headers=h), 409)


async def test_an_api_entry_is_in_the_chats_export_for_the_same_account(rt: Runtime) -> None:
    async with client(rt) as c:
        h = await login(c)
        await c.post(URL, json=CREDIT, headers=h)
    async with rt.sessions() as session:
        account = await AccountRepository(session).find("phone", PHONE)
        assert account is not None
        entries = await LedgerRepository(session).active(account)
    assert len(entries) == 1
    exported = to_jsonl(entries)
    assert '"users": ["老李"]' in exported and '"amount": 350.5' in exported


async def test_bad_bodies_are_refused_with_field_errors(rt: Runtime) -> None:
    async with client(rt) as c:
        h = await login(c)
        r = await c.post(URL, json={**CREDIT, "amount": 0}, headers=h)
        assert assert_error(r, 422)["errors"] == [{"field": "amount", "message": "金额必须大于0"}]
        r = await c.post(URL, json={**CREDIT, "amount": 10_000_000_000}, headers=h)
        assert assert_error(r, 422)["errors"][0]["field"] == "amount"
        r = await c.post(URL, json={**CREDIT, "amount": "12"}, headers=h)
        assert assert_error(r, 422)["errors"] == [{"field": "amount", "message": "金额必须是数字"}]
        r = await c.post(URL, json={**CREDIT, "amount": True}, headers=h)
        assert assert_error(r, 422)["errors"][0]["field"] == "amount"
        r = await c.post(URL, json={**CREDIT, "transaction_date": 0}, headers=h)
        assert assert_error(r, 422)["errors"][0]["field"] == "transaction_date"
        # Money is rounded to the cent (a JSON number is a binary float).
        r = await c.post(URL, json={**CREDIT, "amount": 0.29000000000000004, "paid": 0}, headers=h)
        assert r.json()["data"]["amount"] == 0.29
        r = await c.post(URL, json={**CREDIT, "amount": 1.235, "paid": 0}, headers=h)
        assert r.json()["data"]["amount"] == 1.24
        r = await c.post(URL, json={**CREDIT, "transaction_date": "2026-02-30"}, headers=h)
        assert assert_error(r, 422)["errors"][0]["field"] == "transaction_date"
        r = await c.post(URL, json={**CREDIT, "remark": "x" * 501}, headers=h)
        assert assert_error(r, 422)["errors"][0]["message"] == "备注最多500个字"
        r = await c.post(URL, json={**CREDIT, "remark": "a\x00b"}, headers=h)
        assert_error(r, 422)
        r = await c.post(URL, json={**CREDIT, "users": []}, headers=h)
        assert assert_error(r, 400)["errors"][0]["field"] == "users"
        # The books' own bounds (ledger.limits), as the chat checks them.
        r = await c.post(URL, json={**CREDIT, "transaction_date": "2026-03-16"}, headers=h)
        assert assert_error(r, 400)["errors"] == [
            {"field": "transaction_date", "message": "日期不能晚于今天"}]
        r = await c.post(URL, json={**CREDIT, "transaction_date": "1900-03-01"}, headers=h)
        assert assert_error(r, 400)["errors"][0]["message"] == "日期不能早于 2000 年"
        r = await c.post(URL, json={**CREDIT, "paid": 1000}, headers=h)
        assert assert_error(r, 400)["errors"][0]["message"] == "已付金额不能超过金额"
        assert_error(await c.get(f"{URL}/0", headers=h), 422)
        assert_error(await c.get(f"{URL}/{2**63}", headers=h), 422)
        assert_error(await c.get("/api/v1/nowhere", headers=h), 404)
        r = await c.patch(f"{URL}/1", headers=h)
        assert_error(r, 405)
        assert r.headers["Allow"] == "DELETE, GET, PUT"


async def test_list_filters_sorts_and_pages(rt: Runtime) -> None:
    rows = [
        {"type": "income", "amount": 50, "transaction_date": "2026-03-01", "category": "零售",
         "products": [{"name": "土豆"}]},
        {"type": "expense", "amount": 30, "transaction_date": "2026-03-05", "category": "运费",
         "remark": "拉货 100%"},
        {"type": "income", "amount": 80, "transaction_date": "2026-03-10", "users": ["花店小王"]},
    ]
    async with client(rt) as c:
        h = await login(c)
        for row in rows:
            assert (await c.post(URL, json=row, headers=h)).status_code == 201

        async def amounts(**params: Any) -> list[float]:
            r = await c.get(URL, params=params, headers=h)
            assert r.status_code == 200, r.text
            return [i["amount"] for i in r.json()["data"]["items"]]

        assert await amounts() == [80, 30, 50]
        assert await amounts(sort="amount:asc") == [30, 50, 80]
        assert await amounts(type="income") == [80, 50]
        assert await amounts(category="运费") == [30]
        assert await amounts(startDate="2026-03-02", endDate="2026-03-09") == [30]
        assert await amounts(keyword="小王") == [80]
        assert await amounts(keyword="土豆") == [50]
        assert await amounts(keyword="100%") == [30]
        assert await amounts(keyword="name") == []  # JSON keys are not searched
        r = await c.get(URL, params={"page": 2, "pageSize": 2}, headers=h)
        data = r.json()["data"]
        assert data["total"] == 3 and data["page"] == 2 and len(data["items"]) == 1
        assert_error(await c.get(URL, params={"pageSize": 101}, headers=h), 422)
        r = await c.get(URL, params={"startDate": "2026-03-09", "endDate": "2026-03-01"},
                        headers=h)
        assert assert_error(r, 400)["errors"][0]["field"] == "startDate"


async def test_user_info_round_trips_and_validates(rt: Runtime) -> None:
    async with client(rt) as c:
        h = await login(c)
        info = (await c.get("/api/v1/user/userInfo", headers=h)).json()["data"]
        assert info["phone"] == PHONE and info["nickname"] is None and info["createdAt"]
        r = await c.put("/api/v1/user/userInfo",
                        json={"nickname": "菜摊老张", "avatar": "https://example.com/a.png"},
                        headers=h)
        assert r.json()["data"]["nickname"] == "菜摊老张"
        assert r.json()["data"]["avatar"] == "https://example.com/a.png"
        r = await c.put("/api/v1/user/userInfo", json={"avatar": None}, headers=h)
        assert r.json()["data"] == {**r.json()["data"], "nickname": "菜摊老张", "avatar": None}
        r = await c.put("/api/v1/user/userInfo", json={"nickname": "长" * 51}, headers=h)
        assert assert_error(r, 422)["errors"] == [
            {"field": "nickname", "message": "昵称最多50个字"}
        ]
        r = await c.put("/api/v1/user/userInfo", json={"avatar": "ftp://x/a.png"}, headers=h)
        assert assert_error(r, 422)["errors"][0]["field"] == "avatar"
