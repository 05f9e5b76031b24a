"""The questionnaire's memory: every step's typed answers live in the session, valid or not,
so going back, a validation error or a closed tab never loses what was typed. Passwords are the
one exception: they are never stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cartpath.portal.forms import (AboutForm, AccountForm, DiagnosisForm, TreatmentFormSet,
                                   TreatmentsForm)

KEY = "portal_intake"
STEPS = ("diagnosis", "treatments", "about", "account")
SECRET_FIELDS = ("password1", "password2", "csrfmiddlewaretoken", "action")
NO_ITEMS = _("Please add at least one treatment below, or choose “I am not sure”.")


class Wizard:
    def __init__(self, session: SessionBase) -> None:
        self.session = session
        self.state: dict[str, Any] = session.get(KEY) or {"raw": {}, "clean": {}}

    # ---- storage
    def save(self) -> None:
        self.session[KEY] = self.state
        self.session.modified = True

    def keep_raw(self, step: str, post: QueryDict) -> None:
        self.state["raw"][step] = {k: post.getlist(k) for k in post if k not in SECRET_FIELDS}
        self.save()

    def raw(self, step: str) -> QueryDict | None:
        stored = self.state["raw"].get(step)
        if stored is None:
            return None
        data = QueryDict(mutable=True)
        for key, values in stored.items():
            data.setlist(key, values)
        return data

    def keep_clean(self, step: str, value: Any) -> None:
        self.state["clean"][step] = value
        self.save()

    def clear(self) -> None:
        self.session.pop(KEY, None)

    # ---- progress
    def first_open_step(self) -> int:
        for index, step in enumerate(STEPS, start=1):
            if step not in self.state["clean"]:
                return index
        return len(STEPS)

    @property
    def filled_by(self) -> str:
        return (self.state["clean"].get("about") or {}).get("filled_by", "patient")

    def answers(self) -> dict[str, Any]:
        clean = self.state["clean"]
        return {k: clean[k] for k in ("diagnosis", "treatments", "about") if k in clean}

    # ---- forms
    def forms_for(self, step: str, data: QueryDict | None) -> dict[str, forms.Form | forms.BaseFormSet]:
        if step == "diagnosis":
            return {"form": DiagnosisForm(data)}
        if step == "treatments":
            return {"form": TreatmentsForm(data), "formset": TreatmentFormSet(data, prefix="t")}
        if step == "about":
            return {"form": AboutForm(data)}
        return {"form": AccountForm(data, filled_by=self.filled_by)}

    def add_row(self, step: str) -> None:
        raw = self.state["raw"].get(step) or {}
        total = int((raw.get("t-TOTAL_FORMS") or ["1"])[0] or 1)
        raw["t-TOTAL_FORMS"] = [str(min(total + 1, 20))]
        raw.setdefault("t-INITIAL_FORMS", ["0"])
        raw.setdefault("t-MIN_NUM_FORMS", ["1"])
        raw.setdefault("t-MAX_NUM_FORMS", ["20"])
        self.state["raw"][step] = raw
        self.save()


def cleaned(step: str, bound: dict[str, Any]) -> Any:
    """The JSON-safe answer of a valid step."""
    form = bound["form"]
    if step == "treatments":
        items = [dict(f.cleaned_data) for f in bound["formset"].forms
                 if f.cleaned_data and (f.cleaned_data.get("name") or "").strip()]
        return {"had_treatment": form.cleaned_data["had_treatment"], "items": items}
    if step == "account":
        data = dict(form.cleaned_data)
        data.pop("password1", None)
        data.pop("password2", None)
        return data
    return dict(form.cleaned_data)


def is_valid(step: str, bound: dict[str, Any]) -> bool:
    valid = all(item.is_valid() for item in bound.values())
    if step == "treatments" and valid:
        form = bound["form"]
        has_items = any((f.cleaned_data.get("name") or "").strip() for f in bound["formset"].forms)
        if form.cleaned_data["had_treatment"] == "yes" and not has_items:
            form.add_error("had_treatment", NO_ITEMS)
            return False
    return valid
