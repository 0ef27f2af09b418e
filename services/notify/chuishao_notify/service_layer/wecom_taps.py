"""签收 with one tap on a WeCom template card's button (PRODUCT.md §9): WeCom calls back with the tapping
member's userid (`FromUserName`), the button's key (`EventKey`, `ack:<notice id>:<userid sent to>`, made by
telling.AckLinks.tap) and the card's `TaskId`. The tap is the one-tap link's tap, by the same code path:
the notice's signed link token is made again (the same token every time for a notice) and dispatch's page
takes it (adapters/dispatch_ack.py) — single use, expiry, the directory's check and "already" are
dispatch's.

Before that, nothing is sent to dispatch unless the notice exists, went by WeCom, the task id is the
notice's, and the member tapping is the one it was sent to. What the card's button then reads is the
answer (`reply`): 已签收 and the like; None where nothing should change (the tap was not for a notice of
ours, someone else's, or dispatch could not be reached — the button stays, to be tapped again). Logs
carry the notice id and the outcome, never a userid or the token."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Protocol

from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.telling import AckLinks

log = logging.getLogger(__name__)

# What the tapped button reads afterwards (WeCom: a button's text, at most 10 characters), per outcome.
REPLIES = {
    "done": "已签收",
    "already": "此前已签收",
    "expired": "已过期",
    "not_on_duty": "不在值班名单",
    "gone": "无需签收",
}


class Dispatch(Protocol):
    async def use(self, token: str) -> str: ...


@dataclass(frozen=True)
class TapOutcome:
    state: str  # done, already, expired, not_on_duty, gone, invalid, unavailable, not_ours, not_the_person
    reply: str | None  # the button's new text, or None: the card stays as it is


def parse_key(key: str) -> tuple[int, str] | None:
    kind, _, rest = key.partition(":")
    notice, _, user_id = rest.partition(":")
    if kind != "ack" or not notice.isdigit() or not user_id or len(notice) > 18:
        return None
    return int(notice), user_id


async def tap(bus: NotifyBus, links: AckLinks, dispatch: Dispatch, event: dict[str, str]) -> TapOutcome:
    """A `template_card_event` (its decrypted fields) from WeCom."""
    parsed = parse_key(event.get("EventKey", ""))
    if parsed is None:
        log.info("WeCom template card tap: not a 签收 button of ours")
        return TapOutcome("not_ours", None)
    notice_id, sent_to = parsed
    async with bus.uow() as uow:
        found = await uow.escalation.sent_notice(notice_id)
    if found is None or found[1] != "wecom":
        log.info("WeCom template card tap for person notice %s: no such notice sent by WeCom", notice_id)
        return TapOutcome("not_ours", None)
    notice, _ = found
    if not hmac.compare_digest(links.tap(notice, sent_to).task_id.encode(), event.get("TaskId", "").encode()):
        log.info("WeCom template card tap for person notice %s: not its card", notice_id)
        return TapOutcome("not_ours", None)
    if not hmac.compare_digest(sent_to.encode(), event.get("FromUserName", "").encode()):
        log.warning("WeCom template card tap for person notice %s by another member: nothing changed", notice_id)
        return TapOutcome("not_the_person", None)
    state = await dispatch.use(links.token(notice, "wecom", sent_to))
    log.info("WeCom template card tap for person notice %s: %s", notice_id, state)
    return TapOutcome(state, REPLIES.get(state))
