"""Reference data: jurisdictions and grids, departments, categories, SLA policies, routing rules."""

from chuishao_shared.reference.loader import (
    DEFAULT_DATA_DIR,
    Problem,
    ReferenceData,
    ReferenceDataError,
    load_reference,
)
from chuishao_shared.reference.models import (
    Category,
    Department,
    Jurisdiction,
    MajorCategory,
    RoutingRuleData,
    RuleSetData,
    SlaPolicy,
    WorkCalendar,
)
from chuishao_shared.vocabulary import SEVERITIES, Severity

__all__ = [
    "DEFAULT_DATA_DIR",
    "SEVERITIES",
    "Category",
    "Department",
    "Jurisdiction",
    "MajorCategory",
    "Problem",
    "ReferenceData",
    "ReferenceDataError",
    "RoutingRuleData",
    "RuleSetData",
    "Severity",
    "SlaPolicy",
    "WorkCalendar",
    "load_reference",
]
