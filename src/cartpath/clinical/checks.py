"""Small strict type and range checks shared by every validator.

``None`` always passes (null means "not documented"); anything else must have the right type and
lie in a plausible range, or a ValidationError naming the field is raised.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from cartpath.clinical.errors import ValidationError


def as_bool(record: dict[str, Any], key: str, path: str | None = None) -> bool | None:
    value = record.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise ValidationError(path or key, f"expected true, false or null, got {value!r}", "invalid_type")


def as_int(
    record: dict[str, Any], key: str, low: int, high: int, path: str | None = None
) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    name = path or key
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(name, f"expected an integer, got {value!r}", "invalid_type")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(name, f"expected an integer, got {value!r}", "invalid_type")
        value = int(value)
    if not low <= value <= high:
        raise ValidationError(name, f"{value} is outside the possible range {low}-{high}", "out_of_range")
    return value


def as_number(
    record: dict[str, Any], key: str, low: float, high: float, path: str | None = None
) -> float | None:
    value = record.get(key)
    if value is None:
        return None
    name = path or key
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(name, f"expected a number, got {value!r}", "invalid_type")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(name, f"expected a finite number, got {value!r}", "invalid_type")
    if not low <= value <= high:
        raise ValidationError(name, f"{value} is outside the possible range {low}-{high}", "out_of_range")
    return value


def as_enum(
    record: dict[str, Any], key: str, allowed: Iterable[str], path: str | None = None
) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    name = path or key
    if not isinstance(value, str):
        raise ValidationError(name, f"expected a string code, got {value!r}", "invalid_type")
    if value not in allowed:
        raise ValidationError(
            name, f"unknown code {value!r}; expected one of {', '.join(sorted(allowed))}", "unknown_code"
        )
    return value


def as_str(record: dict[str, Any], key: str, path: str | None = None) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValidationError(path or key, f"expected a string, got {value!r}", "invalid_type")


def as_mapping(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(name, f"expected a JSON object, got {value!r}", "invalid_type")
    return value
