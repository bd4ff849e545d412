"""The architecture holds: briefings/ is headless, store/ never reaches the UI, spaCy loads lazily.

Each check imports in a fresh interpreter and looks at `sys.modules`, as Harlequin's import
hygiene test does, so nothing imported by the test run itself can hide a violation.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "statement",
    [
        "import briefings, briefings.model, briefings.briefing, briefings.edits, briefings.summary",
        "import briefings.readers, briefings.cleaning, briefings.extraction, briefings.exporters, briefings.estimative",
        "import briefings.web.fetching, briefings.web.feeds, briefings.web.opml, briefings.web.pages, briefings.similarity, briefings.readers.pdf",
    ],
)
def test_briefings_imports_no_ui_and_no_store(statement: str) -> None:
    loaded = modules_after(statement)
    for forbidden in ("textual", "rich", "tinydb", "store", "tui", "spacy"):
        assert forbidden not in loaded, f"{statement!r} imported {forbidden}"


def test_store_imports_no_ui() -> None:
    loaded = modules_after("import store, store.batch, store.doctor")
    for forbidden in ("textual", "tui", "spacy"):
        assert forbidden not in loaded, f"store imported {forbidden}"


def test_fetching_is_headless() -> None:
    """Feeds, fetching and near-duplicates serve the command line and the app alike: no face."""
    loaded = modules_after("import store.feeds, store.fetch, store.similar")
    for forbidden in ("textual", "rich", "click", "tui", "spacy"):
        assert forbidden not in loaded, f"fetching imported {forbidden}"


def _imported_packages(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_no_source_file_imports_across_the_layers() -> None:
    """Also catches lazy imports inside functions, which the sys.modules checks cannot see."""
    assert not _imported_packages(ROOT / "briefings") & {"store", "tui", "textual", "rich", "tinydb"}
    assert not _imported_packages(ROOT / "store") & {"tui", "textual"}
