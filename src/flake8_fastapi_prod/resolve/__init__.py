"""Names to qualified names, scopes, types, and the project model.

- :mod:`.names`: what each scope binds, and the walk rules share;
- :mod:`.project`: other modules of the project, known by their summaries
  (parsed statement by statement when a rule needs a definition), cached
  for the run and on disk;
- :mod:`.infer`: qualified names through imports and aliases, project
  definitions, the types of values.

Everything rules use is importable from here.
"""

from __future__ import annotations

from flake8_fastapi_prod.resolve.infer import (
    Definition,
    Resolver,
    SelfAssignment,
    literal_or_bound_once,
    own_nodes,
    self_assignments,
    single_binding,
    yields_in,
)
from flake8_fastapi_prod.resolve.names import (
    _CHILD_FIELDS,
    MAX_DEPTH,
    NONE_TYPE,
    SCOPE_NODE_TYPES,
    Binding,
    FunctionNode,
    Scope,
    ScopeNode,
    canonical,
    child_fields,
    child_nodes,
    walk,
)
from flake8_fastapi_prod.resolve.project import (
    MAX_SCANNED_FILES,
    PROJECT,
    SUMMARY_SCHEMA,
    DefinitionKey,
    ModuleInfo,
    ModuleSummary,
    PartialModuleScope,
    Project,
    ProjectRef,
    SummaryStore,
    definition_key,
    disable_cache,
    is_module_level,
    summarize,
    tune_gc,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_SCANNED_FILES",
    "NONE_TYPE",
    "PROJECT",
    "SCOPE_NODE_TYPES",
    "SUMMARY_SCHEMA",
    "_CHILD_FIELDS",
    "Binding",
    "Definition",
    "DefinitionKey",
    "FunctionNode",
    "ModuleInfo",
    "ModuleSummary",
    "PartialModuleScope",
    "Project",
    "ProjectRef",
    "Resolver",
    "Scope",
    "ScopeNode",
    "SelfAssignment",
    "SummaryStore",
    "canonical",
    "child_fields",
    "child_nodes",
    "definition_key",
    "disable_cache",
    "is_module_level",
    "literal_or_bound_once",
    "own_nodes",
    "self_assignments",
    "single_binding",
    "summarize",
    "tune_gc",
    "walk",
    "yields_in",
]
