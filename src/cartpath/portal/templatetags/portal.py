from django import template

from cartpath.portal.documents import family_label

register = template.Library()


@register.simple_tag
def family_document(fact: str, fallback: str = "") -> str:
    """The plain, translated name of the document that would settle ``fact``."""
    return family_label(fact, fallback)


@register.simple_tag
def status_words(code: str | None) -> str:
    from django.utils.translation import gettext as _

    from cartpath.portal.report import STATUS_WORDS

    return str(STATUS_WORDS.get(code or "", _("not known yet")))


@register.simple_tag
def provenance(report, name: str) -> str:  # noqa: ANN001
    """Where a fact came from, for the detailed report's evidence column."""
    from django.utils.translation import gettext as _

    item = (report.provenance or {}).get(name)
    if not item:
        return _("family's answers") if name in report.facts else ""
    source = item.get("source")
    if source == "record":
        parts = []
        for fact in item.get("facts", []):
            if fact.get("document_name"):
                quote = f' “{fact["text"][:80]}”' if fact.get("text") else ""
                parts.append(f'{fact["document_name"]} p.{fact.get("page")}{quote}')
            else:
                parts.append(_("entered by %(who)s") % {"who": fact.get("reviewed_by") or "—"})
        return _("record: %(where)s") % {"where": "; ".join(parts)}
    if source == "case":
        return _("case record (set by the navigator)")
    if source == "conflict":
        return _("records disagree: %(values)s") % {"values": ", ".join(map(str, item.get("values", [])))}
    return _("family's answers (not yet confirmed from a record)")
