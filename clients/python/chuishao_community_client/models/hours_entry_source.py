from enum import StrEnum


class HoursEntrySource(StrEnum):
    ACTIVITY = "activity"
    GRANTED = "granted"
    NEED = "need"

    def __str__(self) -> str:
        return str(self.value)
