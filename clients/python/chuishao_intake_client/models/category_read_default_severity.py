from enum import StrEnum


class CategoryReadDefaultSeverity(StrEnum):
    EMERGENCY = "emergency"
    MAJOR = "major"
    MINOR = "minor"

    def __str__(self) -> str:
        return str(self.value)
