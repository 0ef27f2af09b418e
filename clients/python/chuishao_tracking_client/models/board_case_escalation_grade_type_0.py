from enum import StrEnum


class BoardCaseEscalationGradeType0(StrEnum):
    BLUE = "blue"
    RED = "red"
    YELLOW = "yellow"

    def __str__(self) -> str:
        return str(self.value)
