"""pressctl's modules import each other without circles, lazy imports included."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pressctl"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(name: str, modules: set[str]) -> str | None:
    """``pressctl.render.pdf.edition.render`` → ``pressctl.render.pdf.edition``: the module a
    name lives in."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module → the pressctl modules it imports, at top level or inside a function.

    ``from pressctl.render import pdf`` imports the module ``pressctl.render.pdf.edition``;
    ``from pressctl.kit import Kit`` imports ``pressctl.kit``.  Importing a
    submodule runs its package's ``__init__`` first, but a package's face does
    not import back, so only the named module is an edge.
    """
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in paths.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                found = _resolve(target, modules)
                if found is not None and found != module:
                    graph[module].add(found)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
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
    return sorted(found)


def test_the_cycle_finder_finds_a_circle() -> None:
    """The oracle itself: a → b → c → a is one circle, d alone is none."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_graph_sees_lazy_and_package_imports() -> None:
    graph = import_graph()
    assert "pressctl.render.pdf.page" in graph["pressctl.render.pdf.edition"]
    assert "pressctl.render.pdf.bilingual" in graph["pressctl.render"]  # a lazy import
    assert "pressctl.render.docx.document" in graph["pressctl.render.docx.bilingual"]
    assert "pressctl.qa" in graph["pressctl.build.gate"]  # a lazy import inside a function


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


#: The stages, lowest first: a module may import its own layer and those before it, never
#: one after it.  ``render.pdf`` and ``render.docx`` share a layer as siblings that never
#: import each other; below them the shared ``render`` modules, above them the package's
#: face (``pressctl.render``: the table of renderers by format).  The web edition
#: (``render.html``) sits below them: the e-mail carries its article.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__",),  # the version only
    ("core",), ("source",), ("catalogs",), ("translate",), ("qa",), ("kit",),
    ("render",), ("render.html",), ("render.pdf", "render.docx", "render.email"),
    ("render.__init__",),
    ("write",), ("build",), ("project",), ("cli",), ("__main__",),
)


def layer_of(module: str) -> tuple[int, str]:
    """``pressctl.render.pdf.page`` → (its layer's rank, ``render.pdf``): the most specific
    package of :data:`LAYERS` the module is in."""
    parts = module.split(".")[1:] or ["__init__"]
    if parts == ["render"]:
        parts = ["render", "__init__"]
    best: tuple[int, str] | None = None
    for rank, names in enumerate(LAYERS):
        for name in names:
            if parts[:len(name.split("."))] == name.split(".") and (
                    best is None or len(name) > len(best[1])):
                best = (rank, name)
    if best is None:
        raise AssertionError(f"{module} is in no layer of LAYERS: place its package")
    return best


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import that goes up the layers or across to a sibling (pdf ↔ docx)."""
    found = []
    for module, targets in sorted(graph.items()):
        rank, package = layer_of(module)
        for target in sorted(targets):
            t_rank, t_package = layer_of(target)
            if t_rank > rank or (t_rank == rank and t_package != package):
                found.append(f"{module} ({package}) imports {target} ({t_package})")
    return found


def test_the_layer_check_finds_an_import_up_and_across() -> None:
    """The oracle: source importing the kit goes up, a PDF module importing the DOCX
    renderer goes across; the kit importing source, or the registry both formats, is fine."""
    graph = {"pressctl.source.read": {"pressctl.kit.make", "pressctl.core.lang"},
             "pressctl.render.pdf.page": {"pressctl.render.docx.styles",
                                          "pressctl.render.picture"},
             "pressctl.render": {"pressctl.render.pdf.edition", "pressctl.render.docx.edition"},
             "pressctl.kit.make": {"pressctl.source.read"}}
    graph.update({t: set() for targets in list(graph.values()) for t in targets
                  if t not in graph})
    assert layer_violations(graph) == [
        "pressctl.render.pdf.page (render.pdf) imports pressctl.render.docx.styles "
        "(render.docx)",
        "pressctl.source.read (source) imports pressctl.kit.make (kit)"]


def test_every_module_is_in_a_layer_and_no_import_goes_up() -> None:
    """core < source < catalogs < translate < qa < kit < render < write < build < project <
    cli, lazy imports included (README, "Architecture")."""
    graph = import_graph()
    assert {layer_of(m)[1] for m in graph} == {n for names in LAYERS for n in names}
    assert layer_violations(graph) == []


def test_the_build_reaches_each_renderer_through_one_table() -> None:
    """The format is dispatched by ``pressctl.render.RENDERERS``, imports a reader (and a
    call-graph tool) can follow — not a module name built from a string."""
    from pressctl.render import RENDERERS, renderer

    graph = import_graph()
    assert "pressctl.render" in graph["pressctl.build.run"]
    assert {"pressctl.render.pdf.edition", "pressctl.render.docx.edition",
            "pressctl.render.pdf.bilingual", "pressctl.render.docx.bilingual"} <= \
        graph["pressctl.render"]
    assert sorted(RENDERERS) == ["docx", "email", "html", "pdf"]
    from pressctl.render.docx import bilingual as docx_bilingual
    from pressctl.render.docx import edition as docx
    from pressctl.render.pdf import bilingual as pdf_bilingual
    from pressctl.render.pdf import edition as pdf

    assert renderer("pdf")[:2] == (pdf.build, pdf_bilingual.build_bilingual)
    assert renderer("docx")[:2] == (docx.build, docx_bilingual.build_bilingual)
    called = {node.func.attr if isinstance(node.func, ast.Attribute) else
              getattr(node.func, "id", "")
              for path in PACKAGE.rglob("*.py")
              for node in ast.walk(ast.parse(path.read_text("utf-8")))
              if isinstance(node, ast.Call)}
    assert "import_module" not in called and "__import__" not in called
    assert "render" in called  # the oracle: calls are seen
