from enum import StrEnum


class BoardTopicStep(StrEnum):
    CLOSED = "closed"
    DELIBERATE = "deliberate"
    IMPLEMENT = "implement"
    REVIEW = "review"
    TOPIC = "topic"

    def __str__(self) -> str:
        return str(self.value)
