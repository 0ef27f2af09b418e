"""Contains all the data models used in inputs/outputs"""

from .assignment_status_word import AssignmentStatusWord
from .board_assignment import BoardAssignment
from .board_assignment_role import BoardAssignmentRole
from .board_case import BoardCase
from .board_case_escalation_grade_type_0 import BoardCaseEscalationGradeType0
from .board_case_page import BoardCasePage
from .board_map import BoardMap
from .board_map_layers import BoardMapLayers
from .board_topic import BoardTopic
from .board_topic_step import BoardTopicStep
from .case_status_word import CaseStatusWord
from .case_status_word_tone import CaseStatusWordTone
from .community_figures import CommunityFigures
from .community_figures_page import CommunityFiguresPage
from .counts import Counts
from .daily_series import DailySeries
from .day_figures import DayFigures
from .deliberation_figures import DeliberationFigures
from .escalation_level import EscalationLevel
from .field_problem import FieldProblem
from .figures import Figures
from .figures_page import FiguresPage
from .figures_page_dimension import FiguresPageDimension
from .healthz_response_healthz import HealthzResponseHealthz
from .hours_by_source import HoursBySource
from .hours_figures import HoursFigures
from .hours_target import HoursTarget
from .map_area_collection import MapAreaCollection
from .map_area_feature import MapAreaFeature
from .map_area_feature_geometry_type_0 import MapAreaFeatureGeometryType0
from .map_area_properties import MapAreaProperties
from .map_counts import MapCounts
from .member_figures import MemberFigures
from .month_top import MonthTop
from .need_figures import NeedFigures
from .not_yet import NotYet
from .order_figures import OrderFigures
from .overdue_rule import OverdueRule
from .problem import Problem
from .project_figures import ProjectFigures
from .rate import Rate
from .report_status_word import ReportStatusWord
from .skill_name import SkillName
from .team_hours import TeamHours
from .team_hours_kind import TeamHoursKind
from .timeline_entry import TimelineEntry
from .top_category import TopCategory
from .topic_action import TopicAction
from .topic_action_result import TopicActionResult
from .topic_action_status import TopicActionStatus
from .topic_board_page import TopicBoardPage
from .topic_decision import TopicDecision
from .topic_figures import TopicFigures
from .topic_meetings import TopicMeetings
from .topic_steps import TopicSteps
from .unit_answers import UnitAnswers
from .vocabulary import Vocabulary
from .wish_wall_counts import WishWallCounts
from .wish_wall_need import WishWallNeed
from .wish_wall_need_claimed_by_type_0 import WishWallNeedClaimedByType0
from .wish_wall_need_status import WishWallNeedStatus
from .wish_wall_need_urgency import WishWallNeedUrgency
from .wish_wall_page import WishWallPage
from .word import Word

__all__ = (
    "AssignmentStatusWord",
    "BoardAssignment",
    "BoardAssignmentRole",
    "BoardCase",
    "BoardCaseEscalationGradeType0",
    "BoardCasePage",
    "BoardMap",
    "BoardMapLayers",
    "BoardTopic",
    "BoardTopicStep",
    "CaseStatusWord",
    "CaseStatusWordTone",
    "CommunityFigures",
    "CommunityFiguresPage",
    "Counts",
    "DailySeries",
    "DayFigures",
    "DeliberationFigures",
    "EscalationLevel",
    "FieldProblem",
    "Figures",
    "FiguresPage",
    "FiguresPageDimension",
    "HealthzResponseHealthz",
    "HoursBySource",
    "HoursFigures",
    "HoursTarget",
    "MapAreaCollection",
    "MapAreaFeature",
    "MapAreaFeatureGeometryType0",
    "MapAreaProperties",
    "MapCounts",
    "MemberFigures",
    "MonthTop",
    "NeedFigures",
    "NotYet",
    "OrderFigures",
    "OverdueRule",
    "Problem",
    "ProjectFigures",
    "Rate",
    "ReportStatusWord",
    "SkillName",
    "TeamHours",
    "TeamHoursKind",
    "TimelineEntry",
    "TopCategory",
    "TopicAction",
    "TopicActionResult",
    "TopicActionStatus",
    "TopicBoardPage",
    "TopicDecision",
    "TopicFigures",
    "TopicMeetings",
    "TopicSteps",
    "UnitAnswers",
    "Vocabulary",
    "WishWallCounts",
    "WishWallNeed",
    "WishWallNeedClaimedByType0",
    "WishWallNeedStatus",
    "WishWallNeedUrgency",
    "WishWallPage",
    "Word",
)
