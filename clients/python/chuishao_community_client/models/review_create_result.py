from enum import StrEnum


class ReviewCreateResult(StrEnum):
    NOT = "not"
    PARTLY = "partly"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
