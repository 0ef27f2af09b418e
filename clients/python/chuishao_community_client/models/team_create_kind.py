from enum import StrEnum


class TeamCreateKind(StrEnum):
    OTHER = "other"
    RED_ARMBAND = "red_armband"
    RED_CAP = "red_cap"
    RED_VEST = "red_vest"

    def __str__(self) -> str:
        return str(self.value)
