from enum import StrEnum


class MeetingReadStep(StrEnum):
    CLOSED = "closed"
    COLLECT = "collect"
    DELIBERATE = "deliberate"
    IMPLEMENT = "implement"
    REVIEW = "review"
    TOPIC = "topic"

    def __str__(self) -> str:
        return str(self.value)
