"""Who may see, add and review the documents of a case they can already see.

The case itself is always obtained through ``cases.access.get_case`` (404 and audit there);
these rules narrow what inside that case a user may touch.
"""

from __future__ import annotations

from django.db.models import QuerySet

from cartpath.cases.access import TEAM_ROLES, can_edit
from cartpath.cases.models import Case
from cartpath.vault.models import Document


def is_case_team(user, case: Case) -> bool:  # noqa: ANN001
    return user.role in TEAM_ROLES and user.team_id is not None and user.team_id == case.team_id


def can_upload(user, case: Case) -> bool:  # noqa: ANN001
    """The family (patient, caregiver) and the case's team; partners reply by other means."""
    return bool(getattr(user, "is_family", False)) or can_edit(user, case)


def can_review(user, case: Case) -> bool:  # noqa: ANN001
    return can_edit(user, case)


def shared_document_ids(user, case: Case) -> set[str]:  # noqa: ANN001
    """Documents the patient agreed to share with the user's organisation (live referral,
    consent not withdrawn)."""
    from cartpath.coordination.models import Referral

    if not user.organisation_id:
        return set()
    referrals = Referral.objects.live().filter(case=case, organisation_id=user.organisation_id,
                                               consent__recipient_id=user.organisation_id)
    ids: set[str] = set()
    for consent_ids in referrals.values_list("consent__shared_document_ids", flat=True):
        ids.update(str(item) for item in consent_ids or [])
    return ids


def visible_documents(user, case: Case) -> QuerySet[Document]:  # noqa: ANN001
    documents = Document.objects.filter(case=case)
    if is_case_team(user, case) or getattr(user, "is_family", False):
        return documents
    return documents.filter(public_id__in=shared_document_ids(user, case))
