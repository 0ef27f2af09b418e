"""The scripted scenario of the statistics tests (the integration tests replay the same one through
the real broker). Every figure expected from it is worked out by hand in the tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE, T0, CaseScript

from chuishao_shared.events import Envelope
from chuishao_shared.events.types import EventType
from chuishao_tracking.domain.facts import Facts, Feedback, ReportFiled
from chuishao_tracking.domain.projection import project
from chuishao_tracking.domain.records import CaseRecord, parse_time

WY = "XY-WQ-WY-WY"  # 五阳物业服务公司
ZJJ = "XY-ZJJ"  # 襄垣县住房和城乡建设局
GPS = "XY-GPS"  # 襄垣县供排水公司
JWH = "XY-WQ-WY-JWH"  # 五阳社区居民委员会
PCS = "XY-WQ-PCS"  # 王桥派出所
WUYANG = "XY-WQ-WY"
FUQIANG = "TN-CS-FQXC"
STAIRWELL, SEWER, DISPUTE, EBIKE = (
    "ENV-STAIRWELL-DIRTY",
    "FAC-SEWER-BLOCKED",
    "PEACE-NEIGHBOUR-DISPUTE",
    "ORDER-EBIKE-PARKING",
)


def h(hours: float) -> timedelta:
    return timedelta(hours=hours)


@dataclass
class Scenario:
    cases: dict[str, CaseScript]
    reports: list[Envelope]
    feedback: list[Envelope]

    @property
    def case_events(self) -> list[Envelope]:
        return [e for c in self.cases.values() for e in c.events]

    @property
    def all_events(self) -> list[Envelope]:
        return self.reports + self.case_events + self.feedback


def scenario() -> Scenario:
    leak = f"联系人{RESIDENT_NAME}，电话{RESIDENT_PHONE}"
    a = CaseScript().open(T0, WY)
    a.acknowledge(WY, T0 + h(0.5)).progress(WY, T0 + h(2), f"已联系{leak}").resolve(WY, T0 + h(10), leak)
    a.verify(T0 + h(12), fixed=True, note=leak)

    b = CaseScript().open(T0 + h(1), WY, (ZJJ,))
    b.acknowledge(ZJJ, T0 + h(1.5)).acknowledge(WY, T0 + h(3)).resolve(WY, T0 + h(31))
    b.verify(T0 + h(32), fixed=False, note=f"没修好，{leak}").acknowledge(WY, T0 + h(32.5))
    b.resolve(WY, T0 + h(40)).verify(T0 + h(41), fixed=True)

    c = CaseScript(category=SEWER, major="FAC").open(T0 + h(2), GPS)
    c.return_(GPS, T0 + h(2) + timedelta(minutes=20), f"不归我们管 {leak}", next_lead=ZJJ)
    c.acknowledge(ZJJ, T0 + h(5)).resolve(ZJJ, T0 + h(20)).verify(T0 + h(21), fixed=True)

    d = CaseScript(category=DISPUTE, major="PEACE").open(T0 + h(3), JWH)
    d.acknowledge(JWH, T0 + h(3) + timedelta(minutes=10)).whistle([PCS], T0 + h(4), f"吹哨：{leak}")
    d.acknowledge(PCS, T0 + h(4.5)).escalate(T0 + h(27), 1).resolve(JWH, T0 + h(30))
    d.close_unresolved(T0 + h(31))

    e = CaseScript().open(T0 + h(4), None, handled_on_site=True)

    f = CaseScript(category=EBIKE, major="ORDER").open(T0 + h(5), WY).cancel(T0 + h(5.5), f"无效：{leak}")

    g = CaseScript(category=SEWER, major="FAC", grid="TN-CS-FQXC-G01", community=FUQIANG).open(T0 + h(6), WY)
    g.escalate(T0 + h(7), 1, department=WY)

    cases = {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g}
    reports = [case.received(case.opened_at) for case in cases.values()]  # type: ignore[arg-type]
    feedback = [
        a.feedback(T0 + h(13), "satisfied"),
        b.feedback(T0 + h(42), "basically_satisfied"),
        c.feedback(T0 + h(22), "unsatisfied"),
    ]
    return Scenario(cases, reports, feedback)


def records_of(events: list[Envelope]) -> list[CaseRecord]:
    return [CaseRecord.from_event(e.type, e.sequence, e.time, e.data) for e in events if e.type.startswith("case.")]


def facts_of(events: list[Envelope]) -> Facts:
    """What the read model holds after these events, computed in memory (the same keys as its tables:
    one report per id, the latest feedback per report, which takes its case's lead, community and category)."""
    by_case: dict[str, list[CaseRecord]] = {}
    for record in records_of(events):
        by_case.setdefault(record.case_id, []).append(record)
    projections = {case_id: project(records) for case_id, records in by_case.items()}
    facts = Facts()
    for projection in projections.values():
        facts.add(projection.facts)
    latest_feedback: dict[str, Envelope] = {}
    for e in events:
        if e.type == EventType.REPORT_FEEDBACK:
            known = latest_feedback.get(e.data["report_id"])
            if known is None or e.sequence > known.sequence:
                latest_feedback[e.data["report_id"]] = e
        elif e.type == EventType.REPORT_RECEIVED and e.data["report_id"] not in {r.report_id for r in facts.reports}:
            facts.reports.append(
                ReportFiled(
                    e.data["report_id"], e.data["community"], e.data["category"], parse_time(e.data["received_at"])
                )
            )  # type: ignore[arg-type]
    for e in latest_feedback.values():
        case = projections[e.data["case_id"]].case
        facts.feedback.append(
            Feedback(
                e.data["report_id"],
                case.id,
                case.community,
                case.category,
                case.lead_department,
                parse_time(e.data["recorded_at"]),  # type: ignore[arg-type]
                e.data["satisfaction"],
            )
        )
    return facts
