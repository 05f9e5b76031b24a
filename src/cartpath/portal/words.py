"""Foundation strings the family sees (status names, next steps, timeline lines), marked here
so that they reach the portal's translation catalogue; templates translate them at render."""

from django.utils.translation import gettext_noop as N_

from cartpath.cases.lifecycle import LABELS, NEXT_STEP

MARKED = (
    N_("Inquiry"), N_("Records requested"), N_("Under review"), N_("Pre-screened"),
    N_("Referred"), N_("Accepted by a centre"), N_("Declined by a centre"), N_("In treatment"),
    N_("Follow-up"), N_("Closed"),
    N_("Your navigator will review your request and contact you."),
    N_("Please upload the documents your navigator asked for."),
    N_("Your navigator is reviewing your records."),
    N_("Your navigator will discuss the pre-screen with you and the options."),
    N_("Your case has been sent to treatment centres; we are waiting for replies."),
    N_("A treatment centre has accepted your case; next is the consultation."),
    N_("Your navigator is looking at other centres or trials."),
    N_("Follow your treatment timeline; report symptoms in the diary."),
    N_("Keep your follow-up appointments; report new symptoms."),
    N_("This case is closed. Contact your navigator if anything changes."),
    N_("Case opened"),
    N_("Preliminary self-check from the questionnaire answers (to be confirmed by the treating team)"),
    N_("The family marked a requested document as sent"),
)

# A test checks that these stay in step with the foundation's lifecycle.
FOUNDATION = tuple(LABELS.values()) + tuple(NEXT_STEP.values())
