"""Contains all the data models used in inputs/outputs"""

from .acknowledge import Acknowledge
from .approval_read import ApprovalRead
from .approve_in import ApproveIn
from .assignment_read import AssignmentRead
from .assignment_read_role import AssignmentReadRole
from .assignment_read_status import AssignmentReadStatus
from .assignment_status_word import AssignmentStatusWord
from .audit_entry import AuditEntry
from .audit_entry_after import AuditEntryAfter
from .audit_entry_before_type_0 import AuditEntryBeforeType0
from .audit_list import AuditList
from .body_import_people import BodyImportPeople
from .cancel import Cancel
from .case_page import CasePage
from .case_read import CaseRead
from .case_read_community_handover_type_0 import CaseReadCommunityHandoverType0
from .case_read_feedback_type_0 import CaseReadFeedbackType0
from .case_read_pending_extension_type_0 import CaseReadPendingExtensionType0
from .case_read_severity import CaseReadSeverity
from .case_read_status import CaseReadStatus
from .case_status_word import CaseStatusWord
from .case_status_word_tone import CaseStatusWordTone
from .chain import Chain
from .chains import Chains
from .change_set_in import ChangeSetIn
from .change_set_in_content import ChangeSetInContent
from .change_set_list import ChangeSetList
from .change_set_read import ChangeSetRead
from .change_set_read_content_type_0 import ChangeSetReadContentType0
from .change_set_read_diff_type_0_item import ChangeSetReadDiffType0Item
from .change_set_summary import ChangeSetSummary
from .collection import Collection
from .collection_features_item import CollectionFeaturesItem
from .deactivate import Deactivate
from .department_list import DepartmentList
from .department_load import DepartmentLoad
from .department_read import DepartmentRead
from .departments import Departments
from .directory_changes import DirectoryChanges
from .directory_entry import DirectoryEntry
from .directory_entry_roles_item import DirectoryEntryRolesItem
from .dry_run_in import DryRunIn
from .dry_run_read import DryRunRead
from .dry_run_read_totals import DryRunReadTotals
from .dry_run_row import DryRunRow
from .duplicate_list import DuplicateList
from .duplicate_read import DuplicateRead
from .duty_people import DutyPeople
from .duty_person import DutyPerson
from .escalation_level import EscalationLevel
from .evidence import Evidence
from .export_read import ExportRead
from .export_read_files import ExportReadFiles
from .extension import Extension
from .field_problem import FieldProblem
from .grid_list import GridList
from .grid_read import GridRead
from .hand_over import HandOver
from .healthz_response_healthz import HealthzResponseHealthz
from .import_in import ImportIn
from .import_in_files import ImportInFiles
from .import_report import ImportReport
from .import_report_errors_item import ImportReportErrorsItem
from .merge import Merge
from .on_duty import OnDuty
from .on_duty_level import OnDutyLevel
from .overdue_desk import OverdueDesk
from .overdue_rule import OverdueRule
from .person_in import PersonIn
from .person_list import PersonList
from .person_patch import PersonPatch
from .person_read import PersonRead
from .person_read_roles_item import PersonReadRolesItem
from .preview_in import PreviewIn
from .problem import Problem
from .reason_in import ReasonIn
from .reference_audit_entry import ReferenceAuditEntry
from .reference_audit_entry_detail import ReferenceAuditEntryDetail
from .reference_audit_list import ReferenceAuditList
from .report_status_word import ReportStatusWord
from .reporter_contact import ReporterContact
from .resolution import Resolution
from .return_ import Return
from .role_in import RoleIn
from .routing_decision_read import RoutingDecisionRead
from .routing_preview import RoutingPreview
from .rule_in import RuleIn
from .rule_proposal_in import RuleProposalIn
from .rule_read import RuleRead
from .rule_set_in import RuleSetIn
from .rule_set_read import RuleSetRead
from .shift import Shift
from .staff_map import StaffMap
from .staff_needs_map import StaffNeedsMap
from .step_taken import StepTaken
from .stream_ticket import StreamTicket
from .timeline_entry_read import TimelineEntryRead
from .version_list import VersionList
from .version_read import VersionRead
from .version_read_content_type_0 import VersionReadContentType0
from .version_summary import VersionSummary
from .version_summary_content_type_0 import VersionSummaryContentType0
from .vocabulary import Vocabulary
from .week import Week
from .week_level import WeekLevel
from .withdrawal_read import WithdrawalRead
from .word import Word

__all__ = (
    "Acknowledge",
    "ApprovalRead",
    "ApproveIn",
    "AssignmentRead",
    "AssignmentReadRole",
    "AssignmentReadStatus",
    "AssignmentStatusWord",
    "AuditEntry",
    "AuditEntryAfter",
    "AuditEntryBeforeType0",
    "AuditList",
    "BodyImportPeople",
    "Cancel",
    "CasePage",
    "CaseRead",
    "CaseReadCommunityHandoverType0",
    "CaseReadFeedbackType0",
    "CaseReadPendingExtensionType0",
    "CaseReadSeverity",
    "CaseReadStatus",
    "CaseStatusWord",
    "CaseStatusWordTone",
    "Chain",
    "Chains",
    "ChangeSetIn",
    "ChangeSetInContent",
    "ChangeSetList",
    "ChangeSetRead",
    "ChangeSetReadContentType0",
    "ChangeSetReadDiffType0Item",
    "ChangeSetSummary",
    "Collection",
    "CollectionFeaturesItem",
    "Deactivate",
    "DepartmentList",
    "DepartmentLoad",
    "DepartmentRead",
    "Departments",
    "DirectoryChanges",
    "DirectoryEntry",
    "DirectoryEntryRolesItem",
    "DryRunIn",
    "DryRunRead",
    "DryRunReadTotals",
    "DryRunRow",
    "DuplicateList",
    "DuplicateRead",
    "DutyPeople",
    "DutyPerson",
    "EscalationLevel",
    "Evidence",
    "ExportRead",
    "ExportReadFiles",
    "Extension",
    "FieldProblem",
    "GridList",
    "GridRead",
    "HandOver",
    "HealthzResponseHealthz",
    "ImportIn",
    "ImportInFiles",
    "ImportReport",
    "ImportReportErrorsItem",
    "Merge",
    "OnDuty",
    "OnDutyLevel",
    "OverdueDesk",
    "OverdueRule",
    "PersonIn",
    "PersonList",
    "PersonPatch",
    "PersonRead",
    "PersonReadRolesItem",
    "PreviewIn",
    "Problem",
    "ReasonIn",
    "ReferenceAuditEntry",
    "ReferenceAuditEntryDetail",
    "ReferenceAuditList",
    "ReportStatusWord",
    "ReporterContact",
    "Resolution",
    "Return",
    "RoleIn",
    "RoutingDecisionRead",
    "RoutingPreview",
    "RuleIn",
    "RuleProposalIn",
    "RuleRead",
    "RuleSetIn",
    "RuleSetRead",
    "Shift",
    "StaffMap",
    "StaffNeedsMap",
    "StepTaken",
    "StreamTicket",
    "TimelineEntryRead",
    "VersionList",
    "VersionRead",
    "VersionReadContentType0",
    "VersionSummary",
    "VersionSummaryContentType0",
    "Vocabulary",
    "Week",
    "WeekLevel",
    "WithdrawalRead",
    "Word",
)
