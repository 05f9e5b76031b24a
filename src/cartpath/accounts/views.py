from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cartpath.accounts.models import CaregiverInvitation, Role
from cartpath.audit.log import Action, record


@login_required
def accept_caregiver(request: HttpRequest, token: str) -> HttpResponse:
    """A caregiver follows the link a patient sent; it only works for the invited address."""
    invitation = CaregiverInvitation.objects.filter(token=token, revoked_at__isnull=True).first()
    if invitation is None or invitation.email.lower() != request.user.email.lower():
        raise Http404("No such invitation")
    if request.method == "POST":
        with transaction.atomic():
            invitation.caregiver = request.user
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["caregiver", "accepted_at"])
            if request.user.role == Role.PATIENT and not hasattr(request.user, "patient"):
                request.user.role = Role.CAREGIVER
                request.user.save(update_fields=["role"])
            record(request, Action.UPDATE, invitation, summary="caregiver invitation accepted")
        messages.success(request, "You can now follow the case.")
        return redirect("home")
    return render(request, "accounts/accept_caregiver.html", {"invitation": invitation})
