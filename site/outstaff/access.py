"""Who may call a view: the decorators every view uses, each declaring `view.access`."""

from functools import partial, wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from outstaff import visibility
from outstaff.core.extensions import db, login_manager
from outstaff.core.paging import MAX_ID
from outstaff.models import DeveloperProfile

NOT_APPROVED = _l(
    "Your employer account is waiting for an administrator's approval. Until then you see "
    "no developer data; we write to you as soon as it is decided."
)
ADMIN_NEEDS_2FA = _l(
    "Administrators must turn on two-factor sign-in before using the console. It takes a minute."
)
ADMIN_POWERS_NEED_2FA = _l(
    "Administrator powers need two-factor sign-in in this session: use the link at the top of "
    "the page to set it up or to enter a code."
)


# Every view declares who may use it, as `view.access`; the role-matrix test reads it and
# fails for a route that declares nothing. Values: "public", "member" (any signed-in user),
# a tuple of roles, "approved_employer" (and admins), "approved_employer_only" (no admins),
# "admin" (the admin blueprint applies it to every view it has).
#
# "Admin" is always `current_user.is_admin`: the role AND a session that passed two-factor
# (User.is_admin). An admin account without it has a plain member's rights.


def visible_profile_or_404(profile_id: int) -> DeveloperProfile:
    """The questionnaire `current_user` may see (the one visibility rule), else 404: the same
    answer whether it does not exist or is not for this viewer."""
    profile = db.session.get(DeveloperProfile, profile_id) if 0 < profile_id <= MAX_ID else None
    if not visibility.can_view(current_user, profile):
        abort(404)
    return profile


def public(view):
    """Open to everyone, signed in or not."""
    view.access = "public"
    return view


def sign_in_first():
    """The redirect to sign-in that anonymous visitors, crawlers included, get instead of a
    private page. It says noindex: that answer is all a search engine ever receives from a
    profile's or the listing's address (the page itself reaches only people signed in)."""
    response = login_manager.unauthorized()
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def login_required(view):
    """Any signed-in user; anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return sign_in_first()
        return view(*args, **kwargs)

    wrapped.access = "member"
    return wrapped


def login_required_after(answer_fast):
    """login_required, for a lean view with a fast path: `answer_fast(*args, **kwargs)`
    answers what it can prove from the session record alone (its own query, no Flask-Login
    user) or returns None, and then the view runs under login_required as always. The fast
    path may only answer what the view would; everything else goes on to the view."""

    def decorator(view):
        guarded = login_required(view)

        @wraps(view)
        def wrapped(*args, **kwargs):
            answer = answer_fast(*args, **kwargs)
            return guarded(*args, **kwargs) if answer is None else answer

        wrapped.access = "member"
        return wrapped

    return decorator


def role_required(*roles: str):
    """Anonymous visitors go to sign in; signed-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return sign_in_first()
            if current_user.acting_role not in roles:
                _refuse()
            return view(*args, **kwargs)

        wrapped.access = roles
        return wrapped

    return decorator


def _refuse():
    """403; an admin account that has not passed two-factor is told why it has no powers."""
    if current_user.has_admin_role:
        abort(403, description=ADMIN_POWERS_NEED_2FA)
    abort(403)


def is_admin() -> bool:
    """Has the signed-in user admin powers in this session (for code without a user)?"""
    return bool(current_user.is_authenticated and current_user.is_admin)


def admin_required(view):
    """Admin pages answer 404 to everyone else, so they do not even reveal themselves: an
    admin account that has not passed two-factor in this session included."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not is_admin():
            abort(404)
        return view(*args, **kwargs)

    wrapped.access = "admin"
    return wrapped


def approved_employer_required(view=None, *, admins: bool = True):
    """Employers reach developer data only once an admin has approved the account.

    Admins pass too (they see every profile), unless `admins=False`
    (`@approved_employer_required(admins=False)`): for what only an employer does, such as
    sending offers or keeping a shortlist.
    """
    if view is None:
        return partial(approved_employer_required, admins=admins)

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return sign_in_first()
        if current_user.is_admin and admins:
            return view(*args, **kwargs)
        if not current_user.is_employer:
            _refuse()
        if not current_user.is_approved_employer:
            abort(403, description=NOT_APPROVED)
        return view(*args, **kwargs)

    wrapped.access = "approved_employer" if admins else "approved_employer_only"
    return wrapped
