"""Index the packaged demo registry and short-list one myeloma trial for James."""

from __future__ import annotations

from cartpath.trials.models import ShortlistEntry
from cartpath.trials.registry import build_index, load_index
from cartpath.trials.services import criteria_rows, match_one


def load(world) -> None:  # noqa: ANN001
    build_index()
    case = world.cases.get("james")
    if case is None or case.trial_shortlist.exists():
        return
    index = load_index()
    nct_id = next((index.trial(i).nct_id for i in range(len(index))
                   if "BCMA" in index.trial(i).title and "Myeloma" in index.trial(i).title), None)
    if nct_id is None:
        return
    trial, match = match_one(case, nct_id)
    ShortlistEntry.objects.create(case=case, nct_id=nct_id, title=trial.title[:500],
                                  note="Ask the study team whether slots are open.",
                                  criteria=criteria_rows(match), counts=dict(match.counts),
                                  added_by=world.users["nina"])
