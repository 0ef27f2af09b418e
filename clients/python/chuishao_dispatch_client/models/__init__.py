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
from .department_list import DepartmentList
from .department_load import DepartmentLoad
from .department_read import DepartmentRead
from .departments import Departments
from .duplicate_list import DuplicateList
from .duplicate_read import DuplicateRead
from .evidence import Evidence
from .extension import Extension
from .field_problem import FieldProblem
from .healthz_response_healthz import HealthzResponseHealthz
from .merge import Merge
from .overdue_desk import OverdueDesk
from .preview_in import PreviewIn
from .problem import Problem
from .return_ import Return
from .routing_decision_read import RoutingDecisionRead
from .routing_preview import RoutingPreview
from .rule_in import RuleIn
from .rule_read import RuleRead
from .rule_set_in import RuleSetIn
from .rule_set_read import RuleSetRead
from .stream_ticket import StreamTicket
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
    "DepartmentList",
    "DepartmentLoad",
    "DepartmentRead",
    "Departments",
    "DuplicateList",
    "DuplicateRead",
    "Evidence",
    "Extension",
    "FieldProblem",
    "HealthzResponseHealthz",
    "Merge",
    "OverdueDesk",
    "PreviewIn",
    "Problem",
    "Return",
    "RoutingDecisionRead",
    "RoutingPreview",
    "RuleIn",
    "RuleRead",
    "RuleSetIn",
    "RuleSetRead",
    "StreamTicket",
    "TimelineEntryRead",
)
