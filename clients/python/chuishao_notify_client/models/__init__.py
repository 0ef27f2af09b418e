"""Contains all the data models used in inputs/outputs"""

from .attempt_read import AttemptRead
from .delivery_page import DeliveryPage
from .delivery_read import DeliveryRead
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
from .problem import Problem
from .queued_test import QueuedTest
from .roster_read import RosterRead
from .shift_read import ShiftRead
from .subscription_create import SubscriptionCreate
from .subscription_list import SubscriptionList
from .subscription_read import SubscriptionRead
from .week_level import WeekLevel
from .week_read import WeekRead

__all__ = (
    "AttemptRead",
    "DeliveryPage",
    "DeliveryRead",
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
    "Problem",
    "QueuedTest",
    "RosterRead",
    "ShiftRead",
    "SubscriptionCreate",
    "SubscriptionList",
    "SubscriptionRead",
    "WeekLevel",
    "WeekRead",
)
