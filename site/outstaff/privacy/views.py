"""The policy, cookie settings, acknowledging a new policy, and downloading one's data."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff import personal_data
from outstaff.access import login_required, public, role_required
from outstaff.accounts import service as accounts
from outstaff.core.extensions import csrf, db, limiter
from outstaff.core.i18n import LOCALE_COOKIE
from outstaff.core.security import safe_next
from outstaff.forms import EmptyForm
from outstaff.models import PolicyVersion, utcnow
from outstaff.privacy import bp, consent, export
from outstaff.privacy.forms import AcknowledgeForm, CookieChoiceForm
from outstaff.privacy.policy import (
    current_version,
    fill_placeholders,
    localized,
    render_markdown,
    split_at_table,
)


@bp.get("/privacy")
@public
def policy():
    """The privacy policy in force, with the table of data the site stores."""
    version = current_version()
    body, summary = localized(version)
    before, after = split_at_table(fill_placeholders(body))
    return render_template(
        "privacy/policy.html",
        version=version,
        summary=summary,
        body=render_markdown(before),
        body_after=render_markdown(after),
        data_table=personal_data.data_table(),
        smtp_relay=current_app.config["MAIL_BACKEND"] == "smtp",
        hosting=current_app.config["HOSTING_PROVIDER"] or _("the company's own hosting"),
    )


@bp.get("/privacy/cookies")
@public
def cookies():
    """Which cookies the site sets, and the visitor's choice, which can be changed here."""
    config = current_app.config
    return render_template(
        "privacy/cookies.html",
        choice=consent.choice(),
        consent_cookie=consent.COOKIE,
        session_cookie=config["SESSION_COOKIE_NAME"],
        session_lifetime=current_app.permanent_session_lifetime.days,
        remember_cookie=config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        remember_days=config["REMEMBER_COOKIE_DURATION"].days,
        locale_cookie=LOCALE_COOKIE,
    )


@bp.post("/privacy/cookies")
@public
@csrf.exempt  # its token needs no session (outstaff/public_csrf.py)
def choose_cookies():
    """Store Accept or Refuse in the choice cookie (and the ledger when signed in)."""
    form = CookieChoiceForm()
    if not consent.same_origin() or not form.validate():
        abort(400)
    value = consent.CHOICES[form.choice.data]
    if current_user.is_authenticated:
        accounts.record_consent(current_user, "analytics_cookies", value == consent.ACCEPTED)
        db.session.commit()
    response = redirect(safe_next(form.next.data) or url_for("privacy.cookies"))
    consent.remember(response, value)
    return response


@bp.post("/privacy/acknowledge")
@login_required
def acknowledge():
    """Record that the user has read a policy version (the consent ledger)."""
    form = AcknowledgeForm()
    if not form.validate_on_submit():
        abort(400)
    if db.session.scalar(db.select(PolicyVersion.id).filter_by(version=form.version.data)) is None:
        abort(400)
    accounts.record_consent(current_user, "privacy_policy", True, form.version.data)
    db.session.commit()
    return redirect(safe_next(form.next.data) or url_for("privacy.policy"))


@bp.route("/privacy/export", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour")
def export_data():
    """Everything the site holds about the signed-in user, as a JSON download."""
    if request.method == "POST" and not EmptyForm().validate_on_submit():
        abort(400)
    return export.download(current_user._get_current_object())


@bp.route("/privacy/questionnaire/confirm", methods=["GET", "POST"])
@role_required("developer")
def confirm_profile():
    """Confirm a questionnaire not updated for long is still current (keeps it published)."""
    profile = current_user.developer_profile
    form = EmptyForm()
    if profile is not None and form.validate_on_submit():
        profile.updated_at, profile.stale_reminded_at = utcnow(), None
        db.session.commit()
        flash(_("Thank you. Your questionnaire stays published as it is."), "success")
        return redirect(url_for("questionnaire.dashboard"))
    return render_template(
        "privacy/confirm_profile.html",
        profile=profile,
        form=form,
        dashboard=url_for("questionnaire.dashboard"),
    )
