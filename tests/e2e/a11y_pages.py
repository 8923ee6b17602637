"""Every page of the site for every role, read from the app's URL map, and the checks run
on each: axe-core (WCAG 2.x A/AA and 2.2), the layout at 1280 and 375 px (no sideways
scrolling, no table cut off), tap targets, page weight.

A new GET page joins the sweep by itself. Its URL arguments come from ARGS (values from
the fixture world); a rule with an argument nobody knows fails `test_every_page_is_swept`,
naming the argument to add.
"""

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask

from tests.e2e.a11y_world import BASE_ROLE, World

# GET endpoints that answer something other than an HTML page.
NOT_HTML = {"static", "main.healthz", "questionnaire.photo", "privacy.export_data"}
# Pages that answer a direct visit with a redirect (to sign in) by design: the two-factor step
# outside a sign-in, and mailed links. test_a11y_states.py checks the pages they lead to.
REDIRECTS = {"twofactor.challenge", "accounts.confirm_email", "accounts.confirm_email_change"}
# Extra query strings that show more of a page (filters, tabs).
QUERIES = {
    "offers.inbox": [{"state": "accepted"}],
    "admin.users": [{"role": "employer", "status": "pending"}],
    "admin.feedback_inbox": [{"show": "all"}],
    "admin.audit_log": [{"action": "employer.approve"}],
    "listing.index": [
        {"country": "KZ", "english": "B2", "skills": "Python"},
        {"skills": "COBOL"},
    ],  # the "no developers match" state
}
# Pages photographed at 375 and 1280 px (the main ones; the sweep checks all the others).
SCREENSHOTS = {
    "anonymous": {
        "main.home",
        "accounts.signup",
        "accounts.signin",
        "privacy.policy",
        "feedback.form",
        "privacy.cookies",
    },
    "developer": {
        "questionnaire.dashboard",
        "questionnaire.edit",
        "questionnaire.photo_edit",
        "questionnaire.preview",
        "offers.inbox",
        "offers.detail",
        "accounts.account",
        "questionnaire.terms_edit",
        "questionnaire.history",
    },
    "developer_new": {"questionnaire.dashboard", "offers.inbox"},
    "employer_pending": {"accounts.account", "employer.profile"},
    "employer": {
        "listing.index",
        "listing.profile",
        "offers.shortlist",
        "offers.new",
        "offers.detail",
        "employer.profile",
    },
    "employer_new": {"offers.shortlist"},
    "admin": {
        "admin.index",
        "admin.users",
        "admin.user",
        "admin.feedback_inbox",
        "admin.feedback_message",
        "admin.analytics",
        "admin.approvals",
    },
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
PAGE_BUDGET = 50 * 1024  # bytes of HTML, before images
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


@dataclass(frozen=True)
class PageSpec:
    endpoint: str
    path: str
    reachable: bool | None  # expected to render for this role (None: undeclared)


@dataclass
class PageResult:
    spec: PageSpec
    final: str  # path and query after redirects
    status: int
    size: int
    html: str
    audited: bool = False
    violations: list = field(default_factory=list)
    layout: list = field(default_factory=list)
    console: list = field(default_factory=list)


def arg_values(app: Flask, world: World, role: str) -> dict[str, list]:
    """Values for the URL arguments, chosen so each page has something to show."""
    from outstaff.accounts.links import token_for
    from outstaff.admin.user_actions import SPECS

    with app.app_context():
        from outstaff.alerts.service import unsubscribe_token
        from outstaff.core.extensions import db
        from outstaff.models import DeveloperProfile, SavedSearch, User
        from outstaff.questionnaire.terms_service import confirm_token

        fresh = db.session.get(User, world.user_ids["developer_new"])
        tokens = {
            "accounts.confirm_email": token_for("confirm", fresh),
            "accounts.reset_password": token_for("reset", fresh),
            "accounts.confirm_email_change": "expired-or-forged",
            "alerts.unsubscribe": unsubscribe_token(
                db.session.get(SavedSearch, world.saved_search_id)
            ),
            # The reminder mail's link: its page with the one button (a GET confirms nothing).
            "questionnaire.confirm_availability": confirm_token(
                db.session.get(DeveloperProfile, world.profile_id)
            ),
        }
    offer = world.accepted_offer if role.startswith("employer") else world.offer_to_developer
    return {
        "profile_id": [world.profile_id],
        "offer_id": [offer],
        "feedback_id": [world.feedback_id],
        "user_id": [world.user_ids["developer"], world.user_ids["employer_pending"]],
        "action": sorted(SPECS),
        "token": tokens,
    }


# Per endpoint, fewer combinations where one is enough: the first user (the developer) for
# the account actions, and one action per kind of confirmation form.
NARROW = {"admin.user_action": {"user_id": [0], "action": ["delete", "hide", "role", "suspend"]}}
# Public pages look the same to every signed-in role but for the header, so the developer
# stands for the others, who see the home page only.
PUBLIC_ROLES = {"anonymous", "developer"}
# Pages a role may open but that refuse it this object: not a party to the offer.
NOT_THEIRS = {
    ("offers.detail", "developer_new"),
    ("offers.detail", "employer_new"),
    ("offers.detail", "employer_pending"),
    ("offers.detail", "admin"),
    ("offers.revise", "employer_new"),
    ("offers.revise", "employer_pending"),
}


def reachable(app: Flask, endpoint: str, role: str) -> bool | None:
    """Whether `role` should see the page, from the view's declared access."""
    if endpoint.startswith("admin."):
        return role == "admin"
    access = getattr(app.view_functions[endpoint], "access", None)
    base = BASE_ROLE.get(role)
    if access == "public":
        return True
    if access is None:
        return None
    if base is None:
        return False
    if access == "member":
        return True
    if access == "approved_employer":
        return role in ("employer", "employer_new", "admin")
    if access == "approved_employer_only":
        return role in ("employer", "employer_new")
    return base in access


class UnknownArgument(LookupError):
    pass


def catalogue(app: Flask, world: World, role: str, refusals: int = 1) -> list[PageSpec]:
    """Every GET page (with its extra query strings) `role` may see, and `refusals` pages
    per blueprint that it may not (None: all of them)."""
    values = arg_values(app, world, role)
    pages, refused = [], {}
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.endpoint in NOT_HTML:
                continue
            options = []
            for arg in sorted(rule.arguments):
                known = values.get(arg)
                if known is None:
                    raise UnknownArgument(f"{rule.rule}: no value for <{arg}>; add it to ARGS")
                if isinstance(known, dict):
                    if rule.endpoint not in known:
                        raise UnknownArgument(f"{rule.rule}: no {arg} for {rule.endpoint}")
                    known = [known[rule.endpoint]]
                if (keep := NARROW.get(rule.endpoint, {}).get(arg)) is not None:
                    known = [known[k] if isinstance(k, int) else k for k in keep]
                options.append([(arg, value) for value in known])
            expected = reachable(app, rule.endpoint, role)
            if (rule.endpoint, role) in NOT_THEIRS:
                expected = False
            if (
                role not in PUBLIC_ROLES
                and expected
                and rule.endpoint != "main.home"
                and (getattr(app.view_functions[rule.endpoint], "access", None) == "public")
            ):
                continue
            if expected is False and refusals is not None:
                blueprint = rule.endpoint.partition(".")[0]
                refused[blueprint] = refused.get(blueprint, 0) + 1
                if refused[blueprint] > refusals:
                    continue
            for combo in itertools.product(*options):
                path = url_for(rule.endpoint, **dict(combo))
                pages.append(PageSpec(rule.endpoint, path, expected))
                for query in QUERIES.get(rule.endpoint, []) if not rule.arguments else []:
                    pages.append(PageSpec(rule.endpoint, f"{path}?{urlencode(query)}", expected))
    return pages


def run_axe(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.x A/AA, 2.2 and best-practice rules."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                (", ".join(map(str, n["target"])), n.get("failureSummary", "")) for n in v["nodes"]
            ][:5],
        }
        for v in results.response["violations"]
    ]


# Run in the page at 1280 and 375 px: sideways scrolling, tables cut off, scrolling regions
# out of the keyboard's reach, and WCAG 2.5.8 target size (see the file's comments).
LAYOUT_JS = (Path(__file__).parent / "a11y_layout.js").read_text(encoding="utf-8")


def final_path(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("next="))
    return parts.path + (f"?{query}" if query else "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "home"
