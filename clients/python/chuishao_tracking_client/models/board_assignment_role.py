from enum import StrEnum


class BoardAssignmentRole(StrEnum):
    ASSIST = "assist"
    LEAD = "lead"

    def __str__(self) -> str:
        return str(self.value)
