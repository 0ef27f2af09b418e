"""Contains all the data models used in inputs/outputs"""

from .action_create import ActionCreate
from .action_create_kind import ActionCreateKind
from .action_read import ActionRead
from .action_read_kind import ActionReadKind
from .action_read_status import ActionReadStatus
from .activity_create import ActivityCreate
from .activity_page import ActivityPage
from .activity_place_body import ActivityPlaceBody
from .activity_read import ActivityRead
from .activity_read_grants_item import ActivityReadGrantsItem
from .activity_read_place import ActivityReadPlace
from .activity_read_signups_item import ActivityReadSignupsItem
from .activity_read_slots_item import ActivityReadSlotsItem
from .agreement_body import AgreementBody
from .agreement_read import AgreementRead
from .assignment_status_word import AssignmentStatusWord
from .case_outcome import CaseOutcome
from .case_status_word import CaseStatusWord
from .case_status_word_tone import CaseStatusWordTone
from .certificate_read import CertificateRead
from .certificate_read_lines_item import CertificateReadLinesItem
from .certificate_ref import CertificateRef
from .check_body import CheckBody
from .claim import Claim
from .claim_read import ClaimRead
from .claim_read_claimant_kind import ClaimReadClaimantKind
from .claim_read_status import ClaimReadStatus
from .close_body import CloseBody
from .confirm import Confirm
from .confirm_satisfaction import ConfirmSatisfaction
from .decision_create import DecisionCreate
from .done import Done
from .empty import Empty
from .empty_body import EmptyBody
from .escalation_level import EscalationLevel
from .evidence_in import EvidenceIn
from .evidence_in_type import EvidenceInType
from .field_problem import FieldProblem
from .grant_create import GrantCreate
from .healthz_response_healthz import HealthzResponseHealthz
from .holder_add import HolderAdd
from .hours_entry import HoursEntry
from .hours_entry_source import HoursEntrySource
from .hours_read import HoursRead
from .hsds_page import HsdsPage
from .hsds_page_contents_item import HsdsPageContentsItem
from .item_body import ItemBody
from .links_body import LinksBody
from .list_members_status_type_0 import ListMembersStatusType0
from .list_needs_status_type_0 import ListNeedsStatusType0
from .list_topics_step_type_0 import ListTopicsStepType0
from .meeting_create import MeetingCreate
from .meeting_read import MeetingRead
from .meeting_read_attendance_item import MeetingReadAttendanceItem
from .meeting_read_missing_item import MeetingReadMissingItem
from .meeting_read_options_item import MeetingReadOptionsItem
from .meeting_read_present import MeetingReadPresent
from .meeting_read_step import MeetingReadStep
from .member_add import MemberAdd
from .member_add_role import MemberAddRole
from .member_create import MemberCreate
from .member_page import MemberPage
from .member_read import MemberRead
from .member_read_status import MemberReadStatus
from .member_self import MemberSelf
from .member_self_status import MemberSelfStatus
from .need_create import NeedCreate
from .need_create_privacy import NeedCreatePrivacy
from .need_create_urgency import NeedCreateUrgency
from .need_page import NeedPage
from .need_read import NeedRead
from .need_read_privacy import NeedReadPrivacy
from .need_read_satisfaction_type_0 import NeedReadSatisfactionType0
from .need_read_status import NeedReadStatus
from .need_read_urgency import NeedReadUrgency
from .needs_map import NeedsMap
from .option_in import OptionIn
from .order_create import OrderCreate
from .order_page import OrderPage
from .order_read import OrderRead
from .order_read_items_item import OrderReadItemsItem
from .order_read_status import OrderReadStatus
from .order_response_create import OrderResponseCreate
from .order_response_read import OrderResponseRead
from .order_response_read_items_item import OrderResponseReadItemsItem
from .order_stats import OrderStats
from .overdue_rule import OverdueRule
from .person_body import PersonBody
from .person_in import PersonIn
from .person_in_party import PersonInParty
from .person_read import PersonRead
from .place_body import PlaceBody
from .point_collection import PointCollection
from .point_feature import PointFeature
from .point_feature_geometry import PointFeatureGeometry
from .point_feature_properties import PointFeatureProperties
from .post_create import PostCreate
from .post_page import PostPage
from .post_read import PostRead
from .problem import Problem
from .progress_create import ProgressCreate
from .progress_create_status_type_0 import ProgressCreateStatusType0
from .project_create import ProjectCreate
from .project_create_status import ProjectCreateStatus
from .project_page import ProjectPage
from .project_read import ProjectRead
from .project_read_links import ProjectReadLinks
from .project_read_progress_item import ProjectReadProgressItem
from .project_read_status import ProjectReadStatus
from .qr_read import QrRead
from .reason import Reason
from .release_body import ReleaseBody
from .report_status_word import ReportStatusWord
from .resident import Resident
from .resident_read import ResidentRead
from .resource_create import ResourceCreate
from .resource_create_kind import ResourceCreateKind
from .resource_create_life_circle import ResourceCreateLifeCircle
from .resource_create_status import ResourceCreateStatus
from .resource_page import ResourcePage
from .resource_read import ResourceRead
from .resource_read_place import ResourceReadPlace
from .resource_read_schedule_item import ResourceReadScheduleItem
from .review_create import ReviewCreate
from .review_create_result import ReviewCreateResult
from .review_create_satisfaction_type_0 import ReviewCreateSatisfactionType0
from .schedule_body import ScheduleBody
from .signup_create import SignupCreate
from .slot_body import SlotBody
from .team_create import TeamCreate
from .team_create_kind import TeamCreateKind
from .team_page import TeamPage
from .team_read import TeamRead
from .team_read_kind import TeamReadKind
from .tenure_end import TenureEnd
from .tenure_read import TenureRead
from .term import Term
from .term_list import TermList
from .topic_create import TopicCreate
from .topic_page import TopicPage
from .topic_read import TopicRead
from .topic_read_decisions_item import TopicReadDecisionsItem
from .topic_read_evidence_item import TopicReadEvidenceItem
from .topic_read_meetings_item import TopicReadMeetingsItem
from .topic_read_participants_item import TopicReadParticipantsItem
from .topic_read_review_type_0 import TopicReadReviewType0
from .topic_read_step import TopicReadStep
from .topic_read_timeline_item import TopicReadTimelineItem
from .topic_set import TopicSet
from .unit_create import UnitCreate
from .unit_create_kind import UnitCreateKind
from .unit_list import UnitList
from .unit_read import UnitRead
from .vocabulary import Vocabulary
from .whistle import Whistle
from .word import Word
from .work_unit_summary_format import WorkUnitSummaryFormat

__all__ = (
    "ActionCreate",
    "ActionCreateKind",
    "ActionRead",
    "ActionReadKind",
    "ActionReadStatus",
    "ActivityCreate",
    "ActivityPage",
    "ActivityPlaceBody",
    "ActivityRead",
    "ActivityReadGrantsItem",
    "ActivityReadPlace",
    "ActivityReadSignupsItem",
    "ActivityReadSlotsItem",
    "AgreementBody",
    "AgreementRead",
    "AssignmentStatusWord",
    "CaseOutcome",
    "CaseStatusWord",
    "CaseStatusWordTone",
    "CertificateRead",
    "CertificateReadLinesItem",
    "CertificateRef",
    "CheckBody",
    "Claim",
    "ClaimRead",
    "ClaimReadClaimantKind",
    "ClaimReadStatus",
    "CloseBody",
    "Confirm",
    "ConfirmSatisfaction",
    "DecisionCreate",
    "Done",
    "Empty",
    "EmptyBody",
    "EscalationLevel",
    "EvidenceIn",
    "EvidenceInType",
    "FieldProblem",
    "GrantCreate",
    "HealthzResponseHealthz",
    "HolderAdd",
    "HoursEntry",
    "HoursEntrySource",
    "HoursRead",
    "HsdsPage",
    "HsdsPageContentsItem",
    "ItemBody",
    "LinksBody",
    "ListMembersStatusType0",
    "ListNeedsStatusType0",
    "ListTopicsStepType0",
    "MeetingCreate",
    "MeetingRead",
    "MeetingReadAttendanceItem",
    "MeetingReadMissingItem",
    "MeetingReadOptionsItem",
    "MeetingReadPresent",
    "MeetingReadStep",
    "MemberAdd",
    "MemberAddRole",
    "MemberCreate",
    "MemberPage",
    "MemberRead",
    "MemberReadStatus",
    "MemberSelf",
    "MemberSelfStatus",
    "NeedCreate",
    "NeedCreatePrivacy",
    "NeedCreateUrgency",
    "NeedPage",
    "NeedRead",
    "NeedReadPrivacy",
    "NeedReadSatisfactionType0",
    "NeedReadStatus",
    "NeedReadUrgency",
    "NeedsMap",
    "OptionIn",
    "OrderCreate",
    "OrderPage",
    "OrderRead",
    "OrderReadItemsItem",
    "OrderReadStatus",
    "OrderResponseCreate",
    "OrderResponseRead",
    "OrderResponseReadItemsItem",
    "OrderStats",
    "OverdueRule",
    "PersonBody",
    "PersonIn",
    "PersonInParty",
    "PersonRead",
    "PlaceBody",
    "PointCollection",
    "PointFeature",
    "PointFeatureGeometry",
    "PointFeatureProperties",
    "PostCreate",
    "PostPage",
    "PostRead",
    "Problem",
    "ProgressCreate",
    "ProgressCreateStatusType0",
    "ProjectCreate",
    "ProjectCreateStatus",
    "ProjectPage",
    "ProjectRead",
    "ProjectReadLinks",
    "ProjectReadProgressItem",
    "ProjectReadStatus",
    "QrRead",
    "Reason",
    "ReleaseBody",
    "ReportStatusWord",
    "Resident",
    "ResidentRead",
    "ResourceCreate",
    "ResourceCreateKind",
    "ResourceCreateLifeCircle",
    "ResourceCreateStatus",
    "ResourcePage",
    "ResourceRead",
    "ResourceReadPlace",
    "ResourceReadScheduleItem",
    "ReviewCreate",
    "ReviewCreateResult",
    "ReviewCreateSatisfactionType0",
    "ScheduleBody",
    "SignupCreate",
    "SlotBody",
    "TeamCreate",
    "TeamCreateKind",
    "TeamPage",
    "TeamRead",
    "TeamReadKind",
    "TenureEnd",
    "TenureRead",
    "Term",
    "TermList",
    "TopicCreate",
    "TopicPage",
    "TopicRead",
    "TopicReadDecisionsItem",
    "TopicReadEvidenceItem",
    "TopicReadMeetingsItem",
    "TopicReadParticipantsItem",
    "TopicReadReviewType0",
    "TopicReadStep",
    "TopicReadTimelineItem",
    "TopicSet",
    "UnitCreate",
    "UnitCreateKind",
    "UnitList",
    "UnitRead",
    "Vocabulary",
    "Whistle",
    "Word",
    "WorkUnitSummaryFormat",
)
