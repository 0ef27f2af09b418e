from enum import StrEnum


class StepWriteKind(StrEnum):
    DESK = "desk"
    HEAD = "head"
    LEVEL = "level"

    def __str__(self) -> str:
        return str(self.value)
