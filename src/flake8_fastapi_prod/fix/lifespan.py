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
    helper_lines: list[int] = field(default_factory=list)  # the helper functions the lifespan is built from
    include: str | None = None  # ``app.include_router(APIRouter(lifespan=...))`` for a helper called elsewhere
    needs_router_import: bool = False


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
        if job.needs_router_import:
            fix_ctx.add_import("fastapi", "APIRouter")
    return updated


def _version(value: Any) -> tuple[int, ...] | None:
    return tuple(value) if value else None


def _free(name: str, info: ModuleInfo, used: set[str]) -> bool:
    return name not in used and name not in info.scope.bindings


def _job(plan: Plan, info: ModuleInfo, resolver: Resolver, claimed: set[str]) -> Job | None:
    owner = plan.owner
    helpers = plan.helpers
    helper = helpers[0] if helpers else None
    if helper is not None:
        owner = helper.app
    assert owner is not None and owner.statement is not None
    used = {node.id for node in info.nodes(ast.Name)} | {
        node.name for node in info.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    }
    used |= {a.arg for a in info.nodes(ast.arg)} | claimed
    decorator = _decorator_text(info, resolver)
    if decorator is None:
        return None
    own = f"{owner.name}_lifespan" if owner.name else "app_lifespan"
    if len(helpers) == 1:
        own = f"{helpers[0].func.name}_lifespan"
    remote = helper is not None and helper.remote is not None
    choices = (own, "lifespan") if owner.kind == "fastapi.APIRouter" or remote else ("lifespan", own)
    lifespan_name = next(n for n in (*choices, f"{own}_", f"{own}__") if _free(n, info, used))
    if helper is not None:
        param = helper.param
        given = next((h.func.args.args[0].annotation for h in helpers if h.func.args.args[0].annotation), None)
        annotation = f": {ast.unparse(given)}" if given is not None else ""
    elif owner.kind == "fastapi.FastAPI" and owner.name is not None:
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
    if remote:
        # Called from another module: the helper includes a router carrying
        # the lifespan (FastAPI merges it into the app's); the caller stays.
        router = _router_name(info, resolver)
        if router is None:
            return None
        job.include = f"{param}.include_router({router}(lifespan={lifespan_name}))\n"
        job.container_line, job.call = -1, (-1, -1)
        job.needs_router_import = router == "APIRouter"
    if helper is not None:
        job.anchor = (-1, -1)  # the lifespan goes beside the first helper instead
        job.helper_lines = [h.func.lineno for h in helpers]
        for each in helpers:
            if each.consumed and not remote:
                job.removed.add((each.call.lineno, each.call.col_offset))
            job.keep |= {carried.lineno for carried in each.carried}
            job.removed |= {(dropped.lineno, dropped.col_offset) for dropped in each.dropped}
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
    kept_names = [s.handler_def.name for s in plan.steps if s.handler_def is not None and s not in inline]
    if helpers and len(kept_names) != len(set(kept_names)):
        return None  # two kept handlers of the helpers would share a name in the lifespan
    for step in plan.steps:
        registration = step.registration
        if step.handler_def is not None:
            (job.inline if step in inline else job.keep).add(step.handler_def.lineno)
        elif registration.form != "keyword" and registration.statement is not None:
            job.removed.add((registration.statement.lineno, registration.statement.col_offset))
    return job


def _router_name(info: ModuleInfo, resolver: Resolver) -> str | None:
    """How the module spells ``fastapi.APIRouter`` (imported when unbound)."""
    if not info.scope.bindings.get("APIRouter"):
        return "APIRouter"
    expr = ast.Name(id="APIRouter", ctx=ast.Load())
    if resolver.qualified_name(expr, info.scope) == "fastapi.APIRouter":
        return "APIRouter"
    return None


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


@dataclass
class Trimmed:
    """A helper function's body, split by what moves into the lifespan."""

    node: cst.FunctionDef
    kept: list[Any] = field(default_factory=list)
    comments: dict[tuple[int, int], list[cst.EmptyLine]] = field(default_factory=dict)
    rest: list[Any] = field(default_factory=list)
    docstring: list[Any] = field(default_factory=list)
    consumed: bool = False


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
        here = [job for job in self.jobs if job.container_line is None or job.helper_lines]
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
        trimmed: dict[int, Trimmed] = {}
        pairs = list(zip(original, updated, strict=True))
        for before, after in pairs:
            line = self._start(before)[0]
            job_of = next((j for j in jobs if module and line in j.helper_lines), None)
            if job_of is not None and isinstance(before, cst.FunctionDef) and isinstance(after, cst.FunctionDef):
                trimmed[line] = self._trim_helper(job_of, before, after)
        for before, after in pairs:
            start = self._start(before)
            helper = next((j for j in jobs if module and start[0] in j.helper_lines), None)
            if helper is not None and start[0] in trimmed:
                built = self._from_helpers(helper, start[0], [trimmed[n] for n in helper.helper_lines if n in trimmed])
                if built and result:
                    built[0] = built[0].with_changes(leading_lines=[*blank_lines(2), *built[0].leading_lines])
                result.extend(built)
                continue
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

    def _trim_helper(self, job: Job, before: cst.FunctionDef, after: cst.FunctionDef) -> Trimmed:
        """Split a helper's body: inlined handlers (kept for the lifespan),
        defs that move into it, registrations that go, and the rest."""
        assert isinstance(before.body, cst.IndentedBlock) and isinstance(after.body, cst.IndentedBlock)
        trimmed = Trimmed(after)
        for old, new in zip(before.body.body, after.body.body, strict=True):
            start = self._start(old)
            if isinstance(old, cst.FunctionDef) and start[0] in job.inline:
                assert isinstance(new, cst.FunctionDef)
                self.defs[start[0]] = new
            elif isinstance(old, cst.FunctionDef) and start[0] in job.keep:
                trimmed.kept.append(new)  # called from the lifespan, defined in it
            elif start in job.removed:
                trimmed.comments[start] = [e for e in getattr(new, "leading_lines", ()) if e.comment is not None]
                if isinstance(old, cst.SimpleStatementLine) and isinstance(old.body[0], cst.Return):
                    trimmed.node = trimmed.node.with_changes(returns=None)  # ``return handler`` went
            else:
                trimmed.rest.append(new)
        rest = trimmed.rest
        trimmed.docstring = rest[:1] if rest and _docstring(rest[0]) is not None else []
        trimmed.consumed = not [s for s in rest[len(trimmed.docstring) :] if not _is_pass(s)]
        return trimmed

    def _from_helpers(self, job: Job, line: int, helpers: list[Trimmed]) -> list[Any]:
        """At the first helper: the lifespan built from every helper's
        registrations, then what is left of the helper; at the others, what
        is left of them (nothing, when they only registered handlers)."""
        here = next(t for n, t in zip(job.helper_lines, helpers, strict=True) if n == line)
        leading = list(here.node.leading_lines)
        while leading and leading[0].comment is None:
            leading.pop(0)
        left: list[Any] = []
        if job.include is not None:
            node = here.node
            assert isinstance(node.body, cst.IndentedBlock)
            include = cst.parse_statement(job.include)
            helper_body = [*here.docstring, include, *here.rest[len(here.docstring) :]]
            left = [node.with_changes(body=node.body.with_changes(body=helper_body), leading_lines=leading)]
        elif not here.consumed:
            node = here.node
            assert isinstance(node.body, cst.IndentedBlock)
            left = [node.with_changes(body=node.body.with_changes(body=here.rest), leading_lines=leading)]
        if line != job.helper_lines[0]:
            return left
        self.done += 1
        removed_comments: dict[tuple[int, int], list[cst.EmptyLine]] = {}
        kept: list[Any] = []
        for each in helpers:
            removed_comments.update(each.comments)
            kept += each.kept
        lifespan = self._lifespan(job, removed_comments)
        assert isinstance(lifespan.body, cst.IndentedBlock)
        body: list[Any] = list(lifespan.body.body)
        if kept:
            first = kept[0]
            kept[0] = first.with_changes(leading_lines=[e for e in first.leading_lines if e.comment is not None])
            body[0] = body[0].with_changes(leading_lines=[cst.EmptyLine(indent=False), *body[0].leading_lines])
        # The docstring of a helper the lifespan replaces is the lifespan's;
        # another consumed helper's becomes comments.
        docstring: list[Any] = []
        notes: list[cst.EmptyLine] = []
        for each in helpers:
            if not each.consumed or not each.docstring or job.include is not None:
                continue
            if not docstring and each is here:
                docstring = each.docstring
                continue
            text = _docstring(each.docstring[0]) or ""
            notes += [
                cst.EmptyLine(comment=cst.Comment(f"# {t}".rstrip())) for t in inspect.cleandoc(text).splitlines()
            ]
        body = [*kept, *body]
        if notes:
            body[0] = body[0].with_changes(leading_lines=[*notes, *body[0].leading_lines])
        lifespan = lifespan.with_changes(body=lifespan.body.with_changes(body=[*docstring, *body]))
        if here.consumed and job.include is None:
            return [lifespan.with_changes(leading_lines=leading)]
        if left:
            left[0] = left[0].with_changes(leading_lines=[*blank_lines(2), *leading])
        return [lifespan.with_changes(leading_lines=[]), *left]

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


def blank_lines(count: int) -> list[cst.EmptyLine]:
    return [cst.EmptyLine(indent=False)] * count


def _is_pass(statement: Any) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Pass)
    )


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
