"""The kinds of value a data file's fields hold, each of which validates, converts and describes itself.

One registry, three users: the loader converts what YAML gave it (and says in
plain words what is wrong with it), the JSON Schemas editors check against
are written from each kind's `schema()`, and the edit commands turn what a
curator typed on the command line into the value they write (`from_text`),
so a value a command writes is always one the loader accepts.

    >>> PERIOD.convert(2015)
    '2015'
    >>> PERIOD.convert("2015-13")
    Traceback (most recent call last):
    ...
    actorgraph.dataset.fields.Invalid: the string '2015-13'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as _date
from typing import Any

from .yamlsafe import YList, YMap

# Ids (actors, sources) are slugs; vocabulary names may also use "_" (absorbed_fighters_from).
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VOCAB_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"

# Control characters, and invisible ones that hide in pasted text or reorder what a reader
# sees (zero-width spaces and joiners, bidirectional overrides, the byte-order mark).
# Also what XML cannot carry (GraphML and GEXF exports): lone surrogates and U+FFFE/U+FFFF.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufffe\uffff]"
)
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A web address: no whitespace, and none of the characters a URL never holds unescaped (RFC 3986)
# that break the places it is written into (quotes and angle brackets in HTML and XML, braces,
# backslashes, pipes in Markdown tables, backticks).
_URL = re.compile(r"https?://[^\s/$.?#\"<>\\^`{|}][^\s\"<>\\^`{|}]*", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class Invalid(ValueError):
    """What a value wrongly is, in words that finish "'key' must be <expected>, not ..."."""


def describe(value: Any) -> str:
    """A value as a curator would name it in a message: "the number 5", "a list"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}" if value.strip() else "an empty string"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, YMap):
        return "a mapping"
    return f"a {type(value).__name__} ({value})"


class Kind:
    """One kind of field value. Subclasses say what they expect, convert, and describe a schema."""

    expected = "a value"

    def convert(self, value: Any) -> Any:
        """The value as the model holds it; raises `Invalid` describing what it wrongly is."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        """This kind as JSON Schema, for editors."""
        raise NotImplementedError

    def from_text(self, text: str) -> Any:
        """A command-line argument as the value to write into YAML (checked by `convert`)."""
        self.convert(text)
        return text


class Text(Kind):
    expected = "a string"

    def convert(self, value: Any) -> str:
        if isinstance(value, str):
            control = _CONTROL.search(value)
            if control:  # a YAML escape ("\x01") or pasted: breaks exports, or spoofs what is shown
                char = control.group()
                label = unicodedata.name(char, "control character")
                raise Invalid(f"text holding the invisible character U+{ord(char):04X} ({label}); delete it")
            if not value.strip():
                raise Invalid("an empty string")
            # One spelling per text: "Café" typed and "Café" pasted (e + combining accent) are
            # the same name, so they compare, sort and clash as the same.
            return unicodedata.normalize("NFC", value.strip())
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # `name: 1984` is still a name
        if isinstance(value, bool) or value is None:
            raise Invalid(f"{describe(value)} (put it in quotes if you mean the word)")
        raise Invalid(describe(value))

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "number"], "minLength": 1}


class Slug(Text):
    """An id that edges and quotes refer to: lowercase letters, digits, single hyphens."""

    expected = "lowercase letters, digits and single hyphens"

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if not re.fullmatch(ID_PATTERN, text):
            raise Invalid(describe(value))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN}


class Choice(Text):
    """One of a fixed list of words that the code itself relies on."""

    def __init__(self, options: Sequence[str]) -> None:
        self.options = tuple(options)
        self.expected = "one of " + ", ".join(self.options)

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if text not in self.options:
            raise Invalid(describe(value))
        return text

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.options)}


class Flag(Kind):
    expected = "true or false"

    def convert(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        raise Invalid(describe(value))

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def from_text(self, text: str) -> bool:
        lowered = text.strip().lower()
        if lowered not in ("true", "false"):
            raise Invalid(describe(text))
        return lowered == "true"


class Integer(Kind):
    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high
        self.expected = "a whole number" if low is None or high is None else f"a whole number from {low} to {high}"

    def convert(self, value: Any) -> int:
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and (self.low is None or value >= self.low) and (self.high is None or value <= self.high):
            return int(value)
        raise Invalid(describe(value))

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.low is not None:
            out["minimum"] = self.low
        if self.high is not None:
            out["maximum"] = self.high
        return out

    def from_text(self, text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise Invalid(describe(text)) from None
        return self.convert(value)


class Sign(Integer):
    expected = "+1, 0 or -1"

    def convert(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value in (-1, 0, 1):
            return value
        raise Invalid(describe(value))

    def schema(self) -> dict[str, Any]:
        return {"enum": [-1, 0, 1]}


class Period(Kind):
    """A year or a year-month: the precision sources give dates in."""

    expected = 'a year (2015) or year-month ("2015-08")'
    description = 'A year (2015) or year-month ("2015-08").'
    pattern = "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"

    def convert(self, value: Any) -> str:
        text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        match = _PERIOD.fullmatch(text)  # fullmatch: `$` would let a trailing line break through
        if match and int(match.group(1)) >= 1 and (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
            return text
        raise Invalid(describe(value))

    def schema(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": self.pattern},
            ],
        }

    def from_text(self, text: str) -> int | str:
        value = self.convert(text.strip())
        return int(value) if value.isdigit() else value  # `since: 2015`, as curators write it


class Date(Period):
    """A date to the precision a source gives it: a year, a year-month or a full date."""

    expected = 'a date: a year (2021), year-month ("2021-08") or full date (2021-08-27)'
    description = 'A year (2021), year-month ("2021-08") or full date (2021-08-27).'
    pattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"

    def convert(self, value: Any) -> str:
        if isinstance(value, _date):  # YAML reads 2021-08-27 as a date: the same day
            return value.isoformat()
        text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        match = _DATE.fullmatch(text)
        if match and int(match.group(1)) >= 1:
            month, day = match.group(2), match.group(3)
            try:
                _date(int(match.group(1)), int(month or 1), int(day or 1))
            except ValueError:
                raise Invalid(describe(value)) from None
            return text
        raise Invalid(describe(value))


class Url(Text):
    expected = "a web address starting with http:// or https://"

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if not _URL.fullmatch(text):
            raise Invalid(describe(value))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}


class Language(Text):
    expected = 'a language tag such as "en", "ps" or "fa-AF"'

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if not _LANGUAGE.fullmatch(text):
            raise Invalid(describe(value))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _LANGUAGE.pattern}


class TextList(Kind):
    expected = "a list of strings"

    def convert(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            raise Invalid(f"{describe(value)} (write [{value}] for a list of one)")
        if not isinstance(value, YList):
            raise Invalid(describe(value))
        items = []
        for item in value:
            if not isinstance(item, str):
                raise Invalid(f"a list holding {describe(item)}")
            try:
                items.append(TEXT.convert(item))
            except Invalid as exc:
                raise Invalid(f"a list holding {exc}") from None
        return tuple(items)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "minLength": 1}}


class Records(Kind):
    """A list of nested records (an edge's evidence); each item is read by its own spec."""

    expected = "a list"

    def convert(self, value: Any) -> YList:
        if isinstance(value, YList):
            return value
        raise Invalid(describe(value))

    def schema(self) -> dict[str, Any]:
        return {"type": "array"}


TEXT = Text()
SLUG = Slug()
FLAG = Flag()
INTEGER = Integer()
SIGN = Sign()
PERIOD = Period()
TEXT_LIST = TextList()
RECORDS = Records()
DATE = Date()
URL = Url()
LANGUAGE = Language()


# What a field is to its record. The loader reads IDENTITY and CURATED fields from YAML; KEY is
# a vocabulary entry's name, written as the mapping's key rather than as a field; `diff` reports a
# change to any CURATED field and matches records by their IDENTITY.
KEY = "key"
IDENTITY = "identity"
CURATED = "curated"
ROLES = (KEY, IDENTITY, CURATED)


@dataclass(frozen=True)
class Field:
    """What one key of a record may hold, whether the record needs it, what it is for (`help`:
    the JSON Schema's description and the edit commands' option help) and its role."""

    kind: Kind
    required: bool = False
    help: str = ""
    role: str = CURATED
    option: str | None = None  # the edit commands' option, where not the field's own name ("alias")

    @property
    def written(self) -> bool:
        """Whether the field is a key of the record in YAML (a vocabulary's name is not)."""
        return self.role != KEY


def spec(
    kind: Kind,
    help: str,
    *,
    required: bool = False,
    role: str = CURATED,
    default: Any = None,
    option: str | None = None,
) -> Any:
    """A model dataclass field declared with its spec: the one place a record's field is listed.

    Everything else that knows a record's fields (the loader, the JSON Schemas, `fmt`'s key order,
    the JSON and CSV shapes, `diff` and the edit commands' options) reads them from the dataclass
    with `record_spec`, so adding a field is one line. Model dataclasses are keyword-only, so the
    order of their fields is free to be the order `fmt` writes keys in."""
    from dataclasses import field

    meta = {"spec": Field(kind, required, help, role, option)}
    if required or role == KEY:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def record_spec(cls: type, *, roles: Sequence[str] = (IDENTITY, CURATED)) -> dict[str, Field]:
    """The declared fields of a model dataclass with these roles, in declaration order (by
    default every key a record of this kind has in YAML)."""
    from dataclasses import fields

    out = {}
    for f in fields(cls):
        declared = f.metadata.get("spec")
        if declared is not None and declared.role in roles:
            out[f.name] = declared
    return out
