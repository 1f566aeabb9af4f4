"""Demonstration data generators, registered by each area in AppConfig.ready().

The one way: an app's ``demo.py`` defines ``generate(...)`` (the rows, in bulk, marked
``is_demo``) and ``run(*, scale, seed) -> str`` (a short summary line), and its
``ready()`` registers ``demo_registry.register(key, order, run)``. ``ctassist
generate_demo`` (a command of the geo app, the lowest one: it needs the States
loaded) runs them in order; ``scale`` 1 ≈ one year of a large programme.
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
