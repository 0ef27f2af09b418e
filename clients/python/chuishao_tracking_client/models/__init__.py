"""Contains all the data models used in inputs/outputs"""

from .board_assignment import BoardAssignment
from .board_assignment_role import BoardAssignmentRole
from .board_case import BoardCase
from .board_case_escalation_grade_type_0 import BoardCaseEscalationGradeType0
from .board_case_page import BoardCasePage
from .counts import Counts
from .daily_series import DailySeries
from .day_figures import DayFigures
from .field_problem import FieldProblem
from .figures import Figures
from .figures_page import FiguresPage
from .figures_page_dimension import FiguresPageDimension
from .healthz_response_healthz import HealthzResponseHealthz
from .month_top import MonthTop
from .problem import Problem
from .timeline_entry import TimelineEntry
from .top_category import TopCategory

__all__ = (
    "BoardAssignment",
    "BoardAssignmentRole",
    "BoardCase",
    "BoardCaseEscalationGradeType0",
    "BoardCasePage",
    "Counts",
    "DailySeries",
    "DayFigures",
    "FieldProblem",
    "Figures",
    "FiguresPage",
    "FiguresPageDimension",
    "HealthzResponseHealthz",
    "MonthTop",
    "Problem",
    "TimelineEntry",
    "TopCategory",
)
