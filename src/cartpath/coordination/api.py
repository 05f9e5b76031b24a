"""JSON API of coordination: referrals visible to the user, their packets, partners' replies."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from cartpath.audit.log import Action, record
from cartpath.cases.access import TEAM_ROLES, get_case, visible_cases
from cartpath.coordination import fhir, packet, referrals
from cartpath.coordination.models import Referral
from cartpath.coordination.people import is_partner

router = Router(tags=["coordination"])


class ReferralOut(Schema):
    id: str
    case_id: str
    organisation: str
    status: str
    status_label: str
    sent_at: dt.datetime | None
    viewed_at: dt.datetime | None
    replied_at: dt.datetime | None
    reply_reason: str

    @staticmethod
    def of(r: Referral) -> "ReferralOut":
        return ReferralOut(id=r.public_id, case_id=r.case.public_id,
                           organisation=r.organisation.name, status=r.status,
                           status_label=r.get_status_display(), sent_at=r.sent_at,
                           viewed_at=r.viewed_at, replied_at=r.replied_at,
                           reply_reason=r.reply_reason)


class ReplyIn(Schema):
    decision: str
    reason: str = ""


def _visible(request: HttpRequest):  # noqa: ANN202
    user = request.user
    if is_partner(user):
        return referrals.partner_referrals(user)
    if user.role in TEAM_ROLES and user.team_id:
        return Referral.objects.filter(case__in=visible_cases(user)).select_related(
            "case", "organisation")
    return Referral.objects.none()


def _one(request: HttpRequest, referral_id: str, action: str = Action.VIEW) -> Referral:
    if is_partner(request.user):
        return referrals.get_partner_referral(request, referral_id, action=action)
    referral = _visible(request).filter(public_id=referral_id).first()
    if referral is None:
        record(request, Action.DENIED, object_type="coordination.Referral",
               object_id=referral_id[:64], summary="API: referral not visible")
        raise HttpError(404, "No such referral")
    referral.case = get_case(request, referral.case.public_id, action=action)
    return referral


@router.get("/referrals", response=list[ReferralOut])
def list_referrals(request: HttpRequest, status: str | None = None):  # noqa: ANN201
    items = _visible(request)
    if status:
        items = items.filter(status=status)
    record(request, Action.VIEW, object_type="coordination.Referral", summary="API referral list")
    return [ReferralOut.of(r) for r in items[:500]]


@router.get("/referrals/{referral_id}/packet")
def read_packet(request: HttpRequest, referral_id: str, format: str = "json"):  # noqa: A002, ANN201
    if format not in ("json", "fhir"):
        raise HttpError(422, "format must be json or fhir")
    referral = _one(request, referral_id, Action.EXPORT)
    content = packet.build_packet(referral)
    if is_partner(request.user):
        referrals.mark_viewed(request, referral)
    record(request, Action.EXPORT, referral, case=referral.case, summary=f"API packet {format}")
    if format == "fhir":
        bundle = fhir.build_bundle(content)
        fhir.validate_bundle(bundle)
        return bundle
    if format != "json":
        raise HttpError(422, "format must be json or fhir")
    return {
        "referral_id": content.referral_id, "recipient": content.recipient_name,
        "purpose": content.purpose, "cross_border": content.cross_border,
        "note": content.note, "withheld": content.withheld,
        "summary": None if content.patient is None else {
            "full_name": content.patient.full_name,
            "date_of_birth": content.patient.date_of_birth,
            "sex": content.patient.sex, "country": content.patient.country,
            "city": content.patient.city, "language": content.patient.language,
            "diagnosis_summary": content.diagnosis_summary, "facts": content.facts},
        "prescreen": content.prescreen, "trials": content.trials,
        "documents": [{"id": d.id, "title": d.title, "content_type": d.content_type}
                      for d in content.documents],
    }


@router.post("/referrals/{referral_id}/reply", response=ReferralOut)
def reply(request: HttpRequest, referral_id: str, payload: ReplyIn):  # noqa: ANN201
    if not is_partner(request.user):
        raise HttpError(403, "Only the recipient answers a referral")
    referral = _one(request, referral_id, Action.UPDATE)
    try:
        referral = referrals.reply(request, referral, payload.decision, payload.reason)
    except referrals.ReferralError as exc:
        raise HttpError(422, str(exc)) from exc
    return ReferralOut.of(referral)
