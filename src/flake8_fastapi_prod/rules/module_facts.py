"""Module-wide facts several rule families ask for, each built once per
module by a walk far cheaper than the full one (``ModuleInfo.nodes``)."""

from __future__ import annotations

import ast

from flake8_fastapi_prod.resolve import ModuleInfo

_BODIES = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})
#: The fields that hold statements (or handlers / match cases, which do), in
#: the order of ``_fields`` (the walk's order), of the nodes that have them.
_BODY_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {
    node_type: tuple(name for name in node_type._fields if name in _BODIES)
    for node_type in (
        ast.Module,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.If,
        ast.For,
        ast.AsyncFor,
        ast.While,
        ast.With,
        ast.AsyncWith,
        ast.Try,
        *((ast.TryStar,) if hasattr(ast, "TryStar") else ()),
        ast.Match,
        ast.ExceptHandler,
        ast.match_case,
    )
}


def import_nodes(module: ModuleInfo) -> list[ast.Import | ast.ImportFrom]:
    """Every ``import`` / ``from ... import`` statement of the module, also
    the ones in functions, classes and blocks: the same nodes as
    ``module.nodes(ast.Import, ast.ImportFrom)``, found by walking
    statements only (an import is never inside an expression)."""

    def build() -> list[ast.Import | ast.ImportFrom]:
        imports: list[ast.Import] = []
        froms: list[ast.ImportFrom] = []
        stack: list[ast.AST] = [module.tree]
        while stack:
            node = stack.pop()
            node_type = type(node)
            if node_type is ast.Import:
                imports.append(node)  # type: ignore[arg-type]
                continue
            if node_type is ast.ImportFrom:
                froms.append(node)  # type: ignore[arg-type]
                continue
            fields = _BODY_FIELDS.get(node_type)
            if fields is None:
                continue  # a simple statement: no statements inside
            if len(fields) == 1:
                stack.extend(reversed(getattr(node, fields[0])))
                continue
            children: list[ast.AST] = []
            for name in fields:
                children.extend(getattr(node, name))
            stack.extend(reversed(children))
        return [*imports, *froms]

    return module.memo("module-facts:imports", build)
