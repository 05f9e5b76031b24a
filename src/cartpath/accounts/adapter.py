from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from cartpath.accounts.models import Role


class AccountAdapter(DefaultAccountAdapter):
    """Self-service sign-up only ever creates patient accounts.

    Staff accounts are made by an administrator (Django admin or ``cartpath createadmin``);
    caregivers become caregivers by accepting a patient's invitation.
    """

    def save_user(self, request, user, form, commit=True):  # noqa: ANN001, ANN201
        user = super().save_user(request, user, form, commit=False)
        user.role = Role.PATIENT
        if commit:
            user.save()
        return user
