"""Moving a shortlisted developer between the pipeline's stages, and recording a hire."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import approved_employer_required, role_required, visible_profile_or_404
from outstaff.core.extensions import db
from outstaff.forms import EmptyForm
from outstaff.offers import bp, pipeline, service


@bp.post("/shortlist/<int:profile_id>/stage")
@approved_employer_required(admins=False)
def shortlist_stage(profile_id: int):
    """Move a shortlisted developer to another stage."""
    profile = visible_profile_or_404(profile_id)
    entry = service.shortlist_entry(current_user.id, profile.user_id)
    stage = request.form.get("stage")
    if entry is None:
        abort(404)
    if not EmptyForm().validate_on_submit() or stage not in pipeline.STAGES:
        abort(400)
    try:
        pipeline.set_stage(entry, stage)
    except pipeline.NoAcceptedOffer as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("offers.shortlist"))
    db.session.commit()
    flash(_("Moved to “%(stage)s”.", stage=dict(pipeline.PIPELINE_STAGES)[stage]), "success")
    return redirect(url_for("offers.shortlist"))


@bp.post("/<int:offer_id>/hired")
@role_required("employer")
def hired(offer_id: int):
    """Record that the developer was hired on this accepted offer."""
    offer = service.party_offer(offer_id, current_user)
    if not EmptyForm().validate_on_submit() or current_user.id != offer.employer_id:
        abort(400)
    try:
        pipeline.record_hire(offer)
    except pipeline.NoAcceptedOffer as exc:
        abort(409, description=exc.message)
    db.session.commit()
    flash(_("The hire is recorded. Congratulations!"), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id))
