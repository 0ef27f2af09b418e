from enum import StrEnum


class VerificationCreateResult(StrEnum):
    FIXED = "fixed"
    NOT_FIXED = "not_fixed"

    def __str__(self) -> str:
        return str(self.value)
