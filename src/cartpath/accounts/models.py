"""People and the organisations they act for.

One user model with a role: the role decides which parts of the platform a person reaches,
and the object-level rules in ``cartpath.cases.access`` decide which cases.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def opaque_id() -> str:
    """A non-guessable identifier for URLs (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def long_token() -> str:
    """A secret for links sent by e-mail (256 bits)."""
    return secrets.token_urlsafe(32)


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CAREGIVER = "caregiver", _("Caregiver")
    NAVIGATOR = "navigator", _("Navigator")
    PARTNER = "partner", _("Hospital or trial-site partner")
    CLINICIAN = "clinician", _("Clinician")
    ADMIN = "admin", _("Administrator")


# Roles that work on other people's records: they must use two-factor authentication.
STAFF_ROLES = frozenset({Role.NAVIGATOR, Role.PARTNER, Role.CLINICIAN, Role.ADMIN})
FAMILY_ROLES = frozenset({Role.PATIENT, Role.CAREGIVER})


class Team(models.Model):
    """A navigation team; navigators see the cases of their team."""

    name = models.CharField(max_length=120, unique=True)

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A partner organisation: a treatment centre, a trial site or a referral network."""

    class Kind(models.TextChoices):
        TREATMENT_CENTRE = "treatment_centre", _("Treatment centre")
        TRIAL_SITE = "trial_site", _("Trial site")
        OTHER = "other", _("Other")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TREATMENT_CENTRE)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    city = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create(email, password, **fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PATIENT)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="members")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="members")
    preferred_language = models.CharField(max_length=10, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.full_name or self.email.split("@")[0]

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_family(self) -> bool:
        return self.role in FAMILY_ROLES


class CaregiverInvitation(models.Model):
    """A patient's consent for one caregiver to follow their case.

    The patient names the caregiver's e-mail address; the link is made when that person signs
    in with the address, and the patient can revoke it at any time.
    """

    token = models.CharField(max_length=64, unique=True, default=long_token, editable=False)
    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="caregiver_invitations")
    email = models.EmailField()
    relationship = models.CharField(max_length=80, blank=True)
    caregiver = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="caregiving")
    consented_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "email"], name="one_invitation_per_email")
        ]

    @property
    def is_active(self) -> bool:
        return self.caregiver_id is not None and self.revoked_at is None
