"""The dependency rule between the rooms of the code, read from the source itself.

- the shared core (`idmf.core`) imports no other room;
- the shared apps stand in layers above it, each importing only those below:
  `idmf.notices` (the outbox) < `idmf.actions` < `idmf.people` < `idmf.organisations`, and
  `idmf.publishing` (the register and downloads) beside people, on actions;
- `idmf.evidence` (equity evidence, the statistics and their tables) imports only the core;
- so does `idmf.integrity` (the public check of a document we signed, and the chain that
  seals the history of final records);
- `assessments`, `eds` and `boardtool` import only the core and the shared apps (evidence
  among them);
- the decision tool (`idmf.decisions`) imports those and `assessments`;
- only the project package (`idmf`, outside the apps) imports everything;
- and no module imports itself again through others: no import circle anywhere, however the
  rooms allow it.

Every import counts, including those inside functions, `include("app.urls")`, and the
`{% url 'namespace:…' %}`, `{% include %}` and `{% extends %}` of each room's templates.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TOOLS = {"assessments", "eds", "boardtool"}
# The apps of `idmf` that are rooms of their own; the rest of `idmf` is the project package.
APPS = {
    "core",
    "notices",
    "actions",
    "people",
    "organisations",
    "publishing",
    "evidence",
    "decisions",
    "integrity",
}
SHARED = {"notices", "actions", "people", "organisations", "publishing", "evidence", "integrity"}
ALLOWED = {
    "core": {"core"},
    "notices": {"core", "notices"},
    "actions": {"core", "notices", "actions"},
    "people": {"core", "notices", "actions", "people"},
    "organisations": {"core", "people", "organisations"},
    "publishing": {"core", "actions", "publishing"},
    "evidence": {"core", "evidence"},
    "integrity": {"core", "integrity"},
    **{tool: {"core", *SHARED, tool} for tool in TOOLS},
    "decisions": {"core", *SHARED, "assessments", "decisions"},
    "project": {"project", "core", *SHARED, "decisions", *TOOLS},
}
# Template folders that belong to the core: its pages, the components and the form pack.
CORE_TEMPLATE_DIRS = {"core", "components", "django", "nhsuk", "pdf", "registration"}


def room_of_module(module: str) -> str | None:
    """The room a dotted module name belongs to, or None for Django and other libraries."""
    parts = module.split(".")
    if parts[0] == "idmf":
        if len(parts) > 1 and parts[1] in APPS:
            return parts[1]
        return "project"
    if parts[0] in TOOLS:
        return parts[0]
    return None


def room_of_path(path: Path) -> str:
    return room_of_module(".".join(path.relative_to(ROOT).with_suffix("").parts))


def imported_modules(source: str, *, package: str) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, a module of `package`."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            found.append((node.lineno, module))
            # `from idmf import decisions` imports the decisions room itself.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "include"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def python_files():
    for top in ["idmf", *sorted(TOOLS)]:
        yield from sorted((ROOT / top).rglob("*.py"))


def breaches_in_code() -> list[str]:
    breaches = []
    for path in python_files():
        here = room_of_path(path)
        package = ".".join(path.relative_to(ROOT).parent.parts)
        for line, module in imported_modules(path.read_text(encoding="utf-8"), package=package):
            there = room_of_module(module)
            if there and there not in ALLOWED[here]:
                breaches.append(f"{path.relative_to(ROOT)}:{line} ({here}) imports {module}")
    return breaches


TEMPLATE_REFERENCE = re.compile(
    r"\burl\(\s*['\"](?P<namespace>\w+):"
    r"|{%-?\s*(?:include|extends|import|from)\s+['\"](?P<folder>\w+)/"
)


def template_room(folder: str) -> str:
    if folder in CORE_TEMPLATE_DIRS:
        return "core"
    return folder


def breaches_in_templates() -> list[str]:
    breaches = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        parts = path.relative_to(ROOT / "templates").parts
        if len(parts) == 1:
            continue  # the project's own pages: base, home, error pages
        here = template_room(parts[0])
        for match in TEMPLATE_REFERENCE.finditer(path.read_text(encoding="utf-8")):
            there = template_room(match["namespace"] or match["folder"])
            if there in ALLOWED and there not in ALLOWED[here]:
                breaches.append(f"templates/{'/'.join(parts)} ({here}) uses {match[0]}")
    return breaches


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """Module → the modules of `sources` it imports (anywhere in it, functions included).
    `sources` maps each module's dotted name to its text and whether it is a package."""
    graph = {}
    for module, (source, is_package) in sources.items():
        package = module if is_package else module.rpartition(".")[0]
        found = set()
        for _, name in imported_modules(source, package=package):
            # `from a import b` names module a.b when there is one; else a itself.
            while name and name not in sources:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
        graph[module] = found
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another, round a circle (Tarjan's strongly
    connected components of more than one module)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def project_sources() -> dict[str, tuple[str, bool]]:
    return {
        module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in python_files()
    }


def test_no_module_imports_itself_round_a_circle():
    assert circles(import_graph(project_sources())) == []


def test_the_rooms_themselves_stand_in_layers():
    """The rule allows no circle between rooms: each room's allowed rooms, less itself, form
    a graph without circles."""
    between = {room: allowed - {room} for room, allowed in ALLOWED.items()}
    assert circles(between) == []


@pytest.mark.parametrize(
    "sources,circle",
    [
        # Two modules at the top of each other.
        ({"a.x": "from a import y", "a.y": "import a.x"}, ["a.x", "a.y"]),
        # Round three, one import hidden inside a function (as lazy imports hide them).
        (
            {
                "a.x": "from a.y import f",
                "a.y": "from a.z import g",
                "a.z": "def later():\n    from a import x",
            },
            ["a.x", "a.y", "a.z"],
        ),
        # Through a relative import.
        ({"a.x": "from .y import f", "a.y": "from .x import g"}, ["a.x", "a.y"]),
    ],
)
def test_an_import_circle_is_caught(sources, circle):
    graph = import_graph({name: (text, False) for name, text in sources.items()})
    assert circles(graph) == [circle]


def test_a_chain_without_a_circle_passes():
    graph = import_graph(
        {
            "a.x": ("from a.y import f", False),
            "a.y": ("from a.z import g", False),
            "a.z": ("", False),
        }
    )
    assert circles(graph) == []


def test_every_room_imports_only_what_the_rule_allows():
    assert breaches_in_code() == []


def test_every_room_of_templates_uses_only_what_the_rule_allows():
    assert breaches_in_templates() == []


def test_the_rule_sees_every_room():
    rooms = {room_of_path(path) for path in python_files()}
    assert rooms == set(ALLOWED)


@pytest.mark.parametrize(
    "source,package,forbidden",
    [
        ("from assessments.models import Assessment", "idmf.core", "assessments.models"),
        ("from idmf.decisions import rules", "assessments", "idmf.decisions"),
        ("from idmf import decisions", "eds", "idmf.decisions"),
        ("import boardtool.models", "eds", "boardtool.models"),
        ("def later():\n    from eds import services", "idmf.decisions", "eds"),
        ("from ..decisions import rules", "idmf.core", "idmf.decisions"),
        ("urlpatterns = [include('assessments.urls')]", "idmf.core", "assessments.urls"),
        ("from idmf.urls import urlpatterns", "idmf.core", "idmf.urls"),
    ],
)
def test_a_forbidden_import_is_caught(source, package, forbidden):
    """The rule sees each kind of import a careless change could add."""
    modules = [module for _, module in imported_modules(source, package=package)]
    assert forbidden in modules
    assert room_of_module(forbidden) not in ALLOWED[room_of_module(package)]
