"""Fixtures for coordination: a real SMTP server on loopback, real vault documents, centres."""

from __future__ import annotations

import email
import socket
from functools import lru_cache

import pytest


class Inbox:
    """What the loopback SMTP server received, parsed."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.envelopes.append(envelope)
        return "250 Message accepted"

    @property
    def messages(self) -> list:
        return [email.message_from_bytes(e.content) for e in self.envelopes]

    def to(self, address: str) -> list:
        return [email.message_from_bytes(e.content) for e in self.envelopes
                if address in e.rcpt_tos]

    def clear(self) -> None:
        self.envelopes.clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):  # noqa: ANN001, ANN201
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@lru_cache(maxsize=8)
def pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<h1>{text}</h1><p>{text} report body.</p>").write_pdf()


def body_of(message) -> str:  # noqa: ANN001
    parts = [message] if not message.is_multipart() else list(message.walk())
    texts = []
    for part in parts:
        if part.get_content_type() == "text/plain":
            texts.append(part.get_payload(decode=True).decode())
    return "\n".join(texts)


@pytest.fixture
def docs(world, settings, tmp_path):  # noqa: ANN001, ANN201
    """Two real vault documents in Alice's case: a pathology report and a PET report.
    The world's consent with Riverside shares only the pathology report."""
    from cartpath.vault.services import upload

    settings.CARTPATH_VAULT_DIR = str(tmp_path / "vault")
    settings.CARTPATH_MASTER_KEY_FILE = str(tmp_path / "master_key")
    settings.CARTPATH_MASTER_KEY = ""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                  "QUEUES": ["default", "documents"]}}

    class Docs:
        pass

    d = Docs()
    d.pathology = upload(None, world.alice_case, "pathology.pdf", pdf_bytes("Pathology"),
                         actor=world.nina).document
    d.pet = upload(None, world.alice_case, "pet-ct.pdf", pdf_bytes("PET CT"),
                   actor=world.nina).document
    world.consent.shared_document_ids = [d.pathology.public_id]
    world.consent.save()
    return d


@pytest.fixture
def centres(world):  # noqa: ANN001, ANN201
    """Directory profiles for the world's partners (fictional) and one more abroad."""
    from cartpath.accounts.models import Organisation
    from cartpath.coordination.models import Centre

    world.riverside.country, world.riverside.city = "", ""
    Centre.objects.create(organisation=world.riverside, latitude=39.78, longitude=-89.65,
                          products=["axi-cel", "liso-cel"], languages=["en", "es"],
                          timezone="America/Chicago")
    Centre.objects.create(organisation=world.lakeside, latitude=41.88, longitude=-87.63,
                          products=["cilta-cel"], languages=["en"], timezone="America/Chicago")
    world.hillside = Organisation.objects.create(name="Hillside Institute (fictional)",
                                                 country="DE", city="Heidelberg")
    Centre.objects.create(organisation=world.hillside, latitude=49.40, longitude=8.67,
                          products=["axi-cel", "tisa-cel"], languages=["de", "en"],
                          timezone="Europe/Berlin", trial_sites=["NCT00000001"])
    return world
