from enum import StrEnum


class UnitCreateKind(StrEnum):
    ENTERPRISE = "enterprise"
    GOVERNMENT = "government"
    HOSPITAL = "hospital"
    INSTITUTION = "institution"
    OTHER = "other"
    PROPERTY = "property"
    SCHOOL = "school"
    SOCIAL_ORG = "social_org"

    def __str__(self) -> str:
        return str(self.value)
