from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import Scope
from flake8_fastapi_prod.rules.pydantic.common import MODEL_BASES, ClassRef, class_named, class_of_receiver, value_class

_DECLARATIVE = frozenset(
    {
        "sqlalchemy.orm.DeclarativeBase",
        "sqlalchemy.orm.DeclarativeBaseNoMeta",
        "sqlalchemy.orm.decl_api.DeclarativeBase",
        "sqlalchemy.orm.decl_api.DeclarativeBaseNoMeta",
    }
)
_SESSIONS = frozenset({K.ASYNC_SESSION, K.SYNC_SESSION, K.SQLMODEL_ASYNC_SESSION, K.SQLMODEL_SESSION})


class OrmWithoutFromAttributes(Rule):
    """`Model.model_validate(orm_object)` on a model without `from_attributes=True`.

    ## What it does
    Flags `X.model_validate(obj)` where `X` is a Pydantic model of the
    project whose config (its own or a project base's: `model_config =
    ConfigDict(...)` or a dict, or a class keyword) does not set
    `from_attributes=True`, the call does not pass `from_attributes=True`,
    and `obj` is known to be an ORM instance: a parameter or variable
    annotated with a SQLAlchemy declarative class (a class with
    `__tablename__`, or deriving from `DeclarativeBase` /
    `declarative_base()`) or a `SQLModel` table class, `Model(...)`, the
    result of `session.get(Model, ...)`, a loop variable over a list of
    them, or a call of a function annotated to return one. A model whose
    config cannot be read (a computed `model_config`, a third-party base)
    is not flagged, nor one with a V1 `class Config: orm_mode = True`
    (FP301 converts that).

    ## Why is this bad?
    Pydantic 2 validates only dicts (and model instances) unless
    `from_attributes` is set: verified on 2.14.4, `model_validate` of an
    object with the right attributes raises `ValidationError` ("Input should
    be a valid dictionary or instance of X"). V1's `from_orm` needed
    `orm_mode` for the same reason; a migration that renamed the call and
    dropped the config breaks here. (`response_model=X` with an ORM return
    value is fine on fastapi 0.165: FastAPI validates responses with
    `from_attributes=True`.)

    ## Example
    ```python
    from pydantic import BaseModel
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

    class Base(DeclarativeBase):
        pass

    class UserRow(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)

    class UserOut(BaseModel):
        id: int

    def to_schema(row: UserRow) -> UserOut:
        return UserOut.model_validate(row)
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

    class Base(DeclarativeBase):
        pass

    class UserRow(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)

    class UserOut(BaseModel):
        id: int

    def to_schema(row: UserRow) -> UserOut:
        return UserOut.model_validate(row, from_attributes=True)
    ```

    ## Fix safety
    Safe: `from_attributes=True` is added to the call, which validates the
    object's attributes as V1's `from_orm` did; a dict argument would still
    validate the same way.
    """

    code = "FP308"
    gates = {"Call": Gate(keys=frozenset({"model_validate"}))}
    name = "orm-without-from-attributes"
    message = "{model}.model_validate() of an ORM instance ({orm}) raises ValidationError without from_attributes=True"
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "model_validate") or len(node.args) != 1:
            return
        if any(k.arg in ("from_attributes", None) for k in node.keywords):
            return
        model = class_of_receiver(func.value, ctx.scope, ctx)
        if model is None or _config_sets_from_attributes(model, ctx, 0) is not False:
            return
        orm = _orm_class_of(node.args[0], ctx)
        if orm is None:
            return
        yield self.report(node, model=model[0].name, orm=orm[0].name)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import set_keyword

        if not isinstance(node, cst.Call):
            return None
        return set_keyword(node, "from_attributes", cst.Name("True"))


def _orm_class_of(expr: ast.expr, ctx: Context) -> ClassRef | None:
    found = _session_get(expr, ctx.scope, ctx, 0) or _query_row(expr, ctx) or value_class(expr, ctx.scope, ctx)
    if found is not None and _is_orm(found[0], found[1], ctx, 0):
        return found
    return None


_SELECTS = frozenset(
    {"sqlalchemy.select", "sqlalchemy.future.select", "sqlalchemy.sql.expression.select", "sqlmodel.select"}
)
#: Methods of a select statement that return the statement, its entity unchanged.
_STATEMENT_METHODS = frozenset(
    {"where", "filter", "filter_by", "order_by", "limit", "offset", "options", "join", "outerjoin", "distinct"}
    | {"group_by", "having", "execution_options", "with_for_update", "select_from"}
)
_ONE = frozenset({"first", "one", "one_or_none"})
_SCALAR_ONE = frozenset({"scalar", "scalar_one", "scalar_one_or_none"})


def _query_row(expr: ast.expr, ctx: Context) -> ClassRef | None:
    """An ORM object read by a single-entity select: ``(await
    session.execute(select(M))).scalar_one()``, ``session.scalars(stmt).first()``,
    ``session.scalar(stmt)``, SQLModel's ``session.exec(stmt).one()``
    (directly or through variables assigned once), or a loop / comprehension
    variable over ``.scalars(stmt).all()`` & co."""
    if isinstance(expr, ast.Name):
        iterable = _loop_iterable(expr, ctx)
        if iterable is not None:
            found = _query_value(iterable, ctx.scope, ctx, 0)
            return found[0] if found is not None and found[1] == "many" else None
    found = _query_value(expr, ctx.scope, ctx, 0)
    return found[0] if found is not None and found[1] == "one" else None


def _loop_iterable(expr: ast.Name, ctx: Context) -> ast.expr | None:
    """What ``expr`` iterates over: the comprehension around the visited node
    that binds it, or its one ``for`` binding."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        if isinstance(ancestor, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            for generator in ancestor.generators:
                if isinstance(generator.target, ast.Name) and generator.target.id == expr.id:
                    return generator.iter
    bindings = ctx.scope.lookup(expr.id)
    if len(bindings) == 1 and isinstance(bindings[0].node, (ast.For, ast.AsyncFor)):
        loop = bindings[0].node
        if isinstance(loop.target, ast.Name) and loop.target.id == expr.id:
            return loop.iter
    return None


def _query_value(expr: ast.expr, scope: Scope, ctx: Context, depth: int) -> tuple[ClassRef, str] | None:
    """(entity, kind) of a query value: kind "one" (an entity), "many" (a
    list or scalars of entities), "result" (``session.execute(stmt)``)."""
    if depth > 6:
        return None
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].value is not None:
            return _query_value(bindings[0].value, bindings[0].scope, ctx, depth + 1)
        return None
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)):
        return None
    method, receiver = expr.func.attr, expr.func.value
    if method in ("execute", "scalars", "scalar", "exec") and expr.args:
        if ctx.resolver.type_of(receiver, scope) not in _SESSIONS:
            return None
        entity = _statement_entity(expr.args[0], scope, ctx, depth + 1)
        if entity is None:
            return None
        kind = {"execute": "result", "scalars": "many", "scalar": "one"}.get(method, "many")
        return entity, kind
    if expr.args or expr.keywords:
        return None
    inner = _query_value(receiver, scope, ctx, depth + 1)
    if inner is None:
        return None
    entity, kind = inner
    if kind == "result":
        if method in _SCALAR_ONE:
            return entity, "one"
        return (entity, "many") if method == "scalars" else None
    if kind == "many":
        if method in _ONE:
            return entity, "one"
        return (entity, "many") if method in ("all", "unique") else None
    return None


def _statement_entity(expr: ast.expr, scope: Scope, ctx: Context, depth: int) -> ClassRef | None:
    """``M`` of ``select(M)`` (also ``select(M).where(...)...``, a variable
    assigned one)."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].value is not None:
            return _statement_entity(bindings[0].value, bindings[0].scope, ctx, depth + 1)
        return None
    if not isinstance(expr, ast.Call):
        return None
    if isinstance(expr.func, ast.Attribute) and expr.func.attr in _STATEMENT_METHODS:
        return _statement_entity(expr.func.value, scope, ctx, depth + 1)
    if len(expr.args) != 1 or expr.keywords or ctx.resolver.qualified_name(expr.func, scope) not in _SELECTS:
        return None
    return class_named(expr.args[0], scope, ctx)


def _session_get(expr: ast.expr, scope: Scope, ctx: Context, depth: int) -> ClassRef | None:
    """``session.get(Model, id)`` (awaited or not), directly or through a
    variable assigned it once."""
    if depth > 4:
        return None
    value = expr.value if isinstance(expr, ast.Await) else expr
    if isinstance(value, ast.Name):
        bindings = scope.lookup(value.id)
        if len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].value is not None:
            return _session_get(bindings[0].value, bindings[0].scope, ctx, depth + 1)
        return None
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in ("get", "get_one")
        and value.args
        and ctx.resolver.type_of(value.func.value, scope) in _SESSIONS
    ):
        return class_named(value.args[0], scope, ctx)
    return None


def _is_orm(cls: ast.ClassDef, scope: Scope, ctx: Context, depth: int) -> bool:
    if depth > 8:
        return False
    class_scope = scope.module.scope_for(cls, scope)
    if "__tablename__" in class_scope.bindings or "__table__" in class_scope.bindings:
        return True
    if any(k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True for k in cls.keywords):
        return True
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if ctx.resolver.qualified_name(target, scope) in _DECLARATIVE:
            return True
        definition = ctx.resolver.definition(target, scope)
        if definition is not None and isinstance(definition.node, ast.ClassDef):
            if _is_orm(definition.node, definition.scope, ctx, depth + 1):
                return True
            continue
        if isinstance(target, ast.Name):
            bindings = scope.lookup(target.id)
            if len(bindings) == 1 and isinstance(bindings[0].value, ast.Call):
                made = ctx.resolver.qualified_name(bindings[0].value.func, bindings[0].scope) or ""
                if made.endswith("declarative_base"):
                    return True
    return False


def _config_sets_from_attributes(model: ClassRef, ctx: Context, depth: int) -> bool | None:
    """True / False when the model's config is known, None when it is not
    (a computed config, a base that is not pydantic's or the project's)."""
    cls, scope = model
    if depth > 8:
        return None
    for keyword in cls.keywords:
        if keyword.arg == "from_attributes":
            return _literal_true(keyword.value)
    verdict = _own_config(cls)
    if verdict != "absent":
        return verdict  # type: ignore[return-value]
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        qualname = ctx.resolver.qualified_name(target, scope)
        if qualname == "sqlmodel.SQLModel":
            return True  # SQLModel's own config sets from_attributes=True (sqlmodel 0.0.50)
        if qualname in MODEL_BASES:
            continue
        if qualname in ("typing.Generic", "typing_extensions.Generic", "abc.ABC"):
            continue
        definition = ctx.resolver.definition(target, scope)
        if definition is None or not isinstance(definition.node, ast.ClassDef):
            return None
        inherited = _config_sets_from_attributes((definition.node, definition.scope), ctx, depth + 1)
        if inherited is not False:
            return inherited
    if depth == 0 and not ctx.resolver.base_qualnames(cls, scope) & MODEL_BASES:
        return None  # not a pydantic model
    if any(b.startswith("pydantic.v1.") for b in ctx.resolver.base_qualnames(cls, scope)):
        return None
    return False


def _own_config(cls: ast.ClassDef) -> bool | str | None:
    """The class body's own answer: True / False, None (unknown), or
    ``"absent"`` (no config in the body)."""
    for statement in cls.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Config":
            return True  # V1 config: FP301 converts it, orm_mode included
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign):
            targets, value = [statement.target], statement.value
        if not any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets) or value is None:
            continue
        if isinstance(value, ast.Call) and not value.args:
            for keyword in value.keywords:
                if keyword.arg is None:
                    return None
                if keyword.arg == "from_attributes":
                    return _literal_true(keyword.value)
            return False if _is_config_factory(value) else None
        if isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                if key is None:
                    return None
                if isinstance(key, ast.Constant) and key.value == "from_attributes":
                    return _literal_true(item)
            return False
        return None
    return "absent"


def _is_config_factory(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("ConfigDict", "SettingsConfigDict", "dict")


def _literal_true(expr: ast.expr) -> bool | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, bool):
        return expr.value
    return None
