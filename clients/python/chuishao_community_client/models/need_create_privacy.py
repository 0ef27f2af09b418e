from enum import StrEnum


class NeedCreatePrivacy(StrEnum):
    OPEN = "open"
    STAFF_CONFIRMS = "staff_confirms"

    def __str__(self) -> str:
        return str(self.value)
