from enum import StrEnum


class MemberReadStatus(StrEnum):
    ACTIVE = "active"
    APPLIED = "applied"
    LEFT = "left"
    PAUSED = "paused"

    def __str__(self) -> str:
        return str(self.value)
