from enum import StrEnum


class ActionCreateKind(StrEnum):
    CASE = "case"
    NEED = "need"
    TASK = "task"

    def __str__(self) -> str:
        return str(self.value)
