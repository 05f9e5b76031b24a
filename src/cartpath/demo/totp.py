"""Two-factor codes for the demo accounts, so a demo can be tried without a phone app."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from allauth.mfa import app_settings
from django.contrib.auth import get_user_model


def ensure_totp(user, secret: str) -> None:  # noqa: ANN001
    Authenticator.objects.update_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}})


def code_for_secret(secret: str, at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def current_code(email: str) -> str | None:
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return None
    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if device is None:
        return None
    return code_for_secret(decrypt(device.data["secret"]))
