"""Country of an IP address from a local MaxMind database, when GEOIP_DATABASE is set.

Only the ISO country code is read; the address itself is never stored.
"""

import logging

import maxminddb
from flask import current_app

log = logging.getLogger(__name__)


def _reader():
    path = current_app.config.get("GEOIP_DATABASE")
    if not path:
        return None
    cache = current_app.extensions.setdefault("geoip", {})
    if path not in cache:
        try:
            cache[path] = maxminddb.open_database(path)
        except (OSError, ValueError) as exc:
            log.warning("GeoIP database %s cannot be opened: %s", path, type(exc).__name__)
            cache[path] = None
    return cache[path]


def country(ip: str | None) -> str | None:
    """The ISO 3166 code of the country `ip` is in, or None (unknown or not configured)."""
    reader = _reader()
    if reader is None or not ip:
        return None
    try:
        record = reader.get(ip)
    except ValueError:  # not an IP address, or IPv6 in an IPv4-only database
        return None
    if not isinstance(record, dict):
        return None
    place = record.get("country") or record.get("registered_country") or {}
    code = place.get("iso_code") if isinstance(place, dict) else None
    return code.upper() if isinstance(code, str) and len(code) == 2 else None
