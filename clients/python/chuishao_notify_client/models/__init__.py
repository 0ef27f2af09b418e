"""Contains all the data models used in inputs/outputs"""

from .create_response_create import CreateResponseCreate
from .deliveries_response_deliveries import DeliveriesResponseDeliveries
from .field_problem import FieldProblem
from .healthz_response_healthz import HealthzResponseHealthz
from .listing_response_listing import ListingResponseListing
from .problem import Problem
from .read_response_read import ReadResponseRead
from .subscription_create import SubscriptionCreate
from .test_response_test import TestResponseTest

__all__ = (
    "CreateResponseCreate",
    "DeliveriesResponseDeliveries",
    "FieldProblem",
    "HealthzResponseHealthz",
    "ListingResponseListing",
    "Problem",
    "ReadResponseRead",
    "SubscriptionCreate",
    "TestResponseTest",
)
