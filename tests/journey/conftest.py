"""Journey fixtures: a planned axi-cel journey for Alice and a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def journey(world):  # noqa: ANN001, ANN201
    from cartpath.journey import services

    return services.create_journey(None, world.alice_case, product_code="axi-cel",
                                   apheresis_date=dt.date(2026, 3, 1),
                                   planned_day0=dt.date(2026, 4, 1), time_zone="Europe/Berlin",
                                   centre_name="Riverside (fictional)",
                                   centre_phone="+1 555 0100")


@pytest.fixture
def smtp(settings):  # noqa: ANN001, ANN201
    """A real SMTP server (aiosmtpd) on 127.0.0.1 with a random port; yields the messages."""
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):  # noqa: ANN001, ANN202
            received.append(message)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    try:
        yield received
    finally:
        controller.stop()
