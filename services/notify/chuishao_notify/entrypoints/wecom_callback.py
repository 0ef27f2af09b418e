"""WeCom's callback for the application (接收消息与事件), registered in WeCom's admin console as
`<notify's public URL>/v1/wecom/callback` with the Token and EncodingAESKey notify is configured with
(CHUISHAO_WECOM_CALLBACK_TOKEN, CHUISHAO_WECOM_ENCODING_AES_KEY; docs/notifications.md).

- `GET ?msg_signature&timestamp&nonce&echostr`: URL verification — the plaintext of `echostr`, as text.
- `POST ?msg_signature&timestamp&nonce` with the encrypted XML: a `template_card_event` from a 签收 button
  acknowledges the case as the one-tap page would (service_layer/wecom_taps.py) and is answered with the
  encrypted passive reply that changes the button's text (更新模版卡片: `update_button`); anything else, or
  a tap that should change nothing, with an empty 200 (WeCom's "no reply").

WeCom reaches it without a bearer token: the signature over the encrypted body is the credential. A bad
signature, another corp's message or a body that is not WeCom's is refused with problem+json (4xx) and
nothing changes; the log says which, never the token, the key, a userid or the message. Without the
callback settings the route answers 404. Not in the OpenAPI document: it is WeCom's protocol (XML), not
Chuishao's API, like dispatch's one-tap page."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from chuishao_notify.domain.wecom_callback import CallbackError, Crypto, update_button
from chuishao_notify.service_layer import wecom_taps
from chuishao_shared.problems import Problem

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
PATH = "/v1/wecom/callback"
Param = Annotated[str, Query(max_length=512)]

REFUSALS = {
    "signature": (403, "Bad signature", "msg_signature does not match the body"),
    "receiver": (403, "Not this corp", "the message is addressed to another corp"),
    "decrypt": (400, "Not decryptable", "the encrypted text is not WeCom's for this application"),
    "malformed": (400, "Malformed callback", "the body is not WeCom's callback XML"),
}


def _crypto(request: Request) -> Crypto:
    crypto: Crypto | None = getattr(request.app.state, "wecom_callback", None)
    if crypto is None:
        raise Problem(404, "Not found", "WeCom's callback is not configured", kind="not-found")
    return crypto


def _refuse(error: CallbackError, what: str) -> Problem:
    status, title, detail = REFUSALS[error.reason]
    log.warning("WeCom callback %s refused: %s", what, error.reason)
    return Problem(status, title, detail, kind=f"wecom-callback-{error.reason}")


@router.get(PATH)
async def verify_url(
    request: Request, msg_signature: Param, timestamp: Param, nonce: Param, echostr: Param
) -> Response:
    crypto = _crypto(request)
    try:
        plain = crypto.verify_url(msg_signature, timestamp, nonce, echostr)
    except CallbackError as error:
        raise _refuse(error, "URL verification") from error
    log.info("WeCom callback URL verified")
    return Response(plain, media_type="text/plain; charset=utf-8")


@router.post(PATH)
async def event(request: Request, msg_signature: Param, timestamp: Param, nonce: Param) -> Response:
    crypto = _crypto(request)
    body = await request.body()
    try:
        fields = crypto.open(msg_signature, timestamp, nonce, body)
    except CallbackError as error:
        raise _refuse(error, "event") from error
    if fields.get("MsgType") != "event" or fields.get("Event") != "template_card_event":
        log.info("WeCom callback: %s event ignored", (fields.get("Event") or fields.get("MsgType") or "?")[:40])
        return Response(b"", media_type="text/plain")
    state = request.app.state
    outcome = await wecom_taps.tap(state.bus, state.ack_links, state.dispatch_ack, fields)
    if outcome.reply is None:
        return Response(b"", media_type="text/plain")
    reply = update_button(fields.get("FromUserName", ""), crypto.receive_id, outcome.reply)
    return Response(crypto.seal(reply), media_type="application/xml")
