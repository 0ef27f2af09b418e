from enum import StrEnum


class CaseReadStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    CANCELLED = "cancelled"
    CLOSED = "closed"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    MERGED = "merged"
    REOPENED = "reopened"
    RESOLVED = "resolved"
    TRIAGE = "triage"

    def __str__(self) -> str:
        return str(self.value)
