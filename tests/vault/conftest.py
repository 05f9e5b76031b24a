"""Vault fixtures: a private vault directory and master key per test, jobs run inline."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def vault_settings(settings, tmp_path):  # noqa: ANN001, ANN201
    settings.CARTPATH_VAULT_DIR = str(tmp_path / "vault")
    settings.CARTPATH_MASTER_KEY_FILE = str(tmp_path / "master_key")
    settings.CARTPATH_MASTER_KEY = ""
    settings.CARTPATH_OCR_DPI = 150
    # The shared world fixture creates nine accounts: a fast hasher keeps setup cheap here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "documents"]}}
    from cartpath.vault import storage

    storage._storage.cache_clear()
    return settings


@pytest.fixture
def upload_as(login, django_capture_on_commit_callbacks):  # noqa: ANN001, ANN201
    """Post files through the web form as a user; returns the response. Jobs queued on commit
    run before it returns (the test's transaction never commits)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    def _upload(user, case, *files: tuple[str, bytes], json: bool = False):  # noqa: ANN202
        client = login(user)
        data = {"files": [SimpleUploadedFile(name, content) for name, content in files]}
        headers = {"HTTP_ACCEPT": "application/json"} if json else {}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("vault:upload", args=[case.public_id]), data, **headers)

    return _upload


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # noqa: ANN001, ANN201
    """Run on-commit callbacks (queued jobs) of the block at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
