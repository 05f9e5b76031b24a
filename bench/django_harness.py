"""What the Django page benchmarks share: a throwaway database and a median timer.

Imported by the benchmark scripts in this folder (run as ``python bench/<name>.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cartpath.web.settings")
os.environ.setdefault("CARTPATH_VAR_DIR", tempfile.mkdtemp(prefix="cartpath-bench-"))


def timed(fn: Callable[[int], object], repeat: int) -> float:
    """Median wall time of ``fn(n)`` over ``repeat`` calls, in milliseconds."""
    samples = []
    for n in range(repeat):
        start = time.perf_counter()
        fn(n)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def throwaway_database(**overrides: object) -> None:
    """Set Django up on a fresh test database, with mail kept in memory and fast hashing,
    so the figures measure the platform rather than Argon2 or an SMTP round trip."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name, value in overrides.items():
        setattr(settings, name, value)
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
