from enum import StrEnum


class AssignmentReadStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    DONE = "done"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
