"""Actions on one account: a confirmation page (GET), then the action itself (POST)."""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from outstaff.admin import bp
from outstaff.admin import service as actions
from outstaff.admin.forms import DeleteForm, HideForm, NoteForm, RoleForm
from outstaff.admin.lookup import get_or_404
from outstaff.core.extensions import db
from outstaff.models import User


@dataclass(frozen=True)
class Spec:
    form: type
    title: object
    explain: object
    done: object
    run: object
    danger: bool = True
    needs_profile: bool = False


def _note(form) -> str | None:
    return form.note.data or None


SPECS = {
    "suspend": Spec(
        NoteForm,
        _l("Suspend the account"),
        _l(
            "The person is signed out at once and cannot sign in; a questionnaire leaves every "
            "listing. Nothing is deleted, and you can reactivate the account later."
        ),
        _l("The account is suspended."),
        lambda user, admin, form: actions.suspend(user, admin, _note(form)),
    ),
    "reactivate": Spec(
        NoteForm,
        _l("Reactivate the account"),
        _l("The person can sign in again."),
        _l("The account is active again."),
        lambda user, admin, form: actions.reactivate(user, admin, _note(form)),
        danger=False,
    ),
    "role": Spec(
        RoleForm,
        _l("Change the role"),
        _l(
            "The person is signed out. A new employer waits for approval; a new administrator "
            "sets up two-factor sign-in before the console opens."
        ),
        _l("The role is changed."),
        lambda user, admin, form: actions.set_role(user, admin, form.role.data, _note(form)),
    ),
    "hide": Spec(
        HideForm,
        _l("Hide the questionnaire"),
        _l(
            "Employers can no longer find or open it. The developer gets an email with your "
            "reason and keeps everything else."
        ),
        _l("The questionnaire is hidden and its owner has been told."),
        lambda user, admin, form: actions.hide_profile(
            user.developer_profile, admin, form.note.data
        ),
        needs_profile=True,
    ),
    "unhide": Spec(
        NoteForm,
        _l("Show the questionnaire again"),
        _l("If it is published, approved employers see it again. The developer is told."),
        _l("The questionnaire is no longer hidden."),
        lambda user, admin, form: actions.unhide_profile(
            user.developer_profile, admin, _note(form)
        ),
        danger=False,
        needs_profile=True,
    ),
    "reset-2fa": Spec(
        NoteForm,
        _l("Turn off two-factor sign-in"),
        _l(
            "For someone who lost both the phone and the recovery codes: check who is asking "
            "first. They are signed out and can sign in with the password alone."
        ),
        _l("Two-factor sign-in is off for this account."),
        lambda user, admin, form: actions.reset_two_factor(user, admin, _note(form)),
    ),
    "delete": Spec(
        DeleteForm,
        _l("Delete the account"),
        _l(
            "Erases the account and every piece of its data at once, as self-service deletion "
            "does, and mails a receipt. The audit log keeps only ids. This cannot be undone."
        ),
        _l("The account and its data are deleted."),
        lambda user, admin, form: actions.delete(user, admin, _note(form)),
    ),
}


@bp.route("/users/<int:user_id>/<action>", methods=["GET", "POST"])
def user_action(user_id: int, action: str):
    """Confirm, then do, one action on an account; every action leaves an audit row."""
    spec = SPECS.get(action) or abort(404)
    user = get_or_404(User, user_id)
    if spec.needs_profile and user.developer_profile is None:
        abort(404)
    form = spec.form()
    if form.validate_on_submit():
        try:
            spec.run(user, current_user._get_current_object(), form)
        except actions.ActionRefused as refused:
            db.session.rollback()
            flash(str(refused), "error")
            return redirect(url_for("admin.user", user_id=user_id))
        db.session.commit()
        flash(spec.done, "success")
        return redirect(
            url_for("admin.users") if action == "delete" else url_for("admin.user", user_id=user_id)
        )
    return render_template(
        "admin/confirm_user.html", spec=spec, form=form, user=user, action=action
    ), 400 if form.errors else 200
