"""Contains all the data models used in inputs/outputs"""

from .acknowledge import Acknowledge
from .assignment_read import AssignmentRead
from .assignment_read_role import AssignmentReadRole
from .assignment_read_status import AssignmentReadStatus
from .cancel import Cancel
from .case_page import CasePage
from .case_read import CaseRead
from .case_read_feedback_type_0 import CaseReadFeedbackType0
from .case_read_pending_extension_type_0 import CaseReadPendingExtensionType0
from .case_read_severity import CaseReadSeverity
from .case_read_status import CaseReadStatus
from .departments import Departments
from .departments_response_departments import DepartmentsResponseDepartments
from .duplicates_response_duplicates import DuplicatesResponseDuplicates
from .evidence import Evidence
from .extension import Extension
from .field_problem import FieldProblem
from .get_rules_response_get_rules import GetRulesResponseGetRules
from .healthz_response_healthz import HealthzResponseHealthz
from .issue_ticket_response_issue_ticket import IssueTicketResponseIssueTicket
from .merge import Merge
from .overdue_response_overdue import OverdueResponseOverdue
from .preview_in import PreviewIn
from .preview_response_preview import PreviewResponsePreview
from .problem import Problem
from .put_rules_response_put_rules import PutRulesResponsePutRules
from .return_ import Return
from .rule_in import RuleIn
from .rule_set_in import RuleSetIn
from .timeline_entry_read import TimelineEntryRead

__all__ = (
    "Acknowledge",
    "AssignmentRead",
    "AssignmentReadRole",
    "AssignmentReadStatus",
    "Cancel",
    "CasePage",
    "CaseRead",
    "CaseReadFeedbackType0",
    "CaseReadPendingExtensionType0",
    "CaseReadSeverity",
    "CaseReadStatus",
    "Departments",
    "DepartmentsResponseDepartments",
    "DuplicatesResponseDuplicates",
    "Evidence",
    "Extension",
    "FieldProblem",
    "GetRulesResponseGetRules",
    "HealthzResponseHealthz",
    "IssueTicketResponseIssueTicket",
    "Merge",
    "OverdueResponseOverdue",
    "PreviewIn",
    "PreviewResponsePreview",
    "Problem",
    "PutRulesResponsePutRules",
    "Return",
    "RuleIn",
    "RuleSetIn",
    "TimelineEntryRead",
)
