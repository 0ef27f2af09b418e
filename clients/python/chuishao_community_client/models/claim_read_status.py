from enum import StrEnum


class ClaimReadStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    DONE = "done"
    LAPSED = "lapsed"
    PENDING = "pending"
    RELEASED = "released"
    STARTED = "started"

    def __str__(self) -> str:
        return str(self.value)
