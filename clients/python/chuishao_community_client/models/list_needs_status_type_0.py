from enum import StrEnum


class ListNeedsStatusType0(StrEnum):
    CANCELLED = "cancelled"
    CLAIMED = "claimed"
    CONFIRMED = "confirmed"
    DONE = "done"
    EXPIRED = "expired"
    IN_PROGRESS = "in_progress"
    OPEN = "open"
    WHISTLED = "whistled"

    def __str__(self) -> str:
        return str(self.value)
