"""resources/ is data only, and every data file is read by something that exists.

A resource is named by its path relative to resources/ ("persons/honorifics.txt")
wherever it is read: by the runtime (src/coopnlp) or by a pattern builder
(scripts/patterns). So the names in the code and the files on disk must be the
same set: a file nobody names is dead data, a name without a file a crash.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from coopnlp.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = resource_path(".").resolve()
READERS = [ROOT / "src" / "coopnlp", ROOT / "scripts" / "patterns"]
NAME = re.compile(r"^[\w-]+/[\w.-]+\.(?:csv|txt|jsonl?)$")  # folder/file.ext


def names_in_code() -> dict[str, list[str]]:
    """Every resource name written as a string in the code, with the modules naming it."""
    named: dict[str, list[str]] = {}
    for folder in READERS:
        for path in sorted(folder.rglob("*.py")):
            if path.is_relative_to(RESOURCES):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                value = node.value if isinstance(node, ast.Constant) else None
                if isinstance(value, str) and NAME.match(value):
                    named.setdefault(value, []).append(path.relative_to(ROOT).as_posix())
    return named


def data_files() -> set[str]:
    return {
        p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"
    }


def test_resources_hold_data_only_in_component_folders() -> None:
    code = [p.name for p in RESOURCES.rglob("*.py")]
    assert code == ["__init__.py"]  # the readers; builders live in scripts/patterns
    assert all("/" in name for name in data_files()), "every data file sits in a folder"


def test_every_data_file_is_read_by_something() -> None:
    unread = data_files() - set(names_in_code())
    assert not unread, f"no module of src/coopnlp or scripts/patterns names {sorted(unread)}"


def test_every_named_resource_exists() -> None:
    missing = {name: where for name, where in names_in_code().items() if name not in data_files()}
    assert not missing, f"named but not under resources/: {missing}"


def test_readers_and_builders_are_both_seen() -> None:
    named = names_in_code()
    assert "src/coopnlp/pipeline/persons.py" in named["persons/honorifics.txt"]
    assert "scripts/patterns/agency.py" in named["agencies/agency_pattern_words.csv"]
    # read at run time and by a builder
    assert len({Path(m).parts[0] for m in named["agencies/unit_heads.csv"]}) == 2
