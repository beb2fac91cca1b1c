"""What a handler gets for one incoming message: the message, its parse, and the services
bound to this message's unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chains.extractor import Extraction
from chains.schemas import Intent, Parse
from handlers.draft import Draft
from handlers.messages import IncomingMessage, Reply
from storage.counterparties import CounterpartyRepository
from storage.reports import ReportRepository
from storage.repositories import LedgerRepository
from storage.state import DraftStore


@dataclass(frozen=True)
class Policy:
    confirm_policy: str = "always"
    auto_confirm_threshold: float = 0.9
    max_clarify_turns: int = 3
    list_limit: int = 10


@dataclass
class Turn:
    msg: IncomingMessage
    text: str
    today: dt.date
    account_id: int
    actor: str
    ledger: LedgerRepository
    reports: ReportRepository
    people: CounterpartyRepository
    drafts: DraftStore[Draft]
    policy: Policy
    draft: Draft | None = None
    extraction: Extraction | None = None
    source: str = "text"
    transcript: str | None = None
    voice_record_id: int | None = None
    replies: list[Reply] = field(default_factory=list)
    # What this turn decided about the chat's draft. The dispatcher writes it to Redis only
    # after the SQL commit: a failed commit must leave the draft as it was.
    next_draft: Draft | None = None
    draft_changed: bool = False

    def keep_draft(self, draft: Draft) -> None:
        self.next_draft, self.draft_changed = draft, True

    def drop_draft(self) -> None:
        self.next_draft, self.draft_changed = None, True

    def settle(self, d: Draft) -> None:
        """`d` is saved, cancelled or given up: the next waiting card, if any, comes forward."""
        rest = self.draft.without(d.id) if self.draft is not None else None
        if rest is None:
            self.drop_draft()
        else:
            self.keep_draft(rest)

    @property
    def parse(self) -> Parse:
        assert self.extraction is not None
        return self.extraction.parse

    @property
    def intent(self) -> Intent:
        return self.parse.intent if self.extraction else Intent.OTHER

    @property
    def chat_key(self) -> str:
        return self.msg.chat.key
