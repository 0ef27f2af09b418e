"""Topic names. Every event of one case (or report) is keyed by its id so it stays in order."""

REPORTS_TOPIC = "chuishao.reports.v1"
CASES_TOPIC = "chuishao.cases.v1"
# The community side (COMMUNITY.md §4): member.*, need.*, hours.*, keyed by the aggregate id.
COMMUNITY_TOPIC = "chuishao.community.v1"
# The directory (PRODUCT.md §9): person.*, keyed by the person id; subjects, roles and scopes, never a
# name or a phone. Published by dispatch; no public-facing service reads it.
PEOPLE_TOPIC = "chuishao.people.v1"
# Reference data at run time (PRODUCT.md §9): reference.changed, keyed by the version number; no personal
# data. Published by dispatch; every service may read it (each follows the version in force).
REFERENCE_TOPIC = "chuishao.reference.v1"
# Also the community's forces: co-building units, their resources, certificates (forces_contracts.py).
COMMUNITY_PREFIXES = (
    *("member.", "need.", "hours.", "order.", "activity.", "project.", "topic.", "meeting.", "action."),
    *("unit.", "resource.", "certificate."),
    *("team.", "post."),  # teams and posts (team_contracts.py)
)


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"


def topic_for(event_type: str) -> str:
    if event_type.startswith("report."):
        return REPORTS_TOPIC
    if event_type.startswith("person."):
        return PEOPLE_TOPIC
    if event_type.startswith("reference."):
        return REFERENCE_TOPIC
    if event_type.startswith(COMMUNITY_PREFIXES):
        return COMMUNITY_TOPIC
    return CASES_TOPIC
