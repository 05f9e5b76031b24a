"""The scale-out path for real: tasks through Redis with RQ workers, on the same code.

Runs the platform in subprocesses with TASKS_BACKEND=django_tasks_rq.RQBackend against the
machine's Redis; skipped where no Redis answers on 127.0.0.1:6379.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid

import pytest

pytestmark = pytest.mark.slow


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_a_prescreen_task_runs_on_an_rq_worker_through_redis(tmp_path):  # noqa: ANN001
    redis_db = 9
    env = {**os.environ, "CARTPATH_VAR_DIR": str(tmp_path), "TASKS_BACKEND":
           "django_tasks_rq.RQBackend", "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}"}
    env.pop("DATABASE_URL", None)
    marker = uuid.uuid4().hex

    def cartpath(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run([sys.executable, "-m", "cartpath.cli", *args], env=env,
                              input=stdin, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cartpath("migrate")
    cartpath("manage", "shell", "-c", f"""
from cartpath.accounts.models import Team
from cartpath.cases.models import Patient
from cartpath.cases import services
from cartpath.screening.tasks import prescreen_case
import django_rq
django_rq.get_queue("default").empty()
team = Team.objects.create(name="{marker}")
case = services.open_case(None, patient=Patient.objects.create(full_name="RQ Test"), team=team)
case.intake = {{"facts": {{"disease": "MM", "age_years": 61}}}}
case.save()
result = prescreen_case.enqueue(case.public_id)
print("ENQUEUED", case.public_id, result.status)
""")
    cartpath("worker", "--burst")
    out = cartpath("manage", "shell", "-c", f"""
from cartpath.screening.models import PrescreenRun
print("RUNS", PrescreenRun.objects.filter(case__team__name="{marker}").count())
""")
    assert "RUNS 1" in out
