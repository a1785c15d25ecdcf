"""What several handlers look up the same way."""

from __future__ import annotations

from services.review.domain.task import ReviewTask
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import NotFound, Reason, Refused


def refuse_not_mine(task: ReviewTask, deciding: str | None) -> None:
    """A caller of another jurisdiction may not decide this jurisdiction's stage (nothing changes)."""
    if deciding is not None and deciding != task.reviewer_jurisdiction:
        raise Refused(
            [
                Reason(
                    "stage_not_owned",
                    f"“{task.stage_name}”由 {task.reviewer_jurisdiction} 审核，{deciding} 无权决定",
                    f"{task.stage} is decided by {task.reviewer_jurisdiction}, not {deciding}",
                    "task_id",
                )
            ]
        )


async def locked_task(uow: ReviewUnitOfWork, task_id: str) -> ReviewTask:
    task = await uow.tasks.get(task_id, for_update=True)
    if task is None:
        raise NotFound("审核任务", "review task", task_id)
    return task
