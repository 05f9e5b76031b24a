"""Facts derived from a case: line count, exposures, first-line response and timing, IMWG refractoriness.

Every derived value carries the basis it came from so that explanations can say which values were
derived. Explicit case facts always win over derived ones; a disagreement is recorded as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cartpath.clinical.drugs import DrugDictionary, Drug, load_drug_dictionary
from cartpath.clinical.facts import CaseFacts, PriorLine

NON_CR = frozenset({"PR", "SD", "PD", "PD_at_end_of_treatment"})
PROGRESSION = frozenset({"PD", "PD_at_end_of_treatment"})
# IMWG "nonresponsive": failure to reach minimal response, or progression, while on therapy.
IMWG_NONRESPONSIVE = frozenset({"SD", "PD", "PD_at_end_of_treatment"})
CD19_PRODUCTS = frozenset({"tisa-cel", "axi-cel", "liso-cel", "brexu-cel", "obe-cel"})
BCMA_PRODUCTS = frozenset({"ide-cel", "cilta-cel"})


@dataclass(frozen=True, slots=True)
class Derived:
    """A value with where it came from: "input" (explicit), "derived" or None when unknown."""

    value: Any
    basis: str | None = None
    derived: bool = False


UNKNOWN = Derived(None)


class cached_property:  # noqa: N801 - same role as functools.cached_property, without its lock
    """Compute once per instance and store in the instance dict (3.11's version takes a lock)."""

    def __init__(self, func):  # noqa: ANN001
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance, owner=None):  # noqa: ANN001, ANN204
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value


@dataclass(frozen=True, slots=True)
class LineView:
    index: int
    raw: PriorLine
    drugs: tuple[Drug, ...]
    classes: frozenset[str]
    resolved: bool  # every named drug/regimen recognised, or explicit classes given

    def has_drug(self, name: str) -> bool:
        return any(d.name == name for d in self.drugs)


class CaseView:
    """Lazily derived facts of one case (each computed at most once)."""

    def __init__(
        self,
        facts: CaseFacts,
        drugs: DrugDictionary | None = None,
        *,
        imwg_days: float = 60,
        days_per_month: float = 30.4375,
        relapse_window_months: float = 12,
    ) -> None:
        self.facts = facts
        self.dictionary = drugs or load_drug_dictionary()
        self.imwg_days = imwg_days
        self.days_per_month = days_per_month
        self.relapse_window_months = relapse_window_months
        self.conflicts: dict[str, str] = {}
        self.cit_from_field_definition = False

    # ------------------------------------------------------------------ therapy history
    @cached_property
    def lines(self) -> tuple[LineView, ...] | None:
        if not self.facts.prior_lines:
            return None  # null or [] documents nothing about therapy (see docs/clinical.md)
        out = []
        for index, line in enumerate(self.facts.prior_lines):
            drugs: list[Drug] = []
            unknown = False
            named = False
            for name in line.drugs or ():
                named = True
                resolution = self.dictionary.resolve(name)
                drugs.extend(resolution.drugs)
                unknown |= not resolution.complete
            if line.regimen:
                named = True
                resolution = self.dictionary.resolve(line.regimen)
                drugs.extend(resolution.drugs)
                # A regimen we cannot parse is fine when the drugs list is given and complete.
                if not resolution.complete and not (line.drugs and not unknown):
                    unknown = True
            classes = frozenset(c for d in drugs for c in d.classes) | frozenset(line.drug_classes or ())
            explicit_classes = line.drug_classes is not None
            resolved = (named and not unknown) or (explicit_classes and not (named and unknown))
            if explicit_classes and named and unknown:
                resolved = False
            out.append(LineView(index, line, tuple(dict.fromkeys(drugs)), classes, resolved))
        # Order by the given line number when present (input is ordered, but be safe).
        return tuple(sorted(out, key=lambda lv: (lv.raw.line or lv.index + 1, lv.index)))

    @cached_property
    def derived_line_count(self) -> int | None:
        if self.lines is None:
            return None
        numbers = [lv.raw.line for lv in self.lines]
        if all(n is not None for n in numbers):
            return len(set(numbers))
        return len(self.lines)

    @cached_property
    def n_prior_lines(self) -> Derived:
        explicit = self.facts.n_prior_lines
        derived = self.derived_line_count
        if explicit is not None:
            if derived is not None and derived != explicit:
                self.conflicts["n_prior_lines"] = (
                    f"n_prior_lines is {explicit} but prior_lines lists {derived} line(s); the explicit value is used"
                )
            return Derived(explicit, "input")
        if derived is not None:
            return Derived(derived, f"counted from prior_lines ({derived} line(s))", True)
        return UNKNOWN

    @cached_property
    def history_complete(self) -> bool:
        """True when prior_lines covers every documented line and every line was recognised."""
        if self.lines is None:
            return False
        n = self.facts.n_prior_lines
        if n is not None and (self.derived_line_count or 0) < n:
            return False
        return all(lv.resolved for lv in self.lines)

    @cached_property
    def first_line(self) -> tuple[LineView, ...] | None:
        if self.lines is None:
            return None
        first = self.lines[0].raw.line
        if first is not None and first != 1:
            return None  # the first line of therapy is not in the list
        if first is None:
            return (self.lines[0],)
        return tuple(lv for lv in self.lines if lv.raw.line == 1)

    def exposure(self, drug_class: str) -> Derived:
        """Whether any prior line included a drug of ``drug_class``."""
        if drug_class == "IMiD":
            if self.facts.lenalidomide_refractory is True:
                return Derived(True, "lenalidomide_refractory is true (lenalidomide is an IMiD)", True)
            if self.facts.days_from_last_lenalidomide_to_progression is not None:
                return Derived(True, "a last lenalidomide dose is documented (lenalidomide is an IMiD)", True)
        if self.lines is None:
            return UNKNOWN
        for lv in self.lines:
            if drug_class in lv.classes:
                line = lv.raw.line or lv.index + 1
                return Derived(True, f"line {line} ({lv.raw.regimen or ', '.join(lv.raw.drugs or ())})", True)
        if self.history_complete:
            return Derived(False, "not in any documented prior line", True)
        return UNKNOWN

    # ------------------------------------------------------------------ first-line (LBCL)
    @cached_property
    def first_line_chemoimmunotherapy(self) -> Derived:
        first = self.first_line
        if first:
            explicit = [lv.raw.chemoimmunotherapy for lv in first if lv.raw.chemoimmunotherapy is not None]
            if explicit:
                return Derived(any(explicit), "prior_lines[line 1].chemoimmunotherapy")
            if any(self._is_chemoimmunotherapy(lv) for lv in first):
                return Derived(True, "line 1 combines an anti-CD20 antibody with chemotherapy", True)
            if all(lv.resolved for lv in first):
                return Derived(False, "line 1 has no anti-CD20 antibody plus chemotherapy", True)
        # Both LBCL fields are defined relative to first-line chemoimmunotherapy: the contract
        # defines primary_refractory as "refractory to first-line chemoimmunotherapy", and §2.1
        # measures the relapse window "from the completion of first-line chemoimmunotherapy".
        if self.facts.primary_refractory is True:
            self.cit_from_field_definition = True
            return Derived(True, "primary_refractory is true (defined as refractory to first-line chemoimmunotherapy)", True)
        if self.facts.months_from_end_of_1L_to_relapse is not None:
            self.cit_from_field_definition = True
            return Derived(True, "months_from_end_of_1L_to_relapse is measured from completion of first-line "
                                 "chemoimmunotherapy (clinical-facts §2.1); the first-line regimen is not documented", True)
        return UNKNOWN

    def _is_chemoimmunotherapy(self, lv: LineView) -> bool:
        has_cd20 = "anti_CD20_mAb" in lv.classes
        has_chemo = any(self.dictionary.is_chemotherapy(d) for d in lv.drugs) or bool(
            lv.classes & self.dictionary.chemo_classes
        )
        return has_cd20 and has_chemo

    @cached_property
    def primary_refractory(self) -> Derived:
        f = self.facts
        n = self.n_prior_lines.value
        # Same fact in two top-level fields: either one documenting refractoriness counts.
        if f.primary_refractory is True:
            return Derived(True, "input")
        if n == 1 and f.disease_status == "refractory":
            if f.primary_refractory is False:
                self.conflicts["primary_refractory"] = (
                    "primary_refractory is false but disease_status is refractory after one line"
                )
            return Derived(True, "disease_status is refractory after exactly one prior line", True)
        line_value = self._first_line_refractory()
        if f.primary_refractory is False:
            if line_value.value is True:
                self.conflicts["primary_refractory"] = (
                    f"primary_refractory is false but {line_value.basis}; the explicit value is used"
                )
            return Derived(False, "input")
        if line_value.value is not None:
            return line_value
        if self.months_1l_to_relapse.value is not None:
            return Derived(False, "a relapse after the end of first-line therapy is documented (relapse follows a remission)", True)
        if n == 1 and f.disease_status == "relapsed":
            return Derived(False, "disease_status is relapsed after exactly one prior line", True)
        return UNKNOWN

    def _first_line_refractory(self) -> Derived:
        first = self.first_line
        if not first:
            return UNKNOWN
        for lv in first:
            if lv.raw.progressed_on_therapy is True:
                return Derived(True, "line 1 progressed on therapy", True)
            if lv.raw.best_response in NON_CR:
                return Derived(True, f"line 1 best response {lv.raw.best_response} (no CR: primary refractory)", True)
        if any(lv.raw.best_response == "CR" for lv in first):
            return Derived(False, "line 1 best response CR", True)
        return UNKNOWN

    @cached_property
    def months_1l_to_relapse(self) -> Derived:
        explicit = self.facts.months_from_end_of_1L_to_relapse
        line_months = None
        if self.first_line:
            values = [lv.raw.months_from_last_dose_to_progression for lv in self.first_line
                      if lv.raw.months_from_last_dose_to_progression is not None]
            line_months = min(values) if values else None
        if explicit is not None:
            if line_months is not None and (line_months <= self.relapse_window_months) != (
                explicit <= self.relapse_window_months
            ):
                self.conflicts["months_from_end_of_1L_to_relapse"] = (
                    f"months_from_end_of_1L_to_relapse is {explicit} but line 1 gives {line_months}; the explicit value is used"
                )
            return Derived(explicit, "input")
        if line_months is not None:
            return Derived(line_months, "prior_lines[line 1].months_from_last_dose_to_progression", True)
        return UNKNOWN

    # ------------------------------------------------------------------ myeloma
    @cached_property
    def lenalidomide_refractory(self) -> Derived:
        f = self.facts
        derived = self._derived_lenalidomide_refractory()
        if f.lenalidomide_refractory is not None:
            if derived.value is not None and derived.value != f.lenalidomide_refractory:
                self.conflicts["lenalidomide_refractory"] = (
                    f"lenalidomide_refractory is {str(f.lenalidomide_refractory).lower()} but {derived.basis}; "
                    "the explicit value is used"
                )
            return Derived(f.lenalidomide_refractory, "input")
        return derived

    def _derived_lenalidomide_refractory(self) -> Derived:
        days = self.facts.days_from_last_lenalidomide_to_progression
        limit = self.imwg_days
        if days is not None and days <= limit:
            return Derived(True, f"progression {days:g} days after the last lenalidomide dose (IMWG: within {limit:g} days)", True)
        line_evidence = self._lenalidomide_lines()
        if line_evidence.value is True:
            return line_evidence
        if days is not None:
            return Derived(False, f"progression {days:g} days after the last lenalidomide dose (IMWG: more than {limit:g} days)", True)
        return line_evidence

    def _lenalidomide_lines(self) -> Derived:
        if self.lines is None:
            return UNKNOWN
        len_lines = [lv for lv in self.lines if lv.has_drug("lenalidomide")]
        all_clear = True
        for lv in len_lines:
            raw = lv.raw
            label = f"line {raw.line or lv.index + 1}"
            if raw.progressed_on_therapy is True:
                return Derived(True, f"{label} contains lenalidomide and progressed on therapy (IMWG)", True)
            if raw.best_response in IMWG_NONRESPONSIVE:
                return Derived(True, f"{label} contains lenalidomide with best response {raw.best_response} (IMWG nonresponsive)", True)
            months = raw.months_from_last_dose_to_progression
            if months is not None:
                days = months * self.days_per_month
                if days <= self.imwg_days:
                    return Derived(True, f"{label} contains lenalidomide; progression {months:g} months (about {days:.0f} days) after the last dose (IMWG: within {self.imwg_days:g} days)", True)
                # Progression more than 60 days after the last dose was not on therapy; with a
                # documented response (CR/PR) the line was not nonresponsive either.
                if raw.progressed_on_therapy is not False and raw.best_response not in ("CR", "PR"):
                    all_clear = False
            else:
                all_clear = False
        if len_lines and all_clear:
            return Derived(False, "every lenalidomide-containing line progressed more than 60 days after the last dose", True)
        if not len_lines and self.history_complete:
            return Derived(False, "no lenalidomide in any documented prior line", True)
        return UNKNOWN

    # ------------------------------------------------------------------ disease state
    @cached_property
    def rr_history(self) -> str | None:
        """Evidence that the disease has relapsed or been refractory before (for remission cases)."""
        f = self.facts
        if f.primary_refractory is True:
            return "primary_refractory is true"
        if f.refractory is True:
            return "refractory is true"
        if f.relapse_number is not None and f.relapse_number >= 1:
            return f"relapse_number is {f.relapse_number}"
        if f.months_from_end_of_1L_to_relapse is not None:
            return "a relapse after first-line therapy is documented"
        if f.lenalidomide_refractory is True:
            return "lenalidomide_refractory is true"
        days = f.days_from_last_lenalidomide_to_progression
        if days is not None and days <= self.imwg_days:
            return f"progression {days:g} days after the last lenalidomide dose"
        for lv in self.lines or ():
            raw = lv.raw
            if raw.progressed_on_therapy or raw.best_response in PROGRESSION or raw.months_from_last_dose_to_progression is not None:
                return f"progression documented after line {raw.line or lv.index + 1}"
        return None

    # ------------------------------------------------------------------ exposures for flags
    @cached_property
    def prior_bcma(self) -> str | None:
        f = self.facts
        if f.prior_bcma_therapy:
            return "prior_bcma_therapy is true"
        if f.prior_car_t and self.prior_car_t_code in BCMA_PRODUCTS:
            return f"prior CAR-T product {self.prior_car_t_code}"
        for lv in self.lines or ():
            if any("BCMA" in d.targets for d in lv.drugs) or "BCMA_bispecific" in lv.classes:
                return f"line {lv.raw.line or lv.index + 1} contains a BCMA-directed drug"
        return None

    @cached_property
    def prior_car_t_code(self) -> str | None:
        name = self.facts.prior_car_t_product
        if not name:
            return None
        drug = self.dictionary.drug(name)
        if drug is None:
            return name.strip().lower()
        aliases = {"tisagenlecleucel": "tisa-cel", "axicabtagene ciloleucel": "axi-cel",
                   "lisocabtagene maraleucel": "liso-cel", "brexucabtagene autoleucel": "brexu-cel",
                   "obecabtagene autoleucel": "obe-cel", "idecabtagene vicleucel": "ide-cel",
                   "ciltacabtagene autoleucel": "cilta-cel"}
        return aliases.get(drug.name, name.strip().lower())

    @cached_property
    def prior_cd19_car_t(self) -> str | None:
        if self.prior_car_t_code in CD19_PRODUCTS and self.facts.prior_car_t is not False:
            return f"prior CAR-T product {self.prior_car_t_code}"
        for lv in self.lines or ():
            if "CD19_CAR_T" in lv.classes:
                return f"line {lv.raw.line or lv.index + 1} is a CD19 CAR-T"
        return None
