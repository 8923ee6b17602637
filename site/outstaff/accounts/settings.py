"""The account page: password, email, sessions, and deleting the account."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_remembered, login_user, logout_user

from outstaff import signals
from outstaff.accounts import bp
from outstaff.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    EmptyForm,
)
from outstaff.accounts.views import AUTH_LIMIT, MAIL_LIMIT, post_only
from outstaff.auth import login_required, public
from outstaff.extensions import db, limiter
from outstaff.models import User, utcnow
from outstaff.services import accounts
from outstaff.services.mail import send_mail
from outstaff.tokens import make_token, read_token


@bp.get("/")
@login_required
def account():
    """Account settings and status."""
    return render_template(
        "accounts/account.html",
        password_form=ChangePasswordForm(),
        email_form=ChangeEmailForm(),
        empty_form=EmptyForm(),
    )


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
            remembered = login_remembered()
            accounts.set_password(user, form.password.data)
            signals.password_changed.send(current_app._get_current_object(), user=user)
            db.session.commit()
            # This browser stays signed in with the new session token, and keeps its
            # remember-me cookie (re-issued: the old one carries the old token).
            login_user(user, remember=remembered)
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", password_form=form,
                           email_form=ChangeEmailForm(), empty_form=EmptyForm()), 400


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
            flash(_("We have sent a confirmation link to %(email)s. Your address changes when "
                    "you click it.", email=form.email.data), "info")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", password_form=ChangePasswordForm(),
                           email_form=form, empty_form=EmptyForm()), 400


def _send_email_change(user: User, new_email: str) -> None:
    if accounts.find_by_email(new_email) is not None:
        send_mail(new_email, _l("Someone tried to use your address"), "email_taken")
        return
    token = make_token("email_change", {"uid": user.id, "old": user.email, "new": new_email})
    send_mail(new_email, _l("Confirm your new email address"), "email_change",
              link=accounts.external_url("accounts.confirm_email_change", token=token))


@bp.get("/email/confirm/<token>")
@public
def confirm_email_change(token: str):
    """Apply an email change from the link sent to the new address."""
    payload = read_token("email_change", token)
    user = db.session.get(User, payload.get("uid", 0)) if payload else None
    if user is None or user.email != payload.get("old") or accounts.find_by_email(payload["new"]):
        flash(_("That link is invalid, expired or already used."), "error")
        return redirect(url_for("accounts.account"))
    send_mail(user.email, _l("Your email address was changed"), "email_changed",
              new_email=payload["new"])
    old_email, user.email = user.email, payload["new"]
    user.email_confirmed_at = utcnow()
    signals.email_changed.send(current_app._get_current_object(), user=user,
                               old_email=old_email)
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


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(AUTH_LIMIT, **post_only)
def delete_account():
    """Say what goes, confirm with the password, then erase everything."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not accounts.check_password(current_user, form.password.data):
            form.password.errors.append(_("That is not your password."))
        elif not accounts.can_delete(current_user):
            flash(_("You are the last administrator. Make someone else an administrator "
                    "first."), "error")
        else:
            user = current_user._get_current_object()
            logout_user()
            accounts.delete_account(user)
            flash(_("Your account and all your data have been deleted. A receipt is on its way "
                    "to your inbox."), "success")
            return redirect(url_for("main.home"))
    return render_template("accounts/delete.html", form=form)
