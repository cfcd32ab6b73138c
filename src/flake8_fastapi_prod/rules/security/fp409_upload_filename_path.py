from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context, import_aliases
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.resolve import FunctionNode, Resolver, Scope, own_nodes
from flake8_fastapi_prod.rules.security.common import resolver_for

#: Calls whose result is a path built from (any of) their arguments.
CARRYING_CALLS = frozenset(
    {
        "os.path.join",
        "os.path.abspath",
        "os.path.normpath",
        "os.path.expanduser",
        "os.path.realpath",
        "posixpath.join",
        "pathlib.Path",
        "pathlib.PurePath",
        "pathlib.PurePosixPath",
        "anyio.Path",
        "aiofiles.os.path.join",
        "str",
        "os.fspath",
    }
)
#: ``value.method(...)`` that keeps the value's text (and so its ``../``).
CARRYING_METHODS = frozenset(
    {"replace", "lower", "upper", "strip", "lstrip", "rstrip", "format", "joinpath", "with_suffix", "encode", "decode",
     "join", "resolve", "absolute", "expanduser", "title", "casefold"}
)  # fmt: skip
#: ``Path(name).name`` and friends keep only the last component.
SANITISING_ATTRIBUTES = frozenset({"name", "stem", "suffix", "suffixes"})

#: Sinks: qualified name -> the positional index of the path argument (-1: the receiver).
FILE_CALLS: dict[str, tuple[int, ...]] = {
    "open": (0,),
    "io.open": (0,),
    "codecs.open": (0,),
    "os.open": (0,),
    "aiofiles.open": (0,),
    "anyio.open_file": (0,),
    "os.makedirs": (0,),
    "os.mkdir": (0,),
    "os.remove": (0,),
    "os.unlink": (0,),
    "os.rename": (1,),
    "os.replace": (1,),
    "shutil.copy": (1,),
    "shutil.copy2": (1,),
    "shutil.copyfile": (1,),
    "shutil.move": (1,),
    "shutil.rmtree": (0,),
    "aiofiles.os.makedirs": (0,),
    "aiofiles.os.remove": (0,),
    "aiofiles.os.rename": (1,),
}
#: Path methods that touch the file system.
PATH_METHODS = frozenset(
    {"write_bytes", "write_text", "open", "touch", "mkdir", "unlink", "rename", "replace", "symlink_to", "rmdir"}
)
_TARGET_METHODS = frozenset({"rename", "replace", "symlink_to"})
_SINK_NAMES = frozenset(name.rpartition(".")[2] for name in FILE_CALLS) | PATH_METHODS
_SPLIT_SEPARATORS = frozenset({"/", "\\", "."})
_REQUEST_CLASSES = frozenset({"fastapi.Request", "starlette.requests.Request", "fastapi.requests.Request"})


@dataclass
class _Flow:
    """One function's assignments by name, in source order."""

    assignments: dict[str, list[tuple[tuple[int, int], ast.expr | None]]] = field(default_factory=dict)
    #: ``async with request.form() as form``: name -> the context expression
    with_values: dict[str, ast.expr] = field(default_factory=dict)
    validated: bool = False  # the function checks names for ``..`` / containment


def _position(node: ast.AST) -> tuple[int, int]:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


def _flow(function: FunctionNode) -> _Flow:
    flow = _Flow()
    checked: list[str] = []  # names whose ``.startswith(...)`` is called
    for node in own_nodes(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    flow.assignments.setdefault(target.id, []).append((_position(node), node.value))
                elif isinstance(target, (ast.Tuple, ast.List)):
                    for element in target.elts:
                        if isinstance(element, ast.Name):
                            flow.assignments.setdefault(element.id, []).append((_position(node), None))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            flow.assignments.setdefault(node.target.id, []).append((_position(node), node.value))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            combined = ast.BinOp(ast.Name(node.target.id, ast.Load()), node.op, node.value)
            ast.copy_location(combined, node)
            flow.assignments.setdefault(node.target.id, []).append((_position(node), combined))
        elif isinstance(node, ast.NamedExpr):
            flow.assignments.setdefault(node.target.id, []).append((_position(node), node.value))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
            targets = (
                [node.target]
                if isinstance(node, (ast.For, ast.AsyncFor))
                else [item.optional_vars for item in node.items if item.optional_vars is not None]
            )
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        flow.assignments.setdefault(name.id, []).append((_position(node), None))
            if isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if isinstance(item.optional_vars, ast.Name):
                        flow.with_values[item.optional_vars.id] = item.context_expr
        elif (isinstance(node, ast.Compare) and _is_traversal_check(node)) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("is_relative_to", "relative_to", "commonpath", "startswith")
            and _mentions_resolution(node)
        ):
            flow.validated = True
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "startswith"
            and isinstance(node.func.value, ast.Name)
        ):
            checked.append(node.func.value.id)
    for entries in flow.assignments.values():
        entries.sort(key=lambda entry: entry[0])
    # ``path = os.path.realpath(...)`` ... ``path.startswith(root)``: a containment check
    for checked_name in checked:
        if any(
            value is not None and _mentions_resolution(value)
            for _, value in flow.assignments.get(checked_name, [])
            if isinstance(value, ast.Call)
        ):
            flow.validated = True
    return flow


def _is_traversal_check(node: ast.Compare) -> bool:
    """``".." in name`` / ``"/" in name`` / ``os.sep in name``."""
    if not any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
        return False
    return isinstance(node.left, ast.Constant) and node.left.value in ("..", "/", "\\")


def _mentions_resolution(call: ast.Call) -> bool:
    """A containment check, or (for an assigned value) a resolved path."""
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("is_relative_to", "relative_to", "commonpath"):
        return True
    text = ast.unparse(call)
    return any(word in text for word in ("resolve(", "realpath(", "abspath("))


class _Taint:
    """Does an expression carry an ``UploadFile.filename`` at a position?"""

    def __init__(self, resolver: Resolver, scope: Scope, flow: _Flow) -> None:
        self.resolver = resolver
        self.scope = scope
        self.flow = flow

    def tainted(self, expr: ast.expr | None, at: tuple[int, int], depth: int = 0) -> bool:
        if expr is None or depth > 12:
            return False
        recurse = self.tainted
        if isinstance(expr, ast.Attribute):
            if expr.attr == "filename":
                return self.is_upload_file(expr.value)
            if expr.attr in SANITISING_ATTRIBUTES:
                return False
            return recurse(expr.value, at, depth + 1)
        if isinstance(expr, ast.Name):
            return self._name_tainted(expr.id, at, depth)
        if isinstance(expr, ast.JoinedStr):
            return any(isinstance(v, ast.FormattedValue) and recurse(v.value, at, depth + 1) for v in expr.values)
        if isinstance(expr, ast.BinOp):
            if isinstance(expr.op, (ast.Add, ast.Div, ast.Mod)):
                return recurse(expr.left, at, depth + 1) or recurse(expr.right, at, depth + 1)
            return False
        if isinstance(expr, ast.IfExp):
            return recurse(expr.body, at, depth + 1) or recurse(expr.orelse, at, depth + 1)
        if isinstance(expr, ast.BoolOp):
            return any(recurse(v, at, depth + 1) for v in expr.values)
        if isinstance(expr, ast.Await):
            return recurse(expr.value, at, depth + 1)
        if isinstance(expr, ast.Subscript):
            if _is_last_component(expr):
                return False
            return recurse(expr.value, at, depth + 1)
        if isinstance(expr, ast.Call):
            return self._call_tainted(expr, at, depth)
        return False

    def _call_tainted(self, call: ast.Call, at: tuple[int, int], depth: int) -> bool:
        func = call.func
        qualname = self.resolver.qualified_name(func, self.scope)
        if qualname is None and isinstance(func, ast.Name) and not self.scope.lookup(func.id):
            qualname = func.id
        arguments = [*call.args, *(k.value for k in call.keywords)]
        if qualname in CARRYING_CALLS:
            return any(self.tainted(a, at, depth + 1) for a in arguments)
        if isinstance(func, ast.Attribute) and func.attr in CARRYING_METHODS and qualname is None:
            if self.tainted(func.value, at, depth + 1):
                return True
            if func.attr in ("format", "joinpath", "join"):
                return any(self.tainted(a, at, depth + 1) for a in arguments)
        return False

    def _name_tainted(self, name: str, at: tuple[int, int], depth: int) -> bool:
        entries = self.flow.assignments.get(name)
        if not entries:
            return False
        before = [entry for entry in entries if entry[0] < at]
        if not before:
            return False
        position, value = before[-1]
        return self.tainted(value, position, depth + 1)

    def is_upload_file(self, expr: ast.expr) -> bool:
        if self.resolver.type_of(expr, self.scope) in K.UPLOAD_FILES:
            return True
        if self._is_form_item(expr, 0):
            return True
        # ``for file in files`` over ``files: list[UploadFile]``
        if not isinstance(expr, ast.Name):
            return False
        for binding in self.scope.lookup(expr.id):
            node = binding.node
            if isinstance(node, (ast.For, ast.AsyncFor)) and (
                (isinstance(node.iter, ast.Name) and self._is_upload_list(node.iter))
                or self._is_form_lookup(node.iter, ("getlist",), 0)
            ):
                return True
        return False

    def _is_form_item(self, expr: ast.expr, depth: int) -> bool:
        """``form["file"]`` / ``form.get("file")`` of ``form = await
        request.form()``, or a name assigned one: an ``UploadFile`` when
        the part is a file (a plain field has no ``filename``)."""
        if depth > 4:
            return False
        if isinstance(expr, ast.Name):
            entries = self.flow.assignments.get(expr.id, [])
            return len(entries) == 1 and entries[0][1] is not None and self._is_form_item(entries[0][1], depth + 1)
        if isinstance(expr, ast.Subscript):
            return self._is_form(expr.value, depth + 1)
        return self._is_form_lookup(expr, ("get",), depth)

    def _is_form_lookup(self, expr: ast.expr, methods: tuple[str, ...], depth: int) -> bool:
        return (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Attribute)
            and expr.func.attr in methods
            and self._is_form(expr.func.value, depth + 1)
        )

    def _is_form(self, expr: ast.expr, depth: int) -> bool:
        """``await request.form()`` (a ``Request`` parameter), or a name bound to it."""
        if depth > 4:
            return False
        if isinstance(expr, ast.Name):
            entries = self.flow.assignments.get(expr.id, [])
            if len(entries) == 1 and entries[0][1] is not None:
                return self._is_form(entries[0][1], depth + 1)
            context = self.flow.with_values.get(expr.id)
            return len(entries) == 1 and context is not None and self._is_form(context, depth + 1)
        if isinstance(expr, ast.Await):
            expr = expr.value
        return (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Attribute)
            and expr.func.attr == "form"
            and self.resolver.type_of(expr.func.value, self.scope) in _REQUEST_CLASSES
        )

    def _is_upload_list(self, expr: ast.Name) -> bool:
        for binding in self.scope.lookup(expr.id):
            annotation = binding.annotation
            while isinstance(annotation, ast.Subscript):
                inner = annotation.slice
                elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
                if not elements:
                    return False
                element = elements[0]
                outer = binding.scope.parent or binding.scope
                if (
                    isinstance(element, (ast.Name, ast.Attribute))
                    and self.resolver.qualified_name(element, outer) in K.UPLOAD_FILES
                ):
                    return True
                annotation = element
        return False


def _is_last_component(expr: ast.Subscript) -> bool:
    """``name.split("/")[-1]``, ``name.rsplit(".", 1)[-1]``,
    ``os.path.splitext(name)[1]``: no separator or ``..`` survives."""
    index = expr.slice
    value = expr.value
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Attribute):
        return False
    is_last = (isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub)) or (
        isinstance(index, ast.Constant) and index.value == 1
    )
    if not is_last:
        return False
    if value.func.attr == "splitext":
        return True
    if value.func.attr in ("split", "rsplit") and value.args:
        separator = value.args[0]
        return isinstance(separator, ast.Constant) and separator.value in _SPLIT_SEPARATORS
    return False


class UploadFilenameInPath(Rule):
    """`UploadFile.filename` flowing into a file-system path.

    ## What it does
    Flags a file-system call whose path is built from the `filename` of an
    `UploadFile` (a parameter annotated `UploadFile`, also inside
    `Annotated[...]`, an item of a `list[UploadFile]`, or a file part of
    `await request.form()` read as `form["file"]` / `form.get("file")` /
    `form.getlist("files")`): `open`,
    `aiofiles.open`, `anyio.open_file`, `Path.write_bytes` /
    `write_text` / `open` / `mkdir`, `shutil.copy` / `move`,
    `os.makedirs` / `rename` / `remove`. The name is followed through
    assignments (the latest one before the use), f-strings, `+` / `%`,
    `os.path.join`, `Path(...)` and `Path(...) / name`, and string methods
    such as `.replace()` / `.lower()`. The name, or the upload itself, may
    be handed to a project function (also one in another module) whose
    parameter reaches the call there: `save(file.filename, data)`, or
    `store(file)` with `def store(upload): open(upload.filename, "wb")`
    (the finding is on the call of the helper).

    Not flagged: a name that went through `Path(name).name` (or `.stem` /
    `.suffix`), `os.path.basename`, `werkzeug.utils.secure_filename` or
    any other function the rule does not know to keep the text, the last
    part of `name.split("/")[-1]` / `name.rsplit(".", 1)[-1]` /
    `os.path.splitext(name)[1]`, a generated name (`uuid4().hex`), and
    functions that check the name or the resolved path themselves
    (`".." in name`, `path.resolve().is_relative_to(root)`,
    `os.path.commonpath`).

    ## Why is this bad?
    The client chooses the filename of a multipart part. Verified on
    FastAPI 0.165: a part named `../../app/main.py` arrives as
    `file.filename == "../../app/main.py"` (Starlette does not strip
    directories), so `open(f"uploads/{file.filename}", "wb")` overwrites
    a file outside the upload folder; an absolute name makes
    `os.path.join(root, name)` drop `root` altogether.

    ## Example
    ```python
    from fastapi import FastAPI, UploadFile

    app = FastAPI()

    @app.post("/upload")
    async def upload(file: UploadFile):
        with open(f"uploads/{file.filename}", "wb") as out:
            out.write(await file.read())
    ```

    ## Use instead
    ```python
    import uuid
    from pathlib import Path

    from fastapi import FastAPI, UploadFile

    app = FastAPI()

    @app.post("/upload")
    async def upload(file: UploadFile):
        suffix = Path(file.filename or "").suffix
        with open(f"uploads/{uuid.uuid4().hex}{suffix}", "wb") as out:
            out.write(await file.read())
    ```

    ## Fix safety
    There is no fix: whether to keep the client's base name or generate
    one is the project's choice.
    """

    code = "FP409"
    gates = {"Call": Gate(keys=_SINK_NAMES), "Attribute": Gate(keys=frozenset({"filename"}))}
    name = "upload-filename-in-path"
    message = (
        'UploadFile.filename reaches {sink}: the client chooses the name ("../../app/main.py") and can write '
        "outside the folder; use a generated name or Path(name).name"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name not in _SINK_NAMES:
            return
        function = ctx.function()
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        if not ctx.module.memo(f"fp409-mentions:{id(function)}", lambda: _mentions_filename(function)):
            return
        flow: _Flow = ctx.module.memo(f"fp409-flow:{id(function)}", lambda: _flow(function))
        if flow.validated:
            return
        taint = _Taint(ctx.resolver, ctx.scope, flow)
        sink = _sink_reached(node, taint, ctx.resolver, ctx.scope)
        if sink is not None:
            yield self.report(node, sink=sink)

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        """``save(file.filename, data)``: the name passed to a project
        function whose parameter reaches a file-system call there."""
        if node.attr != "filename":
            return
        function = ctx.function()
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        yield from self._helper_calls(function, ctx.scope, ctx)

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        """``save_upload(file)`` from a function with a ``file: UploadFile``
        parameter that never reads ``.filename`` itself: the helper may."""
        if not ctx.module.may_mention("UploadFile") or not _has_upload_parameter(node, ctx.resolver, ctx.scope):
            return
        yield from self._helper_calls(node, ctx.module.scope_for(node, ctx.scope), ctx)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _helper_calls(self, function: FunctionNode, scope: Scope, ctx: Context) -> Iterator[Finding]:
        """The calls of project functions in ``function`` (whose body scope
        is ``scope``) that hand them a client's filename or an upload, when
        the helper's parameter reaches a file-system call. Once per function."""
        key = f"fp409-helper-calls:{id(function)}"
        done: dict[str, bool] = ctx.module.memo("fp409-helper-done", dict)
        if key in done:
            return
        done[key] = True
        flow: _Flow = ctx.module.memo(f"fp409-flow:{id(function)}", lambda: _flow(function))
        if flow.validated:
            return
        taint = _Taint(ctx.resolver, scope, flow)
        for call in own_nodes(function):
            if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
                continue
            name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
            if name in _SINK_NAMES:
                continue  # visit_Call judges it
            passed = _passed_filenames(call, taint)
            if not passed:
                continue
            definition = ctx.resolver.definition(call.func, scope)
            if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            sinks = _parameter_sinks(definition.node, definition.scope)
            offset = 1 if isinstance(call.func, ast.Attribute) and _is_method(definition.node) else 0
            for where, kind in passed:
                parameter = _parameter_for(definition.node, where, offset)
                sink = sinks.get((parameter, kind)) if parameter is not None else None
                if sink is not None:
                    yield self.report(call, sink=f"{sink} in {definition.node.name}()")
                    break


def _sink_reached(node: ast.Call, taint: _Taint, resolver: Resolver, scope: Scope) -> str | None:
    """The file-system call ``node`` is, when its path is tainted."""
    func = node.func
    at = _position(node)
    qualname = resolver.qualified_name(func, scope)
    if qualname is None and isinstance(func, ast.Name) and not scope.lookup(func.id):
        qualname = func.id
    if qualname in FILE_CALLS:
        for index in FILE_CALLS[qualname]:
            argument = node.args[index] if len(node.args) > index else None
            if argument is None:
                argument = next((k.value for k in node.keywords if k.arg in ("file", "dst", "path", "name")), None)
            if taint.tainted(argument, at):
                return f"{qualname}()"
        return None
    if isinstance(func, ast.Attribute) and func.attr in PATH_METHODS and qualname is None:
        if func.attr in _TARGET_METHODS:  # Path.rename(target); str.replace(old, new) is not a sink
            if len(node.args) == 1 and not node.keywords and taint.tainted(node.args[0], at):
                return f"Path.{func.attr}()"
            return None
        if taint.tainted(func.value, at):
            return f"Path.{func.attr}()"
    return None


def _passed_filenames(call: ast.Call, taint: _Taint) -> list[tuple[int | str, str]]:
    """The arguments of ``call`` carrying a client's filename ("name") or
    that are an ``UploadFile`` ("file"), by position or keyword."""
    at = _position(call)
    passed: list[tuple[int | str, str]] = []
    if any(isinstance(a, ast.Starred) for a in call.args):
        return passed
    arguments: list[tuple[int | str, ast.expr]] = [*enumerate(call.args)]
    arguments += [(k.arg, k.value) for k in call.keywords if k.arg is not None]
    for where, value in arguments:
        if taint.tainted(value, at):
            passed.append((where, "name"))
        elif taint.is_upload_file(value):
            passed.append((where, "file"))
    return passed


def _is_method(function: FunctionNode) -> bool:
    params = function.args.posonlyargs + function.args.args
    return bool(params) and params[0].arg in ("self", "cls")


def _parameter_for(function: FunctionNode, where: int | str, offset: int) -> str | None:
    params = [*function.args.posonlyargs, *function.args.args]
    if isinstance(where, int):
        index = where + offset
        return params[index].arg if index < len(params) else None
    names = {p.arg for p in [*function.args.args, *function.args.kwonlyargs]}
    return where if where in names else None


def _parameter_sinks(function: FunctionNode, scope: Scope) -> dict[tuple[str, str], str]:
    """(parameter, "name" | "file") -> the file-system call in ``function``
    its value reaches: the parameter itself as a path part ("name"), or
    its ``.filename`` ("file", for a parameter not annotated
    ``UploadFile``, which the rule already follows inside the function)."""
    module = scope.module

    def build() -> dict[tuple[str, str], str]:
        found: dict[tuple[str, str], str] = {}
        flow = module.memo(f"fp409-flow:{id(function)}", lambda: _flow(function))
        if flow.validated:
            return found
        calls = [
            n
            for n in own_nodes(function)
            if isinstance(n, ast.Call)
            and (n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", None)) in _SINK_NAMES
        ]
        if not calls:
            return found
        resolver = resolver_for(module)
        body_scope = module.scope_for(function, scope)
        params = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
        for param in params:
            if param.arg in ("self", "cls"):
                continue
            typed_upload = _annotated_upload(param, resolver, scope)
            for kind in ("name", "file"):
                if kind == "file" and typed_upload:
                    continue
                taint = _ParameterTaint(resolver, body_scope, flow, param.arg, kind)
                for call in calls:
                    sink = _sink_reached(call, taint, resolver, body_scope)
                    if sink is not None:
                        found[(param.arg, kind)] = sink
                        break
        return found

    return module.memo(f"fp409-params:{id(function)}", build)


class _ParameterTaint(_Taint):
    """Taint from one parameter of a helper: its value is the client's
    filename ("name"), or an upload whose ``.filename`` is ("file")."""

    def __init__(self, resolver: Resolver, scope: Scope, flow: _Flow, parameter: str, kind: str) -> None:
        super().__init__(resolver, scope, flow)
        self.parameter = parameter
        self.kind = kind

    def _name_tainted(self, name: str, at: tuple[int, int], depth: int) -> bool:
        if name == self.parameter and self.kind == "name":
            entries = self.flow.assignments.get(name, [])
            if not [entry for entry in entries if entry[0] < at]:
                return True  # the parameter as passed
        return super()._name_tainted(name, at, depth)

    def is_upload_file(self, expr: ast.expr) -> bool:
        if self.kind == "file" and isinstance(expr, ast.Name) and expr.id == self.parameter:
            return not self.flow.assignments.get(expr.id)
        return False


def _has_upload_parameter(function: FunctionNode, resolver: Resolver, scope: Scope) -> bool:
    """A parameter annotated ``UploadFile`` (also in ``Annotated[...]`` or a
    union). Only a name spelled ``UploadFile`` or an import alias can
    resolve to it: the others are not resolved."""
    aliases = import_aliases(scope.module)
    args = function.args
    return any(
        param.annotation is not None
        and any(
            (isinstance(n, ast.Name) and (n.id == "UploadFile" or n.id in aliases))
            or (isinstance(n, ast.Attribute) and n.attr == "UploadFile")
            for n in ast.walk(param.annotation)
        )
        and _annotated_upload(param, resolver, scope)
        for param in [*args.posonlyargs, *args.args, *args.kwonlyargs]
    )


def _annotated_upload(param: ast.arg, resolver: Resolver, scope: Scope) -> bool:
    return param.annotation is not None and any(
        isinstance(n, (ast.Name, ast.Attribute)) and resolver.qualified_name(n, scope) in K.UPLOAD_FILES
        for n in ast.walk(param.annotation)
    )


def _mentions_filename(function: FunctionNode) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "filename" for n in own_nodes(function))
