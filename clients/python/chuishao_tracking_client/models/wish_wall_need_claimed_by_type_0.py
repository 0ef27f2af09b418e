from enum import StrEnum


class WishWallNeedClaimedByType0(StrEnum):
    MEMBER = "member"
    UNIT = "unit"

    def __str__(self) -> str:
        return str(self.value)
