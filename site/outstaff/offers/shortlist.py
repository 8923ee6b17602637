"""The employer's shortlist: saved developers with a private note."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import approved_employer_required, visible_profile_or_404
from outstaff.core import paging
from outstaff.core.extensions import db
from outstaff.core.security import safe_next
from outstaff.offers import bp, service
from outstaff.offers.forms import NoteForm


def _back(default: str):
    return redirect(safe_next(request.form.get("next")) or default)


@bp.get("/shortlist")
@approved_employer_required(admins=False)
def shortlist():
    """Saved developers still visible to the employer, with private notes."""
    return _render_shortlist()


def _render_shortlist(note_form: NoteForm | None = None, failed_id: int | None = None,
                      status: int = 200):
    page = service.shortlist_page(current_user)
    ids = [entry.developer_id for entry in page.items]
    profiles = service.visible_profiles(current_user, ids)
    forms = {}
    for entry in page.items:
        profile = profiles[entry.developer_id]
        form = (note_form if profile.id == failed_id else
                NoteForm(prefix=f"p{profile.id}", formdata=None, note=entry.note))
        if profile.full_name:
            form.note.label.text = _("Private note on %(name)s", name=profile.full_name)
        forms[entry.id] = form
    return render_template(
        "offers/shortlist.html", page=page, profiles=profiles, note_forms=forms,
        open_offers=service.open_offers_to(current_user.id, ids),
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
