"""The rooms app's Celery tasks, where the worker's autodiscovery looks for them."""

from .planner.tasks import solve_round_in_background

__all__ = ["solve_round_in_background"]
