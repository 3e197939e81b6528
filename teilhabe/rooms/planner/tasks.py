"""The planner in the background: large rounds take the solver up to its time limit, longer
than a web request should wait. The round page polls until the round is solved."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from . import services
from .models import PlanningRound

logger = logging.getLogger(__name__)


@shared_task
def solve_round_in_background(*, round_id: int, user_id: int, solver: str = "cp-sat") -> dict:
    round = PlanningRound.objects.get(pk=round_id)
    by = get_user_model().objects.get(pk=user_id)
    try:
        solution = services.solve_round(round=round, by=by, solver=solver)
    except Exception as error:
        logger.exception("Planning round %s could not be solved", round_id)
        services.solving_failed(round=round, error=str(error) or error.__class__.__name__)
        raise
    return {"placed": len(solution.placements), "unplaced": len(solution.unplaced)}
