"""The family's side: the questionnaire, the portal page, caregivers, and the report."""

from __future__ import annotations

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cartpath.accounts.models import CaregiverInvitation, Role
from cartpath.audit.log import Action, record
from cartpath.cases.access import TEAM_ROLES, get_case, is_partner_view, visible_cases
from cartpath.cases.views import case_context
from cartpath.portal import report as reports
from cartpath.portal import services
from cartpath.portal.forms import DocumentRequestForm, InviteForm
from cartpath.portal.language import remember_language
from cartpath.portal.models import DocumentRequest
from cartpath.portal.wizard import STEPS, Wizard, cleaned, is_valid
from cartpath.vault.access import visible_documents

logger = logging.getLogger(__name__)
RESULT_KEY = "portal_result"
STEP_TITLES = {
    "diagnosis": gettext_lazy("The diagnosis"), "treatments": gettext_lazy("Treatments so far"),
    "about": gettext_lazy("About the patient"), "account": gettext_lazy("Your contact and agreement"),
}


def _url(name: str, *args: str) -> str:
    """A url of another capability, or "" when that app is not installed here."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# ---- the questionnaire ------------------------------------------------------------------

@remember_language
def start(request: HttpRequest) -> HttpResponse:
    # A family already signed in with a case continues there rather than opening a second one.
    has_case = request.user.is_authenticated and visible_cases(request.user).exists()
    return render(request, "portal/start.html", {"steps": [STEP_TITLES[s] for s in STEPS],
                                                 "has_case": has_case})


@remember_language
def step(request: HttpRequest, number: int) -> HttpResponse:
    if not 1 <= number <= len(STEPS):
        raise Http404
    wizard = Wizard(request.session)
    if number > wizard.first_open_step():
        return redirect("portal:step", wizard.first_open_step())
    name = STEPS[number - 1]
    if request.method == "POST":
        wizard.keep_raw(name, request.POST)
        action = request.POST.get("action", "next")
        if action == "add":
            wizard.add_row(name)
            return redirect(reverse("portal:step", args=[number]) + "#treatments")
        if action == "back":
            return redirect("portal:step", max(1, number - 1))
    bound = wizard.forms_for(name, request.POST if request.method == "POST" else wizard.raw(name))
    if request.method == "POST" and is_valid(name, bound):
        if name != "account":
            wizard.keep_clean(name, cleaned(name, bound))
            return redirect("portal:step", number + 1)
        return _submit(request, wizard, bound)
    return render(request, f"portal/step_{name}.html", {
        **bound, "number": number, "total": len(STEPS), "name": name,
        "title": STEP_TITLES[name], "filled_by": wizard.filled_by})


def _submit(request: HttpRequest, wizard: Wizard, bound: dict) -> HttpResponse:
    account = cleaned("account", bound)
    if services.account_exists(account["email"]):
        # Same page as for a new account; the owner of the address learns the rest by e-mail.
        result = services.preliminary_for(wizard.answers())
        try:
            services.send_existing_account_notice(request, account["email"])
        except (OSError, smtplib.SMTPException):
            logger.warning("existing-account notice could not be sent", exc_info=True)
        request.session[RESULT_KEY] = {"result": result, "email": account["email"],
                                       "answers": wizard.answers()}
        wizard.clear()
        return redirect("portal:result")
    submission = services.submit_inquiry(request, wizard.answers(), account,
                                         bound["form"].cleaned_data["password1"])
    try:
        services.send_verification(request, submission.user)
    except (OSError, smtplib.SMTPException):
        # The inquiry is safely stored; allauth sends the link again when they try to sign in.
        logger.warning("verification e-mail for a new inquiry could not be sent", exc_info=True)
    request.session[RESULT_KEY] = {"result": submission.result, "email": submission.user.email,
                                   "answers": wizard.answers()}
    wizard.clear()
    return redirect("portal:result")


@remember_language
def result(request: HttpRequest) -> HttpResponse:
    """The preliminary result of what the family just entered (from the session: it shows
    them only their own answers, and needs no case lookup before they can sign in)."""
    kept = request.session.get(RESULT_KEY)
    if not kept:
        return redirect("portal:start")
    return render(request, "portal/result.html", {"result": kept["result"], "email": kept["email"]})


# ---- the portal -------------------------------------------------------------------------

def _documents(request: HttpRequest, case) -> list:  # noqa: ANN001
    """What the record vault lets this person see of the case's documents."""
    return list(visible_documents(request.user, case).order_by("-uploaded_at")[:50])


def _case_card(request: HttpRequest, case) -> dict:  # noqa: ANN001
    documents = _documents(request, case)
    return {
        "case": case,
        "requests": list(case.document_requests.all()),
        "documents": documents,
        "events": list(case.events.filter(family_visible=True)[:20]),
        "messages_url": _url("coordination:family_thread", case.public_id),
        # The treatment journey and the symptom diary exist once a product is scheduled.
        "journey_url": _url("journey:family", case.public_id) if hasattr(case, "journey") else "",
        "diary_url": _url("journey:diary", case.public_id) if hasattr(case, "journey") else "",
        "trials_url": (_url("trials:family", case.public_id)
                       if case.trial_shortlist.exists() else ""),
    }


@login_required
@remember_language
def home(request: HttpRequest) -> HttpResponse:
    if request.user.role not in (Role.PATIENT, Role.CAREGIVER):
        return redirect("home")
    cases = list(visible_cases(request.user).select_related("patient", "navigator"))
    for case in cases:
        record(request, Action.VIEW, case, case=case, summary="portal overview")
    invitations = (CaregiverInvitation.objects.filter(patient=request.user).order_by("-consented_at")
                   if request.user.role == Role.PATIENT else [])
    return render(request, "portal/home.html", {
        "cards": [_case_card(request, case) for case in cases],
        "invitations": invitations, "invite_form": InviteForm(),
    })


@login_required
@require_POST
def document_sent(request: HttpRequest, case_id: str, request_id: str) -> HttpResponse:
    if not request.user.is_family:
        raise Http404
    case = get_case(request, case_id, action=Action.UPDATE, summary="document request update")
    document = get_object_or_404(DocumentRequest, case=case, public_id=request_id)
    services.mark_document_sent(request, case, document)
    messages.success(request, _("Thank you. Your navigator will check the document."))
    return redirect("portal:home")


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    if request.user.role != Role.PATIENT:
        raise Http404
    form = InviteForm(request.POST)
    if form.is_valid() and form.cleaned_data["email"].lower() != request.user.email.lower():
        invitation = services.invite_caregiver(request, request.user, form.cleaned_data["email"],
                                               form.cleaned_data["relationship"])
        services.send_invitation(request, invitation)
        messages.success(request, _("Invitation sent."))
    else:
        messages.error(request, _("Please enter the e-mail address of the person you want to invite."))
    return redirect(reverse("portal:home") + "#caregivers")


@login_required
@require_POST
def revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(CaregiverInvitation, pk=invitation_id, patient=request.user,
                                   revoked_at__isnull=True)
    services.revoke_caregiver(request, invitation)
    messages.success(request, _("Access removed."))
    return redirect(reverse("portal:home") + "#caregivers")


@login_required
@require_POST
def request_document(request: HttpRequest, case_id: str) -> HttpResponse:
    """A navigator asks the family for a document; it appears on the family's page."""
    case = get_case(request, case_id, action=Action.UPDATE, edit=True,
                    summary="document requested from the family")
    form = DocumentRequestForm(request.POST)
    if form.is_valid():
        services.request_document(request, case, form.cleaned_data["title"])
        messages.success(request, _("The family will see this request on their page."))
    else:
        messages.error(request, _("Please describe the document in a few words."))
    return redirect("portal:report", case.public_id)


# ---- the report -------------------------------------------------------------------------

def _report_case(request: HttpRequest, case_id: str, action: str, summary: str):  # noqa: ANN202
    """The family and the case team read the report; partner organisations get the referral
    packet instead (minimum necessary), so for them the report does not exist."""
    if is_partner_view(request.user):
        raise Http404("No such report")
    return get_case(request, case_id, action=action, summary=summary)


def _report_version(request: HttpRequest) -> str:
    if request.user.role not in TEAM_ROLES:
        return "plain"  # families get the plain version; partners see the referral packet
    return "plain" if request.GET.get("version") == "plain" else "detailed"


@login_required
@remember_language
def report(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _report_case(request, case_id, Action.VIEW, "assessment report viewed")
    built = reports.build(case, _report_version(request))
    context = {"report": built, "staff": request.user.role in TEAM_ROLES}
    if context["staff"]:
        context.update(case_context(request, case, "report"))
        context.update(requests=case.document_requests.all(), request_form=DocumentRequestForm())
    return render(request, "portal/report_page.html", context)


@login_required
def report_pdf(request: HttpRequest, case_id: str) -> HttpResponse:
    from weasyprint import HTML

    case = _report_case(request, case_id, Action.DOWNLOAD, "assessment report PDF")
    built = reports.build(case, _report_version(request))
    html = render_to_string("portal/report_pdf.html", {"report": built}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="cartpath-report-{case.short_ref}-{built.version}.pdf"')
    return response
