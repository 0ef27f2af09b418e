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
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "＊＊＊"

# What may stand between the digits of a number, after normalisation (full-width space, dot and
# hyphen are folded by NFKC; the dashes and dots NFKC keeps are folded by `_FOLD`): at most three.
_SEP = r"[\s.\-/]{0,3}"
_SECRETS = tuple(
    re.compile(pattern, re.ASCII)
    for pattern in (
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",  # e-mail
        rf"(?<!\d)\d(?:{_SEP}\d){{16}}{_SEP}[\dXx](?![\dA-Za-z])",  # 居民身份证号
        # Phone numbers: a mobile (11 digits from 13-19; +86, 0086 or (+86) optional), a landline with its
        # area code, or a bare local number of 7-8 digits. Separators as above. Dates and house numbers stay.
        rf"(?<!\d)(?:\(?(?:\+|00)?86\)?{_SEP})?1{_SEP}[3-9](?:{_SEP}\d){{9}}(?!\d)",
        rf"(?<!\d)\(?0\d{{2,3}}\)?(?:{_SEP}\d){{7,8}}(?!\d)",
        r"(?<!\d)\d{7,8}(?!\d)",
    )
)
# Every pattern above needs a digit or an @ (in the normalised text): text with neither skips them.
_MAY_HOLD_A_SECRET = re.compile(r"[0-9@]")
_FOLD = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff5e~", "-"),
    **dict.fromkeys("\u00b7\u30fb\u3002", "."),
}


class _Normal(dict[int, str]):
    """A `str.translate` table built as it is read: each character as the patterns read it: NFKC
    (full-width digits, letters, ＋, ＠, spaces, ．, －), dashes and dots folded, and any script's decimal
    digit as its ASCII digit. Characters that become more than one (㈠, ⑴, ½) are remembered."""

    expanding: set[str] = set()

    def __missing__(self, code: int) -> str:
        character = chr(code)
        folded = "".join(_FOLD.get(c, c) for c in unicodedata.normalize("NFKC", character))
        normal = "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in folded)
        if len(normal) != 1:
            self.expanding.add(character)
        if len(self) < 65536:
            self[code] = normal
        return normal


_NORMAL = _Normal()


def _normalised(text: str) -> tuple[str, list[int] | None]:
    """`text` normalised for matching, and for each of its characters the index in `text` it came from
    (None: the same index, as for nearly every text)."""
    normal = text.translate(_NORMAL)
    if len(normal) == len(text) and not _Normal.expanding.intersection(text):
        return normal, None
    origin: list[int] = []
    for index, character in enumerate(text):
        origin.extend([index] * len(_NORMAL[ord(character)]))
    return normal, origin


def mask(text: str, names: Iterable[str] = ()) -> str:
    """`text` with phones, e-mails, ID card numbers and the given names replaced by `MASK`.

    Matching reads the text normalised (NFKC, so １３９１２３４５６７８, ＋８６ and ａ＠ｂ.cn are found; dots,
    spaces and dashes of any width between the digits), and each match replaces the characters of the
    original text it came from: the rest of the text is published as it was typed."""
    if not text:
        return text
    normal, origin = _normalised(text)
    found: list[tuple[int, int]] = []
    if _MAY_HOLD_A_SECRET.search(normal):
        for pattern in _SECRETS:
            found.extend(m.span() for m in pattern.finditer(normal) if m.end() > m.start())
    for name in {_normalised(n.strip())[0] for n in names if n and n.strip()}:
        start = normal.find(name)
        while start >= 0:
            found.append((start, start + len(name)))
            start = normal.find(name, start + len(name))
    spans = found if origin is None else [(origin[start], origin[end - 1] + 1) for start, end in found]
    if not spans:
        return text
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if end <= position:
            continue
        if start >= position:
            out.append(text[position:start])
            out.append(MASK)
        position = end
    out.append(text[position:])
    return "".join(out)


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
