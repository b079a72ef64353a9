"""Engines that run ``consist check``: ``local`` (one process, ``consist.api.Checker``)
and ``ray`` (the same stages as Ray Data batch stages and Ray tasks, ``consist.engine.ray``).

Both produce the same report byte for byte: they call the same stage functions, and only
where they run differs.
"""

from __future__ import annotations

from typing import Any

from consist.api import Checker, Progress
from consist.config import Config

ENGINES = ("local", "ray")


class EngineUnavailable(RuntimeError):
    """The engine's optional dependency is not installed (a usage error: exit 2)."""


def make_checker(
    config: Config,
    *,
    engine: str | None = None,
    progress: Progress[Any] | None = None,
    ray_address: str | None = None,
    ray_cpus: int | None = None,
    show_counts: bool = False,
) -> Checker:
    """A checker for ``engine`` (default: the config's ``engine``)."""
    name = engine or config.engine
    if name == "local":
        return Checker(config, progress=progress)
    if name != "ray":
        raise ValueError(f"unknown engine '{name}' (choose from {', '.join(ENGINES)})")
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise EngineUnavailable(
            "--engine ray needs Ray: pip install 'consist[ray]' (or 'ray[data]>=2.9,<3')"
        ) from exc
    from consist.engine.ray import RayChecker

    return RayChecker(
        config,
        progress=progress,
        address=ray_address if ray_address is not None else config.ray_address,
        cpus=ray_cpus if ray_cpus is not None else config.ray_cpus,
        show_counts=show_counts,
    )


__all__ = ["ENGINES", "EngineUnavailable", "make_checker"]
