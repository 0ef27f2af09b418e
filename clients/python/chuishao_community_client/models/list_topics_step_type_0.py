from enum import StrEnum


class ListTopicsStepType0(StrEnum):
    CLOSED = "closed"
    COLLECT = "collect"
    DELIBERATE = "deliberate"
    IMPLEMENT = "implement"
    REVIEW = "review"
    TOPIC = "topic"

    def __str__(self) -> str:
        return str(self.value)
