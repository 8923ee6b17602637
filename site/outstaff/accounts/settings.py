"""The account page: password, email, sessions, and deleting the account."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from outstaff.access import login_required, public
from outstaff.accounts import bp, security_log, sessions
from outstaff.accounts import service as accounts
from outstaff.accounts.forms import ChangeEmailForm, ChangePasswordForm, DeleteAccountForm
from outstaff.accounts.links import account_link, open_link
from outstaff.accounts.views import AUTH_LIMIT, MAIL_LIMIT, post_only
from outstaff.core import signals
from outstaff.core.extensions import db, limiter
from outstaff.forms import EmptyForm
from outstaff.mail import send_mail
from outstaff.models import User, utcnow


def _account_page(password_form=None, email_form=None, status: int = 200):
    """The account page, with the two forms (one of them failed, when re-shown)."""
    user = current_user._get_current_object()
    return render_template(
        "accounts/account.html",
        password_form=password_form or ChangePasswordForm(),
        email_form=email_form or ChangeEmailForm(),
        sessions=sessions.open_sessions(user),
        security_events=security_log.recent_events(user),
    ), status


@bp.get("/")
@login_required
def account():
    """Account settings and status."""
    return _account_page()


@bp.post("/password")
@login_required
@limiter.limit(AUTH_LIMIT)  # it checks the current password: no guessing through it
def change_password():
    """Change the password; every other session ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not accounts.check_password(current_user, form.current_password.data):
            form.current_password.errors.append(_("That is not your current password."))
        else:
            user = current_user._get_current_object()
            # This browser's session (and its remember-me cookie) stays; every other ends.
            accounts.set_password(user, form.password.data, keep=user.current_session)
            signals.password_changed.send(current_app._get_current_object(), user=user)
            accounts.tell_password_changed(user, by_reset=False)
            db.session.commit()
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("accounts.account"))
    return _account_page(password_form=form, status=400)


@bp.post("/email")
@login_required
@limiter.limit(MAIL_LIMIT)
def change_email():
    """Send a confirmation link to the new address; the change happens when it is clicked."""
    form = ChangeEmailForm()
    if form.validate_on_submit():
        if not accounts.check_password(current_user, form.current_password.data):
            form.current_password.errors.append(_("That is not your current password."))
        elif form.email.data == current_user.email:
            form.email.errors.append(_("That is already your email address."))
        else:
            _send_email_change(current_user, form.email.data)
            db.session.commit()
            flash(
                _(
                    "We have sent a confirmation link to %(email)s. Your address changes when "
                    "you click it.",
                    email=form.email.data,
                ),
                "info",
            )
            return redirect(url_for("accounts.account"))
    return _account_page(email_form=form, status=400)


def _send_email_change(user: User, new_email: str) -> None:
    if accounts.find_by_email(new_email) is not None:
        send_mail(new_email, _l("Someone tried to use your address"), "email_taken")
        return
    send_mail(
        new_email,
        _l("Confirm your new email address"),
        "email_change",
        link=account_link("email_change", "accounts.confirm_email_change", user, new=new_email),
    )


@bp.get("/email/confirm/<token>")
@public
def confirm_email_change(token: str):
    """Apply an email change from the link sent to the new address (it works once)."""
    user, payload = open_link("email_change", token)
    new_email = payload.get("new")
    if user is None or not isinstance(new_email, str) or accounts.find_by_email(new_email):
        flash(_("That link is invalid, expired or already used."), "error")
        return redirect(url_for("accounts.account"))
    # To the old address, which may be the owner's while the new one is an intruder's.
    send_mail(
        user.email,
        _l("Your email address was changed"),
        "email_changed",
        new_email=new_email,
        old_email=user.email,
    )
    old_email, user.email = user.email, new_email
    user.email_confirmed_at = utcnow()
    signals.email_changed.send(current_app._get_current_object(), user=user, old_email=old_email)
    db.session.commit()
    flash(_("Your email address is now %(email)s.", email=user.email), "success")
    return redirect(url_for("accounts.account"))


@bp.post("/signout-everywhere")
@login_required
def signout_everywhere():
    """End every session of this account, on every device, this one included."""
    if EmptyForm().validate_on_submit():
        current_user.end_all_sessions()
        db.session.commit()
        logout_user()
        flash(_("You are signed out on every device."), "info")
    return redirect(url_for("accounts.signin"))


@bp.post("/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    """Sign out one of your own browsers; another person's session is not found."""
    record = sessions.own_open_session(current_user, session_id) or abort(404)
    if EmptyForm().validate_on_submit():
        sessions.end(record)
        db.session.commit()
        if record is current_user.current_session:
            logout_user()
            return redirect(url_for("accounts.signin"))
        flash(_("That device is signed out."), "info")
    return redirect(url_for("accounts.account"))


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(AUTH_LIMIT, **post_only)
def delete_account():
    """Say what goes, confirm with the password, then erase everything."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not accounts.check_password(current_user, form.password.data):
            form.password.errors.append(_("That is not your password."))
        elif accounts.is_last_admin(current_user):
            flash(
                _("You are the last administrator. Make someone else an administrator first."),
                "error",
            )
        else:
            user = current_user._get_current_object()
            logout_user()
            accounts.delete_account(user)
            flash(
                _(
                    "Your account and all your data have been deleted. A receipt is on its way "
                    "to your inbox."
                ),
                "success",
            )
            return redirect(url_for("main.home"))
    return render_template("accounts/delete.html", form=form)
