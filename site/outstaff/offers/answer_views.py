"""Revising an open offer (employer) and counter-offers (developer proposes, employer
answers)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import role_required
from outstaff.core.extensions import db
from outstaff.forms import EmptyForm
from outstaff.offers import answers, bp, service, states
from outstaff.offers.answer_forms import CounterForm
from outstaff.offers.forms import OfferForm
from outstaff.offers.views import render_detail


def _refused(exc: states.TransitionRefused):
    db.session.rollback()
    abort(exc.status, description=exc.message)


def _to_thread(offer, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("offers.detail", offer_id=offer.id, _anchor="thread"))


@bp.route("/<int:offer_id>/revise", methods=["GET", "POST"])
@role_required("employer")
def revise(offer_id: int):
    """A new version of an open offer; the old terms stay in the conversation."""
    offer = service.party_offer(offer_id, current_user)
    form = OfferForm(obj=offer)
    if form.is_submitted() and form.validate():
        try:
            answers.revise(offer, current_user, form.offer_values())
        except states.TransitionRefused as exc:
            _refused(exc)
        return _to_thread(offer, _("Your offer is revised. We have told the developer."))
    if offer.state not in states.REVISABLE_STATES or current_user.id != offer.employer_id:
        abort(409, description=states.FINAL_MESSAGES.get(offer.state))
    status = 400 if form.is_submitted() else 200
    return render_template("offers/revise.html", form=form, offer=offer), status


@bp.post("/<int:offer_id>/counter")
@role_required("developer")
def counter(offer_id: int):
    """Propose another rate or start date; the employer accepts it or not."""
    offer = service.party_offer(offer_id, current_user)
    form = CounterForm()
    if not form.validate_on_submit():
        return render_detail(offer, counter_form=form, status=400)
    try:
        answers.propose_counter(offer, current_user, form.amount, form.start_date.data)
    except states.TransitionRefused as exc:
        _refused(exc)
    return _to_thread(offer, _("Your counter-offer is sent. We have told the employer."))


@bp.post("/<int:offer_id>/counter/<any(accept, reject):answer>")
@role_required("employer")
def counter_answer(offer_id: int, answer: str):
    """Accept the developer's counter-offer (the terms change) or reject it."""
    offer = service.party_offer(offer_id, current_user)
    if not EmptyForm().validate_on_submit():
        return render_detail(offer, status=400)
    try:
        answers.answer_counter(offer, current_user, accept=answer == "accept")
    except states.TransitionRefused as exc:
        _refused(exc)
    done = _("The new terms are accepted.") if answer == "accept" else _("You kept your terms.")
    return _to_thread(offer, done)
