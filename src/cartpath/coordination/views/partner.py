"""The partner portal: the inbox of referrals to one's organisation, the packet, the answer."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cartpath.audit.log import Action, record
from cartpath.coordination import documents, messaging, packet, referrals
from cartpath.coordination.forms import MessageForm, ReplyForm, SlotForm, UploadForm
from cartpath.coordination.people import is_partner
from cartpath.coordination.views.common import attachment, in_zone
from cartpath.vault.conf import max_upload_bytes


def _require_partner(request: HttpRequest) -> None:
    if not is_partner(request.user):
        raise PermissionDenied


@login_required
def partner_inbox(request: HttpRequest) -> HttpResponse:
    _require_partner(request)
    items = referrals.partner_referrals(request.user).order_by("-sent_at")
    record(request, Action.VIEW, object_type="coordination.Referral", summary="partner inbox")
    return render(request, "coordination/partner_inbox.html", {"referrals": items})


def _site_zone(referral) -> str:  # noqa: ANN001
    centre = getattr(referral.organisation, "centre", None)
    return centre.timezone if centre is not None and centre.timezone else settings.TIME_ZONE


@login_required
def partner_referral(request: HttpRequest, referral_id: str) -> HttpResponse:
    _require_partner(request)
    referral = referrals.get_partner_referral(request, referral_id)
    referral = referrals.mark_viewed(request, referral)
    content = packet.build_packet(referral)
    thread = messaging.partner_thread(referral)
    messaging.mark_read(thread, request.user)
    return render(request, "coordination/partner_referral.html", {
        "referral": referral, "packet": content, "thread": thread,
        "thread_messages": [(m, messaging.visible_attachments(request.user, thread, m))
                            for m in thread.messages.select_related("author")],
        "reply_form": ReplyForm(), "slot_form": SlotForm(), "upload_form": UploadForm(),
        "message_form": MessageForm(), "site_zone": _site_zone(referral),
        "slots": referral.slots.all(),
        "uploads": referral.attachments.filter(uploaded_by__organisation=referral.organisation),
    })


@login_required
@require_POST
def partner_reply(request: HttpRequest, referral_id: str) -> HttpResponse:
    _require_partner(request)
    referral = referrals.get_partner_referral(request, referral_id, action=Action.UPDATE)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            referrals.reply(request, referral, form.cleaned_data["decision"],
                            form.cleaned_data["reason"])
            messages.success(request, "Your answer was sent to the navigator.")
        except referrals.ReferralError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Choose an answer.")
    return redirect("coordination:partner_referral", referral.public_id)


@login_required
@require_POST
def partner_propose(request: HttpRequest, referral_id: str) -> HttpResponse:
    _require_partner(request)
    referral = referrals.get_partner_referral(request, referral_id, action=Action.UPDATE)
    form = SlotForm(request.POST)
    if form.is_valid():
        zone = _site_zone(referral)
        try:
            referrals.propose_slot(request, referral, kind=form.cleaned_data["kind"],
                                   starts_at=in_zone(form.cleaned_data["starts_at"], zone),
                                   ends_at=in_zone(form.cleaned_data["ends_at"], zone),
                                   location=form.cleaned_data["location"],
                                   note=form.cleaned_data["note"])
            messages.success(request, "Proposed date sent.")
        except referrals.ReferralError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Give at least a kind and a start date and time.")
    return redirect("coordination:partner_referral", referral.public_id)


@login_required
@require_POST
def partner_upload(request: HttpRequest, referral_id: str) -> HttpResponse:
    _require_partner(request)
    referral = referrals.get_partner_referral(request, referral_id, action=Action.UPDATE)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a file to send.")
    elif form.cleaned_data["file"].size > max_upload_bytes():
        messages.error(request, "That file is too large.")
    else:
        upload = form.cleaned_data["file"]
        try:
            referrals.upload_back(request, referral, upload.name, upload.read(),
                                  upload.content_type or "application/octet-stream")
        except referrals.ReferralError as exc:
            messages.error(request, f"The document was not accepted: {exc}")
        else:
            messages.success(request, "Document sent to the case team.")
    return redirect("coordination:partner_referral", referral.public_id)


@login_required
def partner_document(request: HttpRequest, referral_id: str, doc_id: str) -> HttpResponse:
    """A consented document of the packet; any other id answers 404, as if it did not exist."""
    _require_partner(request)
    referral = referrals.get_partner_referral(request, referral_id, action=Action.DOWNLOAD)
    if str(doc_id) not in {str(i) for i in referral.consent.shared_document_ids}:
        record(request, Action.DENIED, object_type="vault.Document", object_id=str(doc_id)[:64],
               case=referral.case, summary="document not consented for this partner")
        raise Http404
    ref = documents.document(referral.case, doc_id)
    content = documents.document_bytes(referral.case, doc_id) if ref else None
    if content is None:
        raise Http404
    record(request, Action.DOWNLOAD, object_type="vault.Document", object_id=str(doc_id),
           case=referral.case, summary=f"partner download under consent "
                                       f"{referral.consent.public_id}")
    return attachment(content, ref.title, ref.content_type)
