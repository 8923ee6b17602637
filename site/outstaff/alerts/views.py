"""Saving the listing's filters, the list of saved searches, and the unsubscribe link."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import approved_employer_required, public
from outstaff.alerts import bp, service
from outstaff.alerts.forms import FrequencyForm, SaveSearchForm
from outstaff.core.extensions import csrf, db
from outstaff.forms import EmptyForm


def _page(save_form: SaveSearchForm | None = None, status: int = 200):
    searches = service.searches_of(current_user)
    forms = {
        s.id: FrequencyForm(prefix=f"s{s.id}", formdata=None, frequency=s.frequency)
        for s in searches
    }
    return render_template(
        "alerts/index.html", searches=searches, frequency_forms=forms, save_form=save_form
    ), status


@bp.get("/")
@approved_employer_required(admins=False)
def index():
    """The employer's saved searches: how often each is mailed, and deleting one."""
    return _page()


@bp.post("/")
@approved_employer_required(admins=False)
def save():
    """Save the listing's current filters under a name."""
    form = SaveSearchForm()
    if not form.validate_on_submit():
        return _page(save_form=form, status=400)
    try:
        service.save(current_user, form.name.data, form.query.data, form.frequency.data)
    except service.TooMany:
        form.name.errors = [_("You have %(num)d saved searches; delete one first.", num=20)]
        return _page(save_form=form, status=400)
    db.session.commit()
    flash(_("Your search is saved. We mail you the new developers that match it."), "success")
    return redirect(url_for("alerts.index"))


@bp.post("/<int:search_id>/frequency")
@approved_employer_required(admins=False)
def frequency(search_id: int):
    """Daily, weekly or never."""
    search = service.own_search(search_id, current_user)
    form = FrequencyForm(prefix=f"s{search.id}")
    if not form.validate_on_submit():
        abort(400)
    search.frequency = form.frequency.data
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for("alerts.index"))


@bp.post("/<int:search_id>/delete")
@approved_employer_required(admins=False)
def delete(search_id: int):
    """Delete a saved search."""
    search = service.own_search(search_id, current_user)
    if not EmptyForm().validate_on_submit():
        abort(400)
    db.session.delete(search)
    db.session.commit()
    flash(_("The saved search is deleted."), "success")
    return redirect(url_for("alerts.index"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt
def unsubscribe(token: str):
    """The mail's unsubscribe link, without signing in: GET asks, POST (the button, or a
    mail program's one-click request, RFC 8058) stops that search's mail."""
    search = service.search_by_token(token)
    if search is None:
        abort(404)
    done = request.method == "POST"
    if done:
        search.frequency = "off"
        db.session.commit()
    return render_template("alerts/unsubscribe.html", search=search, token=token, done=done)
