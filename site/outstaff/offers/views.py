"""Sending an offer, the inbox of both sides, one offer's page and its answers, and the
employer's shortlist of saved developers with private notes."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import (
    approved_employer_required,
    login_required,
    role_required,
    visible_profile_or_404,
)
from outstaff.core import paging
from outstaff.core.extensions import db, limiter
from outstaff.core.net import client_ip
from outstaff.core.security import safe_next
from outstaff.forms import EmptyForm
from outstaff.models import OFFER_STATES
from outstaff.offers import answers, bp, pipeline, service, states, thread
from outstaff.offers.answer_forms import CounterForm, MessageForm
from outstaff.offers.forms import NoteForm, OfferForm, ReplyForm
from outstaff.visibility import can_see_contacts

SEND_LIMIT = "20 per hour"


def _send_limit() -> str:
    return current_app.config.get("OFFER_SEND_RATE_LIMIT", SEND_LIMIT)


def _per_employer() -> str:
    """Count sends per employer account, whichever address they come from."""
    user_id = getattr(current_user, "id", None)
    return f"offer-send:{user_id}" if user_id else client_ip()


@bp.route("/new/<int:profile_id>", methods=["GET", "POST"])
@approved_employer_required(admins=False)
@limiter.limit(_send_limit, key_func=_per_employer, methods=["POST"])
def new(profile_id: int):
    """Write an offer to a developer whose questionnaire the employer may see."""
    profile = visible_profile_or_404(profile_id)
    existing = service.open_offer(current_user.id, profile.user_id)
    form = OfferForm()
    if existing is None and form.validate_on_submit():
        try:
            offer = service.send_offer(current_user, profile, form.offer_values())
        except service.OpenOfferExists as exc:
            existing = exc.offer
        else:
            db.session.commit()
            flash(
                _("Your offer is sent. You will see here when the developer reads it."), "success"
            )
            return redirect(url_for("offers.detail", offer_id=offer.id))
    if existing is not None:
        flash(
            _("You already have an open offer to this developer. Withdraw it to send a new one."),
            "info",
        )
        return redirect(url_for("offers.detail", offer_id=existing.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "offers/new.html",
        form=form,
        profile=profile,
        offer_state=service.profile_actions(current_user, profile),
    ), status


@bp.get("/")
@role_required("developer", "employer")
def inbox():
    """Offers received (developers) or sent (employers), newest first, filtered by state."""
    state = request.args.get("state")
    state = state if state in OFFER_STATES else None
    page = service.inbox_page(current_user, state)
    other_ids = [o.employer_id if current_user.is_developer else o.developer_id for o in page.items]
    if current_user.is_developer:
        names = service.company_names(other_ids)
        profiles = {}
    else:
        names = {}
        profiles = service.visible_profiles(current_user, other_ids)
    return render_template(
        "offers/inbox.html",
        page=page,
        state=state,
        names=names,
        profiles=profiles,
        states=OFFER_STATES,
    )


@bp.get("/<int:offer_id>")
@login_required
def detail(offer_id: int):
    """One offer, to its two parties only; opening it tells the other side."""
    offer = service.party_offer(offer_id, current_user)
    service.mark_seen(offer, current_user)
    thread.mark_read(offer, current_user)
    db.session.commit()
    return render_detail(offer)


def render_detail(offer, status: int = 200, **forms):
    """The offer's page; `forms` (reply_form, message_form, counter_form) are those that
    failed validation, the others are fresh."""
    profile = service.visible_profiles(current_user, [offer.developer_id]).get(offer.developer_id)
    show_contacts = (
        current_user.id == offer.employer_id
        and offer.state == "accepted"
        and can_see_contacts(current_user, profile)
    )
    developer_side = current_user.id == offer.developer_id
    fresh = {
        "reply_form": ReplyForm(),
        "message_form": MessageForm(formdata=None),
        "counter_form": CounterForm(formdata=None),
    }
    return render_template(
        "offers/detail.html",
        offer=offer,
        profile=profile,
        company=service.company_name(offer.employer_id)
        if offer.employer_id
        else _("A deleted account"),
        employer_profile=offer.employer.employer_profile if offer.employer else None,
        contacts=service.contacts(profile) if show_contacts else None,
        hiring_contact=answers.hiring_contact(offer) if developer_side else None,
        thread=thread.messages(offer),
        **{**fresh, **{name: form for name, form in forms.items() if form is not None}},
    ), status


@bp.post("/<int:offer_id>/accept")
@role_required("developer")
def accept(offer_id: int):
    """Accept the offer, with an optional reply."""
    return _answer(offer_id, "accepted", _("You accepted the offer. We have told the employer."))


@bp.post("/<int:offer_id>/decline")
@role_required("developer")
def decline(offer_id: int):
    """Decline the offer, with an optional reply."""
    return _answer(offer_id, "declined", _("You declined the offer. We have told the employer."))


@bp.post("/<int:offer_id>/withdraw")
@role_required("employer")
def withdraw(offer_id: int):
    """Withdraw an offer the developer has not answered yet."""
    return _answer(
        offer_id,
        "withdrawn",
        _("Your offer is withdrawn. We have told the developer."),
        form=EmptyForm(),
    )


def _answer(offer_id: int, target: str, done: str, form=None):
    offer = service.party_offer(offer_id, current_user)
    form = form or ReplyForm()
    if not form.validate_on_submit():
        return render_detail(
            offer, reply_form=form if isinstance(form, ReplyForm) else None, status=400
        )
    reply = form.reply.data if isinstance(form, ReplyForm) else None
    reasons = form.decline_reasons.data if isinstance(form, ReplyForm) else None
    try:
        service.move(offer, target, current_user, reply=reply, decline_reasons=reasons)
    except states.TransitionRefused as exc:
        db.session.rollback()
        abort(exc.status, description=exc.message)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("offers.detail", offer_id=offer.id))


def _back(default: str):
    return redirect(safe_next(request.form.get("next")) or default)


@bp.get("/shortlist")
@approved_employer_required(admins=False)
def shortlist():
    """Saved developers still visible to the employer, with private notes."""
    return _render_shortlist()


def _render_shortlist(
    note_form: NoteForm | None = None, failed_id: int | None = None, status: int = 200
):
    stage = request.args.get("stage")
    stage = stage if stage in pipeline.STAGES else None
    page = service.shortlist_page(current_user, stage)
    ids = [entry.developer_id for entry in page.items]
    profiles = service.visible_profiles(current_user, ids)
    forms = {}
    for entry in page.items:
        profile = profiles[entry.developer_id]
        form = (
            note_form
            if profile.id == failed_id
            else NoteForm(prefix=f"p{profile.id}", formdata=None, note=entry.note)
        )
        if profile.full_name:
            form.note.label.text = _("Private note on %(name)s", name=profile.full_name)
        forms[entry.id] = form
    return render_template(
        "offers/shortlist.html",
        page=page,
        profiles=profiles,
        note_forms=forms,
        open_offers=service.open_offers_to(current_user.id, ids),
        stage=stage,
        stage_counts=pipeline.stage_counts(current_user),
        offers=pipeline.latest_offers(current_user.id, ids),
        skills=pipeline.key_skills([p.id for p in profiles.values()]),
    ), status


@bp.post("/shortlist/<int:profile_id>")
@approved_employer_required(admins=False)
def shortlist_add(profile_id: int):
    """Save a developer to the shortlist."""
    profile = visible_profile_or_404(profile_id)
    if service.add_to_shortlist(current_user, profile):
        db.session.commit()
        flash(_("Saved to your shortlist."), "success")
    else:
        flash(_("This developer is already on your shortlist."), "info")
    return _back(url_for("offers.shortlist"))


@bp.post("/shortlist/<int:profile_id>/remove")
@approved_employer_required(admins=False)
def shortlist_remove(profile_id: int):
    """Take a developer off the shortlist (with the note)."""
    service.remove_from_shortlist(current_user, profile_id)
    db.session.commit()
    flash(_("Removed from your shortlist."), "success")
    return _back(url_for("offers.shortlist"))


@bp.post("/shortlist/<int:profile_id>/note")
@approved_employer_required(admins=False)
def shortlist_note(profile_id: int):
    """Save the private note on a shortlisted developer."""
    profile = visible_profile_or_404(profile_id)
    entry = service.shortlist_entry(current_user.id, profile.user_id)
    if entry is None:
        abort(404)
    form = NoteForm(prefix=f"p{profile.id}")
    if not form.validate_on_submit():
        return _render_shortlist(note_form=form, failed_id=profile.id, status=400)
    entry.note = form.note.data or None
    db.session.commit()
    flash(_("Your note is saved."), "success")
    return redirect(url_for("offers.shortlist", page=paging.page_number(None)))
