from enum import StrEnum


class WishWallNeedUrgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"

    def __str__(self) -> str:
        return str(self.value)
