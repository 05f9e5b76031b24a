"""The vault's settings: Django settings when present, else the environment, else a default.

Kept in one module so that docs/vault.md can list every knob and tests can override them with
``settings`` (pytest-django) without touching the environment.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from django.conf import settings

from cartpath.documents import DEFAULT_LIMITS, Limits


def _get(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is not None:
        return str(value)
    return os.environ.get(name, default)


def _int(name: str, default: int) -> int:
    return int(_get(name, str(default)))


def max_upload_bytes() -> int:
    return _int("CARTPATH_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)


def max_pages() -> int:
    return _int("CARTPATH_MAX_PAGES", 200)


def max_files_per_upload() -> int:
    return _int("CARTPATH_MAX_FILES_PER_UPLOAD", 30)


def max_documents_per_case() -> int:
    return _int("CARTPATH_MAX_DOCUMENTS_PER_CASE", 500)


def stale_seconds() -> float:
    """A processing job whose heartbeat is older than this is presumed dead and re-enqueued."""
    return float(_get("CARTPATH_VAULT_STALE_SECONDS", "120"))


def heartbeat_seconds() -> float:
    return max(0.5, stale_seconds() / 4)


def max_attempts() -> int:
    return _int("CARTPATH_VAULT_MAX_ATTEMPTS", 3)


def viewer_dpi() -> int:
    return _int("CARTPATH_VAULT_VIEWER_DPI", 110)


def ocr_dpi() -> int:
    return _int("CARTPATH_OCR_DPI", DEFAULT_LIMITS.ocr_dpi)


def limits() -> Limits:
    return replace(DEFAULT_LIMITS, max_bytes=max_upload_bytes(), max_pages=max_pages(),
                   ocr_dpi=ocr_dpi())


def var_dir() -> Path:
    return Path(getattr(settings, "VAR_DIR", Path.cwd() / "var"))


def storage_kind() -> str:
    return _get("CARTPATH_STORAGE", "local").lower()


def vault_dir() -> Path:
    return Path(_get("CARTPATH_VAULT_DIR", str(var_dir() / "vault")))


def s3_options() -> dict:
    """django-storages S3Storage options; files are encrypted before they leave the process."""
    options = {
        "bucket_name": _get("AWS_STORAGE_BUCKET_NAME", "cartpath-vault"),
        "endpoint_url": _get("AWS_S3_ENDPOINT_URL", "") or None,
        "region_name": _get("AWS_S3_REGION_NAME", "") or None,
        "access_key": _get("AWS_ACCESS_KEY_ID", "") or None,
        "secret_key": _get("AWS_SECRET_ACCESS_KEY", "") or None,
        "location": _get("CARTPATH_S3_PREFIX", "vault"),
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
    }
    return {k: v for k, v in options.items() if v is not None}


def master_key_env() -> str:
    return _get("CARTPATH_MASTER_KEY", "")


def master_key_file() -> Path:
    configured = _get("CARTPATH_MASTER_KEY_FILE", "")
    return Path(configured) if configured else var_dir() / "master_key"
