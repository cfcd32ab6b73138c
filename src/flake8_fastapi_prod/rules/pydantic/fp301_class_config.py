from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import DefinitionKey, ModuleInfo, Resolver, definition_key, is_module_level
from flake8_fastapi_prod.rules.pydantic.common import (
    REMOVED_CONFIG_KEYS,
    RENAMED_CONFIG_KEYS,
    extra_member,
    model_kind,
)

#: Text a module that uses another class's Config must hold.
CONFIG_MARKERS = (b".Config",)


class V1ClassConfig(Rule):
    """A Pydantic V1 `class Config:` inside a model or settings class.

    ## What it does
    Flags an inner `class Config` in a subclass of `pydantic.BaseModel`,
    `pydantic_settings.BaseSettings` or `sqlmodel.SQLModel`, also when the
    model inherits through base classes defined elsewhere in the module or
    in another module of the project. Models of the V1 API kept on purpose
    (`pydantic.v1.BaseModel`) are not flagged.

    ## Why is this bad?
    Class-based config is deprecated in Pydantic V2 and its V1 keys are not
    translated: with `orm_mode = True` in it, `from_attributes` stays unset
    (pydantic 2.14 warns "Valid config keys have changed in V2" and
    `Model.model_validate(orm_object)` fails).

    ## Example
    ```python
    from pydantic import BaseModel

    class UserOut(BaseModel):
        id: int

        class Config:
            orm_mode = True
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, ConfigDict

    class UserOut(BaseModel):
        id: int

        model_config = ConfigDict(from_attributes=True)
    ```

    ## Fix safety
    Safe. The class becomes `model_config = ConfigDict(...)`
    (`SettingsConfigDict` from `pydantic_settings` for settings), V1 keys
    are renamed (`orm_mode` -> `from_attributes`,
    `allow_population_by_field_name` -> `populate_by_name`,
    `allow_mutation = False` -> `frozen=True`, ...), `Extra.forbid` /
    `Extra.allow` / `Extra.ignore` become the strings V2 takes, keys with
    no V2 equivalent become a `# TODO(FP314)` comment, and the import is
    added. No fix, and the finding says why, when the Config class has
    bases (`class Config(Base.Config)`), methods or anything but plain
    assignments, when the model already has a `model_config`, or when
    another class reads this model's `Config` (`class Config(Settings.Config)`
    in this module or in any other module of the project): removing it
    would break that class; convert the users first.
    """

    code = "FP301"
    name = "v1-class-config"
    message = "V1 `class Config` in a Pydantic model is deprecated and its V1 keys are ignored; use {replacement}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        configs = [s for s in node.body if isinstance(s, ast.ClassDef) and s.name == "Config"]
        if not configs:
            return
        kind = model_kind(node, ctx)
        if kind is None:
            return
        replacement = (
            "model_config = SettingsConfigDict(...)" if kind == "settings" else "model_config = ConfigDict(...)"
        )
        has_model_config = any(_assigns_name(stmt, "model_config") for stmt in node.body)
        for config in configs:
            reason = _unfixable_reason(config, has_model_config) or _used_elsewhere(node, ctx)
            note = f" (no fix: {reason})" if reason else ""
            strings = _extra_strings(node, config, ctx)
            yield self.report(
                config,
                fixable=not reason,
                fix_data={"settings": kind == "settings", "strings": strings},
                replacement=replacement,
                note=note,
            )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.ClassDef) or node.name.value != "Config":
            return None
        settings = finding.data()["settings"]
        factory = "SettingsConfigDict" if settings else "ConfigDict"
        fix_ctx.add_import("pydantic_settings" if settings else "pydantic", factory)
        return _config_statement(node, factory, dict(finding.data().get("strings", ())))


def _assigns_name(stmt: ast.stmt, name: str) -> bool:
    if isinstance(stmt, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    if isinstance(stmt, ast.AnnAssign):
        return isinstance(stmt.target, ast.Name) and stmt.target.id == name
    return False


def _unfixable_reason(config: ast.ClassDef, has_model_config: bool) -> str:
    if has_model_config:
        return "the class already has model_config: merge the keys into it by hand"
    if config.bases:
        parents = ", ".join(ast.unparse(b) for b in config.bases)
        return f"Config inherits from {parents}: V2 merges a parent model's model_config, write the keys this one adds"
    if config.keywords or config.decorator_list:
        return "Config has keywords or decorators"
    for stmt in config.body:
        if isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            continue
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return (
                f"Config defines a method ({stmt.name}): V2 config is a dict, "
                "make it a function given to json_schema_extra= or a model method"
            )
        if isinstance(stmt, (ast.If, ast.Try, ast.For, ast.With)):
            return "Config computes its keys (if / try / for): build the model_config dict the same way"
        return "Config holds more than plain assignments"
    return ""


def _extra_strings(model: ast.ClassDef, config: ast.ClassDef, ctx: Context) -> tuple[tuple[str, str], ...]:
    """Keys whose value is a ``pydantic.Extra`` member: V2 takes the string."""
    scope = ctx.module.scope_for(config, ctx.module.scope_for(model, ctx.scope))
    found = []
    for stmt in config.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            member = extra_member(stmt.value, ctx, scope)
            if member is not None:
                found.append((stmt.targets[0].id, member))
    return tuple(found)


def _used_elsewhere(cls: ast.ClassDef, ctx: Context) -> str:
    """Why the Config cannot go: another class reads ``Model.Config`` (its
    ``class Config(Model.Config)``), in this module or another of the
    project. "" when nothing does."""
    key = definition_key(ctx.module, cls)
    if key in config_users(ctx.module):
        return f"{cls.name}.Config is used in this module: convert its users first, then merge by hand"
    if not is_module_level(cls, ctx.module):
        return ""
    for other in ctx.module.project.modules_mentioning(ctx.module, cls.name, CONFIG_MARKERS):
        if key in config_users(other):
            return f"{cls.name}.Config is used in {other.path.name}: convert its users first, then merge by hand"
    return ""


def config_users(module: ModuleInfo) -> set[DefinitionKey]:
    """The project classes whose ``.Config`` this module reads."""
    return module.memo("fp301-config-users", lambda: _config_users(module))


def _config_users(module: ModuleInfo) -> set[DefinitionKey]:
    resolver = Resolver(module)
    found: set[DefinitionKey] = set()
    for node in module.nodes(ast.Attribute):
        if node.attr != "Config":
            continue
        definition = resolver.definition(node.value, module.scope_of(node))
        if definition is not None and isinstance(definition.node, ast.ClassDef):
            found.add(definition_key(definition.scope.module, definition.node))
    return found


def _config_statement(config: Any, factory: str, strings: dict[str, str]) -> Any:
    """``model_config = Factory(key=value, ...)`` with TODO comments for
    keys that have no V2 equivalent, in place of the ``class Config``."""
    import libcst as cst

    module = cst.Module(body=[])
    # libcst indents continuation lines relative to the enclosing block, so
    # the arguments take one indent unit; a value spanning lines moves one
    # block outward and takes one unit more to keep its place.
    unit = config.body.indent if isinstance(config.body.indent, str) else "    "
    arguments: list[str] = []
    todos: list[str] = []
    for line in config.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.Assign):
                key = small.targets[0].target
                value = small.value
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                key, value = small.target, small.value
            else:
                continue  # pass, docstring
            assert isinstance(key, cst.Name)
            value_code = _reindent(module.code_for_node(value), unit)
            if key.value in strings:
                value_code = f'"{strings[key.value]}"'
            argument = _v2_argument(key.value, value, value_code)
            if argument is None:
                todos.extend(
                    f"TODO(FP314): no V2 equivalent, removed: {text}"
                    for text in _comment_lines(f"{key.value} = {value_code}")
                )
            else:
                arguments.append(argument)
    one_line = f"model_config = {factory}({', '.join(arguments)})"
    if len(one_line) <= 88 and "\n" not in one_line:
        code = one_line
    else:
        inner = "".join(f"\n{unit}{argument}," for argument in arguments)
        code = f"model_config = {factory}({inner}\n)"
    statement = cst.parse_statement(code + "\n")
    leading = list(config.leading_lines) + [cst.EmptyLine(comment=cst.Comment(f"# {todo}")) for todo in todos]
    return statement.with_changes(leading_lines=leading)


def _reindent(code: str, unit: str) -> str:
    """Shift continuation lines one unit right, unless a line break sits in
    a triple-quoted string (whose text must not change)."""
    if "\n" not in code or '"""' in code or "'''" in code:
        return code
    first, *rest = code.split("\n")
    return "\n".join([first, *(unit + line if line.strip() else line for line in rest)])


def _comment_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _v2_argument(key: str, value: Any, value_code: str) -> str | None:
    import libcst as cst

    if key == "allow_mutation":
        if isinstance(value, cst.Name) and value.value in ("True", "False"):
            return f"frozen={'False' if value.value == 'True' else 'True'}"
        return f"frozen=not ({value_code})"
    if key in REMOVED_CONFIG_KEYS:
        return None
    return f"{RENAMED_CONFIG_KEYS.get(key, key)}={value_code}"
