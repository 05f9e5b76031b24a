"""The case status lifecycle: which status may follow which.

Plain Python (no Django) so that the web app, the API and the tests share one definition.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    INQUIRY = "inquiry"
    RECORDS_REQUESTED = "records_requested"
    UNDER_REVIEW = "under_review"
    PRESCREENED = "prescreened"
    REFERRED = "referred"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_TREATMENT = "in_treatment"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


LABELS = {
    Status.INQUIRY: "Inquiry",
    Status.RECORDS_REQUESTED: "Records requested",
    Status.UNDER_REVIEW: "Under review",
    Status.PRESCREENED: "Pre-screened",
    Status.REFERRED: "Referred",
    Status.ACCEPTED: "Accepted by a centre",
    Status.DECLINED: "Declined by a centre",
    Status.IN_TREATMENT: "In treatment",
    Status.FOLLOW_UP: "Follow-up",
    Status.CLOSED: "Closed",
}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.INQUIRY: frozenset({Status.RECORDS_REQUESTED, Status.UNDER_REVIEW, Status.CLOSED}),
    Status.RECORDS_REQUESTED: frozenset({Status.UNDER_REVIEW, Status.CLOSED}),
    Status.UNDER_REVIEW: frozenset({Status.RECORDS_REQUESTED, Status.PRESCREENED, Status.CLOSED}),
    Status.PRESCREENED: frozenset({Status.REFERRED, Status.UNDER_REVIEW, Status.CLOSED}),
    Status.REFERRED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.CLOSED}),
    # A decline sends the case back to another centre or to a new review.
    Status.DECLINED: frozenset({Status.REFERRED, Status.UNDER_REVIEW, Status.CLOSED}),
    Status.ACCEPTED: frozenset({Status.IN_TREATMENT, Status.REFERRED, Status.CLOSED}),
    Status.IN_TREATMENT: frozenset({Status.FOLLOW_UP, Status.CLOSED}),
    Status.FOLLOW_UP: frozenset({Status.CLOSED}),
    # A closed case can be reopened for review (new relapse, new records).
    Status.CLOSED: frozenset({Status.UNDER_REVIEW}),
}

# What the family sees as the next step for each status.
NEXT_STEP = {
    Status.INQUIRY: "Your navigator will review your request and contact you.",
    Status.RECORDS_REQUESTED: "Please upload the documents your navigator asked for.",
    Status.UNDER_REVIEW: "Your navigator is reviewing your records.",
    Status.PRESCREENED: "Your navigator will discuss the pre-screen with you and the options.",
    Status.REFERRED: "Your case has been sent to treatment centres; we are waiting for replies.",
    Status.ACCEPTED: "A treatment centre has accepted your case; next is the consultation.",
    Status.DECLINED: "Your navigator is looking at other centres or trials.",
    Status.IN_TREATMENT: "Follow your treatment timeline; report symptoms in the diary.",
    Status.FOLLOW_UP: "Keep your follow-up appointments; report new symptoms.",
    Status.CLOSED: "This case is closed. Contact your navigator if anything changes.",
}


class TransitionError(ValueError):
    """A status change that the lifecycle does not allow, with the reason."""


def check_transition(current: str, target: str) -> Status:
    try:
        source, destination = Status(current), Status(target)
    except ValueError as exc:
        raise TransitionError(f"unknown status {target!r}") from exc
    if destination not in TRANSITIONS[source]:
        allowed = ", ".join(LABELS[s] for s in sorted(TRANSITIONS[source]))
        raise TransitionError(
            f"a case cannot go from {LABELS[source]} to {LABELS[destination]}; "
            f"allowed next: {allowed}"
        )
    return destination


def allowed_next(current: str) -> list[Status]:
    return sorted(TRANSITIONS[Status(current)], key=list(Status).index)
