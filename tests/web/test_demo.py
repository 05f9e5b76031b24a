"""The first command must show a living system: the demo covers every role and disease."""

from cartpath.accounts.models import Role, User
from cartpath.cases.models import Case, Task


def test_the_demo_loads_twice_without_duplicates_and_covers_each_disease(db, settings):  # noqa: ANN001
    from cartpath.demo import load

    load()
    logins = load()
    assert Case.objects.count() == 6
    assert {c.disease for c in Case.objects.all()} == {"LBCL", "MM", "B_ALL", "MCL", "FL",
                                                       "CLL_SLL"}
    roles = {role for role, _email, _note in logins.accounts}
    assert {r.value for r in Role} <= roles
    assert User.objects.filter(role=Role.PARTNER).count() == 2


def test_demo_tasks_follow_each_case_status(db):  # noqa: ANN001
    from cartpath.demo import load

    load()
    chase = Task.objects.get(case__patient__full_name="Robert Miller",
                             title__startswith="Chase")
    assert chase.is_overdue
