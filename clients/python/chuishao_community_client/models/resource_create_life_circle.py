from enum import IntEnum


class ResourceCreateLifeCircle(IntEnum):
    VALUE_5 = 5
    VALUE_10 = 10
    VALUE_15 = 15

    def __str__(self) -> str:
        return str(self.value)
