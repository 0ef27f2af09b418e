"""Personal data in free text: what is masked before text leaves for a wider audience.

A resident's contact (name, phone, e-mail) is kept by intake only, in its own field. Free text typed
by people (a report's description and address, a verification note, a feedback comment, a
department's progress note, a reason) may still carry it. Text that goes on the cases topic (read by
every service and by the departments' receivers) or to a public reader (Open311's `GET requests`) is
masked first: phone numbers, e-mail addresses, ID card numbers and, where the resident's name is known
(intake, which holds the contact), the name become `＊＊＊`. A name typed into a department's note is not
recognisable and is not masked; tracking never publishes notes at all (it writes its own sentences).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "＊＊＊"
_SECRETS = (
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"),  # e-mail
    re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])"),  # 居民身份证号
    # Phone numbers: a mobile (11 digits from 13-19, +86 optional), a landline with its area code, or a
    # bare local number of 7-8 digits; single spaces or dashes anywhere inside. Dates and house numbers stay.
    re.compile(r"(?<!\d)(\+?86[\s-]?)?1[3-9]([\s-]?\d){9}(?!\d)"),
    re.compile(r"(?<!\d)0\d{2,3}([\s-]?\d){7,8}(?!\d)"),
    re.compile(r"(?<!\d)\d{7,8}(?!\d)"),
)


def mask(text: str, names: Iterable[str] = ()) -> str:
    """`text` with phones, e-mails, ID card numbers and the given names replaced by `MASK`."""
    for pattern in _SECRETS:
        text = pattern.sub(MASK, text)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = text.replace(name, MASK)
    return text


def resident_names(resident: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The resident's name as filed, and its parts (a form's first_name/last_name are joined with a
    space), plus the contact's phone and e-mail as typed: all masked wherever they appear."""
    resident = resident or {}
    name = str(resident.get("name") or "")
    contacts = tuple(str(resident[k]) for k in ("phone", "email") if resident.get(k))
    return ((name, name.replace(" ", ""), *name.split()) if name else ()) + contacts


def mask_fields(data: dict[str, Any], fields: Iterable[str], names: Iterable[str] = ()) -> dict[str, Any]:
    """A copy of `data` with the named string fields masked."""
    names = tuple(names)
    return {k: mask(v, names) if k in fields and isinstance(v, str) else v for k, v in data.items()}
