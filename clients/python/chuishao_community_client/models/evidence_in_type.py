from enum import StrEnum


class EvidenceInType(StrEnum):
    CASE = "case"
    NEED = "need"
    REPORT = "report"

    def __str__(self) -> str:
        return str(self.value)
