from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cartpath.coordination.centre_csv import PRODUCT_CODES
from cartpath.coordination.models import Appointment, Consent, ProposedSlot, Referral

PRODUCT_CHOICES = [("", _("Any product"))] + [(code, code) for code in PRODUCT_CODES]


class CentreSearchForm(forms.Form):
    product = forms.ChoiceField(label=_("Product"), choices=PRODUCT_CHOICES, required=False)
    language = forms.CharField(label=_("Language"), required=False, max_length=10,
                               help_text=_("e.g. en, de, zh"))
    city = forms.CharField(label=_("From city"), required=False, max_length=120)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    latitude = forms.FloatField(label=_("or latitude"), required=False, min_value=-90,
                                max_value=90)
    longitude = forms.FloatField(label=_("longitude"), required=False, min_value=-180,
                                 max_value=180)
    radius_km = forms.FloatField(label=_("Within km"), required=False, min_value=1,
                                 max_value=25000)


class CentreImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class ReferralForm(forms.Form):
    organisations = forms.MultipleChoiceField(label=_("Send to"),
                                              widget=forms.CheckboxSelectMultiple)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    share_summary = forms.BooleanField(label=_("Case summary"), required=False, initial=True)
    share_prescreen = forms.BooleanField(label=_("Pre-screen"), required=False, initial=True)
    share_trials = forms.BooleanField(label=_("Trial shortlist"), required=False, initial=True)
    documents = forms.MultipleChoiceField(label=_("Documents"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    cross_border = forms.MultipleChoiceField(
        label=_("Cross-border transfer agreed by the patient for"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required for every centre in another country than the patient's."))
    consent_confirmed = forms.BooleanField(
        label=_("The patient has agreed to share exactly this with these recipients"))
    note = forms.CharField(label=_("Note to the recipients"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisations=(), documents=(), **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        choices = [(str(o.pk), o.name + (f" ({', '.join(p for p in (o.city, o.country) if p)})"
                                          if o.city or o.country else ""))
                   for o in organisations]
        self.fields["organisations"].choices = choices
        self.fields["cross_border"].choices = choices
        self.fields["documents"].choices = [(d.id, d.title) for d in documents]
        if not documents:
            self.fields["documents"].help_text = _("No records in this case yet.")


class ReplyForm(forms.Form):
    decision = forms.ChoiceField(label=_("Answer"), widget=forms.RadioSelect, choices=[
        (Referral.Status.ACCEPTED, _("Accept")),
        (Referral.Status.DECLINED, _("Decline")),
        (Referral.Status.MORE_INFO, _("More information needed"))])
    reason = forms.CharField(label=_("Reason or questions"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required to decline or to ask for more."))


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):  # noqa: ANN003
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SlotForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposedSlot.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeLocal())
    ends_at = forms.DateTimeField(label=_("Ends"), required=False, widget=DateTimeLocal())
    location = forms.CharField(label=_("Place"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    documents = forms.MultipleChoiceField(label=_("Attach documents"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, documents=(), **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(d.id, d.title) for d in documents]
        if not documents:
            del self.fields["documents"]


class AppointmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Appointment.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Starts (site time)"), widget=DateTimeLocal())
    ends_at = forms.DateTimeField(label=_("Ends (site time)"), widget=DateTimeLocal())
    timezone = forms.CharField(label=_("Site time zone"), max_length=64, initial="UTC")
    location = forms.CharField(label=_("Place"), required=False, max_length=200)

    def clean_timezone(self) -> str:
        import zoneinfo

        name = self.cleaned_data["timezone"].strip()
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError(_("Unknown time zone; use a name like Europe/Berlin.")
                                        ) from exc
        return name


class TranslationForm(forms.Form):
    document = forms.ChoiceField(label=_("Document"))
    source_language = forms.CharField(label=_("From language"), max_length=10, required=False,
                                      help_text=_("e.g. zh; needed for a machine translation"))
    target_language = forms.CharField(label=_("Into language"), max_length=10,
                                      help_text=_("e.g. en, de, zh"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, documents=(), **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [(d.id, d.title) for d in documents]
