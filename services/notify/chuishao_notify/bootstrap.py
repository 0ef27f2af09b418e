"""Composition root: wires notify's adapters from settings."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI
from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from chuishao_notify.adapters.dispatch_ack import DispatchAck
from chuishao_notify.adapters.person_channels import PersonChannels
from chuishao_notify.domain.destinations import parse_networks
from chuishao_notify.domain.pacing import RobotPacing
from chuishao_notify.domain.reminders import ReminderSchedule
from chuishao_notify.domain.retry import RetryPolicy
from chuishao_notify.domain.wecom_callback import TOKEN_PATTERN, Crypto, aes_key
from chuishao_notify.entrypoints.api import router
from chuishao_notify.entrypoints.consumer import CONSUMER_NAME, event_handler
from chuishao_notify.entrypoints.duty_page import router as duty_page_router
from chuishao_notify.entrypoints.escalation_api import router as escalation_router
from chuishao_notify.entrypoints.rosters_api import router as rosters_router
from chuishao_notify.entrypoints.timers import backlog_task, escalation_task, person_notice_task, reminder_task
from chuishao_notify.entrypoints.wecom_callback import PATH as WECOM_CALLBACK_PATH
from chuishao_notify.entrypoints.wecom_callback import router as wecom_callback_router
from chuishao_notify.service_layer.context import NotifyContext, names_from
from chuishao_notify.service_layer.delivery import DeliveryWorker, WorkerConfig
from chuishao_notify.service_layer.handlers import message_bus
from chuishao_notify.service_layer.telling import AckLinks
from chuishao_notify.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.ack_links import secret_bytes
from chuishao_shared.db import make_engine
from chuishao_shared.events import CASES_TOPIC, COMMUNITY_TOPIC, REPORTS_TOPIC
from chuishao_shared.migrations import head_revision
from chuishao_shared.reference import ReferenceData, follow, load_reference
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.settings import Settings

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).parent
MIGRATIONS = PACKAGE / "migrations"


class NotifySettings(Settings):
    # A refused setting's error names the setting, never the values given (the secrets among them).
    model_config = SettingsConfigDict(**Settings.model_config, hide_input_in_errors=True)

    service_name: str = "notify"
    port: int = 8004
    # Where people open a case: links in messages go to <this>/console/#/case/<id>.
    dispatch_public_url: str = "http://127.0.0.1:8002"
    # Where community staff open their console: links in the community's messages.
    community_public_url: str = "http://127.0.0.1:8005"
    delivery_poll_seconds: float = 0.25
    request_timeout_seconds: float = 5.0
    endpoint_concurrency: int = 4
    max_in_flight: int = 200
    retry_base_seconds: float = 2.0
    retry_cap_seconds: float = 3600.0
    retry_give_up_hours: float = 24.0
    breaker_threshold: int = 5
    breaker_cooldown_seconds: float = 30.0
    # A group robot takes 20 messages a minute (WeCom and DingTalk both document it): notify sends each
    # robot's messages in order and no faster (domain/pacing.py). Only the tests shorten the window.
    robot_per_window: int = 20
    robot_window_seconds: float = 60.0
    # 催办: at these fractions of each deadline's window, and these minutes before it.
    reminder_fractions: list[float] = [0.5]
    reminder_before_minutes: list[float] = [10.0]
    reminder_poll_seconds: float = 1.0
    backlog_refresh_seconds: float = 5.0
    # Escalation (issue 25): how often the sweep takes the chains' due steps.
    escalation_poll_seconds: float = 1.0
    # Telling a person (issue 25): WeCom application messages use CHUISHAO_WECOM_CORP_ID/_SECRET/_AGENT_ID,
    # DingTalk work notices CHUISHAO_DINGTALK_APP_KEY/_APP_SECRET and this agent id.
    dingtalk_agent_id: int | None = None
    person_notice_poll_seconds: float = 1.0
    # WeCom takes at most 30 application messages a minute to one member: a send it refuses waits this long.
    person_throttle_seconds: float = 60.0
    # An open need with no claim is escalated to the community's staff on duty this long before its wanted-by.
    need_escalation_before_minutes: float = 120.0
    # The one-tap 签收 links: HMAC key shared with dispatch (required in production), and how long a link lasts.
    ack_link_secret: SecretStr | None = None
    ack_link_minutes: float = 120.0

    @model_validator(mode="after")
    def _ack_link_secret(self) -> NotifySettings:
        secret_bytes(self.ack_link_secret.get_secret_value() if self.ack_link_secret else None, self.environment)
        return self

    # WeCom's callback (the application's 接收消息 settings in WeCom's admin console, URL
    # <notify>/v1/wecom/callback): with both, a case's WeCom notice is a template card whose 签收 button
    # acknowledges in place (entrypoints/wecom_callback.py); without, a textcard opening the one-tap page.
    wecom_callback_token: SecretStr | None = None
    wecom_encoding_aes_key: SecretStr | None = None
    # Dispatch as notify reaches it, for a button's 签收 (POST /ack/{token}); unset: CHUISHAO_DIRECTORY_URL,
    # else dispatch_public_url.
    dispatch_url: str | None = None

    @model_validator(mode="after")
    def _wecom_callback(self) -> NotifySettings:
        token, key = self.wecom_callback_token, self.wecom_encoding_aes_key
        if bool(token) != bool(key):
            raise ValueError("CHUISHAO_WECOM_CALLBACK_TOKEN and CHUISHAO_WECOM_ENCODING_AES_KEY go together")
        if token and key:
            if not TOKEN_PATTERN.fullmatch(token.get_secret_value()):
                raise ValueError("CHUISHAO_WECOM_CALLBACK_TOKEN: 3 to 32 letters or digits (WeCom's Token)")
            aes_key(key.get_secret_value())  # ValueError says what is wrong, never the key
            if not self.wecom_corp_id:
                raise ValueError("WeCom's callback needs CHUISHAO_WECOM_CORP_ID (the messages' ReceiveId)")
        return self

    def wecom_crypto(self) -> Crypto | None:
        if not (self.wecom_callback_token and self.wecom_encoding_aes_key and self.wecom_corp_id):
            return None
        return Crypto(
            self.wecom_callback_token.get_secret_value(),
            aes_key(self.wecom_encoding_aes_key.get_secret_value()),
            self.wecom_corp_id,
        )

    # Receivers must be public addresses; these networks (comma-separated CIDRs) are allowed besides,
    # e.g. "10.20.0.0/16" for departments' systems on the government intranet, "127.0.0.1/32" for the
    # loopback receivers of the tests and `make run`. Empty (the default): public addresses only.
    webhook_allowed_networks: Annotated[list[str], NoDecode] = []

    @field_validator("webhook_allowed_networks", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value

    @field_validator("webhook_allowed_networks")
    @classmethod
    def _cidrs(cls, value: list[str]) -> list[str]:
        parse_networks(value)  # ValueError names the bad entry
        return value


def build_app(settings: Settings | None = None) -> FastAPI:
    s = (
        settings
        if isinstance(settings, NotifySettings)
        else NotifySettings(**(settings.model_dump() if settings else {}))
    )
    reference = load_reference(Path(s.reference_dir) if s.reference_dir else None)
    engine = make_engine(s)
    names = names_from(reference)
    # It follows the reference data version in force at dispatch (chuishao_shared.reference.follow); the
    # notices' names are refreshed in place when a version applies.
    follower = follow.follower_for(s, reference)

    def rename(applied: ReferenceData, _version: int) -> None:
        fresh = names_from(applied)
        for kind in ("categories", "jurisdictions", "departments"):
            held: dict[str, str] = getattr(names, kind)
            held.clear()
            held.update(getattr(fresh, kind))

    follower.listeners.append(rename)
    allowed = parse_networks(s.webhook_allowed_networks)
    ctx = NotifyContext(
        reference=follower.view,
        names=names,
        schedule=ReminderSchedule(
            fractions=tuple(s.reminder_fractions),
            before=tuple(timedelta(minutes=m) for m in s.reminder_before_minutes),
        ),
        allowed_networks=allowed,
        need_escalation_lead=timedelta(minutes=s.need_escalation_before_minutes),
    )
    bus = message_bus(lambda: SqlUnitOfWork(engine), ctx)
    worker = DeliveryWorker(
        bus,
        s.asyncpg_dsn,
        names,
        WorkerConfig(
            dispatch_public_url=s.dispatch_public_url,
            community_public_url=s.community_public_url,
            poll_seconds=s.delivery_poll_seconds,
            request_timeout_seconds=s.request_timeout_seconds,
            endpoint_concurrency=s.endpoint_concurrency,
            max_in_flight=s.max_in_flight,
            retry=RetryPolicy(
                base=timedelta(seconds=s.retry_base_seconds),
                cap=timedelta(seconds=s.retry_cap_seconds),
                give_up_after=timedelta(hours=s.retry_give_up_hours),
            ),
            breaker_threshold=s.breaker_threshold,
            breaker_cooldown=timedelta(seconds=s.breaker_cooldown_seconds),
            allowed_networks=allowed,
            robot_pacing=RobotPacing(s.robot_per_window, s.robot_window_seconds),
        ),
    )

    channels = PersonChannels(
        s,
        wecom_agent_id=int(s.wecom_agent_id) if s.wecom_agent_id and s.wecom_agent_id.isdigit() else None,
        dingtalk_agent_id=s.dingtalk_agent_id,
        allowed_networks=allowed,
        timeout_seconds=s.request_timeout_seconds,
        throttle_seconds=s.person_throttle_seconds,
        wecom_cards=s.wecom_crypto() is not None,
    )
    links = AckLinks(
        secret_bytes(s.ack_link_secret.get_secret_value() if s.ack_link_secret else None, s.environment),
        s.dispatch_public_url,
        s.ack_link_minutes,
        s.community_public_url,
    )

    # Notify publishes nothing, so it runs no outbox relay: one consumer and its background jobs.
    runtime = ServiceRuntime(s, engine, expected_revision=head_revision(MIGRATIONS)).with_consumer(
        CONSUMER_NAME, [CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC], event_handler(bus)
    )
    runtime.background += [
        worker.run,
        reminder_task(bus, s.reminder_poll_seconds).run,
        backlog_task(bus, s.backlog_refresh_seconds).run,
        escalation_task(bus, s.escalation_poll_seconds).run,
        person_notice_task(bus, channels, links, s.person_notice_poll_seconds).run,
    ]
    app = service_app(
        runtime,
        title="Chuishao notify",
        description="Pushes cases to the departments and duty desks: signed webhooks, WeChat Work and DingTalk "
        "group robots, 催办 reminders before deadlines and escalation notices, with a delivery log; and the "
        "community's notices (new needs to matching groups, claim reminders, expiries, overdue actions, topics moved).",
        context=ctx,
        routers=[router, rosters_router, escalation_router, duty_page_router, wecom_callback_router],
        xml_paths=(WECOM_CALLBACK_PATH,),  # WeCom's callback posts XML
    )
    app.state.bus = bus
    app.state.wecom_callback = s.wecom_crypto()
    app.state.ack_links = links
    app.state.dispatch_ack = DispatchAck(s.dispatch_url or s.directory_url or s.dispatch_public_url)
    follow.install(app, runtime, follower)
    app.state.worker = worker
    app.state.person_channels = channels
    return app
