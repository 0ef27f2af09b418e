from enum import StrEnum


class ProjectReadStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    DONE = "done"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
