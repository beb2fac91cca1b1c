"""/transactions: create (idempotent with Idempotency-Key), list with filters, read, replace,
soft-delete. Every entry is scoped to the token's account: another account's id is 404.

Bodies become the books' one `ledger.Entry`; storage maps it to rows exactly as chat does,
so an entry made here is in the chat's export and totals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from bot.api.context import ApiContext, Ctx, CurrentClaims
from bot.api.fields import (
    Amount,
    IsoDate,
    Keyword,
    Name,
    Paid,
    Quantity,
    Remark,
    ShortName,
    UnitPrice,
)
from bot.api.responses import (
    AUTH_ERRORS,
    CONFLICT,
    NOT_FOUND,
    ApiError,
    Envelope,
    FieldError,
    field_error,
    ok,
)
from ledger import PAID_TYPES, Container, Entry, EntryType, Product
from ledger.limits import MIN_YEAR, problems
from storage.entries import Provenance, SavedEntry
from storage.repositories import EntryFilter, LedgerRepository

router = APIRouter(prefix="/transactions", tags=["transactions"])
EntryId = Annotated[int, Path(ge=1, le=2**63 - 1, description="账目编号")]
MISSING_WORDS = {
    "amount": "请填写金额",
    "users": "赊账、还款、借还需要填写往来人",
    "paid": "请填写已付金额（没有付就填 0）",
}


BOUND_FIELDS = {"amount": "amount", "quantity": "products", "date": "transaction_date",
                "name": "users", "size": "products"}
BOUND_WORDS = {"too_large": "数额超出了能记的范围", "zero": "金额不能为 0",
               "negative": "金额不能是负数", "future": "日期不能晚于今天",
               "too_old": f"日期不能早于 {MIN_YEAR} 年",
               "too_long": "名字太长了", "too_many": "条目太多了", "control": "含有不能保存的字符"}


class ProductIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    quantity: Quantity | None = None
    unit: ShortName | None = None
    unit_price: UnitPrice | None = None


class ContainerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    quantity: Quantity | None = None


class TransactionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: EntryType
    amount: Amount | None = None
    paid: Paid | None = Field(None, description="赊账/赊购时当场付了多少，默认 0")
    transaction_date: IsoDate | None = Field(None, description="默认今天")
    remark: Remark | None = None
    users: list[Name] = Field(default_factory=list, max_length=20)
    products: list[ProductIn] = Field(default_factory=list, max_length=50)
    containers: list[ContainerIn] = Field(default_factory=list, max_length=20)
    category: Name | None = None


class ProductOut(BaseModel):
    name: str
    quantity: float | None
    unit: str | None
    unit_price: float | None


class ContainerOut(BaseModel):
    name: str
    quantity: float | None


class TransactionOut(BaseModel):
    id: int
    type: EntryType
    amount: float | None
    paid: float | None
    transaction_date: dt.date
    remark: str | None
    users: list[str]
    products: list[ProductOut]
    containers: list[ContainerOut]
    category: str | None
    source: str


class TransactionPage(BaseModel):
    items: list[TransactionOut]
    total: int
    page: int
    pageSize: int


class Deleted(BaseModel):
    id: int


REPLAYED = {
    "model": Envelope[TransactionOut],
    "description": "同一 Idempotency-Key 的重复请求：返回已保存的那条，不再保存",
}
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", min_length=1, max_length=128, pattern=r"^[\x21-\x7e]+$",
           description="重试时带同一个值，账目只保存一次"),
]


@router.post(
    "", status_code=201, response_model=Envelope[TransactionOut],
    responses={**AUTH_ERRORS, **CONFLICT, 200: REPLAYED},
)
async def create(
    body: TransactionIn, claims: CurrentClaims, ctx: Ctx, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> Envelope[TransactionOut]:
    entry = _entry(body, ctx)
    provenance = Provenance(
        dedup_key=_dedup_key(claims.account_id, idempotency_key), source="text",
        raw_text="", extractor="api", chat_key=f"api:{claims.account_id}",
    )
    async with ctx.sessions.begin() as session:
        saved, created = await LedgerRepository(session).add(
            claims.account_id, entry, provenance, actor=_actor(claims.phone)
        )
    if not created and saved.status != "active":
        # The key's entry was saved and later deleted: replaying the create must neither
        # bring it back nor point at something that is gone.
        raise ApiError(409, "这个 Idempotency-Key 记下的账目已经删除了，请换一个键再记")
    if not created:
        response.status_code = 200
        return ok(_out(saved), "这条已经记过了（重复请求，没有重复保存）")
    return ok(_out(saved), "已记账", code=201)


@router.get("", response_model=Envelope[TransactionPage], responses=AUTH_ERRORS)
async def list_entries(
    claims: CurrentClaims,
    ctx: Ctx,
    page: Annotated[int, Query(ge=1, le=10000)] = 1,
    page_size: Annotated[int, Query(alias="pageSize", ge=1, le=100)] = 20,
    start: Annotated[IsoDate | None, Query(alias="startDate")] = None,
    end: Annotated[IsoDate | None, Query(alias="endDate")] = None,
    type: Annotated[EntryType | None, Query()] = None,
    category: Annotated[Name | None, Query()] = None,
    keyword: Annotated[Keyword | None, Query()] = None,
    sort: Annotated[Literal["date:desc", "date:asc", "amount:desc", "amount:asc"],
                    Query()] = "date:desc",
) -> Envelope[TransactionPage]:
    if start is not None and end is not None and start > end:
        raise field_error(400, "startDate", "开始日期不能晚于结束日期")
    where = EntryFilter(start=start, end=end, type=type, category=category, keyword=keyword,
                        sort=sort)
    async with ctx.sessions() as session:
        items, total = await LedgerRepository(session).search(
            claims.account_id, where, offset=(page - 1) * page_size, limit=page_size
        )
    return ok(TransactionPage(items=[_out(e) for e in items], total=total, page=page,
                              pageSize=page_size))


@router.get("/{entry_id}", response_model=Envelope[TransactionOut],
            responses={**AUTH_ERRORS, **NOT_FOUND})
async def read(entry_id: EntryId, claims: CurrentClaims, ctx: Ctx) -> Envelope[TransactionOut]:
    async with ctx.sessions() as session:
        saved = await LedgerRepository(session).get(claims.account_id, entry_id)
    if saved is None:
        raise _not_found()
    return ok(_out(saved))


@router.put("/{entry_id}", response_model=Envelope[TransactionOut],
            responses={**AUTH_ERRORS, **NOT_FOUND})
async def replace(
    entry_id: EntryId, body: TransactionIn, claims: CurrentClaims, ctx: Ctx
) -> Envelope[TransactionOut]:
    entry = _entry(body, ctx)
    async with ctx.sessions.begin() as session:
        changed = await LedgerRepository(session).replace(
            claims.account_id, entry_id, entry, actor=_actor(claims.phone)
        )
    if changed is None:
        raise _not_found()
    return ok(_out(changed[1]), "已修改")


@router.delete("/{entry_id}", response_model=Envelope[Deleted],
               responses={**AUTH_ERRORS, **NOT_FOUND})
async def delete(entry_id: EntryId, claims: CurrentClaims, ctx: Ctx) -> Envelope[Deleted]:
    async with ctx.sessions.begin() as session:
        gone = await LedgerRepository(session).delete(
            claims.account_id, entry_id, actor=_actor(claims.phone)
        )
    if gone is None:
        raise _not_found()
    return ok(Deleted(id=gone.id), "已删除")


def _entry(body: TransactionIn, ctx: ApiContext) -> Entry:
    """The body as a ledger Entry; 400 naming each field the entry still needs."""
    paid = body.paid if body.paid is not None else Decimal(0)
    entry = Entry(
        type=body.type,
        users=tuple(body.users),
        products=tuple(Product(**p.model_dump()) for p in body.products),
        containers=tuple(Container(**c.model_dump()) for c in body.containers),
        amount=body.amount,
        paid=paid if body.type in PAID_TYPES else None,
        category=body.category,
        date=body.transaction_date or ctx.today(),
        remark=body.remark,
    )
    errors = [FieldError(field=f, message=MISSING_WORDS[f]) for f in entry.missing]
    # The books' own bounds (ledger.limits), which the chat checks on every draft too.
    errors += [FieldError(field=BOUND_FIELDS[p.field], message=BOUND_WORDS[p.kind])
               for p in problems(entry, ctx.today())]
    if entry.type in PAID_TYPES and entry.amount is not None and paid > entry.amount:
        errors.append(FieldError(field="paid", message="已付金额不能超过金额"))
    if errors:
        raise ApiError(400, errors[0].message, errors)
    return entry


def _dedup_key(account_id: int, idempotency_key: str | None) -> str:
    """Provenance.dedup_key: a hash of account and key, so a retried create saves once and
    two accounts' keys can never meet. Without a key every create is new."""
    if idempotency_key is None:
        return f"api:{uuid.uuid4().hex}"
    return hashlib.sha256(f"api:{account_id}:{idempotency_key}".encode()).hexdigest()


def _actor(phone: str) -> str:
    return f"phone:{phone}"


def _not_found() -> ApiError:
    return ApiError(404, "找不到这条账目")


def _out(saved: SavedEntry) -> TransactionOut:
    fields: dict[str, Any] = saved.to_export()
    fields["transaction_date"] = fields.pop("date")
    fields.setdefault("paid", None)
    return TransactionOut.model_validate(fields)
