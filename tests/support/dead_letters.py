"""Read what reached a dead-letter topic, from its beginning."""

from __future__ import annotations

import uuid

from aiokafka import AIOKafkaConsumer, ConsumerRecord

from support.system import eventually


async def dead_letters(bootstrap: str, topic: str, at_least: int, timeout: float = 30) -> list[ConsumerRecord]:  # noqa: ASYNC109
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=str(uuid.uuid4()),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    letters: list[ConsumerRecord] = []
    try:

        async def enough() -> bool:
            batch = await consumer.getmany(timeout_ms=500)
            letters.extend(m for ms in batch.values() for m in ms)
            return len(letters) >= at_least

        await eventually(enough, timeout=timeout)
    finally:
        await consumer.stop()
    return letters
