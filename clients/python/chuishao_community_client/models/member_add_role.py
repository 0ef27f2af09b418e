from enum import StrEnum


class MemberAddRole(StrEnum):
    LEADER = "leader"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
