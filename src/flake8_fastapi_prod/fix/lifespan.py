"""FP601's codemod: one ``@asynccontextmanager`` lifespan replaces an app's
(or router's) startup and shutdown handlers.

Imported by the fix only (it needs libcst). The fix re-plans on the code it
is given (:func:`lifespan.plan_module`), then rewrites the body that builds
the app: the lifespan goes right before the constructor's statement, the
constructor gets ``lifespan=``, and the registrations go away.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_fastapi_prod.fix.engine import noqa_suppresses
from flake8_fastapi_prod.resolve import ModuleInfo, Project, Resolver
from flake8_fastapi_prod.rules.app.lifespan import KEYWORDS, Plan, Step, inlinable, plan_module
from flake8_fastapi_prod.versions import Targets

ASYNCCONTEXTMANAGER = "contextlib.asynccontextmanager"


@dataclass
class Job:
    """The edits for one plan, by source position."""

    plan: Plan
    container_line: int | None  # None: the module body
    anchor: tuple[int, int]
    call: tuple[int, int]
    lifespan_name: str
    param: str
    annotation: str
    decorator: str
    inline: set[int] = field(default_factory=set)  # def lines moved into the lifespan
    keep: set[int] = field(default_factory=set)  # def lines that lose their decorator
    removed: set[tuple[int, int]] = field(default_factory=set)  # registration statements


def rewrite(module: cst.Module, data: dict[str, Any], code: str, fix_ctx: Any) -> cst.Module | None:
    tree = ast.parse(code)
    info = ModuleInfo(tree, data.get("filename", "<fix>"), Project())
    resolver = Resolver(info)
    targets = Targets(fastapi=_version(data.get("fastapi")), starlette=_version(data.get("starlette")))
    lines = code.splitlines()
    jobs: list[Job] = []
    claimed: set[str] = set()
    for plan in plan_module(info, resolver, targets):
        if plan.owner is None or plan.problem is not None or not plan.steps:
            continue
        if any(noqa_suppresses(lines[r.node.lineno - 1], "FP601") for r in plan.registrations):  # type: ignore[attr-defined]
            continue  # all or nothing: a handler left behind would never run
        job = _job(plan, info, resolver, claimed)
        if job is not None:
            jobs.append(job)
            claimed |= {job.lifespan_name}
    if not jobs:
        return None
    wrapper = MetadataWrapper(cst.parse_module(code))
    transformer = _Rewrite(jobs, code)
    updated = wrapper.visit(transformer)
    if not transformer.done:
        return None
    for job in jobs:
        if job.decorator == "asynccontextmanager":
            fix_ctx.add_import("contextlib", "asynccontextmanager")
    return updated


def _version(value: Any) -> tuple[int, ...] | None:
    return tuple(value) if value else None


def _free(name: str, info: ModuleInfo, used: set[str]) -> bool:
    return name not in used and name not in info.scope.bindings


def _job(plan: Plan, info: ModuleInfo, resolver: Resolver, claimed: set[str]) -> Job | None:
    owner = plan.owner
    assert owner is not None and owner.statement is not None
    used = {node.id for node in info.nodes(ast.Name)} | {
        node.name for node in info.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    }
    used |= {a.arg for a in info.nodes(ast.arg)} | claimed
    decorator = _decorator_text(info, resolver)
    if decorator is None:
        return None
    own = f"{owner.name}_lifespan" if owner.name else "app_lifespan"
    choices = (own, "lifespan") if owner.kind == "fastapi.APIRouter" else ("lifespan", own)
    lifespan_name = next(n for n in (*choices, f"{own}_", f"{own}__") if _free(n, info, used))
    if owner.kind == "fastapi.FastAPI" and owner.name is not None:
        param, annotation = owner.name, f": {ast.unparse(owner.call.func)}"
    else:
        param = next(n for n in ("app", "_app", "app_") if n not in used)
        annotation = ""
    container = owner.container
    job = Job(
        plan,
        None if isinstance(container, ast.Module) else container.lineno,
        (owner.statement.lineno, owner.statement.col_offset),
        (owner.call.lineno, owner.call.col_offset),
        lifespan_name,
        param,
        annotation,
        decorator,
    )
    inline = [s for s in plan.steps if s.handler_def is not None and _may_inline(s, info)]
    # Locals of an inlined body must not meet another part's names.
    while True:
        names = {id(s): _names(s, info, inline) for s in plan.steps}
        clash = next(
            (
                s
                for s in inline
                if names[id(s)][0]
                & (
                    {param, lifespan_name}
                    | {n for other in plan.steps if other is not s for n in names[id(other)][0] | names[id(other)][1]}
                )
            ),
            None,
        )
        if clash is None:
            break
        inline.remove(clash)
    for step in plan.steps:
        registration = step.registration
        if step.handler_def is not None:
            (job.inline if step in inline else job.keep).add(step.handler_def.lineno)
        elif registration.form != "keyword" and registration.statement is not None:
            job.removed.add((registration.statement.lineno, registration.statement.col_offset))
    return job


def _decorator_text(info: ModuleInfo, resolver: Resolver) -> str | None:
    bindings = info.scope.bindings.get("asynccontextmanager")
    if not bindings:
        return "asynccontextmanager"
    expr = ast.Name(id="asynccontextmanager", ctx=ast.Load())
    if resolver.qualified_name(expr, info.scope) == ASYNCCONTEXTMANAGER:
        return "asynccontextmanager"
    for name, found in info.scope.bindings.items():
        if all(b.kind == "import" and b.qualname == "contextlib" for b in found):
            return f"{name}.asynccontextmanager"
    return None


def _may_inline(step: Step, info: ModuleInfo) -> bool:
    func = step.handler_def
    assert func is not None
    if len(func.decorator_list) != 1 or not inlinable(func):
        return False
    mentions = sum(1 for node in info.nodes(ast.Name) if node.id == func.name)
    mentions += sum(1 for node in info.nodes(ast.Constant) if node.value == func.name)
    if mentions:
        return False
    if isinstance(step.registration.scope.node, ast.Module):
        # Another module may import it (a test calling the handler, say).
        return not info.project.modules_mentioning(info, func.name, (func.name.encode(),))
    return True


def _names(step: Step, info: ModuleInfo, inline: list[Step]) -> tuple[set[str], set[str]]:
    """(names the step binds in the lifespan, names it reads or writes)."""
    if step in inline:
        func = step.handler_def
        assert func is not None
        scope = info.scope_for(func, step.registration.scope)
        bound = set(scope.bindings)
        read = {n.id for node in func.body for n in ast.walk(node) if isinstance(n, ast.Name)}
        return bound, read
    expr: ast.AST | None = step.expression or step.call
    if step.handler_def is not None:
        return set(), {step.handler_def.name}
    assert expr is not None
    return set(), {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}


class _Rewrite(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, jobs: list[Job], code: str) -> None:
        super().__init__()
        self.jobs = jobs
        self.code = code
        self.lines = code.splitlines()
        self.done = 0
        self.defs: dict[int, cst.FunctionDef] = {}  # inlined defs by line, as updated

    def _start(self, node: cst.CSTNode) -> tuple[int, int]:
        position = self.get_metadata(PositionProvider, node)
        line = position.start.line
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return line, len(text[: position.start.column].encode("utf-8"))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        start = self._start(original_node)
        for job in self.jobs:
            if job.call == start:
                return _with_lifespan(updated_node, job.lifespan_name)
        return updated_node

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        line = self._start(original_node)[0]
        if any(line in job.keep for job in self.jobs):
            decorators = [d for d in updated_node.decorators if not _is_on_event(d)]
            leading = list(updated_node.leading_lines)
            for dropped in updated_node.decorators:
                if _is_on_event(dropped):
                    leading += [e for e in dropped.leading_lines if e.comment is not None]
            updated_node = updated_node.with_changes(decorators=decorators, leading_lines=leading)
        here = [job for job in self.jobs if job.container_line == line]
        if here and isinstance(updated_node.body, cst.IndentedBlock):
            original_body: Any = original_node.body.body
            body = self._body(list(original_body), list(updated_node.body.body), here, module=False)
            updated_node = updated_node.with_changes(body=updated_node.body.with_changes(body=body))
        return updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        here = [job for job in self.jobs if job.container_line is None]
        if not here:
            return updated_node
        body = self._body(list(original_node.body), list(updated_node.body), here, module=True)
        return updated_node.with_changes(body=body)

    def _body(
        self,
        original: Sequence[cst.BaseStatement],
        updated: Sequence[cst.BaseStatement],
        jobs: list[Job],
        *,
        module: bool,
    ) -> list[cst.BaseStatement]:
        result: list[Any] = []
        anchors: dict[int, Job] = {}
        removed_comments: dict[tuple[int, int], list[cst.EmptyLine]] = {}
        for before, after in zip(original, updated, strict=True):
            start = self._start(before)
            if isinstance(before, cst.FunctionDef) and any(start[0] in job.inline for job in jobs):
                assert isinstance(after, cst.FunctionDef)
                self.defs[start[0]] = after
                continue
            if any(start in job.removed for job in jobs):
                removed_comments[start] = [e for e in getattr(after, "leading_lines", ()) if e.comment is not None]
                continue
            for job in jobs:
                if job.anchor == start:
                    anchors[len(result)] = job
            result.append(after)
        blank = [cst.EmptyLine(indent=False)] * (2 if module else 1)
        for index in sorted(anchors, reverse=True):
            job = anchors[index]
            statement = result[index]
            lifespan = self._lifespan(job, removed_comments)
            leading = list(statement.leading_lines)
            while leading and leading[0].comment is None:
                leading.pop(0)
            lifespan = lifespan.with_changes(leading_lines=blank if index else [])
            result[index] = statement.with_changes(leading_lines=[*blank, *leading])
            result.insert(index, lifespan)
            self.done += 1
        return result

    def _lifespan(self, job: Job, removed_comments: dict[tuple[int, int], list[cst.EmptyLine]]) -> cst.FunctionDef:
        text = f"@{job.decorator}\nasync def {job.lifespan_name}({job.param}{job.annotation}):\n    yield\n"
        lifespan = cst.parse_statement(text)
        assert isinstance(lifespan, cst.FunctionDef) and isinstance(lifespan.body, cst.IndentedBlock)
        yield_statement = lifespan.body.body[0]
        statements: dict[str, list[Any]] = {"startup": [], "shutdown": []}
        pending: dict[str, list[cst.EmptyLine]] = {"startup": [], "shutdown": []}
        for step in job.plan.steps:
            event = step.event
            comments, produced, trailing = self._statements(step, job, removed_comments)
            pending[event] += comments
            for statement in produced:
                if pending[event]:
                    statement = statement.with_changes(leading_lines=[*pending[event], *statement.leading_lines])
                    pending[event] = []
                statements[event].append(statement)
            pending[event] += trailing
        if pending["startup"]:
            yield_statement = yield_statement.with_changes(leading_lines=pending["startup"])
        body = [*statements["startup"], yield_statement, *statements["shutdown"]]
        footer = [e.with_changes(indent=True) for e in pending["shutdown"]]
        return lifespan.with_changes(body=lifespan.body.with_changes(body=body, footer=footer))

    def _statements(
        self, step: Step, job: Job, removed_comments: dict[tuple[int, int], list[cst.EmptyLine]]
    ) -> tuple[list[cst.EmptyLine], list[Any], list[cst.EmptyLine]]:
        func = step.handler_def
        if func is not None and func.lineno in job.inline:
            return _inlined(self.defs[func.lineno])
        comments: list[cst.EmptyLine] = []
        registration = step.registration.statement
        if registration is not None and step.registration.form != "keyword":
            comments = removed_comments.get((registration.lineno, registration.col_offset), [])
        if step.expression is not None:
            text = self._source(step.expression)
        elif func is not None:
            text = f"{func.name}()"
        else:
            assert step.call is not None
            text = f"{self._source(step.call)}{step.call_suffix}"
            if isinstance(step.call, ast.Call):
                text = f"{self._source(step.call)}()"
        if step.awaited:
            text = f"await {text}"
        return comments, [cst.parse_statement(text + "\n")], []

    def _source(self, node: ast.AST) -> str:
        segment = ast.get_source_segment(self.code, node)
        return segment if segment is not None and "\n" not in segment else ast.unparse(node)


def _is_on_event(decorator: cst.Decorator) -> bool:
    expr = decorator.decorator
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "on_event"


def _with_lifespan(call: cst.Call, name: str) -> cst.Call:
    from flake8_fastapi_prod.fix.edits import set_keyword

    args = list(call.args)
    kept = [a for a in args if not (a.keyword is not None and a.keyword.value in KEYWORDS)]
    if kept and len(kept) < len(args) and args[-1] not in kept:
        kept[-1] = kept[-1].with_changes(comma=args[-1].comma)
    return set_keyword(call.with_changes(args=kept), "lifespan", cst.Name(name))


def _inlined(func: cst.FunctionDef) -> tuple[list[cst.EmptyLine], list[Any], list[cst.EmptyLine]]:
    """A handler's body as lifespan statements: its docstring and the
    comments above and beside its header become comments."""
    comments = [e for e in func.leading_lines if e.comment is not None]
    for decorator in func.decorators:
        comments += [e for e in decorator.leading_lines if e.comment is not None]
        if decorator.trailing_whitespace.comment is not None:
            comments.append(cst.EmptyLine(comment=decorator.trailing_whitespace.comment))
    body = func.body
    statements: list[Any]
    if isinstance(body, cst.IndentedBlock):
        if body.header.comment is not None:
            comments.append(cst.EmptyLine(comment=body.header.comment))
        statements = list(body.body)
        footer = [e for e in body.footer if e.comment is not None]
    else:
        suite: Any = body
        if suite.trailing_whitespace.comment is not None:
            comments.append(cst.EmptyLine(comment=suite.trailing_whitespace.comment))
        statements = [
            cst.SimpleStatementLine(body=[s.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)]) for s in suite.body
        ]
        footer = []
    if statements and _docstring(statements[0]) is not None:
        doc = _docstring(statements[0])
        assert doc is not None
        comments += [e for e in statements[0].leading_lines if e.comment is not None]
        comments += [
            cst.EmptyLine(comment=cst.Comment(f"# {line}".rstrip())) for line in inspect.cleandoc(doc).splitlines()
        ]
        statements = statements[1:]
    if statements:
        first = statements[0]
        leading = list(first.leading_lines)
        while leading and leading[0].comment is None:
            leading.pop(0)
        statements[0] = first.with_changes(leading_lines=leading)
    indented = [e.with_changes(indent=True) for e in comments]
    return indented, statements, [e.with_changes(indent=True) for e in footer]


def _docstring(statement: cst.BaseStatement) -> str | None:
    if (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    ):
        value = statement.body[0].value.evaluated_value
        return value if isinstance(value, str) else None
    return None
