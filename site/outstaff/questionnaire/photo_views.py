"""The photo: its own form (a file input cannot be refilled), removal, and serving it."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff import visibility
from outstaff.access import login_required, role_required
from outstaff.core.extensions import db, limiter
from outstaff.forms import EmptyForm
from outstaff.listing import service as tracking
from outstaff.models import DeveloperProfile, ImageBlob
from outstaff.questionnaire import bp, photos, service
from outstaff.questionnaire.forms import PhotoForm

UPLOAD_LIMIT = "20 per hour"
# Private: browsers may keep a photo a little while, shared caches never (it must vanish
# for everyone else once the developer unpublishes or deletes the account).
PHOTO_CACHE_CONTROL = "private, max-age=600"


@bp.route("/photo", methods=["GET", "POST"])
@role_required("developer")
@limiter.limit(UPLOAD_LIMIT, methods=["POST"])
def photo_edit():
    """Upload, replace or remove the questionnaire's photo."""
    profile = service.profile_of(current_user)
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            variants = photos.process(photos.read_upload(form.photo.data.stream))
        except photos.PhotoRejected as exc:
            form.photo.errors.append(exc.args[0])
        else:
            profile = service.get_or_create(current_user)
            photos.save_variants(profile, variants)
            db.session.commit()
            flash(_("Your photo is saved."), "success")
            return redirect(url_for(".photo_edit"))
    return render_template(
        "questionnaire/photo.html", form=form, profile=profile
    ), 400 if form.errors else 200


@bp.post("/photo/remove")
@role_required("developer")
def photo_remove():
    """Delete the photo (and its stored images)."""
    profile = service.profile_of(current_user)
    if EmptyForm().validate_on_submit() and profile is not None and profile.photo is not None:
        photos.remove(profile)
        db.session.commit()
        flash(_("Your photo is removed."), "success")
    return redirect(url_for(".photo_edit"))


@bp.get("/<int:profile_id>/photo/<size>")
@login_required
def photo(profile_id: int, size: str):
    """A profile's photo, to whoever may see the profile (404 to everyone else)."""
    if size not in photos.SIZES:
        abort(404)
    profile = db.session.get(DeveloperProfile, profile_id)
    if not visibility.can_view(current_user, profile) or profile.photo is None:
        abort(404)
    # A large photo is the profile's: fetching it counts as opening the profile, under the
    # daily rule that stops harvesting (thumbnails come with listing pages, counted there).
    if size == "large" and not tracking.record_view(current_user._get_current_object(),
                                                    profile.user_id):
        return tracking.refusal()
    blob = db.session.get(ImageBlob, getattr(profile.photo, f"{size}_sha"))
    if blob is None:
        abort(404)
    response = make_response(blob.data)
    response.content_type = blob.content_type
    response.set_etag(blob.sha256)
    response.headers["Cache-Control"] = PHOTO_CACHE_CONTROL
    response.headers["X-Robots-Tag"] = "noindex"
    return response.make_conditional(request)
