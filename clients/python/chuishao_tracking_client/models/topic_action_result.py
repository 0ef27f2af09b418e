from enum import StrEnum


class TopicActionResult(StrEnum):
    DONE_LATE = "done_late"
    DONE_ON_TIME = "done_on_time"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
