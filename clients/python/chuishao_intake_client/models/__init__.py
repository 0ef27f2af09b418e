"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .assignment_status_word import AssignmentStatusWord
from .assignment_view import AssignmentView
from .attribute import Attribute
from .attribute_value import AttributeValue
from .body_upload_photo import BodyUploadPhoto
from .case_status_word import CaseStatusWord
from .case_status_word_tone import CaseStatusWordTone
from .case_view import CaseView
from .category_list import CategoryList
from .category_read import CategoryRead
from .category_read_default_severity import CategoryReadDefaultSeverity
from .created_request import CreatedRequest
from .department_list import DepartmentList
from .department_read import DepartmentRead
from .discovery import Discovery
from .endpoint import Endpoint
from .error_item import ErrorItem
from .escalation_level import EscalationLevel
from .feedback_create import FeedbackCreate
from .feedback_create_satisfaction import FeedbackCreateSatisfaction
from .field_problem import FieldProblem
from .grid_list import GridList
from .grid_located import GridLocated
from .grid_read import GridRead
from .grids_format_type_0 import GridsFormatType0
from .grids_response_200 import GridsResponse200
from .grids_response_200_features_item import GridsResponse200FeaturesItem
from .grids_response_200_features_item_geometry_type_0 import (
    GridsResponse200FeaturesItemGeometryType0,
)
from .grids_response_200_features_item_properties import (
    GridsResponse200FeaturesItemProperties,
)
from .healthz_response_healthz import HealthzResponseHealthz
from .overdue_rule import OverdueRule
from .photo_read import PhotoRead
from .place_in import PlaceIn
from .problem import Problem
from .report_create import ReportCreate
from .report_create_severity import ReportCreateSeverity
from .report_page import ReportPage
from .report_read import ReportRead
from .report_read_feedback_type_0 import ReportReadFeedbackType0
from .report_read_severity import ReportReadSeverity
from .report_read_verification_type_0 import ReportReadVerificationType0
from .report_status_word import ReportStatusWord
from .request_token import RequestToken
from .resident_in import ResidentIn
from .service import Service
from .service_definition import ServiceDefinition
from .service_request import ServiceRequest
from .timeline_entry import TimelineEntry
from .verification_create import VerificationCreate
from .verification_create_result import VerificationCreateResult
from .vocabulary import Vocabulary
from .word import Word

__all__ = (
    "Accepted",
    "AssignmentStatusWord",
    "AssignmentView",
    "Attribute",
    "AttributeValue",
    "BodyUploadPhoto",
    "CaseStatusWord",
    "CaseStatusWordTone",
    "CaseView",
    "CategoryList",
    "CategoryRead",
    "CategoryReadDefaultSeverity",
    "CreatedRequest",
    "DepartmentList",
    "DepartmentRead",
    "Discovery",
    "Endpoint",
    "ErrorItem",
    "EscalationLevel",
    "FeedbackCreate",
    "FeedbackCreateSatisfaction",
    "FieldProblem",
    "GridList",
    "GridLocated",
    "GridRead",
    "GridsFormatType0",
    "GridsResponse200",
    "GridsResponse200FeaturesItem",
    "GridsResponse200FeaturesItemGeometryType0",
    "GridsResponse200FeaturesItemProperties",
    "HealthzResponseHealthz",
    "OverdueRule",
    "PhotoRead",
    "PlaceIn",
    "Problem",
    "ReportCreate",
    "ReportCreateSeverity",
    "ReportPage",
    "ReportRead",
    "ReportReadFeedbackType0",
    "ReportReadSeverity",
    "ReportReadVerificationType0",
    "ReportStatusWord",
    "RequestToken",
    "ResidentIn",
    "Service",
    "ServiceDefinition",
    "ServiceRequest",
    "TimelineEntry",
    "VerificationCreate",
    "VerificationCreateResult",
    "Vocabulary",
    "Word",
)
