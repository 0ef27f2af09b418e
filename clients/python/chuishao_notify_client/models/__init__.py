"""Contains all the data models used in inputs/outputs"""

from .attempt_read import AttemptRead
from .chain_read import ChainRead
from .chains_read import ChainsRead
from .delivery_page import DeliveryPage
from .delivery_read import DeliveryRead
from .escalation_department_figures import EscalationDepartmentFigures
from .escalation_level_figures import EscalationLevelFigures
from .escalation_stats_read import EscalationStatsRead
from .escalation_step_figures import EscalationStepFigures
from .escalation_summary import EscalationSummary
from .field_problem import FieldProblem
from .healthz_response_healthz import HealthzResponseHealthz
from .layer_read import LayerRead
from .layer_write import LayerWrite
from .on_duty_level import OnDutyLevel
from .on_duty_read import OnDutyRead
from .override_read import OverrideRead
from .override_write import OverrideWrite
from .person_read import PersonRead
from .person_write import PersonWrite
from .policy_read import PolicyRead
from .policy_write import PolicyWrite
from .problem import Problem
from .queued_test import QueuedTest
from .roster_read import RosterRead
from .shift_read import ShiftRead
from .step_read import StepRead
from .step_taken_read import StepTakenRead
from .step_write import StepWrite
from .step_write_kind import StepWriteKind
from .subscription_create import SubscriptionCreate
from .subscription_list import SubscriptionList
from .subscription_read import SubscriptionRead
from .week_level import WeekLevel
from .week_read import WeekRead

__all__ = (
    "AttemptRead",
    "ChainRead",
    "ChainsRead",
    "DeliveryPage",
    "DeliveryRead",
    "EscalationDepartmentFigures",
    "EscalationLevelFigures",
    "EscalationStatsRead",
    "EscalationStepFigures",
    "EscalationSummary",
    "FieldProblem",
    "HealthzResponseHealthz",
    "LayerRead",
    "LayerWrite",
    "OnDutyLevel",
    "OnDutyRead",
    "OverrideRead",
    "OverrideWrite",
    "PersonRead",
    "PersonWrite",
    "PolicyRead",
    "PolicyWrite",
    "Problem",
    "QueuedTest",
    "RosterRead",
    "ShiftRead",
    "StepRead",
    "StepTakenRead",
    "StepWrite",
    "StepWriteKind",
    "SubscriptionCreate",
    "SubscriptionList",
    "SubscriptionRead",
    "WeekLevel",
    "WeekRead",
)
