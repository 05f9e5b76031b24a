"""Assemble a referral packet from the case and the recipient's consent; render it as PDF."""

from __future__ import annotations

import io
import logging

from django.template.loader import render_to_string
from django.utils import timezone

from cartpath.coordination import documents
from cartpath.coordination.models import Referral
from cartpath.coordination.packet_data import Packet, PacketDocument, PacketPatient

log = logging.getLogger(__name__)


def case_facts(case) -> dict:  # noqa: ANN001
    """The facts the pre-screen uses (confirmed record facts when the vault has them)."""
    try:
        from cartpath.screening.services import facts_for
    except ImportError:
        return dict(case.intake.get("facts", {}))
    try:
        return dict(facts_for(case).facts)
    except Exception:  # noqa: BLE001 - another app's bug must not block a referral
        log.exception("facts_for failed; using intake facts")
        return dict(case.intake.get("facts", {}))


def latest_prescreen(case) -> dict | None:  # noqa: ANN001
    try:
        from cartpath.screening.models import PrescreenRun
    except ImportError:
        return None
    run = PrescreenRun.objects.filter(case=case).first()
    if run is None:
        return None
    return {"run_at": run.run_at.isoformat(), "catalogue_version": run.catalogue_version,
            "products": run.result.get("products", {})}


def trial_shortlist(case) -> list[dict] | None:  # noqa: ANN001
    """The case's trial shortlist kept by the trials app; None when that app is absent."""
    try:
        from cartpath.trials.models import ShortlistEntry
    except (ImportError, LookupError):
        return None
    return [_trial_item(entry) for entry in ShortlistEntry.objects.filter(case=case)]


def _trial_item(item) -> dict:  # noqa: ANN001
    if isinstance(item, dict):
        get = item.get
    else:
        def get(key, default=""):  # noqa: ANN001, ANN202
            return getattr(item, key, default)
    return {"nct_id": str(get("nct_id", "") or get("nct", "") or ""),
            "title": str(get("title", "") or get("brief_title", "") or ""),
            "status": str(get("status", "") or get("overall_status", "") or ""),
            "note": str(get("note", "") or get("rationale", "") or "")}


def build_packet(referral: Referral) -> Packet:
    """Only what the referral's consent allows; withdrawn consent gives an empty packet."""
    consent, case = referral.consent, referral.case
    packet = Packet(
        referral_id=referral.public_id, case_ref=case.public_id,
        recipient_id=referral.organisation.public_id,
        recipient_name=referral.organisation.name,
        recipient_country=referral.organisation.country, purpose=consent.purpose,
        cross_border=consent.cross_border, consent_id=consent.public_id,
        consent_granted_at=consent.granted_at, created_at=timezone.now(), note=referral.note)
    if not consent.is_active:
        packet.withheld = ["summary", "prescreen", "trials", "documents"]
        return packet
    if consent.share_summary:
        p = case.patient
        packet.patient = PacketPatient(
            reference=p.public_id, full_name=p.full_name, date_of_birth=p.date_of_birth,
            sex=p.sex, country=p.country, city=p.city, language=p.language)
        packet.diagnosis_summary, packet.disease = case.diagnosis_summary, case.disease
        packet.facts = case_facts(case)
    else:
        packet.withheld.append("summary")
    if consent.share_prescreen:
        packet.prescreen = latest_prescreen(case)
    else:
        packet.withheld.append("prescreen")
    if consent.share_trials:
        packet.trials = trial_shortlist(case)
    else:
        packet.withheld.append("trials")
    packet.documents = [
        PacketDocument(d.id, d.title, d.content_type, d.language)
        for d in documents.documents_by_id(case, consent.shared_document_ids)]
    return packet


def render_pdf(packet: Packet, case) -> bytes:  # noqa: ANN001
    """The packet as one PDF: a cover summary (WeasyPrint), then the consented PDF documents
    appended page by page (pypdf). A document that cannot be read is listed, not dropped."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    appended, skipped = [], []
    readers = []
    for doc in packet.documents:
        content = documents.document_bytes(case, doc.id) if doc.content_type == \
            "application/pdf" or doc.title.lower().endswith(".pdf") else None
        if content is None:
            skipped.append(doc)
            continue
        try:
            readers.append(PdfReader(io.BytesIO(content)))
            appended.append(doc)
        except Exception:  # noqa: BLE001 - a damaged file is reported on the cover
            skipped.append(doc)
    html = render_to_string("coordination/packet_pdf.html",
                            {"packet": packet, "appended": appended, "skipped": skipped})
    cover = HTML(string=html).write_pdf()
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)))
    for reader in readers:
        writer.append(reader)
    writer.add_metadata({"/Title": "cartpath referral packet", "/Producer": "cartpath"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
