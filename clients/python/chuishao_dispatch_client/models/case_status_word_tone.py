from enum import StrEnum


class CaseStatusWordTone(StrEnum):
    BLUE = "blue"
    GREEN = "green"
    GREY = "grey"
    RED = "red"
    YELLOW = "yellow"

    def __str__(self) -> str:
        return str(self.value)
