"""Inspect a dead-letter topic and re-publish its messages once the cause is fixed.

Runs inside any service container (it needs only aiokafka and the service's settings), fed on stdin:

    docker compose exec -T dispatch python - show chuishao.reports.v1.dlq < deploy/tools/dlq.py
    docker compose exec -T dispatch python - republish chuishao.reports.v1.dlq --partition 0 \\
        --from-offset 0 --to-offset 41 --execute < deploy/tools/dlq.py
    kubectl -n chuishao exec -i deploy/chuishao-dispatch -- python - show chuishao.cases.v1.dlq < deploy/tools/dlq.py

`show` prints one JSON line per message: partition, offset, key, the error headers the consumer
added (error, error_type, original_topic, original_partition, original_offset, consumer), the event
type and id when the value is a readable envelope. `republish` sends the chosen messages back to
their original topic with the same key, value and original headers (the error headers removed);
without --execute it only prints what it would send. Re-publishing is safe: consumers dedupe by
event id, so a message that was in fact processed is skipped as a duplicate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from chuishao_shared.settings import Settings

ERROR_HEADERS = {"error", "error_type", "original_topic", "original_partition", "original_offset", "consumer"}


def describe(record: Any) -> dict[str, Any]:
    headers = {k: v.decode(errors="replace") for k, v in record.headers or ()}
    entry: dict[str, Any] = {
        "partition": record.partition,
        "offset": record.offset,
        "key": record.key.decode(errors="replace") if record.key else None,
        **{k: headers[k] for k in sorted(ERROR_HEADERS) if k in headers},
    }
    try:
        value = json.loads(record.value or b"")
        entry["type"], entry["id"] = value.get("type"), value.get("id")
    except (ValueError, AttributeError):
        entry["value_bytes"] = len(record.value or b"")
    return entry


async def read(bootstrap: str, topic: str, args: argparse.Namespace) -> list[Any]:
    """The DLQ's messages in the chosen range, read without a consumer group (no offsets stored)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    await consumer.start()
    try:
        partitions = sorted(consumer.partitions_for_topic(topic) or set())
        if not partitions:
            raise SystemExit(f"topic {topic} not found")
        if args.partition is not None:
            partitions = [args.partition]
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        records = []
        for tp in tps:
            start = max(args.from_offset or 0, (await consumer.beginning_offsets([tp]))[tp])
            stop = ends[tp] if args.to_offset is None else min(ends[tp], args.to_offset + 1)
            if start >= stop:
                continue
            consumer.seek(tp, start)
            while True:
                got = (await consumer.getmany(tp, timeout_ms=2000, max_records=500)).get(tp, [])
                records.extend(r for r in got if r.offset < stop)
                if not got or got[-1].offset >= stop - 1:
                    break
        return records
    finally:
        await consumer.stop()


async def republish(bootstrap: str, records: list[Any], execute: bool, idempotence: bool) -> int:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=idempotence)
    await producer.start()
    try:
        sent = 0
        for record in records:
            headers = list(record.headers or ())
            original = dict(headers).get("original_topic")
            if original is None:
                print(json.dumps({"skipped": describe(record), "why": "no original_topic header"}))
                continue
            kept = [(k, v) for k, v in headers if k not in ERROR_HEADERS]
            target = original.decode()
            print(json.dumps({"to": target, "execute": execute, **describe(record)}, ensure_ascii=False))
            if execute:
                await producer.send_and_wait(target, value=record.value, key=record.key, headers=kept)
                sent += 1
        return sent
    finally:
        await producer.stop()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="dlq", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["show", "republish"])
    parser.add_argument("topic", help="the dead-letter topic, e.g. chuishao.cases.v1.dlq")
    parser.add_argument("--partition", type=int)
    parser.add_argument("--from-offset", type=int)
    parser.add_argument("--to-offset", type=int, help="inclusive")
    parser.add_argument("--execute", action="store_true", help="republish for real (default: dry run)")
    args = parser.parse_args(argv)
    if not args.topic.endswith(".dlq"):
        raise SystemExit("give a dead-letter topic (ending in .dlq)")
    # The container's own settings (valid, since the service runs with them): the broker address
    # and whether the producer may be idempotent.
    settings = Settings()
    bootstrap = settings.kafka_bootstrap_servers
    records = asyncio.run(read(bootstrap, args.topic, args))
    if args.command == "show":
        for record in records:
            print(json.dumps(describe(record), ensure_ascii=False))
        print(json.dumps({"messages": len(records)}), file=sys.stderr)
        return
    sent = asyncio.run(republish(bootstrap, records, args.execute, settings.kafka_enable_idempotence))
    print(json.dumps({"messages": len(records), "republished": sent, "dry_run": not args.execute}), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
