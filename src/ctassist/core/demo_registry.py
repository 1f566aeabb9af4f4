"""Demonstration data generators, registered by each area in AppConfig.ready().

``ctassist generate_demo`` runs them in order. Each takes ``scale`` (1 ≈ one
year of a large programme) and ``seed`` and returns a short summary line.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoGenerator:
    key: str
    order: int
    run: Callable[..., str]


_GENERATORS: dict[str, DemoGenerator] = {}


def register(key: str, order: int, run: Callable[..., str]) -> None:
    _GENERATORS[key] = DemoGenerator(key, order, run)


def generators() -> list[DemoGenerator]:
    return sorted(_GENERATORS.values(), key=lambda g: (g.order, g.key))
