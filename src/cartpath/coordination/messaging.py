"""Secure messaging per case: who may read which thread, posting, read state, notification.

The family thread joins the family and the case team; each partner thread joins the team and
one partner about one referral, and closes for the partner when the consent is withdrawn.
Attachments are vault documents by reference; a partner only ever sees the documents its
consent names.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from cartpath.audit.log import Action, record
from cartpath.cases.access import visible_cases
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.coordination import documents, notify
from cartpath.coordination.models import Message, Referral, Thread, ThreadRead
from cartpath.coordination.people import (family_members, is_partner, is_team_member,
                                          partner_staff, team_contacts)

MAX_BODY = 5000


class MessageError(ValueError):
    pass


def family_thread(case: Case) -> Thread:
    thread, _ = Thread.objects.get_or_create(case=case, kind=Thread.Kind.FAMILY)
    return thread


def partner_thread(referral: Referral) -> Thread:
    """The referral's thread (made on first use: referrals may come from imports or demos)."""
    thread, _ = Thread.objects.get_or_create(
        referral=referral, defaults={"case_id": referral.case_id, "kind": Thread.Kind.PARTNER})
    return thread


def threads_for(user, case: Case) -> list[Thread]:  # noqa: ANN001
    """The threads of ``case`` this user takes part in (the case is already visible)."""
    if is_team_member(user, case):
        family_thread(case)
        for referral in case.referrals.exclude(status=Referral.Status.DRAFT).filter(
                thread__isnull=True):
            partner_thread(referral)
        return list(case.threads.select_related("referral__organisation"))
    if user.is_family:
        return [family_thread(case)]
    if is_partner(user):
        live = Referral.objects.live().filter(case=case, organisation_id=user.organisation_id)
        return [partner_thread(referral) for referral in live]
    return []


def get_thread(request: HttpRequest, thread_id: str) -> Thread:
    """The thread if the user takes part in it, else 404 (and the refusal is audited)."""
    thread = Thread.objects.filter(public_id=thread_id, case__in=visible_cases(
        request.user)).select_related("case", "referral__consent").first()
    if thread is None or thread not in threads_for(request.user, thread.case):
        record(request, Action.DENIED, object_type="coordination.Thread",
               object_id=thread_id[:64], summary="thread not visible to this user")
        raise Http404("No such conversation")
    record(request, Action.VIEW, thread, case=thread.case, summary="messages read")
    return thread


def allowed_document_ids(thread: Thread) -> set[str] | None:
    """Which documents may travel in this thread: the consented ones for a partner thread;
    None means any document of the case."""
    if thread.kind == Thread.Kind.PARTNER:
        consent = thread.referral.consent
        return set(map(str, consent.shared_document_ids)) if consent.is_active else set()
    return None


def visible_attachments(user, thread: Thread, message: Message) -> list:  # noqa: ANN001
    ids = [str(i) for i in message.document_ids]
    allowed = allowed_document_ids(thread)
    if allowed is not None and not is_team_member(user, thread.case):
        ids = [i for i in ids if i in allowed]
    return documents.documents_by_id(thread.case, ids)


def recipients(thread: Thread, author) -> list:  # noqa: ANN001
    if thread.kind == Thread.Kind.FAMILY:
        people = team_contacts(thread.case) if author.is_family else family_members(thread.case)
    elif is_team_member(author, thread.case):
        people = list(partner_staff(thread.referral.organisation))
    else:
        people = team_contacts(thread.case)
    return [p for p in people if p.pk != author.pk]


def link_for(thread: Thread, user) -> str:  # noqa: ANN001
    if user.is_family:
        return reverse("coordination:family_thread", args=[thread.case.public_id])
    if is_partner(user) and thread.referral_id:
        return reverse("coordination:partner_referral", args=[thread.referral.public_id])
    return reverse("coordination:case_messages", args=[thread.case.public_id]) + \
        f"?thread={thread.public_id}"


def post(request: HttpRequest, thread: Thread, body: str,
         document_ids: list[str] | None = None) -> Message:
    body = (body or "").strip()
    if not body:
        raise MessageError("A message cannot be empty.")
    if len(body) > MAX_BODY:
        raise MessageError(f"A message holds at most {MAX_BODY} characters.")
    ids = [str(i) for i in document_ids or []]
    if ids and is_partner(request.user):
        raise MessageError("Partners send documents with the upload form of the referral.")
    known = {d.id for d in documents.case_documents(thread.case)}
    allowed = allowed_document_ids(thread)
    if any(i not in known for i in ids):
        raise MessageError("Some attachments are not documents of this case.")
    if allowed is not None and any(i not in allowed for i in ids):
        raise MessageError("The patient has not agreed to share some of these documents "
                           "with this partner.")
    with transaction.atomic():
        message = Message.objects.create(thread=thread, author=request.user, body=body,
                                         document_ids=ids)
        mark_read(thread, request.user, message.created_at)
        log_event(thread.case, CaseEvent.Kind.MESSAGE,
                  f"Message in {thread.get_kind_display().lower()} thread", request.user)
        record(request, Action.CREATE, message, case=thread.case,
               summary=f"message, {len(ids)} attachment(s)")
    for person in recipients(thread, request.user):
        notify.send("message", [person], link_for(thread, person))
    return message


def mark_read(thread: Thread, user, until=None) -> None:  # noqa: ANN001
    until = until or timezone.now()
    state, created = ThreadRead.objects.get_or_create(thread=thread, user=user,
                                                      defaults={"read_until": until})
    if not created and state.read_until < until:
        state.read_until = until
        state.save(update_fields=["read_until"])


def unread_counts(user, threads: list[Thread]) -> dict[int, int]:  # noqa: ANN001
    reads = dict(ThreadRead.objects.filter(user=user, thread__in=threads).values_list(
        "thread_id", "read_until"))
    counts = {}
    for thread in threads:
        since = reads.get(thread.pk)
        messages = thread.messages.exclude(author=user)
        if since is not None:
            messages = messages.filter(created_at__gt=since)
        counts[thread.pk] = messages.count()
    return counts


def family_inbox(user) -> list[dict]:  # noqa: ANN001
    """The family's threads across the cases it follows, with unread counts."""
    items = []
    for case in visible_cases(user).select_related("patient"):
        thread = family_thread(case)
        last = thread.messages.order_by("-created_at").first()
        items.append({"case": case, "thread": thread, "last": last,
                      "unread": unread_counts(user, [thread])[thread.pk]})
    return items


__all__ = ["MessageError", "family_inbox", "family_thread", "get_thread",
           "mark_read", "post", "threads_for", "unread_counts", "visible_attachments"]
