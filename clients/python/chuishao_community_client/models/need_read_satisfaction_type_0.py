from enum import StrEnum


class NeedReadSatisfactionType0(StrEnum):
    BASICALLY_SATISFIED = "basically_satisfied"
    SATISFIED = "satisfied"
    UNSATISFIED = "unsatisfied"

    def __str__(self) -> str:
        return str(self.value)
