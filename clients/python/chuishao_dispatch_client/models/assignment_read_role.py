from enum import StrEnum


class AssignmentReadRole(StrEnum):
    ASSIST = "assist"
    LEAD = "lead"

    def __str__(self) -> str:
        return str(self.value)
