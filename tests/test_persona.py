"""The persona file: loading, validation errors with file:line, copies for editing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from companion import locations
from companion.errors import PersonaError
from companion.persona import list_personas, load_persona, write_persona_copy

SAMANTHA = locations.bundled_personas_dir() / "samantha.toml"


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = SAMANTHA.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def replaced_list(tmp_path: Path, key: str, value: str) -> Path:
    """A copy where the whole multi-line list ``key = [...]`` becomes ``key = value``."""
    text = SAMANTHA.read_text(encoding="utf-8")
    new_text, count = re.subn(rf"(?ms)^{key} = \[.*?^\]", f"{key} = {value}", text, count=1)
    assert count == 1
    path = tmp_path / "broken.toml"
    path.write_text(new_text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_default_persona_is_samantha() -> None:
    persona = load_persona()
    assert persona.name == "Samantha"
    assert persona.greetings.first_meeting and persona.fallbacks and persona.followups
    assert {source.kind for source in persona.corpus} == {"themes", "facts", "reviews"}


def test_wrong_type_names_file_line_and_expectation(tmp_path: Path) -> None:
    path = replaced_list(tmp_path, "first_meeting", '"hello"')
    with pytest.raises(PersonaError) as caught:
        load_persona(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line_of(path, 'first_meeting =')}: ")
    assert "greetings.first_meeting must be a list of strings" in message


def test_missing_field_is_reported(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, 'name = "Samantha"', "")
    with pytest.raises(PersonaError, match=r"name is required but missing"):
        load_persona(path)


def test_misspelt_field_is_reported_with_its_line(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "followups = [", "folowups = [")
    with pytest.raises(PersonaError) as caught:
        load_persona(path)
    assert f":{line_of(path, 'folowups')}: folowups is not a persona field" in str(caught.value)


def test_toml_syntax_error_has_line(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, 'name = "Samantha"', 'name = "Samantha')
    with pytest.raises(PersonaError, match=rf"{path}:\d+: not valid TOML"):
        load_persona(path)


def test_unknown_template_placeholder(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, '"{answer} Does that help?"', '"{answr} Does that help?"')
    with pytest.raises(PersonaError, match=r"templates.fact uses unknown placeholder \{answr\}"):
        load_persona(path)


def test_missing_corpus_path(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, 'path = "corpus/reviews.toml"', 'path = "corpus/nope.toml"')
    with pytest.raises(PersonaError, match=r"corpus path 'corpus/nope.toml' does not exist"):
        load_persona(path)


def test_unknown_persona_name_lists_known_ones() -> None:
    with pytest.raises(PersonaError, match=r"no persona named 'nobody' \(known: .*samantha"):
        load_persona("nobody")


def test_new_persona_copy_is_editable_and_loads(isolated_home: Path) -> None:
    target = write_persona_copy("Ada")
    assert target.parent == locations.user_personas_dir()
    assert str(target).startswith(str(isolated_home))
    assert load_persona("ada").name == "Ada"
    assert {"name": "ada", "path": str(target), "origin": "user"} in list_personas()
    with pytest.raises(PersonaError, match="already exists"):
        write_persona_copy("Ada")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_validate_ok_and_broken(tmp_path: Path) -> None:
    ok = _cli("persona", "validate", str(SAMANTHA))
    assert ok.returncode == 0, ok.stderr
    assert "ok (Samantha:" in ok.stdout
    path = replaced_list(tmp_path, "farewells", "3")
    bad = _cli("persona", "validate", str(path))
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1, bad.stderr  # one line, no traceback
    assert (
        f"{path}:{line_of(path, 'farewells = 3')}: farewells must be a list of strings"
        in bad.stderr
    )


def test_template_conversions_are_refused(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, '"{answer} Does that help?"', '"{answer!x} Does that help?"')
    with pytest.raises(PersonaError, match=r"write plain \{placeholders\}"):
        load_persona(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[facts]\nid = "x"\n', r"expected one or more \[\[facts\]\] tables"),
        ('[[facts]]\nexamples = ["a"]\nanswers = ["b"]\n', r"fact 1 needs id"),
        (
            '[[facts]]\nid = "a"\nexamples = ["q"]\nanswers = ["x"]\n[[facts]]\nid = "a"\nexamples = ["q"]\nanswers = ["y"]\n',
            r"fact id 'a' is used twice",
        ),
    ],
)
def test_broken_corpus_files_get_one_line(tmp_path: Path, content: str, message: str) -> None:
    facts = tmp_path / "facts.toml"
    facts.write_text(content, encoding="utf-8")
    persona = broken_copy(tmp_path, 'path = "corpus/film_facts.toml"', f'path = "{facts}"')
    result = _cli("persona", "validate", str(persona))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert re.search(message, result.stderr), result.stderr
