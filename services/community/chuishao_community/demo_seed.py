"""A year of community history for the seeds' communities (COMMUNITY.md's figures), generated
deterministically and written through the community's own use cases: every member, unit, resource,
order, project, activity, need and 议事 topic goes through the same handlers, unit of work and outbox
as an HTTP request, with the handlers' clock set into the past. The service's relay publishes the
outbox, so tracking's projections (the wish wall, the figures, the 议事 board) get every event, and the
service's whistle and filing relays file the whistles and the topics' case actions through intake.

`python -m chuishao_community seed-demo [--scale 1.0]` (run by `make run` after the services are
ready). Idempotent: a community whose first demo member exists is skipped, so a second run adds
nothing. Deterministic: one `random.Random(seed)` per community; ids are the handlers' own.

At scale 1.0 (SIZES): 535 members (about 70 % in-service party members with their work units; the
five demo volunteers among them), 41 co-building units with agreements and 82 resources, 41 orders
with the units' answers, 42 projects with progress, 200 activities of the three teams (红袖标, 红帽子,
红马甲) with sign-ups, check-ins and hours, 480 needs (most confirmed with hours; the latest ones open,
claimed, in progress, done, released, cancelled, expired and whistled: the wish wall alive) and 22 议事
topics — 外墙剥落 and 乱停车乱充电 in every community — each through the five steps with a case action
(filed through intake by the service's filing relay), a need action (claimed and confirmed) and a task,
reviewed once its case action is overdue. About 10,000 use cases, a few minutes on two cores, so `make run`
runs it in the background once the services are ready (CHUISHAO_DEMO_SCALE scales it).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_community.domain import commands as c
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain import hsds
from chuishao_community.domain import topic_commands as tc
from chuishao_community.domain.activities import HoursPolicy, Slot
from chuishao_community.domain.activities import Place as ActivityPlace
from chuishao_community.domain.orders import Item
from chuishao_community.domain.projects import Links
from chuishao_community.domain.topics import Person as TopicPerson
from chuishao_community.domain.units import Agreement
from chuishao_community.domain.units import Person as UnitPerson
from chuishao_community.domain.values import Actor
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.handlers import CommunityBus, message_bus
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.reference import ReferenceData, load_reference
from chuishao_shared.reference.community import load_taxonomy

NO_KEY = c.Request(None, "")

# The seeds' communities and their order of magnitude (COMMUNITY.md: 富强新村 182 order responses,
# 411 person-times, 3 teams of 100+, 384 activities, 18 projects; 北大 7 projects, 44 微心愿; 岚县 187
# members in one community). Sizes at scale 1.0 — members, units, projects, activities, needs, topics.
SIZES: dict[str, tuple[int, int, int, int, int, int]] = {
    "TN-CS-FQXC": (150, 12, 18, 80, 160, 8),  # 富强新村: the seeds' model community
    "FQ-YP-BD": (80, 8, 7, 35, 90, 4),  # 福清北大
    "LX-DC-BH": (190, 10, 8, 40, 120, 4),  # 岚县滨河: 187 in-service party members
    "XY-WQ-WY": (60, 6, 5, 25, 60, 3),
    "ZJC-ZJC-NC": (50, 5, 4, 20, 50, 3),
}
TEAMS = ("红袖标", "红帽子", "红马甲")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国秀英志强桂兰海燕丽华文明春梅玉兰俊杰红霞德胜淑芬国庆晓东婷婷永福雪梅振华美玲金凤长青"
WORK_UNITS = (
    "县委组织部",
    "县教育局",
    "县卫健委",
    "县人民医院",
    "县住建局",
    "县民政局",
    "县公安局",
    "县税务局",
    "县供电公司",
    "县自来水公司",
    "县第一中学",
    "县实验小学",
    "县农商银行",
    "县司法局",
    "县文旅局",
)
UNIT_NAMES = (
    ("县供电公司", "enterprise"),
    ("县人民医院", "hospital"),
    ("县第一中学", "school"),
    ("县农商银行", "enterprise"),
    ("县司法局", "government"),
    ("县住建局", "government"),
    ("县自来水公司", "enterprise"),
    ("县实验小学", "school"),
    ("县妇幼保健院", "hospital"),
    ("县税务局", "government"),
    ("阳光物业", "property"),
    ("县红十字会", "social_org"),
)
NEEDS = (
    ("wish", "帮独居老人买米面油", ("errands",)),
    ("wish", "给孩子买一套课外书", ("errands",)),
    ("wish", "想要一台二手电风扇", ("errands",)),
    ("wish", "帮忙辅导孩子数学作业", ("tutoring",)),
    ("elderly_disabled", "陪老人去医院复查", ("companionship", "driving")),
    ("elderly_disabled", "上门探访空巢老人", ("companionship",)),
    ("living", "修理漏水的水龙头", ("plumbing_electrics",)),
    ("living", "家里电视机坏了请帮忙看看", ("appliance_repair",)),
    ("policy", "咨询医保报销政策", ("policy_outreach",)),
    ("policy", "咨询邻里纠纷的法律问题", ("legal",)),
    ("living", "帮忙清理楼道杂物", ("environment",)),
    ("elderly_disabled", "给老人测血压", ("health",)),
)
ACTIVITIES = (
    ("文明劝导岗·电动车规范停放", "patrol"),
    ("清理楼道小广告", "environment"),
    ("义诊进社区", "health"),
    ("政策宣传进小区", "policy_outreach"),
    ("四点半课堂", "tutoring"),
    ("夜间治安巡逻", "patrol"),
    ("家电义务维修", "appliance_repair"),
    ("重阳节敬老探访", "companionship"),
    ("垃圾分类宣传", "environment"),
    ("广场舞文艺汇演", "culture_sports"),
)
SKILLS = (
    "errands",
    "companionship",
    "health",
    "legal",
    "appliance_repair",
    "counselling",
    "policy_outreach",
    "patrol",
    "environment",
    "tutoring",
    "culture_sports",
    "plumbing_electrics",
    "driving",
)
# 议事 (COMMUNITY.md §3): the seeds' matters no single department owns; the first two in every community.
TOPICS = (
    ("外墙剥落", "FAC-FACADE-PEELING", "老旧楼外墙砖剥落，砸伤行人的风险谁来管、钱从哪里出？"),
    ("乱停车乱充电", "ORDER-EBIKE-PARKING", "电动车乱停放、楼道飞线充电，充电桩建在哪里、谁来管？"),
    ("楼道堆物", "ENV-STAIRWELL-DIRTY", "楼道堆放杂物的清理与长效管理"),
    ("小区路灯", "FAC-STREETLIGHT-BROKEN", "小区路灯损坏的维修与电费分摊"),
    ("下水管道", "FAC-SEWER-BLOCKED", "下水管道反复堵塞的改造方案"),
    ("违规养犬", "ORDER-DOG", "文明养犬公约"),
    ("垃圾清运", "ENV-GARBAGE-OVERDUE", "垃圾清运时间与分类投放点"),
    ("道路破损", "FAC-ROAD-DAMAGED", "小区道路破损的修补"),
)


class Clock:
    """The handlers' clock: set by the seed to each step's moment in the past year."""

    def __init__(self, now: datetime) -> None:
        self.at = now

    def __call__(self) -> datetime:
        return self.at


@dataclass
class Counts:
    members: int = 0
    units: int = 0
    resources: int = 0
    orders: int = 0
    projects: int = 0
    activities: int = 0
    attendances: int = 0
    needs: int = 0
    needs_by_status: dict[str, int] = field(default_factory=dict)
    topics: int = 0
    actions: int = 0
    skipped: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def need(self, status: str) -> None:
        self.needs += 1
        self.needs_by_status[status] = self.needs_by_status.get(status, 0) + 1


def build_bus(
    engine: AsyncEngine, topic_prefix: str, clock: Clock, reference: ReferenceData | None = None
) -> CommunityBus:
    context = CommunityContext(
        reference=reference or load_reference(),
        taxonomy=load_taxonomy(),
        hours_policy=HoursPolicy(),
        now=clock,
    )
    outbox = OutboxWriter("community", topic_prefix)
    return message_bus(lambda: SqlUnitOfWork(engine, outbox), context)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def _phone(rng: random.Random) -> str:
    return "13" + "".join(str(rng.randrange(10)) for _ in range(9))


class CommunitySeed:
    def __init__(self, bus: CommunityBus, clock: Clock, ref: ReferenceData, code: str, scale: float, now: datetime):
        self.bus, self.clock, self.code, self.now = bus, clock, code, now
        self.rng = random.Random(f"chuishao-demo-{code}")
        sizes = SIZES.get(code, (40, 4, 4, 20, 40, 2))
        scaled = [max(2, round(n * scale)) for n in sizes]
        self.n_members, self.n_units, self.n_projects, self.n_activities, self.n_needs, self.n_topics = scaled
        self.n_topics = max(2, min(self.n_topics, len(TOPICS)))
        self.grids = [g.code for g in ref.grids() if ref.community_of(g.code).code == code and g.code.count("-") == 3]
        self.staff = Actor(sub=f"demo-community-staff-{code}", role="community_staff", community=code)
        self.start = now - timedelta(days=365)
        self.members: list[tuple[Actor, str, tuple[str, ...]]] = []  # (volunteer actor, member id, skills)
        self.units: list[str] = []
        self.counts = Counts()

    def at(self, moment: datetime) -> None:
        self.clock.at = moment

    async def run(self, cmd: Any) -> Any:
        return await self.bus.handle(cmd)

    def day(self, lo: int = 0, hi: int = 350) -> datetime:
        """A working-hours moment `lo`..`hi` days into the year."""
        d = self.start + timedelta(days=self.rng.randrange(lo, hi))
        return d.replace(hour=self.rng.randrange(8, 18), minute=self.rng.randrange(0, 60, 5), second=0, microsecond=0)

    async def seeded(self) -> bool:
        async with self.bus.uow_factory() as uow:
            return await uow.members.of_subject(self._sub(0), self.code) is not None

    def _sub(self, i: int) -> str:
        return f"demo-seed-{self.code}-m{i:04d}"

    async def seed(self) -> Counts:
        if await self.seeded():
            self.counts.skipped.append(self.code)
            return self.counts
        for phase in (
            self.seed_members,
            self.seed_units,
            self.seed_projects,
            self.seed_activities,
            self.seed_needs,
            self.seed_topics,
        ):
            began = time.monotonic()
            await phase()
            self.counts.timings[phase.__name__] = round(time.monotonic() - began, 2)
        return self.counts

    # ------------------------------------------------------------------------------- members
    async def seed_members(self) -> None:
        rng = self.rng
        subs = [self._sub(i) for i in range(self.n_members)] + [f"demo-volunteer-{self.code}"]
        for i, sub in enumerate(subs):
            actor = Actor(sub=sub, role="volunteer", community=self.code)
            party = i % 10 < 7  # most are in-service party members reporting in (在职党员到社区报到)
            skills = tuple(sorted(rng.sample(SKILLS, rng.randint(1, 3))))
            self.at(self.start + timedelta(days=i * 30 // max(1, len(subs)), hours=9))
            view = await self.run(
                c.RegisterMember(
                    actor,
                    NO_KEY,
                    name=_name(rng),
                    phone=_phone(rng),
                    work_unit=rng.choice(WORK_UNITS) if party else "",
                    party_member=party,
                    community=self.code,
                    grid=rng.choice(self.grids),
                    skills=skills,
                    branch=f"{rng.choice(WORK_UNITS)}党支部" if party else None,
                    availability=tuple(rng.sample(("weekday_evening", "weekend", "weekday_day"), 1)),
                )
            )
            self.clock.at += timedelta(hours=2)
            await self.run(c.ConfirmMember(self.staff, NO_KEY, member_id=view["id"]))
            self.members.append((actor, view["id"], skills))
            self.counts.members += 1

    # ----------------------------------------------------------------------- units, resources, orders
    async def seed_units(self) -> None:
        rng = self.rng
        for i in range(self.n_units):
            name, kind = UNIT_NAMES[i % len(UNIT_NAMES)]
            code = f"{self.code}-U{i + 1:02d}"
            signed = self.start + timedelta(days=i * 5)
            self.at(signed.replace(hour=10))
            agreement = Agreement(
                community=self.code,
                signed_on=signed.date(),
                term_from=signed.date(),
                term_to=date(signed.year + 3, signed.month, min(signed.day, 28)),
            )
            await self.run(
                fc.RegisterUnit(
                    self.staff,
                    NO_KEY,
                    code=code,
                    name=name if i < len(UNIT_NAMES) else f"{name}{i // len(UNIT_NAMES) + 1}",
                    kind=kind,
                    description=f"{name}与社区签订共建协议，党组织负责人任社区兼职委员",
                    contact=UnitPerson(_name(rng), _phone(rng), "联络员"),
                    agreement=agreement,
                    party_head=UnitPerson(_name(rng), None, "党支部书记"),
                )
            )
            self.units.append(code)
            self.counts.units += 1
            for j in range(2):
                kind_r = ("venue", "service", "material", "expertise")[(i + j) % 4]
                await self.run(
                    fc.OfferResource(
                        self.staff,
                        NO_KEY,
                        community=self.code,
                        unit=code,
                        kind=kind_r,
                        name=f"{name}{hsds.KINDS[kind_r]}{j + 1}",
                        description=f"{name}向居民开放的{hsds.KINDS[kind_r]}",
                        place=hsds.Place(name=f"{name}", lat=30 + rng.random(), lon=110 + rng.random()),
                        status="available",
                        life_circle=(15, 10, 5)[(i + j) % 3],
                        capacity=rng.choice((10, 20, 50)),
                        eligibility=None,
                        minimum_age=None,
                        maximum_age=None,
                        schedule=(hsds.ScheduleRow("FREQ=WEEKLY;BYDAY=SA", clock_time(9), clock_time(17)),),
                        valid_from=None,
                        valid_to=None,
                    )
                )
                self.counts.resources += 1
        # 社区点单: about one order a month, most units respond (富强新村: 182 responses a year).
        for k in range(max(2, self.n_units)):
            posted = self.start + timedelta(days=20 + k * 330 // max(2, self.n_units), hours=9)
            self.at(posted)
            order = await self.run(
                fc.PostOrder(
                    self.staff,
                    NO_KEY,
                    title=rng.choice(("周六环境整治需要10人", "小巷修路需要水泥和沙", "敬老活动需要慰问品")),
                    description="社区点单，请共建单位响应",
                    items=(Item("人手", 10, "人"),),
                    units=None,
                    needed_by=posted + timedelta(days=5),
                )
            )
            for unit in order["units"]:  # the units whose agreement is in force when it is posted
                if rng.random() < 0.8:
                    contact = Actor(
                        sub=f"demo-seed-contact-{unit}",
                        role="unit_contact",
                        unit=unit,
                        communities=frozenset({self.code}),
                    )
                    self.clock.at = posted + timedelta(hours=rng.randint(1, 72))
                    declined = rng.random() < 0.1
                    items = () if declined else (Item("人手", rng.randint(1, 4), "人"),)
                    await self.run(
                        fc.RespondToOrder(
                            contact,
                            NO_KEY,
                            order_id=order["id"],
                            unit=unit,
                            declined=declined,
                            items=items,
                            note="本周人手不足" if declined else "按时到位",
                        )
                    )
            self.clock.at = posted + timedelta(days=6)
            await self.run(fc.CloseOrder(self.staff, NO_KEY, order_id=order["id"]))
            self.counts.orders += 1

    # ------------------------------------------------------------------------------- projects
    async def seed_projects(self) -> None:
        rng = self.rng
        goals = ("老旧小区微改造", "四点半课堂", "助老餐桌", "邻里互助站", "平安楼栋", "垃圾分类示范", "健康小屋")
        for i in range(self.n_projects):
            began = self.start + timedelta(days=rng.randrange(0, 200), hours=10)
            self.at(began)
            project = await self.run(
                fc.StartProject(
                    self.staff,
                    NO_KEY,
                    title=f"{goals[i % len(goals)]}{'' if i < len(goals) else i + 1}",
                    goal="与共建单位共同为居民办实事",
                    period_from=began.date(),
                    period_to=(began + timedelta(days=180)).date(),
                    units=tuple(rng.sample(self.units, min(2, len(self.units)))),
                    status="active",
                    links=Links(),
                )
            )
            for step in range(3):
                self.clock.at += timedelta(days=rng.randint(20, 50))
                await self.run(
                    fc.AddProjectProgress(
                        self.staff,
                        NO_KEY,
                        project_id=project["id"],
                        note=f"第{step + 1}阶段完成",
                        people_served=rng.randint(10, 80),
                        status="done" if step == 2 and i % 3 else None,
                        links=Links(),
                    )
                )
            self.counts.projects += 1

    # ----------------------------------------------------------------------------- activities
    async def seed_activities(self) -> None:
        rng = self.rng
        for i in range(self.n_activities):
            title, skill = ACTIVITIES[i % len(ACTIVITIES)]
            future = self.n_activities > 4 and i >= self.n_activities - 2  # the last two are ahead (sign-ups open)
            starts = (self.now + timedelta(days=3 + i % 5)) if future else self.day(10, 360)
            starts = starts.replace(hour=rng.choice((9, 14, 19)), minute=0, second=0, microsecond=0)
            length = timedelta(hours=rng.choice((2, 3)))
            self.at(starts - timedelta(days=7))
            activity = await self.run(
                fc.CreateActivity(
                    self.staff,
                    NO_KEY,
                    title=title,
                    description=f"{TEAMS[i % 3]}志愿服务队：{title}",
                    starts_at=starts,
                    ends_at=starts + length,
                    place=ActivityPlace("社区党群服务中心"),
                    slots=(Slot("general", 12), Slot("skilled", 4, skill)),
                    organiser=None,
                    team=TEAMS[i % 3],
                )
            )
            chosen = rng.sample(self.members, min(len(self.members), rng.randint(6, 14)))
            signed: list[str] = []
            for actor, member_id, skills in chosen:
                slot = "skilled" if skill in skills and rng.random() < 0.5 else "general"
                self.clock.at += timedelta(minutes=7)
                try:
                    await self.run(fc.SignUp(actor, NO_KEY, activity_id=activity["id"], slot=slot))
                except Exception:  # a full slot: the member is not taken (deterministic all the same)
                    continue
                signed.append(member_id)
            self.counts.activities += 1
            if future:
                continue
            for member_id in signed:
                if rng.random() < 0.12:
                    continue  # a no-show
                came = starts + timedelta(minutes=rng.randint(-10, 15))
                left = starts + length - timedelta(minutes=rng.choice((0, 0, 15, 30)))
                self.at(left + timedelta(minutes=5))
                await self.run(
                    fc.CheckActivity(
                        self.staff, NO_KEY, activity_id=activity["id"], out=False, code=None, member=member_id, at=came
                    )
                )
                await self.run(
                    fc.CheckActivity(
                        self.staff, NO_KEY, activity_id=activity["id"], out=True, code=None, member=member_id, at=left
                    )
                )
                self.counts.attendances += 1
            self.at(starts + length + timedelta(hours=1))
            await self.run(
                fc.CloseActivity(self.staff, NO_KEY, activity_id=activity["id"], people_served=rng.randint(10, 40))
            )

    # ---------------------------------------------------------------------------------- needs
    def _need_cmd(
        self, actor: Actor, i: int, recorded: datetime, wanted: timedelta, privacy: str = "open"
    ) -> c.RecordNeed:
        rng = self.rng
        kind, title, skills = NEEDS[i % len(NEEDS)]
        grid = rng.choice(self.grids)
        return c.RecordNeed(
            actor,
            NO_KEY,
            kind=kind,
            title=title,
            description=f"{title}（网格员走访时登记）",
            grid=grid,
            building=f"{rng.randint(1, 20)}号楼",
            resident={
                "name": _name(rng),
                "phone": _phone(rng),
                "address": f"{rng.randint(1, 20)}号楼{rng.randint(1, 4)}单元{rng.randint(1, 6)}0{rng.randint(1, 4)}",
            },
            urgency=rng.choice(("normal", "normal", "urgent")),
            wanted_by=recorded + wanted,
            skills=skills,
            helpers=1,
            hours_wanted=float(rng.choice((1, 2, 3))),
            privacy=privacy,
        )

    async def _live(
        self, need: dict[str, Any], member: tuple[Actor, str, tuple[str, ...]], at: datetime, *, until: str
    ) -> None:
        """Take a need from open through claim, start, done and confirmation, stopping after `until`."""
        actor = member[0]
        self.at(at)
        view = await self.run(c.ClaimNeed(actor, NO_KEY, need_id=need["id"]))
        waiting = [cl for cl in view["claims"] if cl["status"] == "pending"]
        if waiting:
            self.clock.at += timedelta(hours=1)
            await self.run(c.ConfirmClaim(self.staff, NO_KEY, need_id=need["id"], claim_id=waiting[-1]["id"]))
        if until == "claimed":
            return
        if until == "released":
            self.clock.at += timedelta(hours=2)
            await self.run(c.ReleaseNeed(actor, NO_KEY, need_id=need["id"], reason="临时出差，无法前往"))
            return
        self.clock.at += timedelta(hours=self.rng.randint(2, 12))
        await self.run(c.StartNeed(actor, NO_KEY, need_id=need["id"]))
        if until == "in_progress":
            return
        self.clock.at += timedelta(hours=self.rng.randint(1, 5))
        await self.run(
            c.ReportNeedDone(
                actor,
                NO_KEY,
                need_id=need["id"],
                note="已完成，老人很满意",
                photos=(),
                hours=float(self.rng.choice((1, 1.5, 2, 3))),
            )
        )
        if until == "done":
            return
        self.clock.at += timedelta(hours=self.rng.randint(4, 48))
        await self.run(
            c.ConfirmNeed(
                self.staff,
                NO_KEY,
                need_id=need["id"],
                satisfaction=self.rng.choice(("satisfied", "satisfied", "basically_satisfied")),
                note="电话回访居民",
            )
        )

    async def seed_needs(self) -> None:
        rng = self.rng
        # Most of the year's needs are confirmed (hours count); the recent ones are in every state.
        tail = ["open", "open", "claimed", "in_progress", "done", "released", "cancelled", "expired", "whistled"]
        plan = ["confirmed"] * max(self.n_needs, len(tail) + 3)
        for j, state in enumerate(tail):
            plan[-1 - j] = state
        for i, state in enumerate(plan):
            if state in ("confirmed", "cancelled", "expired", "whistled"):
                recorded = self.day(0, 340)
            else:
                recorded = self.now - timedelta(hours=rng.randint(6, 20))  # recent: the sweep must not lapse them
            self.at(recorded)
            need = await self.run(
                self._need_cmd(
                    self.staff,
                    i,
                    recorded,
                    timedelta(days=rng.randint(3, 10)),
                    privacy="staff_confirms" if i % 4 == 0 else "open",
                )
            )
            member = rng.choice(self.members)
            if state in ("confirmed", "claimed", "in_progress", "done", "released"):
                at = (
                    recorded + timedelta(hours=rng.randint(1, 4))
                    if state != "confirmed"
                    else recorded + timedelta(hours=rng.randint(1, 30))
                )
                await self._live(need, member, min(at, self.now - timedelta(hours=1)), until=state)
            elif state == "cancelled":
                self.clock.at = recorded + timedelta(days=1)
                await self.run(c.CancelNeed(self.staff, NO_KEY, need_id=need["id"], reason="居民已自行解决"))
            elif state == "expired":
                await self.run(c.TickNeed(need_id=need["id"], now=recorded + timedelta(days=11)))
            elif state == "whistled":
                self.clock.at = recorded + timedelta(hours=3)
                await self.run(
                    c.WhistleNeed(
                        self.staff,
                        NO_KEY,
                        need_id=need["id"],
                        category="FAC-SEWER-BLOCKED",
                        description="楼前下水管道堵塞，需要部门处理",
                    )
                )
            self.counts.need("open" if state == "released" else state)

    # --------------------------------------------------------------------------------- 议事
    async def seed_topics(self) -> None:
        rng = self.rng
        for i in range(self.n_topics):
            title, category, question = TOPICS[i]
            raised = self.start + timedelta(days=15 + i * 300 // self.n_topics, hours=10)
            self.at(raised)
            topic = await self.run(
                tc.RaiseTopic(self.staff, NO_KEY, title=title, question=question, community=self.code, evidence=())
            )
            tid = topic["id"]
            people = (
                TopicPerson("committee", "社区书记"),
                TopicPerson("party_member", "党员代表"),
                TopicPerson("resident", "居民代表"),
                TopicPerson("stakeholder", "物业经理"),
            )
            self.clock.at += timedelta(days=3)
            await self.run(tc.SetTopic(self.staff, NO_KEY, topic_id=tid, question=question, participants=people))
            self.clock.at += timedelta(days=7)
            meeting_at = self.clock.at
            await self.run(
                tc.HoldMeeting(
                    self.staff,
                    NO_KEY,
                    topic_id=tid,
                    at=meeting_at,
                    place="社区议事厅",
                    agenda=(title,),
                    attendance=people,
                )
            )
            due = meeting_at + timedelta(days=30)
            self.clock.at += timedelta(hours=2)
            await self.run(
                tc.RecordDecision(
                    self.staff,
                    NO_KEY,
                    topic_id=tid,
                    item=title,
                    decision=f"{title}：分工落实",
                    owner="社区两委",
                    due=due,
                    review_at=due + timedelta(days=7),
                )
            )
            grid = rng.choice(self.grids)
            self.clock.at += timedelta(hours=1)
            await self.run(
                tc.AddAction(
                    self.staff,
                    NO_KEY,
                    topic_id=tid,
                    kind="case",
                    case={"category": category, "grid": grid, "description": f"议事决定：{question}"},
                )
            )
            need_body = self._need_cmd(self.staff, i, self.clock.at, timedelta(days=20))
            view = await self.run(
                tc.AddAction(
                    self.staff,
                    NO_KEY,
                    topic_id=tid,
                    kind="need",
                    need={
                        "kind": need_body.kind,
                        "title": need_body.title,
                        "description": need_body.description,
                        "grid": grid,
                        "wanted_by": need_body.wanted_by,
                        "skills": list(need_body.skills),
                        "privacy": "open",
                    },
                )
            )
            view = await self.run(
                tc.AddAction(
                    self.staff, NO_KEY, topic_id=tid, kind="task", owner="物业", due=meeting_at + timedelta(days=20)
                )
            )
            self.counts.actions += 3
            actions = view["actions"]
            need_id = next(a.get("need_id") for a in actions if a["kind"] == "need")
            task_id = next(a["id"] for a in actions if a["kind"] == "task")
            await self._live(
                {"id": need_id}, rng.choice(self.members), self.clock.at + timedelta(days=2), until="confirmed"
            )
            self.counts.need("confirmed")
            self.at(meeting_at + timedelta(days=15))
            await self.run(tc.MarkTaskDone(self.staff, NO_KEY, topic_id=tid, action_id=task_id))
            # 监督评审 once the case action is overdue (its case is filed through intake by the service's relay).
            self.at(due + timedelta(days=8))
            if raised + timedelta(days=60) < self.now:
                await self.run(tc.FlagOverdueActions(topic_id=tid, now=self.clock.at))
                await self.run(
                    tc.ReviewTopic(
                        self.staff,
                        NO_KEY,
                        topic_id=tid,
                        result=rng.choice(("resolved", "partly")),
                        satisfaction="satisfied",
                        note="四方评议",
                    )
                )
            self.counts.topics += 1


async def seed_demo(
    engine: AsyncEngine,
    topic_prefix: str,
    *,
    scale: float = 1.0,
    now: datetime | None = None,
    log: Callable[[str], None] = print,
) -> Counts:
    """Seed every community of the reference data (the seeds' sizes by `scale`); the counts added."""
    ref = load_reference()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    total = Counts()
    started = time.monotonic()

    async def one(code: str) -> Counts:
        clock = Clock(now)
        seed = CommunitySeed(build_bus(engine, topic_prefix, clock, ref), clock, ref, code, scale, now)
        counts = await seed.seed()
        log(
            f"  {code}: {counts.members} members, {counts.activities} activities, {counts.needs} needs, "
            f"{counts.topics} topics {counts.timings}" + (" (already seeded)" if counts.skipped else "")
        )
        return counts

    for counts in await asyncio.gather(*(one(community.code) for community in ref.communities())):
        for name in (
            "members",
            "units",
            "resources",
            "orders",
            "projects",
            "activities",
            "attendances",
            "needs",
            "topics",
            "actions",
        ):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
        for state, n in counts.needs_by_status.items():
            total.needs_by_status[state] = total.needs_by_status.get(state, 0) + n
        total.skipped += counts.skipped
    log(f"  seeded in {time.monotonic() - started:.1f}s")
    return total


def main(argv: list[str]) -> int:
    import argparse

    from chuishao_community.bootstrap import CommunitySettings
    from chuishao_shared.db import make_engine

    parser = argparse.ArgumentParser(prog="python -m chuishao_community seed-demo")
    parser.add_argument("--scale", type=float, default=1.0, help="the seeds' sizes times this")
    args = parser.parse_args(argv)
    settings = CommunitySettings()

    async def go() -> None:
        engine = make_engine(settings)
        try:
            await seed_demo(engine, settings.topic_prefix, scale=args.scale)
        finally:
            await engine.dispose()

    asyncio.run(go())
    return 0
