"""Boundaries that keep the domain reusable."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path


def test_importing_letters_does_not_import_flask():
    """Clinics use letters/ from scripts; it must not drag the web framework in."""
    code = "import sys, letters, letters.render, letters.export, letters.form; print('flask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- No import cycle anywhere: every module of the project, imports inside functions included.

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("letters", "web")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project's modules that ``name`` imports, wherever in the file the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def test_no_module_of_the_project_imports_itself_back():
    """A cycle hidden by a late import (app <-> i18n <-> tracking once) makes every change risky."""
    modules = _modules()
    graph = {name: _imports(name, path, set(modules)) for name, path in modules.items()}
    cycles = []

    def visit(node: str, trail: list[str], done: set[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in trail:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, [*trail, nxt], done)
        done.add(node)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name], done)
    assert not cycles, cycles[:3]
    assert graph["web.casepages"] and "web.pages" not in graph["web.casepages"]  # the graph is real


# -- Installable like any Python project

def test_the_wheel_carries_the_data_the_pages_and_the_command(tmp_path):
    """`pip install .` must give a working app: the law, the pages, compiled catalogs, `recours`."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = zipfile.ZipFile(next(tmp_path.glob("recours-*.whl")))
    names = set(wheel.namelist())
    data = {f"letters/{p.relative_to(ROOT / 'letters').as_posix()}"
            for p in (ROOT / "letters" / "data").rglob("*") if p.is_file()}
    assert data <= names, sorted(data - names)[:5]
    assert {f"web/templates/{p.name}" for p in (ROOT / "templates").glob("*.html")} <= names
    assert "web/static/recours.css" in names
    for lang in ("en", "ar", "es"):
        assert f"web/translations/{lang}/LC_MESSAGES/messages.mo" in names
    assert {_wheel_path(m) for m in _modules()} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "recours = letters.__main__:main" in wheel.read(entry_points).decode()
    license_files = [n for n in names if n.endswith("LICENSE")]
    assert license_files and b"AFFERO" in wheel.read(license_files[0])


def _wheel_path(module: str) -> str:
    path = ROOT / Path(*module.split("."))
    return f"{module.replace('.', '/')}/__init__.py" if path.is_dir() else f"{module.replace('.', '/')}.py"
