"""The navigator work queue: the same visible cases, sliced the ways a navigator works."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from cartpath.cases.access import visible_cases
from cartpath.cases.lifecycle import Status
from cartpath.cases.models import Case, Task

VIEWS = {
    "inquiries": "New inquiries",
    "mine": "My cases",
    "overdue": "Overdue tasks",
    "all": "All team cases",
}


@dataclass(frozen=True)
class QueueFilters:
    view: str = "mine"
    q: str = ""
    status: str = ""
    disease: str = ""


def work_queue(user, filters: QueueFilters) -> QuerySet[Case]:  # noqa: ANN001
    today = timezone.localdate()
    cases = visible_cases(user).select_related("patient", "navigator").annotate(
        open_tasks=Count("tasks", filter=Q(tasks__state=Task.State.OPEN), distinct=True),
        overdue_tasks=Count("tasks", filter=Q(tasks__state=Task.State.OPEN,
                                              tasks__due_date__lt=today), distinct=True),
        next_due=Min("tasks__due_date", filter=Q(tasks__state=Task.State.OPEN)),
    )
    if filters.view == "inquiries":
        cases = cases.filter(status=Status.INQUIRY)
    elif filters.view == "mine":
        cases = cases.filter(navigator=user).exclude(status=Status.CLOSED)
    elif filters.view == "overdue":
        cases = cases.filter(overdue_tasks__gt=0)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.disease:
        cases = cases.filter(disease=filters.disease)
    if filters.q:
        term = filters.q.strip()
        cases = cases.filter(
            Q(patient__full_name__icontains=term) | Q(public_id__startswith=term)
            | Q(diagnosis_summary__icontains=term) | Q(patient__email__icontains=term)
        )
    return cases.order_by("next_due", "-updated_at")


def overdue_tasks(user) -> QuerySet[Task]:  # noqa: ANN001
    return Task.objects.filter(
        case__in=visible_cases(user), state=Task.State.OPEN, due_date__lt=timezone.localdate()
    ).select_related("case", "case__patient", "owner").order_by("due_date")
