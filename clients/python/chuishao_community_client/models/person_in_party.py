from enum import StrEnum


class PersonInParty(StrEnum):
    COMMITTEE = "committee"
    PARTY_MEMBER = "party_member"
    RESIDENT = "resident"
    STAKEHOLDER = "stakeholder"

    def __str__(self) -> str:
        return str(self.value)
