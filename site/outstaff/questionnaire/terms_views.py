"""The questionnaire's terms page (rate, where, links, hours, availability), the work history,
and the one-click availability confirmation from the reminder mail."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import HiddenField

from outstaff.access import public, role_required
from outstaff.core.extensions import db
from outstaff.forms import EmptyForm, PublicForm
from outstaff.models import WorkHistoryEntry
from outstaff.questionnaire import bp, service
from outstaff.questionnaire import terms_service as terms
from outstaff.questionnaire.history import HistoryForm, add_entry, history_problem, remove_entry
from outstaff.questionnaire.terms import SECTION_NAMES, TermsForm


class ConfirmForm(PublicForm):
    token = HiddenField()


@bp.route("/terms", methods=["GET", "POST"])
@role_required("developer")
def terms_edit():
    """Rate, where, links, time zone and hours, availability: each valid section is saved."""
    profile = service.profile_of(current_user)
    zones = {"country": profile.country if profile else None, "every_zone": _every_zone()}
    if request.method == "GET":
        form = TermsForm(data=terms.form_values(profile), **zones)
        return render_template("questionnaire/terms.html", form=form, saved=[])
    form = TermsForm(**zones)
    valid = form.validate_on_submit()
    csrf = getattr(form, "csrf_token", None)
    saved = [] if csrf is not None and csrf.errors else form.valid_sections()
    if saved:
        terms.save_sections(service.get_or_create(current_user), form, saved)
        db.session.commit()
    if valid:
        flash(_("Your terms are saved."), "success")
        return redirect(url_for(".dashboard"))
    names = [str(SECTION_NAMES[name]) for name in saved]
    return render_template("questionnaire/terms.html", form=form, saved=names), 400


def _every_zone() -> bool:
    """?zones=all: the select lists every time zone, not the country's and the common ones."""
    return request.args.get("zones") == "all"


@bp.route("/history", methods=["GET", "POST"])
@role_required("developer")
def history():
    """Add and remove work history entries (shown newest first)."""
    profile = service.profile_of(current_user)
    form = HistoryForm()
    if form.validate_on_submit():
        problem = history_problem(profile)
        if problem is None:
            add_entry(service.get_or_create(current_user), form)
            db.session.commit()
            flash(_("The entry is added to your work history."), "success")
            return redirect(url_for(".history"))
        form.role.errors.append(problem)
    entries = profile.history if profile is not None else []
    status = 400 if form.errors else 200
    return render_template("questionnaire/history.html", form=form, entries=entries), status


@bp.post("/history/<int:entry_id>/remove")
@role_required("developer")
def history_remove(entry_id: int):
    """Remove one entry of the developer's own work history."""
    entry = db.session.get(WorkHistoryEntry, entry_id)
    profile = service.profile_of(current_user)
    if entry is None or profile is None or entry.profile_id != profile.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        remove_entry(profile, entry)
        db.session.commit()
        flash(_("The entry is removed from your work history."), "success")
    return redirect(url_for(".history"))


@bp.post("/availability/confirm")
@role_required("developer")
def availability_confirm():
    """The dashboard's button: the availability shown is still true."""
    profile = service.profile_of(current_user)
    if EmptyForm().validate_on_submit() and profile is not None:
        terms.confirm(profile)
        db.session.commit()
        flash(_("Thank you: your availability is confirmed for 30 days."), "success")
    return redirect(url_for(".dashboard"))


@bp.route("/availability/confirm/<token>", methods=["GET", "POST"])
@public
def confirm_availability(token: str):
    """The reminder mail's link: one button, no sign-in (a GET changes nothing, so a mail
    scanner that follows links confirms nothing)."""
    profile = terms.profile_for_token(token)
    if profile is None:
        return render_template("questionnaire/confirm_availability.html", profile=None), 404
    form = ConfirmForm(data={"token": token})
    if form.validate_on_submit():
        terms.confirm(profile)
        db.session.commit()
        return render_template(
            "questionnaire/confirm_availability.html", profile=profile, done=True
        )
    return render_template("questionnaire/confirm_availability.html", profile=profile, form=form)
