"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .assignment_view import AssignmentView
from .body_upload_photo import BodyUploadPhoto
from .case_view import CaseView
from .category_list import CategoryList
from .category_read import CategoryRead
from .category_read_default_severity import CategoryReadDefaultSeverity
from .department_list import DepartmentList
from .department_read import DepartmentRead
from .feedback_create import FeedbackCreate
from .feedback_create_satisfaction import FeedbackCreateSatisfaction
from .field_problem import FieldProblem
from .grid_list import GridList
from .grid_read import GridRead
from .healthz_response_healthz import HealthzResponseHealthz
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
from .resident_in import ResidentIn
from .timeline_entry import TimelineEntry
from .verification_create import VerificationCreate
from .verification_create_result import VerificationCreateResult

__all__ = (
    "Accepted",
    "AssignmentView",
    "BodyUploadPhoto",
    "CaseView",
    "CategoryList",
    "CategoryRead",
    "CategoryReadDefaultSeverity",
    "DepartmentList",
    "DepartmentRead",
    "FeedbackCreate",
    "FeedbackCreateSatisfaction",
    "FieldProblem",
    "GridList",
    "GridRead",
    "HealthzResponseHealthz",
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
    "ResidentIn",
    "TimelineEntry",
    "VerificationCreate",
    "VerificationCreateResult",
)
