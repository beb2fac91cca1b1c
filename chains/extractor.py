"""The extractor seam: rules, LLM or hybrid all answer `Extraction` for one message."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from chains import rules
from chains.schemas import ExtractContext, Parse


class Extraction(BaseModel):
    model_config = ConfigDict(frozen=True)

    parse: Parse
    extractor: str  # which path answered: rules, llm, hybrid:rules, hybrid:llm, fallback:rules
    prompt_version: str | None = None


class Extractor(Protocol):
    async def extract(
        self, text: str, ref_date: dt.date, context: ExtractContext
    ) -> Extraction: ...


class RulesExtractor:
    """The offline extractor: deterministic, milliseconds, no network."""

    name = "rules"

    def __init__(self, *, warm: bool = False) -> None:
        # Loading the segmenter's dictionary takes about a second; a long-running bot pays
        # it at start rather than on a vendor's first message.
        if warm:
            rules.warm_up()

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        return Extraction(parse=rules.extract(text, ref_date, context), extractor=self.name)
