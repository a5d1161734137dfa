"""Property tests: any text at all gets exactly one reply and never an exception."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.engine import Companion
from companion.persona import load_persona
from companion.store import Store
from tests.test_cli import companion

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ANY_TEXT)
def test_engine_answers_any_text(tmp_path: Path, text: str) -> None:
    store = _store(tmp_path)
    companion = _companion(store)
    conversation = companion.new_conversation("prop")
    reply = companion.reply("prop", conversation, text)
    assert reply.text.strip()
    stored = store.messages(conversation.id)
    assert stored[-1].text == reply.text and stored[-2].role == "user"


_STORES: dict[Path, Store] = {}
_COMPANIONS: dict[int, Companion] = {}


def _store(tmp_path: Path) -> Store:
    if tmp_path not in _STORES:
        _STORES[tmp_path] = Store.open(f"sqlite:///{tmp_path / 'prop.db'}")
    return _STORES[tmp_path]


def _companion(store: Store) -> Companion:
    if id(store) not in _COMPANIONS:
        _COMPANIONS[id(store)] = Companion(store, load_persona(), model="lexical", seed=5)
    return _COMPANIONS[id(store)]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(ANY_TEXT.map(lambda t: t.replace("\n", " ")), min_size=1, max_size=12))
def test_cli_writes_one_json_line_per_input_line(isolated_home: Path, lines: list[str]) -> None:
    payload = "\n".join(lines) + "\n"
    result = companion(
        isolated_home, "chat", "--jsonl", "--model", "lexical", "--user", "prop", stdin=payload
    )
    assert result.returncode == 0, result.stderr.decode()
    outputs = result.stdout.decode("utf-8").splitlines()
    assert len(outputs) == len(lines)
    assert all(json.loads(line)["reply"].strip() for line in outputs)
