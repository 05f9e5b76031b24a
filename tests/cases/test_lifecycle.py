import pytest

from cartpath.cases.lifecycle import TRANSITIONS, Status, TransitionError, check_transition


def test_it_allows_the_documented_path_from_inquiry_to_closed():
    path = ["inquiry", "under_review", "prescreened", "referred", "accepted", "in_treatment",
            "follow_up", "closed"]
    for current, target in zip(path, path[1:]):
        assert check_transition(current, target) == Status(target)


def test_it_refuses_skipping_from_inquiry_to_in_treatment_with_a_reason():
    with pytest.raises(TransitionError, match="cannot go from Inquiry to In treatment"):
        check_transition("inquiry", "in_treatment")


def test_it_refuses_an_unknown_status():
    with pytest.raises(TransitionError, match="unknown status"):
        check_transition("inquiry", "teleported")


def test_every_status_has_a_way_out_except_through_reopening():
    for status in Status:
        assert TRANSITIONS[status], status


def test_a_closed_case_can_only_be_reopened_for_review():
    assert TRANSITIONS[Status.CLOSED] == {Status.UNDER_REVIEW}
