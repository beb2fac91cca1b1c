"""SQLAlchemy 2 typed tables of the ledger. Money is Numeric(12,2) and Decimal in Python."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ledger import EntryType

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# The CHECK constraint lists ledger.EntryType; migration 0002 widened it to version 2.
ENTRY_TYPES = tuple(t.value for t in EntryType)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class AccountRow(Base):
    """One ledger owner; several platform identities may reach it."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    # The API's profile (GET/PUT /api/v1/user/userInfo); chat never sets them.
    nickname: Mapped[str | None] = mapped_column(String(50))
    avatar: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class IdentityRow(Base):
    """A platform user (console:alice, wechat:<openid>, telegram:<id>) mapped to an account."""

    __tablename__ = "identities"
    __table_args__ = (
        UniqueConstraint("platform", "platform_user_id", name="platform_user"),
        # One phone per account: a login code must reach exactly one set of books.
        Index("ix_identities_one_phone", "account_id", unique=True,
              postgresql_where=text("platform = 'phone'")),
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[str] = mapped_column(String(128))
    # A phone bound in chat: the chat its login codes are delivered into.
    chat_key: Mapped[str | None] = mapped_column(String(160))
    created_at: Mapped[dt.datetime] = _now()


class TransactionRow(Base):
    """One bookkeeping entry. Deleting is soft (status='deleted')."""

    __tablename__ = "transactions"
    __table_args__ = (
        UniqueConstraint("account_id", "dedup_key", name="account_dedup"),
        CheckConstraint(f"type IN {ENTRY_TYPES}", name="type"),
        CheckConstraint("status IN ('active', 'deleted')", name="status"),
        CheckConstraint(
            "paid IS NULL OR (paid >= 0 AND type IN ('credit', 'payable'))", name="paid"
        ),
        CheckConstraint("source IN ('text', 'voice')", name="source"),
        # Every question is scoped to one account (about a thousand rows a year), so this one
        # index serves date-range totals, day lists and per-counterparty balances alike; an
        # index on names would match the same 老李 across thousands of accounts.
        Index(
            "ix_transactions_account_date_active",
            "account_id",
            "transaction_date",
            postgresql_where=text("status = 'active'"),
        ),
        # "The last saved entry of this chat" for undo.
        Index("ix_transactions_chat_created", "account_id", "chat_key", "id"),
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Paid at the time of a credit sale or payable purchase; NULL for other types.
    paid: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    transaction_date: Mapped[dt.date] = mapped_column(Date)
    remark: Mapped[str | None] = mapped_column(Text)
    users: Mapped[list[str]] = mapped_column(ARRAY(String(64)), server_default="{}")
    products: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default="[]")
    containers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default="[]")
    category: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(8), server_default="active")
    source: Mapped[str] = mapped_column(String(8), server_default="text")
    raw_text: Mapped[str] = mapped_column(Text, server_default="")
    extractor: Mapped[str] = mapped_column(String(32), server_default="rules")
    prompt_version: Mapped[str | None] = mapped_column(String(32))
    chat_key: Mapped[str] = mapped_column(String(160), server_default="")
    dedup_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class VoiceRecordRow(Base):
    """A voice message as kept: the stored audio, its transcript and the entry it led to.

    `unheard` recordings (no recogniser, or it failed) wait for a retry; `reason` says why.
    """

    __tablename__ = "voice_records"
    __table_args__ = (
        CheckConstraint("status IN ('heard', 'unheard')", name="status"),
        Index("ix_voice_records_account_unheard", "account_id", "id",
              postgresql_where=text("status = 'unheard'")),
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    file_path: Mapped[str] = mapped_column(Text)
    duration_seconds: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    transcript: Mapped[str] = mapped_column(Text, server_default="")
    recogniser: Mapped[str] = mapped_column(String(32), server_default="")
    status: Mapped[str] = mapped_column(String(8), server_default="heard")
    reason: Mapped[str | None] = mapped_column(String(32))
    chat_key: Mapped[str] = mapped_column(String(160), server_default="")
    attempts: Mapped[int] = mapped_column(Integer, server_default="1")
    transaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("transactions.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class AuditLogRow(Base):
    """Every create, update and delete of an entry: who, when, before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (CheckConstraint("action IN ('create', 'update', 'delete')", name="action"),)
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(8))
    actor: Mapped[str] = mapped_column(String(160))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = _now()


class CounterpartyRow(Base):
    """What the vendor has said about one counterparty of an account beyond its entries: the
    credit limit (欠款额度). Names are the account's own; the same 老李 in two accounts is two
    rows."""

    __tablename__ = "counterparties"
    __table_args__ = (
        UniqueConstraint("account_id", "name", name="account_counterparty"),
        CheckConstraint("credit_limit IS NULL OR credit_limit >= 0", name="credit_limit"),
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    credit_limit: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class AliasRow(Base):
    """Another name the vendor confirmed for a counterparty (李哥 = 老李), per account."""

    __tablename__ = "counterparty_aliases"
    __table_args__ = (UniqueConstraint("account_id", "alias", name="account_alias"),)
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = _now()


class HandledMessageRow(Base):
    """A finished message: inserted in the same transaction as everything the message
    changed, so its presence means "committed" and its replies are what the vendor was told."""

    __tablename__ = "handled_messages"
    __table_args__ = (Index("ix_handled_messages_created_at", "created_at"),)
    message_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    replies: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = _now()
