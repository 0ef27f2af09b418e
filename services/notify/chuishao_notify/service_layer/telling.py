"""Telling a person (issue 25 item 3): the person notices escalation steps queued are sent as a WeCom
application message or a DingTalk work notice, each with a signed, short-lived, single-use one-tap
签收 link (`chuishao_shared.ack_links`) to dispatch's page.

The sender is a periodic task on the shared runner: it claims due notices (leased, SKIP LOCKED) in one
unit of work, sends each, and records each outcome in a unit of work of its own. A notice whose chain
stopped meanwhile (签收) is not sent: stopping a chain fails its pending notices in the same
transaction. A failed send is tried again with backoff; a person with no WeCom or DingTalk user id on
the roster is `unreachable`. Logs carry ids and reasons, never a name, a phone, a user id or the link."""

from __future__ import annotations

import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass, replace

from chuishao_notify.adapters.escalation_store import PersonNotice
from chuishao_notify.adapters.person_channels import PersonChannels
from chuishao_notify.domain.need_escalation import is_need_chain
from chuishao_notify.domain.person_messages import PersonMessage, Tap, need_message, person_message
from chuishao_notify.domain.robot_mentions import MENTION_KIND
from chuishao_notify.metrics import PERSON_NOTICES
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_shared.ack_links import AckClaims, sign

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class AckLinks:
    secret: bytes
    dispatch_public_url: str
    minutes: float = 120.0
    community_public_url: str = "http://127.0.0.1:8005"

    @property
    def community_console(self) -> str:
        return f"{self.community_public_url.rstrip('/')}/console/"

    def url(self, notice: PersonNotice, platform: str, user_id: str) -> str:
        """The same link every time for one notice (its id from the notice's id, its expiry from when the
        notice was queued): a message sent again after a crash is the very same message, which the
        platforms' duplicate checks drop, and a link never outlives the notice's window."""
        jti = hmac.new(self.secret, f"person-notice:{notice.id}".encode(), hashlib.sha256).hexdigest()[:32]
        claims = AckClaims(
            case_id=notice.case_id,
            department=notice.department,
            owner=notice.owner,
            member=notice.member,
            platform=platform,
            user_id=user_id,
            expires=int(notice.created_at.timestamp() + self.minutes * 60),
            jti=jti,
        )
        return f"{self.dispatch_public_url.rstrip('/')}/ack/{sign(self.secret, claims)}"

    def token(self, notice: PersonNotice, platform: str, user_id: str) -> str:
        """The signed token of `url` (what dispatch's page takes at /ack/{token})."""
        return self.url(notice, platform, user_id).rsplit("/ack/", 1)[1]

    def tap(self, notice: PersonNotice, user_id: str) -> Tap:
        """A WeCom template card's 签收 button for this notice: a task id unique to the notice (the same on a
        resend, like the link) and a key naming the notice and the user id it is sent to — ids only, far
        under WeCom's 1024 bytes, never the signed link (service_layer/wecom_taps.py reads it back)."""
        mac = hmac.new(
            self.secret, f"wecom-task:{notice.id}:{notice.created_at.timestamp()}".encode(), hashlib.sha256
        ).hexdigest()[:24]
        return Tap(task_id=f"ack-{notice.id}-{mac}", key=f"ack:{notice.id}:{user_id}")


def backoff(attempts: int) -> float:
    return float(min(30 * 2 ** (attempts - 1), 1800))


async def send_person_notices(bus: NotifyBus, channels: PersonChannels, links: AckLinks, limit: int = 20) -> int:
    async with bus.uow() as uow:
        notices = await uow.escalation.claim_notices(limit, lease_seconds=60)
        cases = {n.case_id: await uow.cases.snapshot(n.case_id) for n in notices}
        await uow.commit()
    for notice in notices:
        await _send_one(bus, channels, links, notice, cases[notice.case_id])
    return len(notices)


async def _send_one(
    bus: NotifyBus, channels: PersonChannels, links: AckLinks, notice: PersonNotice, case: dict
) -> None:
    route = channels.channel_for(notice.wecom_user_id, notice.dingtalk_user_id)
    if route is None:
        if await _mention(bus, links, notice, case):
            return
        await _settle(
            bus,
            notice,
            "unreachable",
            None,
            "no WeCom or DingTalk user id on the roster (or no application), and no group robot and mobile",
        )
        return
    channel, user_id = route
    message = _message(bus, links, notice, case, channel, user_id)
    outcome = await channels.send(channel, user_id, message)
    if outcome.sent:
        await _settle(bus, notice, "sent", channel, None)
    elif outcome.throttled:
        # The platform's per-person limit (WeCom: 30 a minute to one member): this notice keeps its place
        # (a member's notices go in order, domain: claim_notices) and goes again after the limit's minute.
        await _settle(bus, notice, "pending", channel, outcome.error, retry_in=channels.throttle_seconds)
    elif outcome.permanent or notice.attempts >= MAX_ATTEMPTS:
        await _settle(bus, notice, "failed", channel, outcome.error)
    else:
        await _settle(bus, notice, "pending", channel, outcome.error, retry_in=backoff(notice.attempts))


def _message(
    bus: NotifyBus, links: AckLinks, notice: PersonNotice, case: dict, platform: str, user_id: str
) -> PersonMessage:
    """A case's notice with its one-tap 签收 link; a community need's (domain/need_escalation.py) with a
    button to the community console (a need is followed up there, not acknowledged)."""
    names = bus.context.names
    if is_need_chain(notice.case_id):
        return need_message(case, notice.kind, notice.level, links.community_console, names)
    url = links.url(notice, platform, user_id)
    message = person_message(case, notice.department, notice.kind, notice.level, url, names)
    if platform == "wecom":  # a template card's 签收 button, where notify takes WeCom's callback
        message = replace(message, tap=links.tap(notice, user_id))
    return message


async def _mention(bus: NotifyBus, links: AckLinks, notice: PersonNotice, case: dict) -> bool:
    """Where the person cannot get an application message, an @mention by mobile in the roster owner's
    group robot, queued behind that robot's other messages (in order, under its rate limit). The queued
    delivery names the person by roster owner and member; the mobile is read only when the request is
    made (domain/robot_mentions.py). False when there is no robot or no mobile."""
    async with bus.uow() as uow:
        robot = await uow.subscriptions.robot_of(notice.owner)
        mobile = await uow.rosters.mobile_of(notice.owner, notice.member)
        if robot is None or not mobile:
            return False
        # The link names the person as dispatch's directory knows them: their platform id where the roster
        # has one, else the roster member id as the directory subject.
        if notice.wecom_user_id:
            platform, user_id = "wecom", notice.wecom_user_id
        elif notice.dingtalk_user_id:
            platform, user_id = "dingtalk", notice.dingtalk_user_id
        else:
            platform, user_id = "subject", notice.member
        message = _message(bus, links, notice, case, platform, user_id)
        url = message.ack_url
        queued = {
            "kind": MENTION_KIND,
            "person_notice": notice.id,
            "owner": notice.owner,
            "member": notice.member,
            "case_id": notice.case_id,
            "title": message.title,
            "lines": list(message.lines),
            "ack_url": url,
            "button": message.button,
        }
        event_id = uuid.uuid5(uuid.NAMESPACE_URL, f"chuishao:person-notice:{notice.id}")
        await uow.deliveries.add_mention(event_id, robot.id, notice.case_id, queued)
        await uow.deliveries.wake_workers()
        channel = f"{robot.format}_robot"
        await uow.escalation.settle_notice(notice.id, "sent", channel=channel, error=None)
        uow.after_commit(lambda: PERSON_NOTICES.labels(channel, "sent").inc())
        await uow.commit()
    log.info("person notice %s: @mention queued on robot subscription %s", notice.id, robot.id)
    return True


async def _settle(
    bus: NotifyBus,
    notice: PersonNotice,
    status: str,
    channel: str | None,
    error: str | None,
    retry_in: float | None = None,
) -> None:
    async with bus.uow() as uow:
        await uow.escalation.settle_notice(notice.id, status, channel=channel, error=error, retry_in=retry_in)
        uow.after_commit(lambda: PERSON_NOTICES.labels(channel or "none", status).inc())
        await uow.commit()
    log.info("person notice %s: %s via %s%s", notice.id, status, channel or "-", f" ({error})" if error else "")
