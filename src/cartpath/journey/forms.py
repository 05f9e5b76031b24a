"""Forms of the journey pages (validation only; the services do the work)."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from cartpath.clinical.catalogue import load_catalogue
from cartpath.clinical.journey import EVENT_LABELS, Event
from cartpath.journey.diary_rules import SYMPTOMS
from cartpath.journey.models import CostItem


def product_choices() -> list[tuple[str, str]]:
    return [(p.code, f"{p.brand} ({p.code})") for p in load_catalogue().products.values()]


def indication_choices() -> list[tuple[str, str]]:
    items = [("", _("First listed (or not decided)"))]
    items += [(i, i) for i in sorted(load_catalogue().indications)]
    return items


class DateInput(forms.DateInput):
    input_type = "date"


class JourneyForm(forms.Form):
    product_code = forms.ChoiceField(label=_("Product"), choices=product_choices)
    indication_id = forms.ChoiceField(label=_("Indication"), choices=indication_choices,
                                      required=False)
    apheresis_date = forms.DateField(label=_("Cell collection date"), widget=DateInput)
    planned_day0 = forms.DateField(label=_("Planned infusion day 0 (optional)"), required=False,
                                   widget=DateInput, help_text=_("Empty: placed with the "
                                   "product's typical vein-to-vein time."))
    time_zone = forms.CharField(label=_("Time zone of the treating centre"), initial="UTC",
                                help_text=_("e.g. Europe/Berlin, America/New_York"))
    centre_name = forms.CharField(label=_("Treating centre"), required=False, max_length=200)
    centre_phone = forms.CharField(label=_("Centre phone (24 h)"), required=False, max_length=40)

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"].strip()
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Unknown time zone: use a name like Europe/Berlin."))
        return value

    def clean(self):  # noqa: ANN201
        data = super().clean()
        code, indication = data.get("product_code"), data.get("indication_id")
        if code and indication and load_catalogue().indications[indication].product != code:
            self.add_error("indication_id", _("This indication belongs to another product."))
        return data


class EventForm(forms.Form):
    event = forms.ChoiceField(label=_("Step"), choices=[(e.value, EVENT_LABELS[e]) for e in Event])
    on = forms.DateField(label=_("Date (centre's calendar)"), widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, allowed=None, **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Offer only what the rules accept today; the server checks again on submit.
            self.fields["event"].choices = [(e.value, EVENT_LABELS[e]) for e in allowed]


class ReplanForm(forms.Form):
    apheresis_date = forms.DateField(label=_("Cell collection date"), widget=DateInput)
    planned_day0 = forms.DateField(label=_("Planned infusion day 0"), required=False,
                                   widget=DateInput)


class StayForm(forms.Form):
    caregiver_name = forms.CharField(label=_("Caregiver during the stay"), required=False,
                                     max_length=200)
    lodging = forms.CharField(label=_("Lodging near the centre"), required=False, max_length=300)
    centre_phone = forms.CharField(label=_("Centre phone (24 h)"), required=False, max_length=40)
    international = forms.BooleanField(label=_("Travels from another country"), required=False)


class CostForm(forms.ModelForm):
    class Meta:
        model = CostItem
        fields = ["description", "amount", "currency", "payer"]

    def clean_currency(self) -> str:
        value = self.cleaned_data["currency"].strip().upper()
        if len(value) != 3 or not value.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code, e.g. EUR or USD."))
        return value

    def clean_amount(self):  # noqa: ANN201
        value = self.cleaned_data["amount"]
        if value < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return value


class DiaryForm(forms.Form):
    temperature_c = forms.DecimalField(label=_("Temperature (°C)"), required=False,
                                       min_value=30, max_value=45, decimal_places=1)
    systolic = forms.IntegerField(label=_("Blood pressure: upper number"), required=False,
                                  min_value=40, max_value=260)
    diastolic = forms.IntegerField(label=_("Blood pressure: lower number"), required=False,
                                   min_value=20, max_value=180)
    symptoms = forms.MultipleChoiceField(label=_("Anything new today?"), required=False,
                                         choices=list(SYMPTOMS.items()),
                                         widget=forms.CheckboxSelectMultiple)
    writing_sample = forms.CharField(label=_("Writing test: copy the sentence above"),
                                     required=False, max_length=300)
    notes = forms.CharField(label=_("Anything else"), required=False, max_length=1000,
                            widget=forms.Textarea(attrs={"rows": 2}))


OXYGEN = ["room_air", "nasal_cannula", "blow_by", "high_flow_nasal_cannula", "simple_face_mask",
          "non_rebreather", "venturi_mask", "cpap", "bipap", "mechanical_ventilation"]
CONSCIOUSNESS = ["normal", "depressed_awakens_spontaneously", "awakens_to_voice",
                 "awakens_only_to_tactile", "unarousable_or_requires_vigorous_stimuli"]
SEIZURE = ["none", "clinical_rapidly_resolving", "nonconvulsive_on_eeg_resolved_with_intervention",
           "prolonged_gt_5min_or_repetitive_without_recovery"]
ICP = ["none", "focal_edema_on_imaging", "diffuse_edema_on_imaging",
       "decerebrate_or_decorticate_posturing", "cn_vi_palsy", "papilledema", "cushings_triad"]


def _choices(values: list[str]) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ")) for v in values]


class AssessmentForm(forms.Form):
    """CRS and ICANS inputs exactly as the contract names them."""

    temperature_c = forms.DecimalField(label=_("Temperature (°C)"), required=False,
                                       min_value=30, max_value=45, decimal_places=1)
    crs_previously_diagnosed_and_antipyretic_or_anticytokine_given = forms.BooleanField(
        label=_("CRS already diagnosed and antipyretic / anti-cytokine given"), required=False)
    hypotension = forms.BooleanField(label=_("Hypotension"), required=False)
    vasopressors_excluding_vasopressin = forms.IntegerField(
        label=_("Vasopressors (excluding vasopressin)"), min_value=0, max_value=6, initial=0)
    vasopressin = forms.BooleanField(label=_("Vasopressin"), required=False)
    oxygen_device = forms.ChoiceField(label=_("Oxygen"), choices=_choices(OXYGEN))
    oxygen_flow_l_min = forms.DecimalField(label=_("Oxygen flow (L/min)"), required=False,
                                           min_value=0, max_value=80)
    findings_attributable_to_other_cause = forms.BooleanField(
        label=_("Findings attributable to another cause"), required=False)
    died_of_crs = forms.BooleanField(label=_("Died of CRS"), required=False)
    age_years = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=120)
    assessment_tool = forms.ChoiceField(label=_("Tool"), choices=[("ICE", "ICE"), ("CAPD", "CAPD")])
    ice_score = forms.IntegerField(label=_("ICE score (0-10)"), required=False, min_value=0,
                                   max_value=10)
    capd_score = forms.IntegerField(label=_("CAPD score (0-32)"), required=False, min_value=0,
                                    max_value=32)
    unable_to_perform_assessment = forms.BooleanField(label=_("Unable to perform assessment"),
                                                      required=False)
    consciousness = forms.ChoiceField(label=_("Consciousness"), choices=_choices(CONSCIOUSNESS))
    consciousness_depression_due_to_other_cause = forms.BooleanField(
        label=_("Depressed consciousness due to another cause (e.g. sedation)"), required=False)
    seizure = forms.ChoiceField(label=_("Seizure"), choices=_choices(SEIZURE))
    motor_findings = forms.ChoiceField(label=_("Motor findings"),
                                       choices=_choices(["none", "deep_focal_weakness"]))
    raised_icp_or_cerebral_edema = forms.ChoiceField(label=_("Raised ICP / cerebral oedema"),
                                                     choices=_choices(ICP))
    tremor_or_myoclonus = forms.BooleanField(label=_("Tremor or myoclonus"), required=False)
    intracranial_hemorrhage = forms.BooleanField(label=_("Intracranial haemorrhage"),
                                                 required=False)

    CRS_FIELDS = ("temperature_c", "crs_previously_diagnosed_and_antipyretic_or_anticytokine_given",
                  "hypotension", "vasopressors_excluding_vasopressin", "vasopressin",
                  "oxygen_device", "oxygen_flow_l_min", "findings_attributable_to_other_cause",
                  "died_of_crs")
    ICANS_FIELDS = ("age_years", "assessment_tool", "ice_score", "capd_score",
                    "unable_to_perform_assessment", "consciousness",
                    "consciousness_depression_due_to_other_cause", "seizure", "motor_findings",
                    "raised_icp_or_cerebral_edema", "tremor_or_myoclonus",
                    "intracranial_hemorrhage")

    def clean(self):  # noqa: ANN201
        data = super().clean()
        # A blank score must not read as a normal one: ask for it unless it cannot be done.
        if not data.get("unable_to_perform_assessment"):
            field = "ice_score" if data.get("assessment_tool") == "ICE" else "capd_score"
            if data.get("assessment_tool") and data.get(field) is None:
                self.add_error(field, _("Give the score, or tick 'Unable to perform assessment'."))
        return data

    def inputs(self) -> tuple[dict, dict]:
        def plain(v):  # noqa: ANN001, ANN202 - JSON wants numbers, not Decimals
            return float(v) if hasattr(v, "as_tuple") else v

        data = self.cleaned_data
        return ({k: plain(data.get(k)) for k in self.CRS_FIELDS},
                {k: plain(data.get(k)) for k in self.ICANS_FIELDS})


LABS = (("platelets", ["10^9/L", "/uL"]), ("anc", ["10^9/L", "/uL"]),
        ("hemoglobin", ["g/dL", "g/L"]), ("crp", ["mg/dL", "mg/L"]), ("ferritin", ["ng/mL", "ug/L"]))


class BloodCountForm(forms.Form):
    taken_on = forms.DateField(label=_("Date taken"), widget=DateInput)
    before_lymphodepletion = forms.BooleanField(
        label=_("Taken before lymphodepletion (CAR-HEMATOTOX baseline)"), required=False)

    def __init__(self, *args, **kwargs):  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name, units in LABS:
            self.fields[name] = forms.DecimalField(label=name.upper() if name != "hemoglobin"
                                                   else _("Haemoglobin"), required=False,
                                                   min_value=0)
            self.fields[f"{name}_unit"] = forms.ChoiceField(
                label=_("unit"), choices=[(u, u) for u in units])

    def values(self) -> dict:
        data = self.cleaned_data
        return {name: {"value": float(data[name]), "unit": data[f"{name}_unit"]}
                for name, _units in LABS if data.get(name) is not None}
