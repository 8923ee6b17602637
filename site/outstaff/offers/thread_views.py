"""An offer's conversation: writing in the thread and reporting it to the admins."""

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import role_required
from outstaff.core.extensions import db, limiter
from outstaff.core.net import client_ip
from outstaff.forms import EmptyForm
from outstaff.offers import bp, service, thread
from outstaff.offers.answer_forms import MessageForm
from outstaff.offers.views import render_detail

MESSAGE_LIMIT = "30 per hour"


def _message_limit() -> str:
    return current_app.config.get("OFFER_MESSAGE_RATE_LIMIT", MESSAGE_LIMIT)


def _per_author() -> str:
    user_id = getattr(current_user, "id", None)
    return f"offer-message:{user_id}" if user_id else client_ip()


@bp.post("/<int:offer_id>/messages")
@role_required("developer", "employer")
@limiter.limit(_message_limit, key_func=_per_author)
def message(offer_id: int):
    """Write to the other party of the offer; they are told by mail."""
    offer = service.party_offer(offer_id, current_user)
    form = MessageForm()
    if not form.validate_on_submit():
        return render_detail(offer, message_form=form, status=400)
    try:
        thread.post(offer, current_user, form.body.data)
    except thread.PartyGone:
        abort(409, description=_("The other party deleted their account."))
    db.session.commit()
    flash(_("Your message is sent."), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id, _anchor="thread"))


@bp.post("/<int:offer_id>/report")
@role_required("developer", "employer")
def report(offer_id: int):
    """Ask an administrator to read this conversation (the reading is logged)."""
    offer = service.party_offer(offer_id, current_user)
    if not EmptyForm().validate_on_submit():
        return render_detail(offer, status=400)
    if thread.report(offer, current_user):
        db.session.commit()
        flash(_("Thank you. An administrator will read this conversation."), "success")
    else:
        flash(_("This conversation is already reported."), "info")
    return redirect(url_for("offers.detail", offer_id=offer.id, _anchor="thread"))
