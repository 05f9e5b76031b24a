"""Drug and regimen names as they are written in free text, with their ``drug_classes``.

cartpath.clinical.drugs is the platform's source of truth for drug classes (it resolves regimen
names in structured case facts); this module adds what free-text search needs on top of it:
spellings safe to search for in prose (brand names, regimen acronyms, case rules for acronyms
that are also English words) and oncology drugs outside its scope. When both know a drug, the
classes come from cartpath.clinical, so ``extract`` and ``prescreen`` agree. Drugs the contract
vocabulary has no class for (vincristine, etoposide, steroids, most bispecifics) get no class.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

ANTI_CD20 = "anti_CD20_mAb"
ANTHRA = "anthracycline_chemotherapy"
ALKYL = "alkylating_agent"
PLATINUM = "platinum_chemotherapy"
ANTIMET = "antimetabolite_chemotherapy"
PURINE = "purine_analogue"
BTKI = "BTK_inhibitor"
BCL2I = "BCL2_inhibitor"
PI3KI = "PI3K_inhibitor"
IMID = "IMiD"
PI = "PI"
CD38 = "anti_CD38_mAb"
XPO1 = "XPO1_inhibitor"
BCMA_BISPECIFIC = "BCMA_bispecific"
GPRC5D_BISPECIFIC = "GPRC5D_bispecific"
CD19_CART = "CD19_CAR_T"
ADC = "antibody_drug_conjugate"
AUTO_SCT = "autologous_SCT"


@dataclass(frozen=True)
class Drug:
    name: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    # Supportive/steroid drugs only count as anticancer therapy inside a regimen.
    supportive: bool = False
    bcma_directed: bool = False
    car_t: bool = False


DRUGS: tuple[Drug, ...] = (
    Drug("rituximab", (ANTI_CD20,), ("rituxan", "mabthera", "truxima", "ruxience", "riabni")),
    Drug("obinutuzumab", (ANTI_CD20,), ("gazyva",)),
    Drug("ofatumumab", (ANTI_CD20,), ("arzerra",)),
    Drug("doxorubicin", (ANTHRA,), ("adriamycin", "hydroxydaunorubicin", "doxil")),
    Drug("daunorubicin", (ANTHRA,)),
    Drug("idarubicin", (ANTHRA,)),
    Drug("epirubicin", (ANTHRA,)),
    Drug("mitoxantrone", (ANTHRA,)),
    Drug("cyclophosphamide", (ALKYL,), ("cytoxan",)),
    Drug("ifosfamide", (ALKYL,)),
    Drug("bendamustine", (ALKYL,), ("treanda", "bendeka")),
    Drug("chlorambucil", (ALKYL,), ("leukeran",)),
    Drug("melphalan", (ALKYL,), ("alkeran",)),
    Drug("carmustine", (ALKYL,), ("bcnu",)),
    Drug("busulfan", (ALKYL,)),
    Drug("thiotepa", (ALKYL,)),
    Drug("dacarbazine", (ALKYL,), ("dtic",)),
    Drug("temozolomide", (ALKYL,), ("temodar",)),
    Drug("procarbazine", (ALKYL,)),
    Drug("cisplatin", (PLATINUM,)),
    Drug("carboplatin", (PLATINUM,)),
    Drug("oxaliplatin", (PLATINUM,)),
    Drug("cytarabine", (ANTIMET,), ("ara-c", "cytosine arabinoside")),
    Drug("methotrexate", (ANTIMET,)),
    Drug("gemcitabine", (ANTIMET,), ("gemzar",)),
    Drug("mercaptopurine", (ANTIMET,), ("6-mp", "6-mercaptopurine")),
    Drug("hydroxyurea", (ANTIMET,), ("hydrea",)),
    Drug("fludarabine", (PURINE,), ("fludara",)),
    Drug("cladribine", (PURINE,)),
    Drug("pentostatin", (PURINE,)),
    Drug("nelarabine", (PURINE,)),
    Drug("clofarabine", (PURINE,)),
    Drug("ibrutinib", (BTKI,), ("imbruvica",)),
    Drug("acalabrutinib", (BTKI,), ("calquence",)),
    Drug("zanubrutinib", (BTKI,), ("brukinsa",)),
    Drug("pirtobrutinib", (BTKI,), ("jaypirca",)),
    Drug("venetoclax", (BCL2I,), ("venclexta",)),
    Drug("idelalisib", (PI3KI,), ("zydelig",)),
    Drug("duvelisib", (PI3KI,), ("copiktra",)),
    Drug("copanlisib", (PI3KI,), ("aliqopa",)),
    Drug("umbralisib", (PI3KI,)),
    Drug("lenalidomide", (IMID,), ("revlimid",)),
    Drug("pomalidomide", (IMID,), ("pomalyst",)),
    Drug("thalidomide", (IMID,), ("thalomid",)),
    Drug("bortezomib", (PI,), ("velcade",)),
    Drug("carfilzomib", (PI,), ("kyprolis",)),
    Drug("ixazomib", (PI,), ("ninlaro",)),
    Drug("daratumumab", (CD38,), ("darzalex", "darzalex faspro", "dara")),
    Drug("isatuximab", (CD38,), ("sarclisa",)),
    Drug("selinexor", (XPO1,), ("xpovio",)),
    Drug("teclistamab", (BCMA_BISPECIFIC,), ("tecvayli",), bcma_directed=True),
    Drug("elranatamab", (BCMA_BISPECIFIC,), ("elrexfio",), bcma_directed=True),
    Drug("linvoseltamab", (BCMA_BISPECIFIC,), ("lynozyfic",), bcma_directed=True),
    Drug("talquetamab", (GPRC5D_BISPECIFIC,), ("talvey",)),
    Drug("polatuzumab vedotin", (ADC,), ("polatuzumab", "polivy", "pola")),
    Drug("brentuximab vedotin", (ADC,), ("brentuximab", "adcetris")),
    Drug("loncastuximab tesirine", (ADC,), ("loncastuximab", "zynlonta")),
    Drug("inotuzumab ozogamicin", (ADC,), ("inotuzumab", "besponsa")),
    Drug("belantamab mafodotin", (ADC,), ("belantamab", "blenrep"), bcma_directed=True),
    Drug("blinatumomab", (), ("blincyto",)),
    Drug("glofitamab", (), ("columvi",)),
    Drug("epcoritamab", (), ("epkinly",)),
    Drug("mosunetuzumab", (), ("lunsumio",)),
    Drug("tafasitamab", (), ("monjuvi",)),
    Drug("elotuzumab", (), ("empliciti",)),
    Drug("vincristine", (), ("oncovin",)),
    Drug("vinblastine", ()),
    Drug("etoposide", (), ("vp-16", "vp16")),
    Drug("bleomycin", ()),
    Drug("asparaginase", (), ("pegaspargase", "peg-asparaginase", "oncaspar")),
    Drug("imatinib", (), ("gleevec",)),
    Drug("dasatinib", (), ("sprycel",)),
    Drug("ponatinib", (), ("iclusig",)),
    Drug("azacitidine", (ANTIMET,), ("vidaza",)),
    Drug("decitabine", (ANTIMET,), ("dacogen",)),
    Drug("axicabtagene ciloleucel", (CD19_CART,), ("axi-cel", "yescarta"), car_t=True),
    Drug("tisagenlecleucel", (CD19_CART,), ("tisa-cel", "kymriah"), car_t=True),
    Drug("lisocabtagene maraleucel", (CD19_CART,), ("liso-cel", "breyanzi"), car_t=True),
    Drug("brexucabtagene autoleucel", (CD19_CART,), ("brexu-cel", "tecartus"), car_t=True),
    Drug("obecabtagene autoleucel", (CD19_CART,), ("obe-cel", "aucatzyl"), car_t=True),
    Drug("idecabtagene vicleucel", (), ("ide-cel", "abecma"), car_t=True, bcma_directed=True),
    Drug("ciltacabtagene autoleucel", (), ("cilta-cel", "carvykti"), car_t=True,
         bcma_directed=True),
    # Solid-tumour drugs named in general oncology notes; no class in the contract vocabulary
    # unless pharmacology gives one.
    Drug("paclitaxel", (), ("taxol", "abraxane", "nab-paclitaxel")),
    Drug("docetaxel", (), ("taxotere",)),
    Drug("ixabepilone", (), ("ixempra",)),
    Drug("bevacizumab", (), ("avastin",)),
    Drug("trastuzumab", (), ("herceptin",)),
    Drug("pembrolizumab", (), ("keytruda",)),
    Drug("nivolumab", (), ("opdivo",)),
    Drug("fluorouracil", (ANTIMET,), ("5-fu", "5-fluorouracil")),
    Drug("capecitabine", (ANTIMET,), ("xeloda",)),
    Drug("pemetrexed", (ANTIMET,), ("alimta",)),
    Drug("irinotecan", (), ("camptosar",)),
    Drug("topotecan", ()),
    Drug("vinorelbine", (), ("navelbine",)),
    Drug("tamoxifen", (), ("nolvadex",)),
    Drug("letrozole", (), ("femara",)),
    Drug("anastrozole", (), ("arimidex",)),
    Drug("exemestane", (), ("aromasin",)),
    Drug("fulvestrant", (), ("faslodex",)),
    Drug("leuprolide", (), ("lupron", "leuprorelin")),
    Drug("interferon", (), ("interferon alfa", "interferon-alpha", "intron a")),
    Drug("prednisone", (), ("prednisolone",), supportive=True),
    Drug("methylprednisolone", (), ("solu-medrol",), supportive=True),
    Drug("dexamethasone", (), ("decadron", "dex"), supportive=True),
)

CAR_T_PRODUCT_CODES = {
    "axicabtagene ciloleucel": "axi-cel", "tisagenlecleucel": "tisa-cel",
    "lisocabtagene maraleucel": "liso-cel", "brexucabtagene autoleucel": "brexu-cel",
    "obecabtagene autoleucel": "obe-cel", "idecabtagene vicleucel": "ide-cel",
    "ciltacabtagene autoleucel": "cilta-cel",
}

BY_NAME = {d.name: d for d in DRUGS}

# Regimens: name, spelling pattern, component drugs. Case-sensitive patterns where the acronym
# is also an English word or another abbreviation (ICE, BR, Rd).
# A bare "R" prefix needs a hyphen or space ("R-ICE"), except before acronyms that are not
# words ("RCHOP"): "RICE" is rest, ice, compression, elevation.
R = "(?:R[- ]|R(?=CHOP|CVP|DHAP|DHAX|ESHAP|GDP|GemOx|EPOCH|[Hh]yper)|[Rr]ituximab[- ]?)"
REGIMENS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Pola-R-CHP", r"Pola[- ]?R[- ]?CHP", ("polatuzumab vedotin", "rituximab", "cyclophosphamide",
                                           "doxorubicin", "prednisone")),
    ("DA-EPOCH-R",
     r"(?:DA|dose[- ]adjusted)[- ]?(?:R[- ]?)?EPOCH(?:[- ]?R)?|R[- ]?EPOCH|EPOCH[- ]?R",
     ("etoposide", "prednisone", "vincristine", "cyclophosphamide", "doxorubicin", "rituximab")),
    ("R-mini-CHOP", R + r"mini[- ]?CHOP", ("rituximab", "cyclophosphamide", "doxorubicin",
                                          "vincristine", "prednisone")),
    ("R-CHOP", R + r"CHOP(?:[- ]?(?:14|21))?|CHOP[- ]R(?:ituximab)?\b",
     ("rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone")),
    ("CHOP", r"CHOP(?:[- ]?(?:14|21))?", ("cyclophosphamide", "doxorubicin", "vincristine",
                                           "prednisone")),
    ("R-CVP", R + r"CVP", ("rituximab", "cyclophosphamide", "vincristine", "prednisone")),
    ("R-ICE", R + r"ICE", ("rituximab", "ifosfamide", "carboplatin", "etoposide")),
    ("R-DHAP", R + r"DHAP", ("rituximab", "dexamethasone", "cytarabine", "cisplatin")),
    ("R-DHAX", R + r"DHA(?:X|Ox|OX)", ("rituximab", "dexamethasone", "cytarabine", "oxaliplatin")),
    ("R-ESHAP", R + r"ESHAP", ("rituximab", "etoposide", "methylprednisolone", "cytarabine",
                                "cisplatin")),
    ("R-GDP", R + r"GDP", ("rituximab", "gemcitabine", "dexamethasone", "cisplatin")),
    ("R-GemOx", R + r"Gem[- ]?Ox", ("rituximab", "gemcitabine", "oxaliplatin")),
    ("GemOx", r"Gem[- ]?Ox", ("gemcitabine", "oxaliplatin")),
    ("R-hyper-CVAD", R + r"[Hh]yper[- ]?CVAD", ("rituximab", "cyclophosphamide", "vincristine",
                                                "doxorubicin", "dexamethasone", "methotrexate",
                                                "cytarabine")),
    ("hyper-CVAD", r"[Hh]yper[- ]?CVAD", ("cyclophosphamide", "vincristine", "doxorubicin",
                                          "dexamethasone", "methotrexate", "cytarabine")),
    ("Pola-BR", r"Pola[- ]?BR", ("polatuzumab vedotin", "bendamustine", "rituximab")),
    ("BR", r"B[- ]?R|BR", ("bendamustine", "rituximab")),
    ("BEAM", r"R?[- ]?BEAM", ("carmustine", "etoposide", "cytarabine", "melphalan")),
    ("FCR", r"FCR", ("fludarabine", "cyclophosphamide", "rituximab")),
    ("R2", r"R-squared|R2(?= (?:regimen|therapy|x|\u00d7|for|with|maintenance))",
     ("lenalidomide", "rituximab")),
    ("Dara-VRd", r"(?:Dara|D)[- ]?(?:VRd|RVd|VRD|RVD)", ("daratumumab", "bortezomib",
                                                       "lenalidomide", "dexamethasone")),
    ("VRd", r"VRd|RVd|VRD|RVD", ("bortezomib", "lenalidomide", "dexamethasone")),
    ("KRd", r"KRd|KRD", ("carfilzomib", "lenalidomide", "dexamethasone")),
    ("DRd", r"DRd|DRD|Dara[- ]?Rd", ("daratumumab", "lenalidomide", "dexamethasone")),
    ("DVd", r"DVd|Dara[- ]?Vd", ("daratumumab", "bortezomib", "dexamethasone")),
    ("DPd", r"DPd|Dara[- ]?Pd", ("daratumumab", "pomalidomide", "dexamethasone")),
    ("DKd", r"DKd|Dara[- ]?Kd", ("daratumumab", "carfilzomib", "dexamethasone")),
    ("IsaPd", r"Isa[- ]?Pd", ("isatuximab", "pomalidomide", "dexamethasone")),
    ("KPd", r"KPd", ("carfilzomib", "pomalidomide", "dexamethasone")),
    ("PVd", r"PVd", ("pomalidomide", "bortezomib", "dexamethasone")),
    ("XVd", r"XVd|SVd", ("selinexor", "bortezomib", "dexamethasone")),
    ("CyBorD", r"CyBorD|VCd|VCD", ("cyclophosphamide", "bortezomib", "dexamethasone")),
    ("Kd", r"Kd", ("carfilzomib", "dexamethasone")),
    ("Vd", r"Vd", ("bortezomib", "dexamethasone")),
    ("Rd", r"Rd", ("lenalidomide", "dexamethasone")),
    ("Pd", r"Pd", ("pomalidomide", "dexamethasone")),
    ("ABVD", r"ABVD", ("doxorubicin", "bleomycin", "vinblastine", "dacarbazine")),
    ("BEACOPP", r"(?:esc)?BEACOPP", ("bleomycin", "etoposide", "doxorubicin", "cyclophosphamide",
                                     "vincristine", "procarbazine", "prednisone")),
    ("MATRix", r"MATRix", ("methotrexate", "cytarabine", "thiotepa", "rituximab")),
    ("ICE", r"ICE(?= (?:chemotherapy|regimen|salvage|x|\u00d7))|(?<=cycles of )ICE",
     ("ifosfamide", "carboplatin", "etoposide")),
)
REGIMEN_RX = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<r{i}>{pat})" for i, (_, pat, _) in enumerate(REGIMENS))
    + r")(?![\w])")

def _clinical_dictionary():  # noqa: ANN202
    try:
        from cartpath.clinical.drugs import load_drug_dictionary

        return load_drug_dictionary()
    except Exception:  # reading documents must not depend on the clinical data loading
        return None


_CLINICAL = _clinical_dictionary()
_ALIAS_INDEX: dict[str, Drug] = {}
for _drug in DRUGS:
    for _alias in (_drug.name, *_drug.aliases):
        _ALIAS_INDEX[_alias.lower()] = _drug
if _CLINICAL is not None:
    # Borrow the clinical dictionary's drugs and long spellings (brand names); its short
    # abbreviations ("cy", "flu", "tal", "ven") suit a regimen field, not a search of prose.
    for _name, _spec in _CLINICAL.drugs.items():
        if _spec.classes & {AUTO_SCT} or _name in ("allogeneic stem cell transplant",
                                                    "radiotherapy"):
            continue
        BY_NAME.setdefault(_name, Drug(_name, tuple(sorted(_spec.classes))))
    from cartpath.clinical.drugs import DRUGS_FILE as _DRUGS_FILE

    for _name, _spec in json.loads(_DRUGS_FILE.read_text(encoding="utf-8"))["drugs"].items():
        for _alias in (_name, *_spec.get("synonyms", ())):
            if (_name in BY_NAME and len(_alias) >= 6 and "high-dose" not in _alias
                    and _alias.lower() not in _ALIAS_INDEX):
                _ALIAS_INDEX[_alias.lower()] = BY_NAME[_name]
# "dex" and "dara" and "pola" are only trusted in lower/title case next to other drugs; they are
# still matched here because regimen context is checked by the extractor.
DRUG_RX = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(_ALIAS_INDEX, key=len, reverse=True))
    + r")(?=$|[^\w-]|-(?:based|containing|refractory|resistant|exposed|maintenance|"
    r"induced|naive)\b)", re.I)

# Free-standing CAR-T mentions without a product name.
CAR_T_RX = re.compile(
    r"(?<![\w-])(?:(?P<target>CD19|BCMA|CD22)[- ]?(?:directed |targeted )?)?"
    r"(?:(?-i:CAR[- ]?T)(?:[- ]?cells?)?(?:[- ]cell)?(?: therapy| treatment| infusion)?|"
    r"chimeric antigen receptor(?: T[- ]cells?)?(?: therapy)?)(?![\w])", re.I)


_TOKEN_RX = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")
_MAX_ALIAS_WORDS = max(len(a.split()) for a in _ALIAS_INDEX)
_ALIAS_FIRST_WORDS = {a.split()[0] for a in _ALIAS_INDEX}
# "Velcade-based", "lenalidomide-refractory": the drug is named, the suffix qualifies it.
_SUFFIXES = {"based", "containing", "refractory", "resistant", "exposed", "maintenance",
             "induced", "naive", "related", "associated"}


@dataclass(frozen=True)
class DrugSpan:
    start: int
    end: int
    drug: Drug


def find_drugs(text: str) -> list[DrugSpan]:
    """Drug names in text, longest alias first. A dictionary lookup over word n-grams: much
    faster than one regular expression with hundreds of alternatives."""
    tokens = list(_TOKEN_RX.finditer(text))
    found: list[DrugSpan] = []
    i = 0
    while i < len(tokens):
        if tokens[i].group(0).lower() not in _ALIAS_FIRST_WORDS:
            if "-" in tokens[i].group(0):
                found.extend(_hyphenated(tokens[i]))
            i += 1
            continue
        for n in range(min(_MAX_ALIAS_WORDS, len(tokens) - i), 0, -1):
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            key = " ".join(text[start:end].split()).lower()
            drug = _ALIAS_INDEX.get(key)
            if drug is not None:
                found.append(DrugSpan(start, end, drug))
                i += n
                break
        else:
            found.extend(_hyphenated(tokens[i]))
            i += 1
    return found


def _hyphenated(token: re.Match[str]) -> list[DrugSpan]:
    """"bendamustine-rituximab" names two drugs; "Velcade-based" one; "R-CHOP" none here."""
    if "-" not in token.group(0):
        return []
    spans, offset = [], token.start()
    for part in token.group(0).split("-"):
        drug = _ALIAS_INDEX.get(part.lower())
        if drug is not None:
            spans.append(DrugSpan(offset, offset + len(part), drug))
        elif part.lower() not in _SUFFIXES:
            return []
        offset += len(part) + 1
    return spans


def drug_for(alias: str) -> Drug | None:
    return _ALIAS_INDEX.get(alias.lower())


def regimen_at(match: re.Match[str]) -> tuple[str, tuple[str, ...]]:
    for key, value in match.groupdict().items():
        if value is not None:
            name, _, drugs = REGIMENS[int(key[1:])]
            return name, drugs
    raise ValueError("no regimen group matched")


def classes_of(drug_names: list[str] | tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for name in drug_names:
        clinical = _CLINICAL.drugs.get(name) if _CLINICAL is not None else None
        own = BY_NAME[name].classes if name in BY_NAME else ()
        for cls in sorted(clinical.classes) if clinical is not None else own:
            if cls not in seen:
                seen.append(cls)
    return seen
