from enum import StrEnum


class ListMembersStatusType0(StrEnum):
    ACTIVE = "active"
    APPLIED = "applied"
    LEFT = "left"
    PAUSED = "paused"

    def __str__(self) -> str:
        return str(self.value)
