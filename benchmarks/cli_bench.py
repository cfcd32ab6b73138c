#!/usr/bin/env python3
"""``fastapi-prod check`` against ``flake8 --select FP``, and the language
server's latency.

    python benchmarks/cli_bench.py [--runs N] [--tree DIR] [--module FILE] [--jobs J ...]

Part 1 runs ``flake8 --select FP`` and ``fastapi-prod check`` on the same
tree, interleaved in every round (so machine noise hits all alike), with
the same number of processes (``--jobs``, repeatable; default 1 and all
cores): both with a cold cache (an empty ``FASTAPI_PROD_CACHE_DIR``), then
``check`` again on the unchanged tree with the cache its first run left
(the re-run), then ``check --no-cache``. It reports the median wall time
of each, its spread, and whether all found the same findings (path, line,
code) as flake8.

Part 2 starts ``fastapi-prod server`` over stdio, opens a module of a real
project (default: a 1,000-line FastAPI router of the corpus), then changes
it N times and reports the time from sending ``didChange`` to receiving the
``publishDiagnostics`` of that version: first each change sent as soon as
the last diagnostics arrive (fast typing: the server's rate limit between
two lints of a buffer included), then each 300 ms after them (a change
after a pause: the lint alone).

Standard library only; the client is a minimal JSON-RPC over stdio.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_SRC = REPO_ROOT / ".cache" / "corpus" / "src"
DEFAULT_TREE = CORPUS_SRC / "apache-airflow-core"
DEFAULT_MODULE = (
    CORPUS_SRC / "apache-airflow-core" / "airflow" / "api_fastapi" / "core_api" / "routes" / "public" / "dag_run.py"
)
BIN = Path(sys.executable).parent


def findings_of_flake8(output: str) -> Counter[tuple[str, int, str]]:
    found: Counter[tuple[str, int, str]] = Counter()
    for line in output.splitlines():
        match = re.match(r"(.+?):(\d+):\d+: (FP\d+) ", line)
        if match:
            found[(os.path.normpath(match.group(1)), int(match.group(2)), match.group(3))] += 1
    return found


def _run(command: list[str], tree: Path, cache: Path) -> tuple[float, str]:
    env = {**os.environ, "FASTAPI_PROD_CACHE_DIR": str(cache)}
    env.pop("FASTAPI_PROD_NO_CACHE", None)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=tree, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, result.stdout


def part_check(tree: Path, runs: int, jobs: int) -> list[str]:
    """Per round, interleaved: ``flake8 --select FP`` and ``fastapi-prod
    check`` each with a cold cache (a new, empty cache folder: neither
    module summaries nor findings), then ``check`` again on the unchanged
    tree with the cache its first run left (the re-run), then ``check
    --no-cache``."""
    flake8 = [str(BIN / "flake8"), "--select", "FP", f"--jobs={jobs}", "."]
    check = [str(BIN / "fastapi-prod"), "check", "--output-format", "concise", "-j", str(jobs), "."]
    names = ("flake8", "check", "re-run", "no-cache")
    times: dict[str, list[float]] = {name: [] for name in names}
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="cli-bench-") as scratch:
        for round_number in range(runs):
            flake8_cache = Path(scratch, f"flake8-{round_number}")
            check_cache = Path(scratch, f"check-{round_number}")
            for name, command, cache in (
                ("flake8", flake8, flake8_cache),
                ("check", check, check_cache),
                ("re-run", check, check_cache),
                ("no-cache", [*check[:2], "--no-cache", *check[2:]], Path(scratch, "unused")),
            ):
                elapsed, outputs[name] = _run(command, tree, cache)
                times[name].append(elapsed)
    theirs = findings_of_flake8(outputs["flake8"])
    found = {name: findings_of_flake8(outputs[name]) for name in names}
    files = sum(1 for _ in tree.rglob("*.py"))
    median = {name: statistics.median(times[name]) for name in names}
    spread = {name: max(times[name]) - min(times[name]) for name in names}
    labels = {
        "flake8": f"`flake8 --select FP -j {jobs}` (cold cache)",
        "check": f"`fastapi-prod check -j {jobs}`, first run (cold cache)",
        "re-run": f"`fastapi-prod check -j {jobs}`, re-run (unchanged tree)",
        "no-cache": f"`fastapi-prod check -j {jobs} --no-cache`",
    }
    rows = [
        f"| {labels[name]} | {median[name]:.2f} s | {spread[name]:.2f} s | {sum(found[name].values())} |"
        for name in names
    ]
    same = all(found[name] == theirs for name in names)
    return [
        f"Tree: `{tree}` ({files} files), {runs} rounds, {jobs} processes each.",
        "",
        "| command | median wall time | spread (max - min) | findings |",
        "|---|---|---|---|",
        *rows,
        "",
        f"first run / flake8: {median['check'] / median['flake8']:.2f} (budget 0.5); "
        f"re-run / first run: {median['re-run'] / median['check']:.3f} (budget 0.1); "
        f"same findings: {'yes' if same else 'NO'}",
    ]


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's stdio."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin: IO[bytes] = self.process.stdin  # type: ignore[assignment]
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        stdin.flush()

    def receive(self) -> dict[str, Any]:
        stdout: IO[bytes] = self.process.stdout  # type: ignore[assignment]
        length = 0
        while (line := stdout.readline().strip()) != b"":
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message: dict[str, Any] = json.loads(stdout.read(length))
        if "id" in message and "method" in message:  # a request from the server
            result: Any = [None] * len(message.get("params", {}).get("items", [])) or None
            self.send({"id": message["id"], "result": result})
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def diagnostics_for(self, uri: str, version: int) -> list[Any]:
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                return list(params["diagnostics"])

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)


def part_server(module: Path, runs: int) -> list[str]:
    root = module.parent
    client = Client([str(BIN / "fastapi-prod"), "server"], cwd=root)
    client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    uri = module.as_uri()
    text = module.read_text(encoding="utf-8")
    start = time.perf_counter()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    first = client.diagnostics_for(uri, 1)
    opened = time.perf_counter() - start
    version = 1

    def edits(count: int, pause: float) -> list[float]:
        nonlocal text, version
        latencies = []
        for _ in range(count):
            time.sleep(pause)
            version += 1
            text = text + f"# edit {version}\n"
            start = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
            )
            client.diagnostics_for(uri, version)
            latencies.append(time.perf_counter() - start)
        return latencies

    back_to_back = edits(runs, 0.0)
    paused = edits(runs, 0.3)
    client.close()
    from flake8_fastapi_prod.cli.server import DEBOUNCE_SECONDS

    lines = len(module.read_text(encoding="utf-8").splitlines())

    def summary(latencies: list[float]) -> str:
        median = statistics.median(latencies)
        p90 = sorted(latencies)[int(0.9 * (len(latencies) - 1))]
        return f"median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms"

    return [
        f"Module: `{module}` ({lines} lines, {len(first)} diagnostics), {runs} edits each way.",
        "",
        f"- didOpen to diagnostics (cold: the project's other modules parsed): {opened * 1000:.0f} ms",
        f"- didChange to diagnostics, each change sent when the last diagnostics arrive: {summary(back_to_back)} "
        f"(a buffer is linted at most every {DEBOUNCE_SECONDS * 1000:.0f} ms)",
        f"- didChange to diagnostics, each change 300 ms after the last diagnostics: {summary(paused)}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=DEFAULT_TREE)
    parser.add_argument("--module", type=Path, default=DEFAULT_MODULE)
    parser.add_argument(
        "--jobs",
        type=int,
        action="append",
        help="processes for both commands (repeatable; default: 1 and all cores)",
    )
    parser.add_argument("--skip-check", action="store_true")
    parser.add_argument("--skip-server", action="store_true")
    args = parser.parse_args(argv)
    from bench import compile_bytecode  # as bench.py does: measured code runs from bytecode

    compile_bytecode([sys.executable])
    lines = []
    if not args.skip_check:
        for jobs in args.jobs or [1, os.cpu_count() or 1]:
            lines += ["### fastapi-prod check vs flake8", "", *part_check(args.tree.resolve(), args.runs, jobs), ""]
    if not args.skip_server:
        lines += ["### Language server latency", "", *part_server(args.module.resolve(), max(10, args.runs * 10))]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
