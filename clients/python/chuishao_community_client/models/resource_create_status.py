from enum import StrEnum


class ResourceCreateStatus(StrEnum):
    AVAILABLE = "available"
    PAUSED = "paused"
    RETIRED = "retired"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
