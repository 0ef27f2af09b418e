from enum import StrEnum


class ProjectCreateStatus(StrEnum):
    ACTIVE = "active"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
