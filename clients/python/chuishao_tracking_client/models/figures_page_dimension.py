from enum import StrEnum


class FiguresPageDimension(StrEnum):
    CATEGORY = "category"
    COMMUNITY = "community"
    DEPARTMENT = "department"

    def __str__(self) -> str:
        return str(self.value)
