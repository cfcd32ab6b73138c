"""The FastAPI, Starlette and Pydantic versions a checked file runs on.

A :class:`Targets` holds the lowest version of each library that the
file's project allows (``None``: unknown, which counts as the newest).
Rules ask it questions (``ctx.targets.below("pydantic", "2")``); the
registry gates whole codes on it (:class:`~flake8_fastapi_prod.registry.Default`).

Detection from the project's declared dependencies lives in
:func:`detect_targets`; explicit options override what was detected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

Version = tuple[int, ...]

PACKAGES = ("fastapi", "starlette", "pydantic")


def parse_version(text: str) -> Version:
    """``"0.112.2"`` -> ``(0, 112, 2)``; trailing non-digits are ignored."""
    parts: list[int] = []
    for piece in text.strip().lstrip("vV").split("."):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
        if match.end() != len(piece):
            break  # "0rc1": the pre-release belongs to this release number
    if not parts:
        raise ValueError(f"not a version: {text!r}")
    return tuple(parts)


def as_version(version: str | Version) -> Version:
    return parse_version(version) if isinstance(version, str) else version


def format_version(version: Version | None) -> str:
    return "newest" if version is None else ".".join(map(str, version))


@dataclass(frozen=True)
class Targets:
    """The lowest version of each library the checked code must run on.

    ``None`` means unknown, which is read as the newest release: a gate
    that needs an old version stays closed, one that needs a new version
    is open. ``sources`` says where each version came from, for
    ``--show-settings``.
    """

    fastapi: Version | None = None
    starlette: Version | None = None
    pydantic: Version | None = None
    sources: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def version_of(self, package: str) -> Version | None:
        if package not in PACKAGES:
            raise ValueError(f"no target for {package!r}")
        value: Version | None = getattr(self, package)
        return value

    def below(self, package: str, version: str | Version) -> bool:
        """The target is known and older than ``version``."""
        target = self.version_of(package)
        return target is not None and target < as_version(version)

    def at_least(self, package: str, version: str | Version) -> bool:
        """The target is ``version`` or newer; unknown counts as newest."""
        return not self.below(package, version)

    @property
    def pydantic_v1(self) -> bool:
        """The project still targets Pydantic 1."""
        return self.below("pydantic", (2,))

    def source_of(self, package: str) -> str:
        return dict(self.sources).get(package, "not declared (newest assumed)")

    def overridden(self, **versions: Version | None) -> Targets:
        """These targets with the given packages replaced (options win)."""
        given = {name: value for name, value in versions.items() if value is not None}
        if not given:
            return self
        sources = dict(self.sources)
        sources.update({name: "option" for name in given})
        return replace(self, **given, sources=tuple(sorted(sources.items())))

    def describe(self) -> list[str]:
        return [f"{name}: {format_version(self.version_of(name))} ({self.source_of(name)})" for name in PACKAGES]


NEWEST = Targets()


def detect_targets(path: str | Path | None = None) -> Targets:
    start = Path(path).resolve() if path is not None else Path.cwd().resolve()
    if start.is_file() or start.suffix == ".py":
        start = start.parent
    return _detect_in(start)


@lru_cache(maxsize=256)
def _detect_in(start: Path) -> Targets:
    """The targets declared by the project that holds ``path``.

    Until the full detection lands this reads the FastAPI version only, as
    the tools always have; Starlette and Pydantic stay unknown.
    """
    from flake8_fastapi_prod.config import detect_target_version

    fastapi = detect_target_version(start)
    if fastapi is None:
        return NEWEST
    return Targets(fastapi=fastapi, sources=(("fastapi", "declared dependency"),))
