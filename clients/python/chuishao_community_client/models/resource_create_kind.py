from enum import StrEnum


class ResourceCreateKind(StrEnum):
    EXPERTISE = "expertise"
    MATERIAL = "material"
    SERVICE = "service"
    VENUE = "venue"

    def __str__(self) -> str:
        return str(self.value)
