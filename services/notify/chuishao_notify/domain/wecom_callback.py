"""WeCom's callback protocol (接收消息与事件 / 回调配置, "加解密方案说明"), for the 签收 button of a template card
(PRODUCT.md §9: "a WeCom template card … button where the city has an application").

- `msg_signature` = sha1 of the sorted [token, timestamp, nonce, encrypted text] joined;
- the encrypted text is base64 of AES-256-CBC (key = base64decode(EncodingAESKey + "="), IV = key[:16],
  PKCS#7 padded to 32-byte blocks) over 16 random bytes + the message's length (4 bytes, big-endian) +
  the message + the ReceiveId (the corp id, which must match ours);
- URL verification (GET) sends `echostr` encrypted so; the answer is its plaintext;
- an event (POST) is `<xml><ToUserName/><Encrypt/><AgentID/></xml>`; the passive reply is
  `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>` over the reply's XML.

Pure: the standard library and `cryptography`'s AES primitive; no I/O. `CallbackError.reason` is safe to
log (never the token, the key, the user id or a word of the message)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import struct
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import escape

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32  # WeCom pads to 32 bytes (PKCS#7 with a 32-byte block), not AES's 16
MAX_BODY = 64 * 1024  # a callback is a few hundred bytes
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9]{3,32}")  # the admin console: "英文或数字，长度为3-32字符"


class CallbackError(ValueError):
    """A callback that cannot be believed: `reason` is 'signature', 'malformed', 'decrypt' or 'receiver'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def aes_key(encoding_aes_key: str) -> bytes:
    """The 32-byte key from the 43-character EncodingAESKey; ValueError when it is not one."""
    if len(encoding_aes_key) != 43:
        raise ValueError("the EncodingAESKey has 43 characters")
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except binascii.Error as error:
        raise ValueError("the EncodingAESKey is base64 (43 characters of A-Z a-z 0-9 + /)") from error
    if len(key) != 32:
        raise ValueError("the EncodingAESKey decodes to 32 bytes")
    return key


def signature(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypted])).encode()).hexdigest()


@dataclass(frozen=True)
class Crypto:
    token: str
    key: bytes  # aes_key(EncodingAESKey)
    receive_id: str  # the corp id

    def _cipher(self) -> Cipher:
        return Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16]))

    def encrypt(self, message: str, *, random16: bytes | None = None) -> str:
        body = message.encode()
        plain = (random16 or os.urandom(16)) + struct.pack(">I", len(body)) + body + self.receive_id.encode()
        pad = BLOCK - len(plain) % BLOCK
        plain += bytes([pad]) * pad
        encryptor = self._cipher().encryptor()
        return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()

    def decrypt(self, encrypted: str) -> str:
        """The message inside; CallbackError('decrypt') or ('receiver') when it is not ours."""
        try:
            data = base64.b64decode(encrypted, validate=True)
        except (binascii.Error, ValueError) as error:
            raise CallbackError("decrypt") from error
        if not data or len(data) % 16:
            raise CallbackError("decrypt")
        decryptor = self._cipher().decryptor()
        plain = decryptor.update(data) + decryptor.finalize()
        pad = plain[-1]
        if not 1 <= pad <= BLOCK or len(plain) < 20 + pad:
            raise CallbackError("decrypt")
        content = plain[16:-pad]
        (length,) = struct.unpack(">I", content[:4])
        if length > len(content) - 4:
            raise CallbackError("decrypt")
        message, receive_id = content[4 : 4 + length], content[4 + length :]
        if not hmac.compare_digest(receive_id, self.receive_id.encode()):
            raise CallbackError("receiver")
        try:
            return message.decode()
        except UnicodeDecodeError as error:
            raise CallbackError("decrypt") from error

    def check(self, msg_signature: str, timestamp: str, nonce: str, encrypted: str) -> None:
        expected = signature(self.token, timestamp, nonce, encrypted)
        if not msg_signature or not hmac.compare_digest(expected, msg_signature.lower()):
            raise CallbackError("signature")

    def verify_url(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """URL verification (the admin console's 保存): the plaintext of `echostr`."""
        self.check(msg_signature, timestamp, nonce, echostr)
        return self.decrypt(echostr)

    def open(self, msg_signature: str, timestamp: str, nonce: str, body: bytes) -> dict[str, str]:
        """An event POSTed to the callback: checked, decrypted, its fields (child elements' text)."""
        outer = parse_xml(body)
        encrypted = outer.get("Encrypt", "")
        if not encrypted:
            raise CallbackError("malformed")
        self.check(msg_signature, timestamp, nonce, encrypted)
        return parse_xml(self.decrypt(encrypted).encode())

    def seal(self, reply: str, *, timestamp: str | None = None, nonce: str | None = None) -> str:
        """The passive reply as WeCom takes it: encrypted and signed."""
        timestamp = timestamp or str(int(time.time()))
        nonce = nonce or base64.b32encode(os.urandom(10)).decode().lower()
        encrypted = self.encrypt(reply)
        return (
            f"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt>"
            f"<MsgSignature><![CDATA[{signature(self.token, timestamp, nonce, encrypted)}]]></MsgSignature>"
            f"<TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>"
        )


def parse_xml(body: bytes) -> dict[str, str]:
    """The child elements' text of a flat `<xml>` document. No DTD (so no entity expansion); size-capped."""
    if not body or len(body) > MAX_BODY or b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        raise CallbackError("malformed")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise CallbackError("malformed") from error
    if root.tag != "xml":
        raise CallbackError("malformed")
    return {child.tag: (child.text or "").strip() for child in root}


def _cdata(text: str) -> str:
    return escape(text) if "]]>" in text else f"<![CDATA[{text}]]>"


def update_button(to_user: str, corp_id: str, replace_name: str, now: int | None = None) -> str:
    """更新模版卡片 by passive reply: the tapped card's button now reads `replace_name` (and is done)."""
    return (
        f"<xml><ToUserName>{_cdata(to_user)}</ToUserName><FromUserName>{_cdata(corp_id)}</FromUserName>"
        f"<CreateTime>{int(time.time()) if now is None else now}</CreateTime>"
        f"<MsgType><![CDATA[update_button]]></MsgType>"
        f"<Button><ReplaceName>{_cdata(replace_name)}</ReplaceName></Button></xml>"
    )
