#!/usr/bin/env python3
"""Does a Pydantic-1-era tree import on Pydantic 2 after the migration?

Run it from a venv that has this project installed (see benchmarks/README.md):

    python benchmarks/migration.py [--trees prefect,dstack,...] [--out benchmarks/README.md]

For each pinned Pydantic-1-era PyPI package (TREES below), downloaded with
``pip download --no-deps`` and unzipped into the ignored ``.cache/migration/``:

  a  ``flake8 --select FP3`` on the original tree: V1 constructs found, per
     code.  The wheel's declared dependencies are written to a
     ``pyproject.toml`` at the root of every copy, so the plugin detects the
     tree's declared Pydantic version as it would in the real project.
  b  the README's migration command (MIGRATE_ARGS) on a copy of the whole
     tree, and on a copy where only the bump-pydantic subset is rewritten;
     findings rewritten, ``TODO(FP3xx)`` comments added, findings left.
  c  bump-pydantic (in its own venv) on another copy, on the subset (one run
     per folder, timed together); wall and CPU seconds of both tools.
  d  every module of every result (and of the original tree, the baseline)
     imported under fastapi 0.165 + pydantic 2.14 + pydantic-settings +
     pydantic-extra-types + the tree's own import-time dependencies, in a
     fresh venv per tree.  Modules are imported one after the other in a
     worker process (a module that hangs past the timeout or kills the
     worker is recorded and the worker restarted); each failure is
     classified as caused by Pydantic (an exception class from pydantic, a
     traceback through pydantic, an ImportError naming pydantic, a
     ``TypeError`` from calling a pydantic function with a V1 keyword) or
     other (missing dependency, anything else).  Pydantic deprecation
     warnings (``PydanticDeprecationWarning`` subclasses) and other
     warnings raised from inside pydantic are counted, each distinct one
     once.

Standard library + subprocess only; not run by the tests.  The report is
Markdown, printed and written between the migration markers of --out.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import queue
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE = REPO_ROOT / ".cache" / "migration"
DEFAULT_OUT = Path(__file__).resolve().parent / "README.md"
BEGIN = "<!-- migration:begin -->"
END = "<!-- migration:end -->"

#: The README's "Pydantic V1 -> V2" command.
MIGRATE_ARGS = ("--select", "FP3", "--extend-select", "FP307", "--unsafe-fixes")
#: The import venv: what every tree is imported under.
BASE_REQUIREMENTS = ("fastapi==0.165.*", "pydantic==2.14.*", "pydantic-settings", "pydantic-extra-types")
BUMP_PIN = "bump-pydantic==0.8.0"
#: Requirements the import venv never takes from a tree (the base pins them).
DROPPED = {"pydantic", "fastapi", "starlette", "pydantic-core"}

TODO = re.compile(r"TODO\((FP\d{3})\)")
FINDING = re.compile(r"^(?P<path>.+?):(?P<row>\d+):(?P<col>\d+): (?P<code>FP\d{3}) (?P<text>.*)$")


@dataclasses.dataclass(frozen=True)
class Tree:
    pin: str
    package: str  # the top-level package folder in the wheel
    bump_subset: tuple[str, ...] = ()  # folders bump-pydantic is run on; () = the whole package
    extra_requirements: tuple[str, ...] = ()  # import-time dependencies the wheel does not declare

    @property
    def name(self) -> str:
        return self.pin.split("==")[0]

    @property
    def slug(self) -> str:
        return self.pin.replace("==", "-")

    @property
    def subset(self) -> tuple[str, ...]:
        return self.bump_subset or (self.package,)


TREES = (
    Tree(
        "prefect==2.10.21",
        "prefect",
        ("prefect/server/schemas", "prefect/client/schemas", "prefect/_internal/schemas", "prefect/blocks"),
        # the 2023 versions of these: the newest ones dropped APIs prefect 2.10 imports
        ("griffe<0.30", "pendulum<3", "httpx<0.28", "sqlalchemy<2.1", "docker<7"),
    ),
    Tree("dstack==0.12.4", "dstack", ("dstack/_internal/core/models", "dstack/_internal/server/schemas")),
    Tree("fastapi-users==10.4.2", "fastapi_users", (), ("email-validator>=2", "redis<5", "httpx-oauth<0.12")),
    Tree("sqlmodel==0.0.8", "sqlmodel"),
)


class MigrationError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# fetching ---------------------------------------------------------------------


def fetch(tree: Tree) -> tuple[Path, list[str], str]:
    """The extracted wheel (.py files + a pyproject.toml of its dependencies), its requirements, pydantic spec."""
    root = CACHE / "src" / tree.slug
    wheels = CACHE / "wheels"
    stem = tree.name.replace("-", "_")
    version = tree.pin.split("==")[1]

    def find() -> Path | None:
        return next(iter(sorted(wheels.glob(f"{stem}-{version}-*.whl"))), None)

    wheel = find()
    if wheel is None:
        log(f"downloading {tree.pin}")
        argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:"]
        done = subprocess.run([*argv, "-d", str(wheels), tree.pin], capture_output=True, text=True, check=False)
        wheel = find()
        if done.returncode or wheel is None:
            raise MigrationError(f"pip download {tree.pin} failed: {done.stderr.strip()[-300:]}")
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        requires = [
            line.split(":", 1)[1].strip()
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line
        ]
        if not root.is_dir():
            staging = root.with_name(root.name + ".tmp")
            shutil.rmtree(staging, ignore_errors=True)
            for member in archive.namelist():
                parts = member.split("/")
                # the data files too: modules read them at import (prefect's profiles.toml)
                data = not member.endswith("/") and ".dist-info/" not in member and not member.endswith(".pyc")
                if data and ".." not in parts and not member.startswith("/"):
                    target = staging / member
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(member))
            deps = ",\n".join(f"    {json.dumps(r)}" for r in requires)
            (staging / "pyproject.toml").write_text(
                f'[project]\nname = "{tree.name}"\nversion = "{version}"\ndependencies = [\n{deps},\n]\n'
            )
            staging.rename(root)
    spec = next((r for r in requires if req_name(r) == "pydantic"), "")
    return root, requires, spec


def req_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else ""


def venv_python(path: Path) -> Path:
    return path / "bin" / "python"


def make_venv(path: Path, requirements: Sequence[str]) -> Path:
    """A venv at `path` with `requirements` (cached: rebuilt when they change)."""
    marker = path / ".requirements"
    wanted = "\n".join(requirements)
    if marker.is_file() and marker.read_text() == wanted:
        return venv_python(path)
    shutil.rmtree(path, ignore_errors=True)
    log(f"creating {path.relative_to(REPO_ROOT)}")
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    pip = [str(venv_python(path)), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    done = subprocess.run([*pip, *requirements], capture_output=True, text=True, check=False)
    if done.returncode:
        # A pinned old dependency can conflict with the Pydantic 2 base: take
        # the base first, then each dependency alone (newest that fits).
        log(f"  one install failed ({done.stderr.strip().splitlines()[-1:]}); installing one by one")
        subprocess.run([*pip, *requirements[: len(BASE_REQUIREMENTS)]], check=True, capture_output=True)
        constraint = path / "constraints.txt"
        constraint.write_text("\n".join(requirements[: len(BASE_REQUIREMENTS)]) + "\n")
        for requirement in requirements[len(BASE_REQUIREMENTS) :]:
            for candidate in dict.fromkeys((requirement, re.split(r"[<>=!~;( ]", requirement, maxsplit=1)[0])):
                one = subprocess.run([*pip, "-c", str(constraint), candidate], capture_output=True, text=True)
                if one.returncode == 0:
                    break
            else:
                log(f"  could not install {requirement}")
    marker.write_text(wanted)
    return venv_python(path)


def import_requirements(tree: Tree, requires: Sequence[str]) -> list[str]:
    own = [r for r in requires if req_name(r) not in DROPPED and "python_version <" not in r]
    return [*BASE_REQUIREMENTS, *own, *tree.extra_requirements]


# running the tools --------------------------------------------------------------


@dataclasses.dataclass
class Timed:
    wall: float
    cpu: float
    exit: int
    output: str


def timed(argv: Sequence[str], cwd: Path, timeout: float | None = None) -> Timed:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=child_env())
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as expired:
        code = -9
        output = f"timed out after {timeout} s\n{expired.stdout or ''}{expired.stderr or ''}"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu, code, output if isinstance(output, str) else output.decode("utf-8", "replace"))


def child_env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDEVMODE", None)
    env.pop("VIRTUAL_ENV", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if home is not None:
        env["HOME"] = str(home)
        env["PYTHONPATH"] = ""
    return env


def script(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        raise MigrationError(f"{name} is not installed next to {sys.executable}")
    return str(path)


def findings(copy: Path, package: str) -> list[tuple[str, int, str, str]]:
    argv = [script("flake8"), "--select", "FP3", "--format", "%(path)s:%(row)d:%(col)d: %(code)s %(text)s", package]
    done = subprocess.run(argv, cwd=copy, capture_output=True, text=True, check=False, env=child_env())
    if done.returncode not in (0, 1):
        raise MigrationError(f"flake8 exited {done.returncode}: {done.stderr[-500:]}")
    found = []
    for line in done.stdout.splitlines():
        match = FINDING.match(line)
        if match:
            found.append((match["path"], int(match["row"]), match["code"], match["text"]))
    return found


def todos(root: Path, package: str) -> Counter[str]:
    counted: Counter[str] = Counter()
    for path in sorted((root / package).rglob("*.py")):
        counted.update(TODO.findall(path.read_text("utf-8", "replace")))
    return counted


def bump_todos(root: Path, package: str) -> int:
    return sum(p.read_text("utf-8", "replace").count("TODO[pydantic]") for p in (root / package).rglob("*.py"))


def unparsable(root: Path, package: str) -> int:
    """Files that no longer compile (a repeated keyword is caught by the compiler, not by ast.parse)."""
    count = 0
    for path in (root / package).rglob("*.py"):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            count += 1
    return count


def copy_of(original: Path, dst: Path) -> Path:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(original, dst)
    return dst


# importing ----------------------------------------------------------------------

WORKER = r"""
import importlib, json, os, sys, traceback, warnings
root = os.path.realpath(sys.argv[1])
sys.path.insert(0, root)
import pydantic, pydantic.warnings
PYD = tuple(os.path.dirname(os.path.realpath(m.__file__)) + os.sep
            for m in (pydantic, __import__("pydantic_core")))
import re
PYD_NAMES = re.compile(r"\b(FieldInfo|ModelPrivateAttr|ModelMetaclass|PydanticUndefinedType|ComputedFieldInfo)\b")
seen = set()
def emit(record):
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()
def in_tree(filename):
    return os.path.realpath(filename).startswith(root + os.sep)
def rel(filename):
    return os.path.relpath(os.path.realpath(filename), root)
def show(message, category, filename, lineno, file=None, line=None):
    frame, from_pydantic = sys._getframe(1), False
    while frame is not None:
        if os.path.realpath(frame.f_code.co_filename).startswith(PYD):
            from_pydantic = True
            break
        frame = frame.f_back
    deprecation = issubclass(category, pydantic.warnings.PydanticDeprecationWarning)
    if not (deprecation or from_pydantic):
        return
    key = (category.__name__, filename, lineno, str(message))
    if key in seen:
        return
    seen.add(key)
    emit({"warning": category.__name__, "deprecation": deprecation,
          "where": f"{rel(filename)}:{lineno}" if in_tree(filename) else f"{os.path.basename(filename)}:{lineno}",
          "message": str(message)[:300]})
warnings.simplefilter("always")
warnings.showwarning = show
def classify(exc):
    frames = traceback.extract_tb(exc.__traceback__)
    through = any(os.path.realpath(f.filename).startswith(PYD) for f in frames)
    where = next((f"{rel(f.filename)}:{f.lineno}" for f in reversed(frames) if in_tree(f.filename)), "")
    if where == "" and isinstance(exc, SyntaxError) and exc.filename and in_tree(exc.filename):
        where = f"{rel(exc.filename)}:{exc.lineno}"
    cls = type(exc)
    text = str(exc)
    kind = "other"
    if cls.__module__.split(".")[0] in ("pydantic", "pydantic_core") or through:
        kind = "pydantic"
    elif isinstance(exc, ImportError) and ("pydantic" in (exc.name or "") or "'pydantic" in text):
        kind = "pydantic"
    elif isinstance(exc, AttributeError) and (
        type(getattr(exc, "obj", None)).__module__.split(".")[0] == "pydantic"
        or getattr(getattr(exc, "obj", None), "__module__", "").split(".")[0] == "pydantic"
    ):
        kind = "pydantic"
    elif isinstance(exc, (TypeError, AttributeError)) and PYD_NAMES.search(text):
        kind = "pydantic"  # a V1 idiom meeting a V2 object: 'FieldInfo' has no attribute 'type_', ...
    elif isinstance(exc, TypeError):
        called = re.match(r"(\w+)\(\) got an unexpected keyword argument", text)
        if called and hasattr(pydantic, called.group(1)):
            kind = "pydantic"
    elif isinstance(exc, ModuleNotFoundError):
        top = (exc.name or "").split(".")[0]
        if not os.path.exists(os.path.join(root, top)) and not os.path.exists(os.path.join(root, top + ".py")):
            kind = "missing-dependency"
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = re.sub(r" \((/[^()]*?)(site-packages|lib/python3[.0-9]*)/([^()]*)\)", r" (\3)", first)
    return {"kind": kind, "exc": cls.__name__, "message": first[:300],
            "where": where}
failed = {}
for line in open(sys.argv[2]).read().splitlines():
    name = line.strip()
    if not name:
        continue
    emit({"start": name})
    parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
    broken = next((p for p in parents if p in failed), None)
    if broken is not None:
        # importing the module imports its package first, which fails as it did
        emit({"module": name, **failed[broken], "via": broken})
        continue
    try:
        importlib.import_module(name)
        result = {"status": "ok"}
    except BaseException as exc:
        result = {"status": "fail", **classify(exc)}
        failed[name] = result
    emit({"module": name, **result})
"""


@dataclasses.dataclass
class ImportResult:
    modules: dict[str, dict[str, str]]
    warnings: list[dict[str, str]]
    wall: float

    @property
    def ok(self) -> int:
        return sum(1 for r in self.modules.values() if r["status"] == "ok")

    def failing(self, kind: str) -> dict[str, dict[str, str]]:
        return {m: r for m, r in self.modules.items() if r["status"] != "ok" and r.get("kind") == kind}

    def deprecations(self) -> list[dict[str, str]]:
        return [w for w in self.warnings if w["deprecation"]]


def module_names(root: Path, package: str) -> list[str]:
    names = []
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def import_all(python: Path, root: Path, package: str, timeout: float) -> ImportResult:
    pending = module_names(root, package)
    modules: dict[str, dict[str, str]] = {}
    found_warnings: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    home = root.parent / f"{root.name}.home"
    home.mkdir(exist_ok=True)
    start = time.perf_counter()
    while pending:
        listing = home / "modules.txt"  # not stdin: a module that reads stdin must not eat the list
        listing.write_text("\n".join(pending) + "\n")
        proc = subprocess.Popen(
            [str(python), "-c", WORKER, str(root), str(listing)],
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=child_env(home),
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def read(stream=proc.stdout, out=lines) -> None:  # type: ignore[assignment]
            for text in stream:
                out.put(text)
            out.put(None)

        threading.Thread(target=read, daemon=True).start()
        current: str | None = None
        while True:
            try:
                text = lines.get(timeout=timeout)
            except queue.Empty:
                if current is not None:
                    modules[current] = {
                        "status": "timeout",
                        "kind": "other",
                        "exc": "timeout",
                        "message": "",
                        "where": "",
                    }
                proc.kill()
                break
            if text is None:
                if current is not None:
                    modules[current] = {
                        "status": "crash",
                        "kind": "other",
                        "exc": "worker exited",
                        "message": "",
                        "where": "",
                    }
                break
            try:
                record = json.loads(text)
            except ValueError:
                continue  # a module printed to stdout
            if "start" in record:
                current = record["start"]
            elif "module" in record:
                modules[record.pop("module")] = record
                current = None
            elif "warning" in record:
                key = (record["warning"], record["where"], record["message"])
                if key not in seen:
                    seen.add(key)
                    found_warnings.append(record)
        proc.wait()
        pending = [m for m in pending if m not in modules]
    return ImportResult(modules, found_warnings, time.perf_counter() - start)


# one tree ---------------------------------------------------------------------


@dataclasses.dataclass
class Variant:
    label: str
    root: Path
    timing: Timed | None = None
    left: list[tuple[str, int, str, str]] = dataclasses.field(default_factory=list)
    todos: Counter[str] = dataclasses.field(default_factory=Counter)
    imports: ImportResult | None = None
    note: str = ""
    bump_todos: int = 0
    unparsable: int = 0


@dataclasses.dataclass
class TreeResult:
    tree: Tree
    files: int
    lines: int
    pydantic_spec: str
    target: str
    found: list[tuple[str, int, str, str]]
    variants: list[Variant]


def detected_target(copy: Path, package: str) -> str:
    argv = [script("fastapi-prod-fix"), "--select", "FP3", "--show-settings", package]
    done = subprocess.run(argv, cwd=copy, capture_output=True, text=True, check=False, env=child_env())
    line = next((x.strip() for x in done.stdout.splitlines() if x.strip().startswith("pydantic:")), "")
    return f"`{line}`" if line else "?"


def run_tree(tree: Tree, args: argparse.Namespace) -> TreeResult:
    original, requires, spec = fetch(tree)
    python = make_venv(CACHE / "venvs" / tree.slug, import_requirements(tree, requires))
    bump = make_venv(CACHE / "venv-bump", [BUMP_PIN]).parent.parent
    work = CACHE / "work" / tree.slug
    work.mkdir(parents=True, exist_ok=True)
    files = sorted((original / tree.package).rglob("*.py"))
    lines = sum(len(p.read_text("utf-8", "replace").splitlines()) for p in files)
    target = detected_target(original, tree.package)
    log(f"{tree.pin}: {len(files)} files, {lines} lines; {target}")
    found = findings(original, tree.package)
    log(f"  flake8 --select FP3: {len(found)} findings")

    fixer = [script("fastapi-prod-fix"), *MIGRATE_ARGS]
    base = Variant("original", original)
    ours = Variant("ours, whole tree", copy_of(original, work / "ours"))
    ours.timing = timed([*fixer, tree.package], ours.root)
    log(f"  ours (whole): {ours.timing.wall:.1f}s wall, {ours.timing.cpu:.1f}s CPU, exit {ours.timing.exit}")
    variants = [base, ours]
    whole = tree.subset == (tree.package,)
    if not whole:
        sub = Variant("ours, bump subset", copy_of(original, work / "ours-subset"))
        sub.timing = timed([*fixer, *tree.subset], sub.root)
        log(f"  ours (subset): {sub.timing.wall:.1f}s wall, {sub.timing.cpu:.1f}s CPU")
        variants.append(sub)
    saved = work / "bump.json"
    if not args.skip_bump and args.reuse_bump and saved.is_file() and (work / "bump").is_dir():
        bumped = Variant("bump-pydantic" + ("" if whole else ", subset"), work / "bump")
        for path in original.rglob("*"):  # files the copy lacks (the data files, when it predates them)
            dest = bumped.root / path.relative_to(original)
            if path.is_file() and not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
        data = json.loads(saved.read_text())
        bumped.timing, bumped.note = Timed(data["wall"], data["cpu"], 0, ""), data["note"]
        log(f"  bump-pydantic: reusing the copy of an earlier run ({bumped.timing.wall:.1f}s wall)")
        variants.append(bumped)
    elif not args.skip_bump:
        bumped = Variant("bump-pydantic" + ("" if whole else ", subset"), copy_of(original, work / "bump"))
        wall = cpu = 0.0
        for folder in tree.subset:
            one = timed(
                [str(bump / "bin" / "bump-pydantic"), "--log-file", "../bump.log", folder],
                bumped.root,
                timeout=args.bump_timeout,
            )
            wall, cpu = wall + one.wall, cpu + one.cpu
            log(f"  bump-pydantic {folder}: {one.wall:.1f}s wall, {one.cpu:.1f}s CPU, exit {one.exit}")
            if one.exit:
                bumped.note = f"bump-pydantic exited {one.exit} on {folder}: {one.output.strip()[-200:]}"
        bumped.timing = Timed(wall, cpu, 0, "")
        saved.write_text(json.dumps({"wall": wall, "cpu": cpu, "note": bumped.note}))
        variants.append(bumped)
    for variant in variants[1:]:
        variant.left = findings(variant.root, tree.package)
        variant.todos = todos(variant.root, tree.package) - todos(original, tree.package)
        variant.bump_todos = bump_todos(variant.root, tree.package) - bump_todos(original, tree.package)
        variant.unparsable = unparsable(variant.root, tree.package)
    for variant in variants:
        log(f"  importing {variant.label}")
        variant.imports = import_all(python, variant.root, tree.package, args.import_timeout)
        result = variant.imports
        log(
            f"    {result.ok}/{len(result.modules)} import; pydantic failures {len(result.failing('pydantic'))};"
            f" deprecation warnings {len(result.deprecations())}; {result.wall:.0f}s"
        )
    return TreeResult(tree, len(files), lines, spec, target, found, variants)


# report -------------------------------------------------------------------------


def fmt_time(timing: Timed | None) -> str:
    return "" if timing is None else f"{timing.wall:.1f} / {timing.cpu:.1f}"


def causes(result: ImportResult, kind: str) -> list[tuple[str, int, str]]:
    """Distinct root causes of the failures of `kind`: (where: exception, modules failing with it)."""
    counted: Counter[str] = Counter()
    example: dict[str, str] = {}
    for module, record in result.failing(kind).items():
        key = f"`{record['where'] or '?'}` {record['exc']}: {record['message']}"
        counted[key] += 1
        example.setdefault(key, module)
    return [(key, n, example[key]) for key, n in counted.most_common()]


def report_tree(result: TreeResult) -> list[str]:
    tree = result.tree
    subset = ", ".join(f"`{s}`" for s in tree.subset)
    out = [
        f"### `{tree.pin}` (`{tree.package}/`: {result.files} files, {result.lines:,} lines)",
        "",
        f"Declared `{result.pydantic_spec}`; the fixer's detected target: {result.target}.",
        f"bump-pydantic subset (the tree's other files are left as they were in that copy): {subset}.",
        "",
    ]
    variants = result.variants
    header = "| | " + " | ".join(v.label for v in variants) + " |"
    out += [header, "|---|" + "---:|" * len(variants)]

    def row(label: str, cell: Callable[[Variant], str]) -> None:
        out.append(f"| {label} | " + " | ".join(cell(v) for v in variants) + " |")

    found = len(result.found)
    row("FP3 findings (V1 constructs)", lambda v: str(found) if v is variants[0] else str(len(v.left)))
    row("rewritten (findings gone)", lambda v: "" if v is variants[0] else str(found - len(v.left)))
    row("`TODO(FP3xx)` / `TODO[pydantic]` added", lambda v: "" if v is variants[0] else todo_cell(v))
    row("files that no longer compile", lambda v: "" if v is variants[0] else str(v.unparsable))
    row("wall / CPU s", lambda v: fmt_time(v.timing))

    def imp(v: Variant, f: Callable[[ImportResult], object]) -> str:
        return "" if v.imports is None else str(f(v.imports))

    row("modules importing", lambda v: imp(v, lambda r: f"{r.ok} / {len(r.modules)}"))
    row("failing: caused by Pydantic", lambda v: imp(v, lambda r: len(r.failing("pydantic"))))
    row("failing: distinct Pydantic causes", lambda v: imp(v, lambda r: len(causes(r, "pydantic"))))
    row("failing: missing dependency", lambda v: imp(v, lambda r: len(r.failing("missing-dependency"))))
    row("failing: other", lambda v: imp(v, lambda r: len(r.failing("other"))))
    row("Pydantic deprecation warnings at import", lambda v: imp(v, lambda r: len(r.deprecations())))
    row("other warnings from pydantic at import", lambda v: imp(v, lambda r: len(r.warnings) - len(r.deprecations())))
    out.append("")
    codes = sorted({f[2] for f in result.found} | {f[2] for v in variants[1:] for f in v.left})
    if codes:
        ours = variants[1]
        out += [
            "| code | found | left after ours (whole tree) | `TODO(code)` written |",
            "|---|---:|---:|---:|",
        ]
        for code in codes:
            n = sum(1 for f in result.found if f[2] == code)
            left = sum(1 for f in ours.left if f[2] == code)
            out.append(f"| {code} | {n} | {left} | {ours.todos.get(code, 0)} |")
        out.append("")
    for variant in variants:
        if variant.note:
            out += [f"Note ({variant.label}): {variant.note}", ""]
    for variant in variants[1:]:
        assert variant.imports is not None
        listed = causes(variant.imports, "pydantic")
        if listed:
            out += [f"Pydantic-caused import failures after {variant.label} (root cause: modules failing):", ""]
            out += [f"- {key} ({n}, e.g. `{example}`)" for key, n, example in listed[:12]]
            if len(listed) > 12:
                out.append(f"- ... {len(listed) - 12} more")
            out.append("")
        deprecations = variant.imports.deprecations()
        if deprecations:
            out += [f"Pydantic deprecation warnings after {variant.label}:", ""]
            counted = Counter(f"{w['warning']}: {w['message'][:140]}" for w in deprecations)
            out += [f"- {text} ({n}x)" for text, n in counted.most_common(8)]
            out.append("")
    return out


def todo_cell(variant: Variant) -> str:
    if variant.label.startswith("bump"):
        return f"{variant.bump_todos} `TODO[pydantic]`"
    return str(sum(variant.todos.values()))


def head_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=REPO_ROOT, capture_output=True, text=True)
    return done.stdout.strip() + (" (with uncommitted changes in src/)" if dirty.stdout.strip() else "")


def render(results: list[TreeResult], argv: Sequence[str]) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Command: `python benchmarks/migration.py {' '.join(argv)}`; flake8-fastapi-prod at commit {head_commit()};"
        f" {now}; Python {sys.version.split()[0]}; load average before: {os.getloadavg()[0]:.1f}.",
        f"Migration: `fastapi-prod-fix {' '.join(MIGRATE_ARGS)} <package>`; bump-pydantic: `{BUMP_PIN}`;"
        f" imported under {', '.join(f'`{r}`' for r in BASE_REQUIREMENTS)} and each tree's own dependencies.",
        "Columns: the original tree (baseline), our migration of the whole tree, our migration of the bump-pydantic"
        " subset only, bump-pydantic on that subset. Wall / CPU are seconds (CPU: user+system of the process and"
        " its children); the machine is shared, so compare CPU.",
        "",
    ]
    for result in results:
        lines += report_tree(result)
    return "\n".join(lines).rstrip() + "\n"


def write(out: Path, text: str) -> None:
    current = out.read_text()
    if BEGIN not in current or END not in current:
        raise MigrationError(f"{out} has no {BEGIN} ... {END} block")
    head, rest = current.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    out.write_text(f"{head}{BEGIN}\n{text}{END}{tail}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trees", default=",".join(t.name for t in TREES), help="comma-separated tree names")
    parser.add_argument("--skip-bump", action="store_true", help="leave bump-pydantic out")
    parser.add_argument(
        "--reuse-bump", action="store_true", help="reuse bump-pydantic's copy and times from an earlier run"
    )
    parser.add_argument("--bump-timeout", type=float, default=900, help="seconds per bump-pydantic folder run")
    parser.add_argument("--import-timeout", type=float, default=120, help="seconds per module import")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="Markdown file to update ('-': print only)")
    parser.add_argument("--json", default=str(CACHE / "results.json"), help="raw results (per-module records)")
    args = parser.parse_args(argv)
    wanted = [n.strip() for n in args.trees.split(",") if n.strip()]
    unknown = set(wanted) - {t.name for t in TREES}
    if unknown:
        parser.error(f"unknown trees: {', '.join(sorted(unknown))}")
    results = []
    try:
        for tree in TREES:
            if tree.name in wanted:
                results.append(run_tree(tree, args))
    except MigrationError as error:
        print(f"migration.py: error: {error}", file=sys.stderr)
        return 2
    raw = {
        r.tree.pin: {
            v.label: {"modules": v.imports.modules, "warnings": v.imports.warnings} if v.imports else {}
            for v in r.variants
        }
        for r in results
    }
    Path(args.json).write_text(json.dumps(raw, indent=1))
    text = render(results, argv)
    print(text)
    if args.out != "-":
        write(Path(args.out), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
