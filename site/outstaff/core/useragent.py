"""Coarse facts about the visitor's browser, from the User-Agent header (ua-parser).

Only families are kept (browser, operating system, device type), never the raw header.
"""

from dataclasses import dataclass
from functools import lru_cache

from flask import has_request_context, request
from ua_parser import parse

from outstaff.core.input_rules import has_control_characters

MAX_HEADER = 512  # longer headers are not real browsers; do not spend time on them
TABLETS = ("ipad", "tablet", "kindle", "silk", "playbook")


@dataclass(frozen=True)
class Agent:
    browser: str
    os: str
    device: str  # desktop | mobile | tablet | bot | other


UNKNOWN = Agent(browser="Other", os="Other", device="other")


@lru_cache(maxsize=2048)
def describe(header: str) -> Agent:
    """Browser family, OS family and device type of a User-Agent string."""
    if not header or len(header) > MAX_HEADER or has_control_characters(header):
        return UNKNOWN
    result = parse(header).with_defaults()
    browser = result.user_agent.family[:50]
    os_family = result.os.family[:50]
    return Agent(browser=browser, os=os_family, device=_device_type(header, result))


def _device_type(header: str, result) -> str:
    lowered = header.lower()
    if result.device.family == "Spider" or "bot" in lowered or "crawler" in lowered:
        return "bot"
    if any(word in lowered for word in TABLETS) or (
        "android" in lowered and "mobile" not in lowered
    ):
        return "tablet"
    if "mobi" in lowered or result.os.family in ("iOS", "Android", "Windows Phone"):
        return "mobile"
    if result.os.family in (
        "Windows",
        "Mac OS X",
        "Linux",
        "Ubuntu",
        "Chrome OS",
        "Fedora",
        "FreeBSD",
        "macOS",
    ):
        return "desktop"
    return "other"


def current() -> Agent:
    """The agent of the request being handled (UNKNOWN outside a request)."""
    if not has_request_context():
        return UNKNOWN
    return describe(request.headers.get("User-Agent", "")[: MAX_HEADER + 1])
