from enum import StrEnum


class NeedCreateUrgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"

    def __str__(self) -> str:
        return str(self.value)
