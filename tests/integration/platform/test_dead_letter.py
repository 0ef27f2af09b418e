"""A message that cannot be processed goes to the dead-letter topic with its bytes and the error;
the partition keeps moving."""

from __future__ import annotations

from chuishao_shared.events import REPORTS_TOPIC, dead_letter_topic, new_envelope
from chuishao_shared.kafka import ensure_topics, make_producer
from chuishao_shared.settings import Settings
from support.dead_letters import dead_letters
from support.factories import report_received_data
from support.infra import Infra, unique
from support.sink import sink
from support.system import eventually


async def test_poison_and_unhandleable_messages_are_dead_lettered_and_the_next_is_processed(
    infra: Infra,
) -> None:
    settings = Settings(
        kafka_bootstrap_servers=infra.bootstrap,
        topic_prefix=unique("t") + ".",
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
    )
    await ensure_topics(settings, partitions=1)
    topic = settings.topic(REPORTS_TOPIC)
    good = new_envelope(
        "report.received", source="/test", subject="r-good", sequence=1, data=report_received_data("r-good")
    )
    unhandleable = new_envelope(
        "report.feedback",
        source="/test",
        subject="r-bad",
        sequence=1,
        data={
            "report_id": "r-bad",
            "case_id": "c",
            "satisfaction": "satisfied",
            "recorded_at": "2026-11-01T00:00:00Z",
        },
    )
    producer = make_producer(settings)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"\xff not json", key=b"r-poison")
        await producer.send_and_wait(topic, b'{"specversion": "1.0"}', key=b"r-poison")  # JSON, not an event
        await producer.send_and_wait(topic, unhandleable.to_bytes(), key=b"r-bad")
        await producer.send_and_wait(topic, good.to_bytes(), key=b"r-good")
    finally:
        await producer.stop()

    async with sink(infra.admin_dsn, settings, [REPORTS_TOPIC], poison_type="report.feedback") as received:
        rows = await eventually(received.rows, timeout=30)
        assert rows == [("r-good", 1, "report.received")]

    letters = await dead_letters(infra.bootstrap, dead_letter_topic(topic), at_least=3)
    values = [m.value for m in letters]
    assert values[0] == b"\xff not json" and values[2] == unhandleable.to_bytes()  # original bytes
    headers = [dict(m.headers) for m in letters]
    assert all(h["original_topic"] == topic.encode() and h["error"] for h in headers)
    assert headers[2]["error_type"] == b"ValueError" and b"cannot handle" in headers[2]["error"]
