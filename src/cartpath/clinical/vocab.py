"""Closed vocabularies of the batch contract (shared/contracts/README.md)."""

from __future__ import annotations

SEX = frozenset({"female", "male", "other"})
DISEASES = frozenset(
    {"LBCL", "FL", "MZL", "MCL", "CLL_SLL", "B_ALL", "MM", "B_NHL_unspecified", "other"}
)
HISTOLOGIES = frozenset({
    "DLBCL_NOS", "HGBCL", "PMBCL", "DLBCL_from_FL", "DLBCL_from_indolent", "FL_grade_1_2",
    "FL_grade_3A", "FL_grade_3B", "PCNSL", "MCL_classic", "MCL_blastoid", "CLL", "SLL",
    "nodal_MZL", "extranodal_MZL", "splenic_MZL", "B_cell_precursor_ALL", "multiple_myeloma",
})
DISEASE_STATUSES = frozenset({"relapsed", "refractory", "newly_diagnosed", "remission"})
DRUG_CLASSES = frozenset({
    "anti_CD20_mAb", "anthracycline_chemotherapy", "alkylating_agent", "platinum_chemotherapy",
    "antimetabolite_chemotherapy", "purine_analogue", "BTK_inhibitor", "BCL2_inhibitor",
    "PI3K_inhibitor", "IMiD", "PI", "anti_CD38_mAb", "XPO1_inhibitor", "BCMA_bispecific",
    "GPRC5D_bispecific", "CD19_CAR_T", "antibody_drug_conjugate", "autologous_SCT",
})
BEST_RESPONSES = frozenset({"CR", "PR", "SD", "PD", "PD_at_end_of_treatment"})

# The disease family each histology belongs to. FL grade 3B is FL by name; liso-cel's LBCL
# indication lists it explicitly, which the histology lists of the catalogue express.
HISTOLOGY_FAMILY = {
    "DLBCL_NOS": "LBCL", "HGBCL": "LBCL", "PMBCL": "LBCL", "DLBCL_from_FL": "LBCL",
    "DLBCL_from_indolent": "LBCL", "PCNSL": "LBCL", "FL_grade_1_2": "FL", "FL_grade_3A": "FL",
    "FL_grade_3B": "FL", "MCL_classic": "MCL", "MCL_blastoid": "MCL", "CLL": "CLL_SLL",
    "SLL": "CLL_SLL", "nodal_MZL": "MZL", "extranodal_MZL": "MZL", "splenic_MZL": "MZL",
    "B_cell_precursor_ALL": "B_ALL", "multiple_myeloma": "MM",
}
# "B_NHL_unspecified" could be any of these families: undecided, not a mismatch.
B_NHL_FAMILIES = frozenset({"LBCL", "FL", "MZL", "MCL", "CLL_SLL"})

OXYGEN_DEVICES = frozenset({
    "room_air", "nasal_cannula", "blow_by", "high_flow_nasal_cannula", "simple_face_mask",
    "non_rebreather", "venturi_mask", "cpap", "bipap", "mechanical_ventilation",
})
ASSESSMENT_TOOLS = frozenset({"ICE", "CAPD"})
CONSCIOUSNESS = frozenset({
    "normal", "depressed_awakens_spontaneously", "awakens_to_voice", "awakens_only_to_tactile",
    "unarousable_or_requires_vigorous_stimuli",
})
SEIZURES = frozenset({
    "none", "clinical_rapidly_resolving", "nonconvulsive_on_eeg_resolved_with_intervention",
    "prolonged_gt_5min_or_repetitive_without_recovery",
})
MOTOR_FINDINGS = frozenset({"none", "deep_focal_weakness"})
ICP_FINDINGS = frozenset({
    "none", "focal_edema_on_imaging", "diffuse_edema_on_imaging",
    "decerebrate_or_decorticate_posturing", "cn_vi_palsy", "papilledema", "cushings_triad",
})
