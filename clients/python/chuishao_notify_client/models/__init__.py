"""Contains all the data models used in inputs/outputs"""

from .attempt_read import AttemptRead
from .delivery_page import DeliveryPage
from .delivery_read import DeliveryRead
from .field_problem import FieldProblem
from .healthz_response_healthz import HealthzResponseHealthz
from .problem import Problem
from .queued_test import QueuedTest
from .subscription_create import SubscriptionCreate
from .subscription_list import SubscriptionList
from .subscription_read import SubscriptionRead

__all__ = (
    "AttemptRead",
    "DeliveryPage",
    "DeliveryRead",
    "FieldProblem",
    "HealthzResponseHealthz",
    "Problem",
    "QueuedTest",
    "SubscriptionCreate",
    "SubscriptionList",
    "SubscriptionRead",
)
