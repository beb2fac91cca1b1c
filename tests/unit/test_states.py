"""The state table (handlers/states.py) and its picture (handlers/dialogue.mmd) agree."""

from __future__ import annotations

import re
from pathlib import Path

from handlers.states import State, build_table

MMD = Path(__file__).resolve().parents[2] / "handlers" / "dialogue.mmd"
EDGE = re.compile(r"^\s*(\w+) --> (\w+): (.+?) / ")


def drawn_transitions() -> set[tuple[str, str]]:
    """(state, event) for every labelled edge leaving a state the table routes from."""
    pairs = set()
    for line in MMD.read_text(encoding="utf-8").splitlines():
        m = EDGE.match(line)
        if m and m.group(1) in {s.value for s in State} and not m.group(3).startswith("("):
            pairs |= {(m.group(1), event.strip()) for event in m.group(3).split(",")}
    return pairs


def test_every_drawn_transition_has_a_handler_and_every_handler_is_drawn() -> None:
    table = {(state.value, event) for state, event in build_table()}
    assert drawn_transitions() == table


def test_every_state_answers_every_event() -> None:
    table = build_table()
    events = {event for _, event in table}
    assert {(s, e) for s in State for e in events} == set(table)
