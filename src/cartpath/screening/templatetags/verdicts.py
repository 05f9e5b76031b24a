"""Status codes of the clinical core in the words the platform shows people."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# "eligible" is a contract code; people read "on-label candidate", never "eligible".
LABELS = {
    "eligible": _("on-label candidate"),
    "not_eligible": _("not on-label"),
    "unknown": _("unknown: facts missing"),
}


@register.filter
def verdict_label(status: str) -> str:
    return LABELS.get(status, status)
