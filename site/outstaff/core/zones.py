"""IANA time zones (zoneinfo), named in the reader's language (Babel), and working hours.

Hours are whole local hours: work from `start` (0..23) until `end` (1..24); an end not after
the start passes midnight (22 until 6). `utc_hours` turns them into the set of UTC hours
worked today, which the listing compares.
"""

from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.core import get_global
from babel.dates import get_timezone_location
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

_SKIP = ("Etc/", "SystemV/", "US/", "posix", "right/", "Canada/", "Brazil/", "Chile/", "Mexico/")


@cache
def _zone_ids() -> tuple[str, ...]:
    ids = {z for z in available_timezones() if "/" in z and not z.startswith(_SKIP)}
    return tuple(sorted(ids | {"UTC"}))


def is_zone(name: str | None) -> bool:
    return bool(name) and name in _zone_ids()


@lru_cache(maxsize=1024)
def zone(name: str | None) -> ZoneInfo | None:
    """The zone (kept: a listing page asks for the zones of 30 cards)."""
    if not is_zone(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def offset_text(tz: ZoneInfo, now: datetime | None = None) -> str:
    offset = (now or datetime.now(UTC)).astimezone(tz).utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@lru_cache(maxsize=8)
def _choices(locale: str, day: str) -> list[tuple[str, str]]:
    now = datetime.now(UTC)
    found = []
    for name in _zone_ids():
        tz = ZoneInfo(name)
        city = get_timezone_location(tz, locale=locale, return_city=True) if name != "UTC" else ""
        offset = (now.astimezone(tz).utcoffset() or timedelta()).total_seconds()
        label = f"{offset_text(tz, now)} · {city} ({name})" if city else offset_text(tz, now)
        found.append((offset, label, name))
    return [(name, label) for _offset, label, name in sorted(found)]


def zone_choices(
    country: str | None = None, selected: str | None = None, everything: bool = True
) -> list[tuple[str, str]]:
    """(IANA name, "UTC+05:00 · Almaty (Asia/Almaty)") by offset, in the reader's language.

    Not `everything`: the zones of `country`, the widely used ones and `selected` only (the
    full list of 400-odd zones weighs some 30 KB, a page's whole budget).
    """
    found = _choices(str(get_locale() or "en"), datetime.now(UTC).strftime("%Y-%m-%d"))
    if everything:
        return found
    keep = {*COMMON_ZONES, *_zones_of(country), selected}
    return [pair for pair in found if pair[0] in keep]


def _zones_of(country: str | None) -> set[str]:
    if not country:
        return set()
    return {
        zone for zone, territory in get_global("zone_territories").items() if territory == country
    }


# One or two zones for the countries most developers and employers here are in, and the
# big business hubs; any other comes with the country chosen, or on "show every time zone".
COMMON_ZONES = (
    "UTC", "Europe/London", "Europe/Lisbon", "Europe/Madrid", "Europe/Paris", "Europe/Berlin",
    "Europe/Amsterdam", "Europe/Warsaw", "Europe/Prague", "Europe/Vienna", "Europe/Rome",
    "Europe/Helsinki", "Europe/Kyiv", "Europe/Kiev", "Europe/Vilnius", "Europe/Riga",
    "Europe/Minsk", "Europe/Moscow", "Europe/Istanbul", "Europe/Belgrade", "Europe/Chisinau",
    "Asia/Tbilisi", "Asia/Yerevan", "Asia/Baku", "Asia/Dubai", "Asia/Almaty", "Asia/Tashkent",
    "Asia/Bishkek", "Asia/Dushanbe", "Asia/Novosibirsk", "Asia/Yekaterinburg", "Asia/Kolkata",
    "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Asia/Jerusalem",
    "Australia/Sydney", "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Toronto", "America/Sao_Paulo", "America/Mexico_City",
    "America/Argentina/Buenos_Aires", "Africa/Cairo", "Africa/Lagos",
)  # fmt: skip


def zone_label(name: str | None) -> str:
    labels = _labels(str(get_locale() or "en"), datetime.now(UTC).strftime("%Y-%m-%d"))
    return labels.get(name or "", name or "")


@lru_cache(maxsize=8)
def _labels(locale: str, day: str) -> dict[str, str]:
    """zone_choices as a mapping, built once per locale and day (the profile page names one
    zone; making a dict of the 400-odd each time cost more than the rest of its facts)."""
    return dict(_choices(locale, day))


def hour_choices(first: int, last: int) -> list[tuple[str, str]]:
    return [(str(h), f"{h:02d}:00") for h in range(first, last + 1)]


def parse_hour(value, low: int, high: int) -> int | None:
    try:
        hour = int(value)
    except (TypeError, ValueError):
        return None
    return hour if low <= hour <= high else None


def check_hours(zone_name, start, end) -> None:
    """Raise ValidationError unless the hours are both empty or a usable pair with a zone."""
    if not start and not end:
        return
    first, last = parse_hour(start, 0, 23), parse_hour(end, 1, 24)
    if first is None or last is None:
        raise ValidationError(_l("Choose both the start and the end of your working hours."))
    if first == last % 24:
        raise ValidationError(_l("The end must differ from the start."))
    if not zone_name:
        raise ValidationError(_l("Choose your time zone too."))


def utc_hours(zone_name: str | None, start: int | None, end: int | None, on=None) -> set[int]:
    """The UTC hours (0..23) worked on the day `on` (today): empty when anything is missing."""
    tz = zone(zone_name)
    if tz is None or start is None or end is None:
        return set()
    length = (end - start) % 24 or 24
    day = (on or datetime.now(UTC)).astimezone(tz).date()
    begin = datetime(day.year, day.month, day.day, start, tzinfo=tz).astimezone(UTC)
    return {(begin + timedelta(hours=h)).hour for h in range(length)}


def local_time(zone_name: str | None, now: datetime | None = None) -> str:
    """ "14:05" in the zone now, or ""."""
    tz = zone(zone_name)
    if tz is None:
        return ""
    return (now or datetime.now(UTC)).astimezone(tz).strftime("%H:%M")
