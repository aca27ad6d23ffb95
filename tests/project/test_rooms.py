"""The dependency rule between the rooms of the code, read from the source itself.

- the shared core (`idmf.core`) imports no tool;
- `assessments`, `eds` and `boardtool` import only the core;
- the decision tool (`idmf.decisions`) imports the core and `assessments`;
- only the project package (`idmf`, outside core and decisions) imports everything.

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
ALLOWED = {
    "core": {"core"},
    "assessments": {"core", "assessments"},
    "eds": {"core", "eds"},
    "boardtool": {"core", "boardtool"},
    "decisions": {"core", "assessments", "decisions"},
    "project": {"project", "core", "decisions", *TOOLS},
}
# Template folders that belong to the core: its pages, the components and the form pack.
CORE_TEMPLATE_DIRS = {"core", "components", "nhsuk", "pdf", "registration"}


def room_of_module(module: str) -> str | None:
    """The room a dotted module name belongs to, or None for Django and other libraries."""
    parts = module.split(".")
    if parts[0] == "idmf":
        if len(parts) > 1 and parts[1] in {"core", "decisions"}:
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
    r"{%\s*url\s+['\"](?P<namespace>\w+):"
    r"|{%\s*(?:include|extends)\s+['\"](?P<folder>\w+)/"
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
