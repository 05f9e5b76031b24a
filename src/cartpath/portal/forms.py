"""The questionnaire's steps and the portal's small forms. Errors are gentle and specific."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import User
from cartpath.clinical.vocab import HISTOLOGY_FAMILY
from cartpath.learn.products import HISTOLOGIES
from cartpath.portal.intake import DID_NOT_WORK, ONGOING, UNSURE, WORKED_THEN_RETURNED

DISEASE_CHOICES = [
    ("LBCL", _("Large B-cell lymphoma (for example DLBCL)")),
    ("FL", _("Follicular lymphoma")),
    ("MZL", _("Marginal zone lymphoma")),
    ("MCL", _("Mantle cell lymphoma")),
    ("CLL_SLL", _("Chronic lymphocytic leukaemia (CLL) or small lymphocytic lymphoma (SLL)")),
    ("B_ALL", _("Acute lymphoblastic leukaemia (B-ALL)")),
    ("MM", _("Multiple myeloma")),
    ("B_NHL_unspecified", _("B-cell lymphoma, type not known")),
    ("other", _("Another cancer")),
    (UNSURE, _("I am not sure")),
]
FAMILY_NAMES = dict(DISEASE_CHOICES)
SUBTYPE_CHOICES = [("", _("Not known / not sure"))] + [
    (FAMILY_NAMES[family], [(code, HISTOLOGIES[code]) for code, fam in HISTOLOGY_FAMILY.items()
                                 if fam == family])
    for family in ("LBCL", "FL", "MZL", "MCL", "CLL_SLL", "B_ALL", "MM")
]
STATUS_CHOICES = [
    ("relapsed", _("It came back after treatment (relapsed)")),
    ("refractory", _("It did not respond, or it grew during treatment (refractory)")),
    ("remission", _("It is in remission now")),
    ("newly_diagnosed", _("It was just found; no treatment yet")),
    (UNSURE, _("I am not sure")),
]
RESPONSE_CHOICES = [
    (WORKED_THEN_RETURNED, _("It worked, then the cancer came back")),
    (DID_NOT_WORK, _("It did not work, or the cancer grew during it")),
    (ONGOING, _("I am still having it")),
    (UNSURE, _("Not sure")),
]


class DiagnosisForm(forms.Form):
    disease = forms.ChoiceField(label=_("Which cancer is it?"), choices=DISEASE_CHOICES,
                                widget=forms.RadioSelect,
                                error_messages={"required": _("Please choose one; “I am not sure” is fine.")})
    subtype = forms.ChoiceField(label=_("Subtype, if you know it"), choices=SUBTYPE_CHOICES,
                                required=False,
                                help_text=_("It is often on the pathology report. Leave it if you do not know."))
    status = forms.ChoiceField(label=_("Where are things now?"), choices=STATUS_CHOICES,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Please choose one; “I am not sure” is fine.")})
    details = forms.CharField(label=_("Anything else about the diagnosis (optional)"),
                              required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict:
        data = super().clean()
        disease, subtype = data.get("disease"), data.get("subtype")
        family = HISTOLOGY_FAMILY.get(subtype or "")
        if disease and subtype and disease not in (UNSURE, "B_NHL_unspecified") and family != disease \
                and not (subtype == "FL_grade_3B" and disease == "LBCL"):
            self.add_error("subtype", _("This subtype belongs to another kind of cancer. Please "
                                        "check it, or choose “Not known”."))
        return data


class TreatmentsForm(forms.Form):
    had_treatment = forms.ChoiceField(
        label=_("Has there been any treatment for this cancer?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No, not yet")), (UNSURE, _("I am not sure"))],
        error_messages={"required": _("Please choose one.")})


class TreatmentForm(forms.Form):
    name = forms.CharField(label=_("Treatment or medicine names"), max_length=120, required=False,
                           help_text=_("For example R-CHOP, lenalidomide, a stem cell transplant."))
    when = forms.CharField(label=_("Roughly when"), max_length=40, required=False,
                           help_text=_("For example “spring 2023”."))
    response = forms.ChoiceField(label=_("What happened?"), choices=RESPONSE_CHOICES,
                                 initial=UNSURE, required=False)
    months_to_return = forms.IntegerField(
        label=_("If it came back: about how many months after this treatment ended?"),
        required=False, min_value=0, max_value=600,
        error_messages={"invalid": _("Please write a number of months, or leave it empty.")})
    same_plan = forms.BooleanField(
        label=_("Part of the same plan as the treatment above (for example maintenance or a "
                "planned transplant)"), required=False)


class BaseTreatmentFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {}) or {}
            if not (data.get("name") or "").strip() and (data.get("when") or data.get("months_to_return")):
                form.add_error("name", _("Please add the name of the treatment, even roughly."))


TreatmentFormSet = forms.formset_factory(TreatmentForm, formset=BaseTreatmentFormSet, extra=0,
                                         min_num=1, max_num=20, validate_max=True)


class AboutForm(forms.Form):
    filled_by = forms.ChoiceField(
        label=_("Who is filling this in?"), widget=forms.RadioSelect,
        choices=[("patient", _("I am the patient")),
                 ("caregiver", _("I am a family member or caregiver"))],
        error_messages={"required": _("Please tell us who is filling this in.")})
    patient_name = forms.CharField(label=_("Patient's name"), max_length=200,
                                   error_messages={"required": _("Please write the patient's name.")})
    age = forms.IntegerField(label=_("Patient's age in years"), min_value=0, max_value=120,
                             error_messages={"required": _("Please write the age in years."),
                                             "invalid": _("Please write the age as a number."),
                                             "min_value": _("Please check the age."),
                                             "max_value": _("Please check the age.")})
    country = forms.CharField(label=_("Country where the patient lives"), max_length=100,
                              error_messages={"required": _("Please write the country.")})
    relationship = forms.CharField(label=_("Your relationship to the patient (caregivers)"),
                                   max_length=80, required=False,
                                   help_text=_("For example daughter, husband, friend."))


class AccountForm(forms.Form):
    contact_name = forms.CharField(label=_("Your name"), max_length=200,
                                   error_messages={"required": _("Please write your name.")})
    email = forms.EmailField(label=_("Your e-mail address"),
                             error_messages={"required": _("We need an e-mail address to reach you."),
                                             "invalid": _("This does not look like an e-mail address.")})
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    password1 = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput(render_value=False),
                                help_text=_("At least 10 characters. You will use it to sign in to your page."))
    password2 = forms.CharField(label=_("Type the password again"), widget=forms.PasswordInput(render_value=False))
    consent = forms.BooleanField(
        label=_("I agree that the cartpath navigation team may review the answers I give and "
                "the documents I upload, to find out whether CAR-T cell therapy or a clinical "
                "trial could be an option. I can withdraw this at any time."),
        error_messages={"required": _("We can only review your request with your agreement.")})
    patient_permission = forms.BooleanField(
        label=_("I have the patient's permission to ask for this review (caregivers)."),
        required=False)

    def __init__(self, *args, filled_by: str = "patient", **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.filled_by = filled_by
        if filled_by == "caregiver":
            self.fields["patient_permission"].required = True
            self.fields["patient_permission"].error_messages["required"] = _(
                "Please confirm that the patient agrees.")
        else:
            del self.fields["patient_permission"]

    def clean_email(self) -> str:
        # Whether an address already has an account is not said here: that someone uses a
        # CAR-T navigation service is health information. The owner is told by e-mail instead.
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=data.get("email", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Caregiver's e-mail address"))
    relationship = forms.CharField(label=_("Relationship (optional)"), max_length=80, required=False)


class DocumentRequestForm(forms.Form):
    title = forms.CharField(label=_("Document to ask the family for"), max_length=200,
                            help_text=_("Plain words, no codes: the family reads this."))
