"""Signing up, confirming the email, signing in and out, resetting a password."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from outstaff.access import ADMIN_NEEDS_2FA, login_required, public
from outstaff.accounts import bp, sessions
from outstaff.accounts import service as accounts
from outstaff.accounts.forms import ForgotPasswordForm, ResetPasswordForm, SignInForm, SignUpForm
from outstaff.accounts.links import open_link
from outstaff.core import signals
from outstaff.core.extensions import db, limiter
from outstaff.core.security import safe_next
from outstaff.forms import EmptyForm
from outstaff.models import User, utcnow

AUTH_LIMIT = "10 per minute; 100 per day"
MAIL_LIMIT = "5 per minute; 30 per day"
post_only = {"methods": ["POST"]}


def home_for(user: User) -> str:
    """Where a user lands after signing in."""
    if user.is_admin:
        return url_for("admin.index")
    if user.has_admin_role:  # no powers before the second factor: set it up, or prove it
        return url_for("twofactor.challenge" if user.totp_enabled_at else "twofactor.index")
    if user.is_developer:
        return url_for("questionnaire.dashboard")
    if user.is_approved_employer:
        return url_for("listing.index")
    # The listing answers 403 until an admin approves: a pending employer starts elsewhere.
    return url_for("employer.profile")


@bp.route("/signup", methods=["GET", "POST"])
@public
@limiter.limit(AUTH_LIMIT, **post_only)
def signup():
    """Create a developer or employer account; answers the same for a taken address."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = SignUpForm(role=request.args.get("role"))
    if form.validate_on_submit():
        user = accounts.sign_up(form.email.data, form.password.data, form.role.data)
        if user is None:
            accounts.tell_owner_of_signup(form.email.data)
        else:
            accounts.record_consent(user, "privacy_policy", True)
            accounts.send_confirmation(user)
        db.session.commit()
        # The same answer for a taken address (no sign-in now, which would tell): the link
        # in the mail, opened in this browser, signs the new account in.
        session["signed_up_as"] = form.email.data.strip().casefold()
        return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/signup.html", form=form)


@bp.get("/signup/check-inbox")
@public
def check_inbox():
    """What to do after signing up."""
    return render_template("accounts/check_inbox.html")


@bp.get("/confirm/<token>")
@public
def confirm_email(token: str):
    """Confirm the address from the link in the mail (it works once)."""
    user, _payload = open_link("confirm", token)
    if user is None or user.email_confirmed_at is not None:
        flash(_("That confirmation link is invalid or has expired."), "error")
        return redirect(url_for("accounts.signin"))
    user.email_confirmed_at = utcnow()
    db.session.commit()
    flash(_("Thank you, your email address is confirmed."), "success")
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    signed_up_here = session.pop("signed_up_as", None) == user.email.casefold()
    if signed_up_here and user.is_active and user.totp_enabled_at is None:
        return finish_signin(user, False, None)  # the browser that chose the password
    return redirect(url_for("accounts.signin"))


@bp.post("/confirm/resend")
@login_required
@limiter.limit(MAIL_LIMIT)
def resend_confirmation():
    """Send the confirmation link again."""
    if EmptyForm().validate_on_submit() and not current_user.is_confirmed:
        accounts.send_confirmation(current_user)
        db.session.commit()
        flash(
            _("We have sent a new confirmation link to %(email)s.", email=current_user.email),
            "success",
        )
    return redirect(url_for("accounts.account"))


def _account_limited(_limit) -> None:
    """The per-account limit tripped: the owner sees it in the security log."""
    email = accounts.normalized_or_none(request.form.get("email", ""))
    user = accounts.find_by_email(email) if email else None
    signals.signin_limited.send(current_app._get_current_object(), user=user)
    db.session.commit()


@bp.route("/signin", methods=["GET", "POST"])
@public
@limiter.limit(AUTH_LIMIT, **post_only)
@limiter.limit(
    lambda: current_app.config["SIGNIN_ACCOUNT_LIMIT"],
    **post_only,
    key_func=accounts.signin_limit_key,
    on_breach=_account_limited,
)
def signin():
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = SignInForm()
    if form.validate_on_submit():
        user = accounts.find_by_email(form.email.data)
        if not accounts.check_password(user, form.password.data):
            accounts.log_failed_signin(user)
            form.password.errors.append(_("The email or password is not correct."))
        elif not user.is_active:
            flash(
                _(
                    "This account is suspended. Write to %(email)s if you think this is a mistake.",
                    email=accounts.contact_email(),
                ),
                "error",
            )
        else:
            return _complete_signin(user, form.remember.data)
    return render_template("accounts/signin.html", form=form)


def _complete_signin(user: User, remember: bool):
    next_path = safe_next(request.args.get("next"))
    if user.totp_enabled_at is not None:
        # Password checked; the second factor finishes the sign-in (see the twofactor package).
        session["2fa_pending"] = {
            "id": accounts.pending_signin_id(user),
            "remember": remember,
            "next": next_path,
        }
        db.session.commit()  # a password rehashed by check_password is the one pending names
        return redirect(url_for("twofactor.challenge"))
    return finish_signin(user, remember, next_path)


def finish_signin(user: User, remember: bool, next_path: str | None, two_factor: bool = False):
    """Sign the user in (all factors checked) with a new session record and send them on."""
    sessions.open_session(user)
    if two_factor:
        user.current_session.two_factor_at = utcnow()
    login_user(user, remember=remember)
    user.last_seen_at = utcnow()
    user.inactivity_warned_at = None
    signals.signin_succeeded.send(current_app._get_current_object(), user=user)
    db.session.commit()
    if user.has_admin_role and user.totp_enabled_at is None:
        flash(ADMIN_NEEDS_2FA, "warning")
    return redirect(safe_next(next_path) or home_for(user))


@bp.post("/signout")
@public
def signout():
    """Sign out of this browser."""
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            sessions.end(current_user.current_session)  # copied cookies stop working too
            db.session.commit()
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@limiter.limit(MAIL_LIMIT, **post_only)
def forgot_password():
    """Ask for a reset link; answers the same whether or not the address is known."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = accounts.find_by_email(form.email.data)
        if user is not None and user.is_active:
            accounts.send_password_reset(user)
            db.session.commit()
        flash(
            _(
                "If an account uses %(email)s, we have sent it a link to reset the password. "
                "The link works once, for one hour.",
                email=form.email.data,
            ),
            "info",
        )
        return redirect(url_for("accounts.signin"))
    return render_template("accounts/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
@limiter.limit(AUTH_LIMIT, **post_only)
def reset_password(token: str):
    """Choose a new password from the emailed single-use link."""
    # Bound to the email and the password hash: it dies once either changes.
    user, _payload = open_link("reset", token)
    if user is None:
        flash(_("That reset link is invalid, expired or already used. Ask for a new one."), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.set_password(user, form.password.data)
        signals.password_reset.send(current_app._get_current_object(), user=user)
        accounts.tell_password_changed(user, by_reset=True)
        if user.email_confirmed_at is None:
            user.email_confirmed_at = utcnow()  # the link proved the address
        db.session.commit()
        logout_user()
        flash(
            _(
                "Your password is changed and every device is signed out. Sign in with the new "
                "password."
            ),
            "success",
        )
        return redirect(url_for("accounts.signin"))
    return render_template("accounts/reset.html", form=form)
