"""FastAPI parameter markers (``Depends``, ``Query``, ``Path``, ...) and
the request parameters a dependency consumes (FP607, FP608)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.resolve import Binding, FunctionNode, Resolver, Scope, own_nodes

_MARKER_NAMES = ("Query", "Path", "Body", "Cookie", "Header", "Form", "File", "Depends", "Security")
#: Qualified name (``fastapi.Query``, ``fastapi.params.Query``, ...) -> marker name.
MARKERS: dict[str, str] = {
    f"{module}.{name}": name
    for module in ("fastapi", "fastapi.params", "fastapi.param_functions")
    for name in _MARKER_NAMES
}
DEPENDENCY_MARKERS = frozenset({"Depends", "Security"})
ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated"})
PYDANTIC_MODELS = frozenset({"pydantic.BaseModel", "sqlmodel.SQLModel"})


def marker_of(expr: ast.expr | None, resolver: Resolver, scope: Scope) -> str | None:
    """``"Query"`` for a ``Query(...)`` call (however imported), else None."""
    if not isinstance(expr, ast.Call):
        return None
    return MARKERS.get(resolver.qualified_name(expr.func, scope) or "")


def annotated_parts(
    annotation: ast.expr | None, resolver: Resolver, scope: Scope, depth: int = 0
) -> list[tuple[ast.expr, Scope]]:
    """The metadata of an ``Annotated[T, ...]`` annotation, through aliases
    (``DbDep = Annotated[Session, Depends(get_db)]``, also imported from
    another module of the project), each with the scope it is read in."""
    if annotation is None or depth > 6:
        return []
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return []
    if isinstance(annotation, ast.Subscript):
        if resolver.qualified_name(annotation.value, scope) in ANNOTATED and isinstance(annotation.slice, ast.Tuple):
            return [(element, scope) for element in annotation.slice.elts[1:]]
        return []
    binding = _single_binding(annotation, resolver, scope)
    if binding is not None and binding.kind in ("assign", "annassign") and binding.value is not None:
        here = resolver if binding.scope.module is resolver.module else Resolver(binding.scope.module)
        return annotated_parts(binding.value, here, binding.scope, depth + 1)
    return []


def _single_binding(expr: ast.expr, resolver: Resolver, scope: Scope) -> Binding | None:
    """The one binding a name refers to, followed into other modules."""
    binding: Binding | None = None
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) != 1:
            return None
        binding = bindings[0]
    elif isinstance(expr, ast.Attribute):
        qualname = resolver.qualified_name(expr, scope)
        if qualname is None:
            return None
        return resolver.project_binding(qualname, resolver.module)
    for _ in range(6):
        if binding is None or binding.kind != "import" or not binding.qualname:
            return binding
        followed = resolver.project_binding(binding.qualname, binding.scope.module)
        if followed is None:
            return binding  # not found in the project: the import itself
        binding = followed
    return binding


@dataclass
class Consumed:
    """What a handler's parameters and dependencies read from the request."""

    names: set[str]
    unknown: bool = False  # some dependency could not be resolved: the answer is incomplete


def _resolver_for(binding_scope: Scope, resolver: Resolver) -> Resolver:
    return resolver if binding_scope.module is resolver.module else Resolver(binding_scope.module)


def request_parameters(func: FunctionNode) -> list[tuple[ast.arg, ast.expr | None]]:
    """(parameter, default) of each parameter FastAPI fills, in order: all
    but ``*args`` / ``**kwargs`` and a leading ``self`` / ``cls``."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults, strict=True)) + list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
    return pairs[1:] if pairs and pairs[0][0].arg in ("self", "cls") else pairs


def consumed_by_function(
    func: FunctionNode, resolver: Resolver, scope: Scope, seen: set[int], depth: int = 0
) -> Consumed:
    """Parameter names (and ``alias=`` values) of ``func`` and, recursively,
    of its dependencies. ``scope`` is the scope ``func`` is defined in."""
    result = Consumed(set())
    if id(func) in seen or depth > 8:
        return result
    seen.add(id(func))
    if func.args.kwarg is not None:
        result.unknown = True
    for param, default in request_parameters(func):
        result.names.add(param.arg)
        markers: list[tuple[ast.expr, Scope]] = annotated_parts(param.annotation, resolver, scope)
        if default is not None:
            markers.append((default, scope))
        for marker, marker_scope in markers:
            _add_marker(marker, param.annotation, resolver, marker_scope, scope, seen, depth, result)
    return result


def _add_marker(
    marker: ast.expr,
    annotation: ast.expr | None,
    resolver: Resolver,
    marker_scope: Scope,
    annotation_scope: Scope,
    seen: set[int],
    depth: int,
    result: Consumed,
) -> None:
    here = resolver if marker_scope.module is resolver.module else Resolver(marker_scope.module)
    if isinstance(marker, (ast.Name, ast.Attribute)):
        # A pre-assigned marker: ``FindItem = Depends(find_item)``.
        binding = _single_binding(marker, here, marker_scope)
        if binding is None:
            return
        if binding.kind in ("assign", "annassign") and isinstance(binding.value, ast.Call):
            other = _resolver_for(binding.scope, here)
            if marker_of(binding.value, other, binding.scope) is not None:
                _add_marker(binding.value, annotation, other, binding.scope, annotation_scope, seen, depth, result)
            return
        if binding.kind not in ("def", "class"):
            return
        return
    kind = marker_of(marker, here, marker_scope)
    if kind is None:
        return
    assert isinstance(marker, ast.Call)
    for keyword in marker.keywords:
        if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
            result.names.add(keyword.value.value)
    if kind not in DEPENDENCY_MARKERS:
        return
    target: ast.expr | None = marker.args[0] if marker.args else None
    for keyword in marker.keywords:
        if keyword.arg == "dependency":
            target = keyword.value
    if target is None:  # ``Depends()``: the annotation's class is the dependency
        if annotation is None:
            result.unknown = True
            return
        target = _unwrapped_annotation(annotation, resolver, annotation_scope)
        if target is None:
            result.unknown = True
            return
        here, marker_scope = resolver, annotation_scope
    merge(result, consumed_by_dependency(target, here, marker_scope, seen, depth + 1))


def _unwrapped_annotation(annotation: ast.expr, resolver: Resolver, scope: Scope) -> ast.expr | None:
    if isinstance(annotation, ast.Subscript) and resolver.qualified_name(annotation.value, scope) in ANNOTATED:
        if isinstance(annotation.slice, ast.Tuple):
            return annotation.slice.elts[0]
        return None
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        return annotation
    return None


def merge(into: Consumed, other: Consumed) -> None:
    into.names |= other.names
    into.unknown = into.unknown or other.unknown


def consumed_by_dependency(
    expr: ast.expr, resolver: Resolver, scope: Scope, seen: set[int], depth: int = 0
) -> Consumed:
    """What ``Depends(expr)`` reads: a function's parameters; a class's
    ``__init__`` parameters, ``__call__`` parameters (FastAPI calls the
    class; an instance's ``__call__`` is what ``Depends(Checker())`` calls),
    or its fields for a Pydantic model or dataclass; an instance of a
    project class (``Depends(Checker(...))``): its ``__call__``."""
    if depth > 8:
        return Consumed(set(), unknown=True)
    call_of_class = False
    if isinstance(expr, ast.Lambda):
        args = expr.args
        if args.vararg is not None or args.kwarg is not None:
            return Consumed(set(), unknown=True)
        return Consumed({a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]})
    if isinstance(expr, ast.Call):
        call_of_class = True
        expr = expr.func
    if isinstance(expr, (ast.Name, ast.Attribute)):
        binding = _single_binding(expr, resolver, scope)
        if binding is None:
            if isinstance(expr, ast.Name) and not scope.lookup(expr.id):
                return Consumed(set(), unknown=True)
            return Consumed(set(), unknown=True)
        if binding.kind == "import":
            # Imported from a module that is not part of the project (a
            # library): FastAPI reads its parameters, which are not known
            # here; ruff#18009 expects the path check to go on regardless.
            return Consumed(set(), unknown=not _is_library_import(binding))
        other = _resolver_for(binding.scope, resolver)
        node = binding.node
        if binding.kind == "def" and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not call_of_class:
            return consumed_by_function(node, other, binding.scope, seen, depth + 1)
        if binding.kind == "class" and isinstance(node, ast.ClassDef):
            return _consumed_by_class(node, other, binding.scope, seen, depth + 1, instance=call_of_class)
        if binding.kind in ("assign", "annassign") and binding.value is not None and not call_of_class:
            # ``checker = Checker(...)`` then ``Depends(checker)``.
            return consumed_by_dependency(binding.value, other, binding.scope, seen, depth + 1)
    return Consumed(set(), unknown=True)


def _is_library_import(binding: Binding) -> bool:
    """An import whose module is not found in the project."""
    qualname = binding.qualname or ""
    module_name = qualname.rpartition(".")[0]
    if not module_name:
        return False
    top = module_name.split(".")[0]
    if top in K.THIRD_PARTY_ROOTS:
        return True
    project = binding.scope.module.project
    return (
        project.find_module(module_name, binding.scope.module) is None
        and project.find_module(qualname, binding.scope.module) is None
    )


def _consumed_by_class(
    cls: ast.ClassDef, resolver: Resolver, scope: Scope, seen: set[int], depth: int, *, instance: bool
) -> Consumed:
    result = Consumed(set())
    class_scope = scope.module.scope_for(cls, scope)
    methods = {node.name: node for node in cls.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    bases = resolver.base_qualnames(cls, scope)
    if instance:
        call = methods.get("__call__")
        if call is None:
            result.unknown = True
            return result
        return consumed_by_function(call, resolver, class_scope, seen, depth + 1)
    found_any = False
    for name in ("__init__", "__call__"):
        method = methods.get(name)
        if method is not None:
            found_any = True
            merge(result, consumed_by_function(method, resolver, class_scope, seen, depth + 1))
    is_model = bool(bases & PYDANTIC_MODELS) or any(_decorator_name(d) == "dataclass" for d in cls.decorator_list)
    if is_model or not found_any:
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                result.names.add(node.target.id)
                found_any = True
                for part, _ in annotated_parts(node.annotation, resolver, class_scope):
                    if isinstance(part, ast.Call):
                        for keyword in part.keywords:
                            if keyword.arg in ("alias", "validation_alias") and isinstance(keyword.value, ast.Constant):
                                result.names.add(str(keyword.value.value))
                if isinstance(node.value, ast.Call):
                    for keyword in node.value.keywords:
                        if keyword.arg in ("alias", "validation_alias") and isinstance(keyword.value, ast.Constant):
                            result.names.add(str(keyword.value.value))
    if "<unknown>" in bases or (bases - {"builtins.object"} - PYDANTIC_MODELS and not found_any):
        result.unknown = True
    if not found_any:
        result.unknown = True
    return result


def _decorator_name(decorator: ast.expr) -> str | None:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


def reads_path_params(func: FunctionNode) -> bool:
    """The body reads ``request.path_params`` itself."""
    return any(isinstance(node, ast.Attribute) and node.attr == "path_params" for node in own_nodes(func))
