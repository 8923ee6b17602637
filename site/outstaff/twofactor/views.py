"""Two-factor sign-in: set up an authenticator app, recovery codes, the sign-in step."""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from outstaff import audit
from outstaff.access import login_required, public
from outstaff.accounts import service as accounts
from outstaff.accounts.views import AUTH_LIMIT, finish_signin, home_for
from outstaff.core import signals
from outstaff.core.extensions import db, limiter
from outstaff.forms import EmptyForm
from outstaff.models import User
from outstaff.twofactor import bp
from outstaff.twofactor import service as tf
from outstaff.twofactor.forms import ChallengeForm, ConfirmSetupForm, DisableForm, RegenerateForm

PENDING = "2fa_pending"
# Per account, on top of the per-address AUTH_LIMIT: guessing codes from many addresses fails.
CHALLENGE_LIMIT = "5 per minute; 30 per hour"


def _challenge_key() -> str:
    """The account proving its second factor, for the per-account limit."""
    if current_user.is_authenticated:
        return f"2fa:{current_user.id}"
    pending = session.get(PENDING) or {}
    return "2fa:" + str(pending.get("id", "")).partition(":")[0]


def _changed(user: User, event: str) -> None:
    """Tell listeners (the security log) and, for admins, keep an audit row."""
    signals.two_factor_changed.send(
        current_app._get_current_object(),
        user=user,
        event=event,
        enabled=user.totp_enabled_at is not None,
    )
    if user.has_admin_role:
        audit.record(user, f"twofactor.{event}", user)


def _index(disable_form=None, regenerate_form=None, status=200):
    return render_template(
        "twofactor/index.html",
        disable_form=disable_form or DisableForm(),
        regenerate_form=regenerate_form or RegenerateForm(),
        codes_left=tf.recovery_codes_left(current_user),
    ), status


@bp.get("/")
@login_required
def index():
    """Whether two-factor sign-in is on, and the ways to set it up or change it."""
    return _index()


@bp.post("/start")
@login_required
def start():
    """Make a new secret for the authenticator app (not in force until confirmed)."""
    if EmptyForm().validate_on_submit() and current_user.totp_enabled_at is None:
        current_user.totp_secret = tf.new_secret()
        db.session.commit()
        return redirect(url_for("twofactor.setup"))
    return redirect(url_for("twofactor.index"))


@bp.route("/setup", methods=["GET", "POST"])
@login_required
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def setup():
    """Show the QR code and the secret; a correct code from the app turns it on."""
    user = current_user._get_current_object()
    if user.totp_enabled_at is not None or not user.totp_secret:
        return redirect(url_for("twofactor.index"))
    form = ConfirmSetupForm()
    if form.validate_on_submit():
        if tf.use_totp(user, form.code.data):
            codes = tf.enable(user)
            _changed(user, "enable")
            tf.mark_passed(user)  # the code just proved it, in this session
            db.session.commit()
            flash(_("Two-factor sign-in is on."), "success")
            return render_template("twofactor/recovery_codes.html", codes=codes)
        form.code.errors.append(
            _(
                "That code is not right. Check the clock of your phone and "
                "enter the code the app shows now."
            )
        )
    uri = tf.provisioning_uri(user, user.totp_secret)
    return render_template(
        "twofactor/setup.html",
        form=form,
        qr=tf.qr_data_uri(uri),
        secret=tf.grouped(user.totp_secret),
    ), 400 if form.errors else 200


@bp.post("/recovery-codes")
@login_required
@limiter.limit(AUTH_LIMIT)
def regenerate():
    """Replace the recovery codes (password and a code from the app confirm it)."""
    user = current_user._get_current_object()
    form = RegenerateForm()
    if form.validate_on_submit() and _confirmed(user, form, allow_recovery=False):
        codes = tf.new_recovery_codes(user)
        _changed(user, "recovery_codes")
        db.session.commit()
        flash(_("New recovery codes are ready; the old ones no longer work."), "success")
        return render_template("twofactor/recovery_codes.html", codes=codes)
    return _index(regenerate_form=form, status=400)


@bp.post("/disable")
@login_required
@limiter.limit(AUTH_LIMIT)
def disable():
    """Turn two-factor sign-in off (password and a code confirm it)."""
    user = current_user._get_current_object()
    form = DisableForm()
    if form.validate_on_submit() and _confirmed(user, form, allow_recovery=True):
        tf.disable(user)
        _changed(user, "disable")
        db.session.commit()
        flash(_("Two-factor sign-in is off."), "info")
        return redirect(url_for("twofactor.index"))
    return _index(disable_form=form, status=400)


def _confirmed(user: User, form, allow_recovery: bool) -> bool:
    if not accounts.check_password(user, form.password.data):
        form.password.errors.append(_("That is not your password."))
        return False
    ok = (
        tf.check_second_factor(user, form.code.data)
        if allow_recovery
        else tf.use_totp(user, form.code.data)
    )
    if not ok:
        form.code.errors.append(_("That code is not right."))
    return bool(ok)


def _proving_user() -> tuple[User | None, dict | None]:
    """Who proves a second factor here, and their half-done sign-in (None when signed in).

    Either the password step of a sign-in is done, or a signed-in account with two-factor on
    has a session that has not passed it (a remember-me restore, a new session token): admin
    powers wait for it. (None, None) when there is nothing to prove.
    """
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        if user.totp_enabled_at is None or user.passed_two_factor:
            return None, None
        return user, None
    pending = session.get(PENDING)
    pending = pending if isinstance(pending, dict) else {}
    user = accounts.user_from_pending_id(pending.get("id", ""))
    if user is None or user.totp_enabled_at is None:
        session.pop(PENDING, None)
        return None, None
    return user, pending


@bp.route("/challenge", methods=["GET", "POST"])
@public
@limiter.limit(AUTH_LIMIT, methods=["POST"])
@limiter.limit(CHALLENGE_LIMIT, key_func=_challenge_key, methods=["POST"])
def challenge():
    """The second step of signing in: a code from the app or a recovery code."""
    user, pending = _proving_user()
    if user is None:
        if current_user.is_authenticated:
            return redirect(home_for(current_user))
        flash(_("Please sign in first."), "info")
        return redirect(url_for("accounts.signin"))
    form = ChallengeForm()
    if form.validate_on_submit():
        used = tf.check_second_factor(user, form.code.data)
        if used:
            return _passed(user, used, pending)
        form.code.errors.append(_("That code is not right. Try the code the app shows now."))
    return render_template(
        "twofactor/challenge.html", form=form, signed_in=pending is None
    ), 400 if form.errors else 200


def _passed(user: User, used: str, pending: dict | None):
    """Record in this session that the second factor is proved, then go on."""
    session.pop(PENDING, None)
    if used == "recovery":
        _changed(user, "recovery_code_used")
        flash(
            ngettext(
                "You used a recovery code; %(num)d is left. Each works only once.",
                "You used a recovery code; %(num)d are left. Each works only once.",
                tf.recovery_codes_left(user),
            ),
            "warning",
        )
    if pending is None:
        tf.mark_passed(user)
        db.session.commit()
        return redirect(home_for(user))
    return finish_signin(user, bool(pending.get("remember")), pending.get("next"), two_factor=True)
