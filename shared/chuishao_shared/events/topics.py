"""Topic names. Every event of one case (or report) is keyed by its id so it stays in order."""

REPORTS_TOPIC = "chuishao.reports.v1"
CASES_TOPIC = "chuishao.cases.v1"


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"


def topic_for(event_type: str) -> str:
    return REPORTS_TOPIC if event_type.startswith("report.") else CASES_TOPIC
