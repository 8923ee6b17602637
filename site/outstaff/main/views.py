from flask import abort, current_app, jsonify, redirect, render_template, session, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from outstaff.access import public
from outstaff.core import fragments, public_csrf
from outstaff.core.extensions import csrf, db, limiter
from outstaff.core.i18n import LOCALE_COOKIE
from outstaff.core.security import safe_next
from outstaff.main import bp
from outstaff.main.forms import LanguageForm
from outstaff.main.layout import here
from outstaff.main.service import home_numbers
from outstaff.privacy.consent import same_origin
from outstaff.privacy.notices import cookie_banner_needed


@bp.get("/")
@public
def home():
    """What the site does for developers and for employers, with live numbers."""
    numbers = home_numbers()
    if current_user.is_authenticated or "_flashes" in session:
        return render_template("main/home.html", numbers=numbers)
    # A visitor's page differs from another's only by the public forms' token.
    return fragments.render(
        "main/home.html",
        (numbers, cookie_banner_needed(), here()),
        variables={"numbers": numbers},
        tokens={"public": public_csrf.token()},
    )


@bp.get("/healthz")
@public
@limiter.exempt
def healthz():
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.post("/language")
@public
@csrf.exempt  # its token needs no session: the form on every page must not start one
def set_language():
    """Remember the chosen language: on the account when signed in, and in a cookie."""
    form = LanguageForm()
    if not same_origin() or not form.validate():
        abort(400)
    locale = form.locale.data or ""
    response = redirect(safe_next(form.next.data) or url_for("main.home"))
    if locale not in current_app.config["LANGUAGES"]:
        return response
    if current_user.is_authenticated:
        current_user.locale = locale
        db.session.commit()
    response.set_cookie(
        LOCALE_COOKIE,
        locale,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response
