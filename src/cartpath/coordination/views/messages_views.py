"""Secure messaging: the team's Messages tab, the family's inbox, posting to a thread."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cartpath.cases.access import get_case
from cartpath.cases.views import case_context
from cartpath.coordination import documents, messaging
from cartpath.coordination.forms import MessageForm
from cartpath.coordination.people import is_team_member
from cartpath.coordination.views.common import require_team


def _thread_view(request: HttpRequest, thread) -> list:  # noqa: ANN001
    messaging.mark_read(thread, request.user)
    return [(m, messaging.visible_attachments(request.user, thread, m))
            for m in thread.messages.select_related("author")]


def _attachable(thread) -> list:  # noqa: ANN001
    docs = documents.case_documents(thread.case)
    allowed = messaging.allowed_document_ids(thread)
    return docs if allowed is None else [d for d in docs if d.id in allowed]


@login_required
def case_messages(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team(request)
    case = get_case(request, case_id, summary="messages tab")
    threads = messaging.threads_for(request.user, case)
    wanted = request.GET.get("thread")
    current = next((t for t in threads if t.public_id == wanted), threads[0] if threads else None)
    unread = messaging.unread_counts(request.user, threads)
    return render(request, "coordination/case_messages.html", {
        **case_context(request, case, "messages"),
        "threads": [(t, unread.get(t.pk, 0)) for t in threads], "current": current,
        "thread_messages": _thread_view(request, current) if current else [],
        "form": MessageForm(documents=_attachable(current)) if current else None})


@login_required
@require_POST
def post_message(request: HttpRequest, thread_id: str) -> HttpResponse:
    thread = messaging.get_thread(request, thread_id)
    allowed_docs = [] if not is_team_member(request.user, thread.case) and not \
        request.user.is_family else _attachable(thread)
    form = MessageForm(request.POST, documents=allowed_docs)
    if form.is_valid():
        try:
            messaging.post(request, thread, form.cleaned_data["body"],
                           form.cleaned_data.get("documents") or [])
            flash.success(request, "Message sent.")
        except messaging.MessageError as exc:
            flash.error(request, str(exc))
    else:
        flash.error(request, "Write a message (at most 5,000 characters).")
    return redirect(messaging.link_for(thread, request.user))


@login_required
def family_messages(request: HttpRequest) -> HttpResponse:
    if not request.user.is_family:
        raise PermissionDenied
    return render(request, "coordination/family_messages.html",
                  {"items": messaging.family_inbox(request.user)})


@login_required
def family_thread(request: HttpRequest, case_id: str) -> HttpResponse:
    if not request.user.is_family:
        raise PermissionDenied
    case = get_case(request, case_id, summary="family messages")
    thread = messaging.family_thread(case)
    from cartpath.coordination.referrals import family_referral_view

    return render(request, "coordination/family_thread.html", {
        "case": case, "thread": thread, "thread_messages": _thread_view(request, thread),
        "form": MessageForm(documents=_attachable(thread)),
        "referrals": family_referral_view(case),
        "appointments": case.appointments.all()})
