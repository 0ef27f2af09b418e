from enum import StrEnum


class MemberSelfStatus(StrEnum):
    ACTIVE = "active"
    APPLIED = "applied"
    LEFT = "left"
    PAUSED = "paused"

    def __str__(self) -> str:
        return str(self.value)
