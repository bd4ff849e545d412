"""The architecture holds: briefings/ is headless, store/ (the desk and the library) never reaches
a face, the faces (tui/) reach the store only through the `store` package, there is no import
cycle, and no module is long.

The layers, bottom up (see the README's architecture section):

    briefings/   the domain; imports neither store/ nor tui/, nor textual, rich or tinydb
    store/       the library backends and the desk (`store.Desk`); imports briefings/, never
                 tui/, textual, rich or click
    tui/         the faces: the Textual app and the `brief` command line; import `store` (the
                 package: the desk and its records) and briefings/, never a `store.<module>`

The import checks import in a fresh interpreter and look at `sys.modules`, as Harlequin's import
hygiene test does, so nothing imported by the test run itself can hide a violation; the others
read every source file, so that imports inside functions and under TYPE_CHECKING count too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

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


def test_the_desk_imports_no_face() -> None:
    """The desk serves the command line, the app and a web session alike: no textual, rich or click."""
    loaded = modules_after("import store, store.desk, store.desk.desk; from store import Desk, Library")
    for forbidden in ("textual", "rich", "click", "tui", "spacy"):
        assert forbidden not in loaded, f"the desk imported {forbidden}"


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


# ----------------------------------------------------------------- the import graph, from the sources

PACKAGES = ("briefings", "store", "tui")
#: The longest a module may be ("about 400 lines"), and the modules allowed longer, with why.
MAX_LINES = 400
LONGER = {
    "briefings/edits.py": "the closed set of edit records, each small with its inverse; apart they would hide the set",
    "tui/widgets/briefing_table.py": "one line-API table widget (rows, columns, sorting marks, cursor), drawn by offsets",
    "tui/screens/summary.py": "the summary screen and its judgment editor, two lines over",
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of ours `name` imports, anywhere in the file (functions and TYPE_CHECKING too),
    and the names of outside packages it imports (as "+textual", "+click"...)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] not in PACKAGES:
                found.add("+" + target.split(".")[0])
                continue
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles (strongly connected components of more than one module), Tarjan's way.
    A module importing its own parent package is how packages work, not a cycle."""
    edges = {name: {t for t in targets if not t.startswith("+") and t != name and not name.startswith(t + ".")} for name, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_counting_imports_in_functions_and_under_type_checking() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The test above can fail: a lazy import back from a screen to the app is a cycle."""
    graph = _graph()
    graph["tui.screens.review"] = graph["tui.screens.review"] | {"tui.app"}
    assert any("tui.app" in cycle and "tui.screens.review" in cycle for cycle in _cycles(graph))


def test_the_faces_reach_the_store_only_through_the_store_package() -> None:
    """The command line and the app use the desk and its records (`from store import ...`), never
    a module of the store: what lies behind the desk can change (a second backend) unseen."""
    reaching = {name: sorted(t for t in targets if t.startswith("store.")) for name, targets in _graph().items() if name.startswith("tui")}
    assert {name: targets for name, targets in reaching.items() if targets} == {}


def test_the_layers_point_one_way() -> None:
    graph = _graph()
    for name, targets in graph.items():
        layer = name.split(".")[0]
        if layer == "briefings":
            assert not {t for t in targets if t.split(".")[0].lstrip("+") in ("store", "tui", "textual", "rich", "tinydb", "click")}, name
        elif layer == "store":
            assert not {t for t in targets if t.split(".")[0].lstrip("+") in ("tui", "textual", "rich", "click")}, name


def test_no_module_is_longer_than_about_400_lines() -> None:
    lengths = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8").count("\n") for path in _modules().values()}
    too_long = {path: lines for path, lines in lengths.items() if lines > MAX_LINES and path not in LONGER}
    assert too_long == {}
    assert all(lengths[path] > MAX_LINES for path in LONGER), "an exception no longer needed: take it out of LONGER"
