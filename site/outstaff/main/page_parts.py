"""The header, the notices and the footer of every page, as cached fragments
(core/fragments.py): each key below names everything its template reads, read afresh on
every request (the user's role and approval, the badge, the cookie choice, the policy
version), so a change shows on the very next page."""

from flask import request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from outstaff.core import fragments, public_csrf
from outstaff.main import bp
from outstaff.privacy import notices


def _user_state() -> tuple:
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return (False,)
    return (
        True,
        user.is_developer,
        user.is_employer,
        user.is_approved_employer,
        user.is_admin,
        user.has_admin_role,
        bool(user.totp_enabled_at),
    )


@bp.app_template_global()
def site_header() -> Markup:
    from outstaff.main.layout import new_offer_count

    state = _user_state()
    if not state[0]:
        return fragments.render("_header.html", state)
    key = (*state, new_offer_count())
    return fragments.render("_header.html", key, tokens={"csrf": generate_csrf()})


def _confirm_notice_state():
    user = current_user._get_current_object()
    if not user.is_authenticated or user.is_confirmed or request.endpoint == "accounts.account":
        return None
    return (user.email, user.is_developer, user.is_employer)


@bp.app_template_global()
def site_notices() -> Markup:
    from outstaff.main.layout import here

    banner = notices.cookie_banner_needed()
    confirm = _confirm_notice_state()
    pending = notices.policy_notice()
    tokens = {}
    if banner:
        tokens["public"] = public_csrf.token()
    if confirm or pending:
        tokens["csrf"] = generate_csrf()
    return fragments.render(
        "_notices.html",
        (banner, confirm, pending),
        variables={"pending_policy": pending},
        holes={"here_path": here()},
        tokens=tokens,
    )


@bp.app_template_global()
def site_footer() -> Markup:
    path = request.full_path if request.query_string else request.path
    return fragments.render(
        "_footer.html", (), holes={"footer_next": path}, tokens={"public": public_csrf.token()}
    )
