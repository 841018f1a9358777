"""The shape of the package: imports run only downwards, there is no import cycle, and the
module map in translator_app/__init__.py names every module."""

from __future__ import annotations

import ast
from pathlib import Path

import translator_app

ROOT = Path(translator_app.__file__).parent
GROUND = {"root", "languages", "device", "paths", "fsutil", "heldout", "allocator", "data"}
# what each part may import besides itself (the README's Architecture table)
ALLOWED = {
    "engine": GROUND,
    "dictionary": GROUND | {"engine"},
    "tm": GROUND | {"engine", "dictionary"},
    "training": GROUND | {"engine", "dictionary", "tm"},
    "gui": GROUND | {"engine", "dictionary", "tm"},
    "bench": GROUND | {"engine", "dictionary", "tm", "training", "gui"},
}
TOP = {"cli", "selftest", "desktop", "__main__"}  # entry points: may import anything; nothing imports cli


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("").parts
        yield path, ("translator_app",) + (rel[:-1] if rel[-1] == "__init__" else rel)


KNOWN = {name for _, name in _modules()}


def _imports(path: Path, name: tuple, top_level_only: bool):
    """Modules of the package that ``path`` imports (at module level only, if asked)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name[:-1]
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {tuple(a.name.split(".")) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = base + tuple(node.module.split(".")) if node.module else base
            else:
                target = tuple((node.module or "").split("."))
            # `from pkg import module` imports the module; `from module import name` the module
            found |= {target + (a.name,) if target + (a.name,) in KNOWN else target for a in node.names}
    return {t for t in found if t and t[0] == "translator_app"}


def _part(name: tuple) -> str:
    return name[1] if len(name) > 1 and name[:2] in KNOWN else "root"


def test_imports_run_only_downwards():
    bad = []
    for path, name in _modules():
        part = _part(name)
        for target in _imports(path, name, top_level_only=False):
            other = _part(target)
            if other == part or part in TOP:
                continue
            if other == "cli" or (part in ALLOWED and other not in ALLOWED[part]) or \
                    (part in GROUND and other not in GROUND):
                bad.append(f"{'.'.join(name)} imports {'.'.join(target)}")
    assert not bad, "\n".join(bad)


def test_no_import_cycle_at_module_level():
    graph = {name: {t for t in _imports(path, name, top_level_only=True) if t in KNOWN and t != name}
             for path, name in _modules()}
    state, cycles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" -> ".join(".".join(m) for m in c) for c in cycles)


def _mapped() -> set:
    """Paths the map names: a folder heading ("    engine/ ...") holds the *.py names on its
    own line and the lines indented under it."""
    import re

    mapped, stack = set(), []  # stack of (indent, folder)
    for line in translator_app.__doc__.split("A translation request")[0].splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while stack and indent <= stack[-1][0]:
            stack.pop()
        head = re.match(r"\s*([a-z_]+)/(\s|$)", line)
        folder = "/".join(f for _, f in stack)
        if head:
            stack.append((indent, head.group(1)))
            folder = "/".join(f for _, f in stack)
        for leaf in re.findall(r"\b([a-z_0-9]+\.py)\b", line):
            mapped.add(f"{folder}/{leaf}" if folder else leaf)
    return mapped


def test_the_module_map_names_every_module():
    mapped = _mapped()
    missing = [path.relative_to(ROOT).as_posix() for path, _ in _modules()
               if path.name not in ("__init__.py", "__main__.py")
               and path.relative_to(ROOT).as_posix() not in mapped]
    assert not missing, "modules missing from the map in translator_app/__init__.py: " + ", ".join(missing)
    assert "engine/translator.py" in mapped and "training/readers/tmx.py" in mapped
