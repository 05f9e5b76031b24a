"""A worker killed with SIGKILL mid-document: another worker finishes it, no page twice.

Runs real ``cartpath worker`` processes against a file SQLite database; the only shortcut is a
short staleness threshold so the test does not wait two minutes for the watchdog.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = 4


def _env(var: Path) -> dict:
    env = dict(os.environ)
    env.update(CARTPATH_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="cartpath.web.settings",
               CARTPATH_VAULT_STALE_SECONDS="3", CARTPATH_OCR_DPI="150",
               TASKS_BACKEND="django_tasks_db.DatabaseBackend", PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    return env


def _query(db: Path, sql: str, *args):  # noqa: ANN002, ANN202
    with sqlite3.connect(db, timeout=20) as connection:
        return connection.execute(sql, args).fetchall()


def _wait(predicate, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cartpath.cli", "worker", "--interval", "0.2"],
                            env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def test_a_document_survives_its_worker_being_killed_mid_job(tmp_path):
    env, db = _env(tmp_path), tmp_path / "cartpath.sqlite3"
    cli = [sys.executable, "-m", "cartpath.cli"]
    subprocess.run([*cli, "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    made = subprocess.run([sys.executable, "-m", "tests.vault.durability_world", str(PAGES)],
                          env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    document = json.loads(made.stdout.strip().splitlines()[-1])["document"]

    def pages() -> int:
        return _query(db, "select count(*) from vault_documentpage where document_id=?",
                      document)[0][0]

    def status() -> str:
        return _query(db, "select status from vault_document where id=?", document)[0][0]

    first = _worker(env, tmp_path / "worker1.log")
    try:
        _wait(lambda: pages() >= 1, 90, "page 1 to be stored")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    done_at_kill = pages()
    assert done_at_kill < PAGES, "the worker finished before it could be killed"
    assert status() == "processing"
    orphan = _query(db, "select status from django_tasks_database_dbtaskresult")
    assert ("RUNNING",) in orphan  # what django_tasks_db leaves behind a killed worker

    second = _worker(env, tmp_path / "worker2.log")
    try:
        _wait(lambda: status() in ("ready", "failed"), 120, "the document to finish")
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(10)
        except subprocess.TimeoutExpired:
            second.kill()
    assert status() == "ready", (tmp_path / "worker2.log").read_text()[-2000:]
    rows = _query(db, "select idx from (select \"index\" as idx from vault_documentpage "
                  "where document_id=?)", document)
    assert sorted(r[0] for r in rows) == list(range(PAGES))  # every page, none twice
    facts = _query(db, "select field, value, page, start from vault_fact where document_id=?",
                   document)
    assert facts and len(facts) == len(set(facts))
    states = [r[0] for r in _query(db, "select status from django_tasks_database_dbtaskresult")]
    assert "RUNNING" not in states and "SUCCESSFUL" in states
