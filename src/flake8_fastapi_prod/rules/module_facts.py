"""Module-wide facts several rule families ask for, each built once per
module by a walk far cheaper than the full one (``ModuleInfo.nodes``)."""

from __future__ import annotations

import ast

from flake8_fastapi_prod.resolve import ModuleInfo

#: Statement fields that hold statements (or handlers / match cases, which do).
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


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
            if isinstance(node, ast.Import):
                imports.append(node)
                continue
            if isinstance(node, ast.ImportFrom):
                froms.append(node)
                continue
            children: list[ast.AST] = []
            for name in _BODIES:
                value = getattr(node, name, None)
                if value.__class__ is list:
                    children.extend(value)
            stack.extend(reversed(children))
        return [*imports, *froms]

    return module.memo("module-facts:imports", build)
