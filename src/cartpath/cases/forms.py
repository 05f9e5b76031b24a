from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import Role, User
from cartpath.cases.lifecycle import allowed_next, LABELS
from cartpath.cases.models import Patient

DISEASE_CHOICES = [
    ("", _("Not yet known")),
    ("LBCL", _("Large B-cell lymphoma")),
    ("FL", _("Follicular lymphoma")),
    ("MZL", _("Marginal zone lymphoma")),
    ("MCL", _("Mantle cell lymphoma")),
    ("CLL_SLL", _("CLL / SLL")),
    ("B_ALL", _("B-cell acute lymphoblastic leukaemia")),
    ("MM", _("Multiple myeloma")),
    ("B_NHL_unspecified", _("B-cell lymphoma, type not stated")),
    ("other", _("Other")),
]


class PatientForm(forms.ModelForm):
    class Meta:
        model = Patient
        fields = ["full_name", "date_of_birth", "sex", "country", "city", "language", "email",
                  "phone"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}


class NewCaseForm(forms.Form):
    diagnosis_summary = forms.CharField(label=_("Diagnosis (as reported)"), max_length=200,
                                        required=False)
    disease = forms.ChoiceField(label=_("Disease family"), choices=DISEASE_CHOICES,
                                required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Move to"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, current: str, **kwargs):  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, LABELS[s]) for s in allowed_next(current)]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(),
                                   required=False)
    due_date = forms.DateField(label=_("Due"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, team=None, **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            team=team, role__in=[Role.NAVIGATOR, Role.CLINICIAN], is_active=True)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    navigator = forms.ModelChoiceField(label=_("Navigator"), queryset=User.objects.none(),
                                       required=False)

    def __init__(self, *args, team=None, **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["navigator"].queryset = User.objects.filter(
            team=team, role=Role.NAVIGATOR, is_active=True)
