"""Foundation strings the family sees (status names, next steps, timeline lines), marked here
so that they reach the portal's translation catalogue; templates translate them at render."""

from django.utils.translation import gettext_noop

from cartpath.cases.lifecycle import LABELS, NEXT_STEP

MARKED = (
    gettext_noop("Inquiry"), gettext_noop("Records requested"), gettext_noop("Under review"), gettext_noop("Pre-screened"),
    gettext_noop("Referred"), gettext_noop("Accepted by a centre"), gettext_noop("Declined by a centre"), gettext_noop("In treatment"),
    gettext_noop("Follow-up"), gettext_noop("Closed"),
    gettext_noop("Your navigator will review your request and contact you."),
    gettext_noop("Please upload the documents your navigator asked for."),
    gettext_noop("Your navigator is reviewing your records."),
    gettext_noop("Your navigator will discuss the pre-screen with you and the options."),
    gettext_noop("Your case has been sent to treatment centres; we are waiting for replies."),
    gettext_noop("A treatment centre has accepted your case; next is the consultation."),
    gettext_noop("Your navigator is looking at other centres or trials."),
    gettext_noop("Follow your treatment timeline; report symptoms in the diary."),
    gettext_noop("Keep your follow-up appointments; report new symptoms."),
    gettext_noop("This case is closed. Contact your navigator if anything changes."),
    gettext_noop("Case opened"),
    gettext_noop("Patient"), gettext_noop("Caregiver"),
    gettext_noop("Preliminary self-check from the questionnaire answers (to be confirmed by the treating team)"),
    gettext_noop("The family marked a requested document as sent"),
)

# A test checks that these stay in step with the foundation's lifecycle.
FOUNDATION = tuple(LABELS.values()) + tuple(NEXT_STEP.values())
