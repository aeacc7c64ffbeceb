"""The demo lives in one package, told in chapters; the product apps hold product code only."""

import ast
import pkgutil
from pathlib import Path

import inklusiv
from inklusiv import demo

SRC = Path(inklusiv.__file__).parent
# The commands that load the demo and print its second factor are the demo's only callers.
CALLERS = {"core/management/commands/load_demo.py", "core/management/commands/demo_totp.py"}


def test_every_chapter_of_the_package_is_loaded_in_order():
    modules = {info.name for info in pkgutil.iter_modules(demo.__path__)}
    assert sorted(demo.CHAPTERS) == sorted(modules)
    assert demo.CHAPTERS[:5] == [
        "people",
        "call",
        "expressions_of_interest",
        "selection",
        "onsite_meetings",
    ]


def test_no_product_app_holds_or_imports_demo_code():
    demo_dir = SRC / "demo"
    offenders = []
    for path in SRC.rglob("*.py"):
        if demo_dir in path.parents:
            continue
        relative = path.relative_to(SRC).as_posix()
        if "demo" in path.stem and relative not in CALLERS:
            offenders.append(relative)
            continue
        if relative in CALLERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=relative)):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            if any(name == "inklusiv.demo" or name.startswith("inklusiv.demo.") for name in names):
                offenders.append(relative)
    assert offenders == []
