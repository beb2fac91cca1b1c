"""The reports take which types count, and which way, from ledger's sign maps only."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger import INCOME_SIGN, PAYABLE_SIGN, EntryType
from storage.report_sql import sign_case, type_list

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ("reports.py", "report_sql.py", "balances.py", "statement.py")


@pytest.mark.parametrize("name", REPORTS)
def test_no_report_spells_an_entry_type_in_sql(name: str) -> None:
    source = (ROOT / "storage" / name).read_text(encoding="utf-8")
    spelled = [t.value for t in EntryType if f"'{t.value}'" in source]
    assert spelled == [], f"storage/{name} repeats {spelled}; use ledger's maps"


def test_signs_come_from_the_maps() -> None:
    assert sign_case(INCOME_SIGN) == (
        "(CASE t.type WHEN 'credit' THEN 1 WHEN 'income' THEN 1 WHEN 'refund' THEN -1"
        " ELSE 0 END)"
    )
    assert type_list(PAYABLE_SIGN) == "('payable', 'payoff')"
