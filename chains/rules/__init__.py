"""The offline rule extractor: a chat message to a `Parse`, with no LLM and no I/O.

    from chains.rules import extract
    extract("卖给老李五千盆千叶，一共一万", date(2026, 3, 15))

The order of decisions: too long or empty → other; instructions to the bot → other;
edits and deletes of an entry saved earlier (named by its day, counterparty, product or
amount: 把前天老赵那笔删了), before the same words undo, cancel or correct; confirm /
cancel / undo; corrections (and bare answers to the field being asked); questions on the
books; entries; anything else is other.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from chains.rules.analysis import analyse
from chains.rules.correction import (
    answer_to_question,
    build_correction,
    fix_for_waiting_card,
    looks_like_bare_fix,
    looks_like_correction,
    reply_choice,
)
from chains.rules.earlier import earlier_entry
from chains.rules.intent import dialogue_act, emoji_act, is_injection
from chains.rules.lexicon import BOOKKEEPING_RE
from chains.rules.message import Message
from chains.rules.paid import rest_owed_said
from chains.rules.query import asked_metric, build_query
from chains.rules.record import build_record, has_record_signal
from chains.rules.segment import warm_up as _warm_segmenter
from chains.rules.text import normalize
from chains.schemas import ExtractContext, Intent, Parse

__all__ = ["extract", "rest_owed_said", "warm_up"]

log = logging.getLogger(__name__)

# A bookkeeping message is a sentence or two; anything longer is not one, and reading it
# would only cost time.
MAX_INPUT_CHARS = 600
MAX_CLEAN_CHARS = 200

_EMPTY_CONTEXT = ExtractContext()


def extract(text: str, ref_date: dt.date, context: ExtractContext | None = None) -> Parse:
    """Understand one message sent on `ref_date`; never raises on any text."""
    try:
        return _extract(text if isinstance(text, str) else "", ref_date, context or _EMPTY_CONTEXT)
    except Exception:  # the message is untrusted input: a rule bug must not crash the bot
        log.exception("rule extractor failed on a message of %d chars", len(text or ""))
        return _other(0.0)


def warm_up() -> None:
    """Load lazy resources (jieba's dictionary) before the first message."""
    _warm_segmenter()
    extract("卖给老李五千盆千叶，一共一万", dt.date(2026, 1, 1))


def _extract(text: str, ref: dt.date, context: ExtractContext) -> Parse:
    if len(text) > MAX_INPUT_CHARS:
        return _other(0.05)
    emoji = emoji_act(text)
    if emoji is not None:
        return Parse(intent=emoji, confidence=0.95)
    norm = normalize(text)
    clean = norm.text
    if not clean:
        return Parse(intent=Intent.CONFIRM, confidence=0.6) if "嗯" in text else _other(0.1)
    if len(clean) > MAX_CLEAN_CHARS:
        return _other(0.05)
    if is_injection(clean):
        return _other(0.9)
    earlier = earlier_entry(Message(norm, ref, context))
    if earlier is not None:
        return earlier
    act = dialogue_act(clean, has_draft=context.has_draft)
    if act is not None:
        return Parse(intent=act, confidence=0.95)
    return _understand(Message(norm, ref, context))


def _understand(msg: Message) -> Parse:
    text = msg.text
    if looks_like_correction(text):
        return build_correction(analyse(msg))
    metric = asked_metric(msg)
    if metric is not None:
        query = build_query(Message(msg.norm, msg.ref, msg.context), metric)
        if query is not None:
            return query
    analysis = analyse(msg)
    if msg.context.choosing is not None:
        choice = reply_choice(analysis, msg.context.choosing)
        if choice is not None:
            return choice
    if msg.context.asking is not None:
        answer = answer_to_question(analysis, msg.context.asking)
        if answer is not None:
            return answer
    if looks_like_bare_fix(analysis) and not analysis.people:
        return build_correction(analysis)
    if msg.context.has_draft:
        fix = fix_for_waiting_card(analysis)
        if fix is not None:
            return fix
    if has_record_signal(analysis):
        return build_record(analysis)
    # chat with no number and no cue of any event (你好, 这个怎么用) is surely not an entry
    numbers = any(t.value is not None for t in analysis.tokens)
    sure = not numbers and not BOOKKEEPING_RE.search(text) and not _LEDGER_TALK_RE.search(text)
    return _other(0.85 if sure else 0.5)


# Words about the books themselves (记上, 不记了, 挣了还是赔了, 花了几个钱): chat carrying
# one was most likely an act or question in words no rule knows, not small talk.
_LEDGER_TALK_RE = re.compile(r"记|账|钱|挣|赚|赔|亏|花了|欠|该给|多少|几多|好多")


def _other(confidence: float) -> Parse:
    return Parse(intent=Intent.OTHER, confidence=confidence)
