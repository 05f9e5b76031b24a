"""The case team's side: the Referrals tab, packets, appointments, translations, files."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cartpath.accounts.models import Organisation
from cartpath.audit.log import Action, record
from cartpath.cases.access import get_case
from cartpath.cases.views import case_context
from cartpath.coordination import appointments, documents, fhir, packet, referrals, translation
from cartpath.coordination.forms import AppointmentForm, ReferralForm, TranslationForm, UploadForm
from cartpath.coordination.models import (Appointment, Consent, ProposedSlot, Referral,
                                          StoredFile, TranslationRequest)
from cartpath.coordination.people import is_partner, is_team_member
from cartpath.coordination.views.common import attachment, in_zone, require_team


def _partners():  # noqa: ANN202
    return Organisation.objects.select_related("centre").order_by("name")


def _referrals_context(request: HttpRequest, case, form: ReferralForm | None = None) -> dict:  # noqa: ANN001
    docs = documents.case_documents(case)
    items = case.referrals.select_related("organisation", "consent").prefetch_related(
        "slots", "attachments")
    return {
        **case_context(request, case, "referrals"),
        "referrals": items,
        "form": form or ReferralForm(organisations=_partners(), documents=docs),
        "documents": docs,
        "appointments": case.appointments.select_related("referral__organisation"),
        "appointment_form": AppointmentForm(),
        "vault_available": documents.vault_available(),
    }


@login_required
def case_referrals(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team(request)
    case = get_case(request, case_id, summary="referrals tab")
    if request.method != "POST":
        return render(request, "coordination/case_referrals.html",
                      _referrals_context(request, case))
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    form = ReferralForm(request.POST, organisations=_partners(),
                        documents=documents.case_documents(case))
    if form.is_valid():
        data = form.cleaned_data
        orgs = list(_partners().filter(pk__in=data["organisations"]))
        choice = referrals.ShareChoice(
            purpose=data["purpose"], share_summary=data["share_summary"],
            share_prescreen=data["share_prescreen"], share_trials=data["share_trials"],
            document_ids=tuple(data["documents"]))
        try:
            sent = referrals.send_referrals(
                request, case, orgs, choice, note=data["note"],
                cross_border_agreed={int(pk) for pk in data["cross_border"]})
        except referrals.ReferralError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Referral sent to {len(sent)} recipient(s).")
            return redirect("coordination:case_referrals", case.public_id)
    return render(request, "coordination/case_referrals.html",
                  _referrals_context(request, case, form), status=400)


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, case_id: str, consent_id: str) -> HttpResponse:
    case = get_case(request, case_id)  # the withdrawal itself is audited by the service
    consent = get_object_or_404(Consent, case=case, public_id=consent_id)
    # The team works the case; the patient (or caregiver) owns the consent.
    if not (is_team_member(request.user, case) or request.user.is_family):
        raise Http404
    referrals.withdraw_consent(request, consent)
    messages.success(request, f"Sharing with {consent.recipient.name} has stopped.")
    if request.user.is_family:
        return redirect("coordination:family_thread", case.public_id)
    return redirect("coordination:case_referrals", case.public_id)


def _referral_for(request: HttpRequest, referral_id: str, action: str = Action.VIEW) -> Referral:
    """The referral for its case's team, or for its recipient while consent stands."""
    if is_partner(request.user):
        return referrals.get_partner_referral(request, referral_id, action=action)
    require_team(request)
    referral = Referral.objects.select_related("case", "consent", "organisation").filter(
        public_id=referral_id).first()
    if referral is None:
        raise Http404
    referral.case = get_case(request, referral.case.public_id, action=action)
    return referral


@login_required
def packet_pdf(request: HttpRequest, referral_id: str) -> HttpResponse:
    referral = _referral_for(request, referral_id, Action.EXPORT)
    content = packet.render_pdf(packet.build_packet(referral), referral.case)
    record(request, Action.EXPORT, referral, case=referral.case, summary="packet PDF")
    return attachment(content, f"referral-{referral.public_id[:8]}.pdf", "application/pdf")


@login_required
def packet_fhir(request: HttpRequest, referral_id: str) -> HttpResponse:
    referral = _referral_for(request, referral_id, Action.EXPORT)
    bundle = fhir.build_bundle(packet.build_packet(referral))
    fhir.validate_bundle(bundle)
    record(request, Action.EXPORT, referral, case=referral.case, summary="packet FHIR bundle")
    return attachment(json.dumps(bundle, indent=2, default=str).encode(),
                      f"referral-{referral.public_id[:8]}.fhir.json", "application/fhir+json")


@login_required
def stored_file(request: HttpRequest, file_id: str) -> HttpResponse:
    stored = StoredFile.objects.select_related("case", "referral").filter(
        public_id=file_id).first()
    if stored is None:
        raise Http404
    if is_partner(request.user):
        if stored.referral is None:
            raise Http404
        referrals.get_partner_referral(request, stored.referral.public_id, action=Action.DOWNLOAD)
    else:
        case = get_case(request, stored.case.public_id, action=Action.DOWNLOAD)
        if not is_team_member(request.user, case):
            raise Http404
    if stored.vault_document_id:
        content = documents.document_bytes(stored.case, stored.vault_document_id)
        if content is None:
            raise Http404
    else:
        content = documents.read_stored(stored.storage_name)
    record(request, Action.DOWNLOAD, stored, case=stored.case, summary=stored.filename)
    return attachment(content, stored.filename, stored.content_type)


@login_required
def case_document(request: HttpRequest, case_id: str, doc_id: str) -> HttpResponse:
    """A vault document referenced by a message, for the team and the family."""
    case = get_case(request, case_id)  # the download is audited below, once allowed
    if not (is_team_member(request.user, case) or request.user.is_family):
        raise Http404
    ref = documents.document(case, doc_id)
    content = documents.document_bytes(case, doc_id) if ref else None
    if content is None:
        raise Http404
    record(request, Action.DOWNLOAD, object_type="vault.Document", object_id=doc_id, case=case,
           summary="document opened from messages")
    return attachment(content, ref.title, ref.content_type)


# --------------------------------------------------------------------------- appointments

@login_required
@require_POST
def add_appointment(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            appointments.schedule(
                request, case, title=data["title"], kind=data["kind"],
                starts_at=in_zone(data["starts_at"], data["timezone"]),
                ends_at=in_zone(data["ends_at"], data["timezone"]), timezone=data["timezone"],
                location=data["location"])
        except (appointments.AppointmentError, Exception) as exc:  # noqa: BLE001 - bad zone
            messages.error(request, str(exc))
        else:
            messages.success(request, "Appointment booked; invitations sent.")
    else:
        messages.error(request, "Check the appointment: " + "; ".join(
            f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("coordination:case_referrals", case.public_id)


def _appointment(request: HttpRequest, appointment_id: str, *, edit: bool) -> Appointment:
    found = Appointment.objects.select_related("case").filter(public_id=appointment_id).first()
    if found is None:
        raise Http404
    found.case = get_case(request, found.case.public_id,
                          action=Action.UPDATE if edit else Action.VIEW, edit=edit)
    return found


@login_required
@require_POST
def change_appointment(request: HttpRequest, appointment_id: str) -> HttpResponse:
    found = _appointment(request, appointment_id, edit=True)
    try:
        if request.POST.get("action") == "cancel":
            appointments.cancel(request, found)
            messages.success(request, "Appointment cancelled; everyone was told.")
        else:
            form = AppointmentForm(request.POST)
            if not form.is_valid():
                raise appointments.AppointmentError("Check the new date and time.")
            zone = form.cleaned_data["timezone"]
            appointments.reschedule(request, found,
                                    starts_at=in_zone(form.cleaned_data["starts_at"], zone),
                                    ends_at=in_zone(form.cleaned_data["ends_at"], zone),
                                    location=form.cleaned_data["location"], timezone=zone)
            messages.success(request, "Appointment moved; updated invitations sent.")
    except appointments.AppointmentError as exc:
        messages.error(request, str(exc))
    return redirect("coordination:case_referrals", found.case.public_id)


@login_required
def appointment_ics(request: HttpRequest, appointment_id: str) -> HttpResponse:
    found = _appointment(request, appointment_id, edit=False)
    user = request.user
    if not (is_team_member(user, found.case) or user.is_family or (
            is_partner(user) and found.referral and referrals.partner_referrals(user).filter(
                pk=found.referral_id).exists())):
        raise Http404
    record(request, Action.DOWNLOAD, found, case=found.case, summary="calendar file")
    response = attachment(appointments.ics_bytes(found), "appointment.ics",
                          "text/calendar; charset=utf-8")
    return response


@login_required
@require_POST
def confirm_slot(request: HttpRequest, slot_id: str) -> HttpResponse:
    slot = ProposedSlot.objects.select_related("referral__case", "referral__organisation").filter(
        public_id=slot_id).first()
    if slot is None:
        raise Http404
    case = get_case(request, slot.referral.case.public_id, action=Action.UPDATE, edit=True)
    try:
        appointments.from_slot(request, slot)
        messages.success(request, "Proposed date booked; invitations sent.")
    except appointments.AppointmentError as exc:
        messages.error(request, str(exc))
    return redirect("coordination:case_referrals", case.public_id)


# --------------------------------------------------------------------------- translations

@login_required
def case_translations(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team(request)
    case = get_case(request, case_id, summary="translations")
    docs = documents.case_documents(case)
    form = TranslationForm(request.POST or None, documents=docs)
    engine = translation.engine()
    if request.method == "POST":
        case = get_case(request, case_id, action=Action.UPDATE, edit=True)
        if form.is_valid():
            try:
                translation.request_translation(request, case, form.cleaned_data["document"],
                                                form.cleaned_data["target_language"],
                                                form.cleaned_data["note"],
                                                form.cleaned_data["source_language"])
            except translation.TranslationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Translation requested.")
                return redirect("coordination:case_translations", case.public_id)
    return render(request, "coordination/case_translations.html", {
        **case_context(request, case, "referrals"), "form": form,
        "items": [(t, translation.machine_available(t, engine)) for t in
                  case.translations.select_related("result", "done_by", "assigned_to")],
        "upload_form": UploadForm(), "engine": engine,
        "engine_note": getattr(engine, "reason", "")})


@login_required
@require_POST
def translation_action(request: HttpRequest, item_id: str) -> HttpResponse:
    item = TranslationRequest.objects.select_related("case").filter(public_id=item_id).first()
    if item is None:
        raise Http404
    case = get_case(request, item.case.public_id, action=Action.UPDATE, edit=True)
    action = request.POST.get("action")
    try:
        if action == "start":
            translation.start(request, item)
        elif action == "cancel":
            translation.cancel(request, item)
        elif action == "machine":
            translation.machine_translate(request, item)
            messages.success(request, "Machine translation attached; have it checked.")
        elif action == "complete":
            form = UploadForm(request.POST, request.FILES)
            if not form.is_valid():
                raise translation.TranslationError("Attach the translated file.")
            upload = form.cleaned_data["file"]
            translation.complete(request, item, upload.name, upload.read(),
                                 upload.content_type or "application/octet-stream")
            messages.success(request, "Translation attached.")
    except translation.TranslationError as exc:
        messages.error(request, str(exc))
    return redirect("coordination:case_translations", case.public_id)
