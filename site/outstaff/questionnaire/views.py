"""The developer's questionnaire: dashboard, form, preview, publishing, block list, and the
photo (its own form: a file input cannot be refilled; served under the visibility rule)."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.http import is_resource_modified, quote_etag

from outstaff.access import login_required_after, role_required
from outstaff.accounts import viewer
from outstaff.core import database
from outstaff.core.contacts import phone_international
from outstaff.core.extensions import db, limiter
from outstaff.core.lean import lean
from outstaff.forms import EmptyForm
from outstaff.listing import service as tracking
from outstaff.models import BlockedCompany
from outstaff.questionnaire import bp, photos, service
from outstaff.questionnaire import terms_service as terms
from outstaff.questionnaire.forms import (
    PROFILE_SECTIONS,
    BlockForm,
    PhotoForm,
    ProfileForm,
    PublishForm,
    valid_sections,
)
from outstaff.search import text

UPLOAD_LIMIT = "20 per hour"
# Private: browsers may keep a photo a little while, shared caches never (it must vanish
# for everyone else once the developer unpublishes or deletes the account).
PHOTO_CACHE_CONTROL = "private, max-age=600"


def _dashboard(publish_form: PublishForm, status: int = 200):
    profile = service.profile_of(current_user)
    return render_template(
        "questionnaire/dashboard.html",
        profile=profile,
        publish_form=publish_form,
        missing=service.missing(profile),
        recommended=service.missing_recommended(profile),
        completeness=service.completeness(profile),
        missing_terms=terms.missing_terms(profile),
        terms_recommended=terms.missing_terms_recommended(profile),
        confirmed=terms.is_confirmed(profile),
        problems=service.publish_problems(current_user, profile),
        history=service.consent_history(current_user),
    ), status


@bp.get("/")
@role_required("developer")
def dashboard():
    """What is missing, whether the questionnaire is published, and the consent history."""
    return _dashboard(PublishForm())


def _form_values(profile) -> dict:
    if profile is None:
        return {}
    values = {column: getattr(profile, column) for column in service.SIMPLE_COLUMNS}
    values["phone"] = phone_international(profile.phone)
    values["languages"] = [lang.code for lang in profile.languages]
    values["skills"] = ", ".join(skill.name for skill in profile.skills)
    return values


def skill_suggestions(names: list[str]) -> str:
    """ "postgres → PostgreSQL, k8s → Kubernetes": the vocabulary's names for typed skills."""
    pairs = [(name, text.suggestion(name)) for name in names]
    return ", ".join(f"{name} → {canonical}" for name, canonical in pairs if canonical)


@bp.route("/edit", methods=["GET", "POST"])
@role_required("developer")
def edit():
    """Fill in the questionnaire; a draft may be saved incomplete, and every valid section is
    saved even when another has an error (which stays on the page, with what was typed)."""
    profile = service.profile_of(current_user)
    form = ProfileForm() if request.method == "POST" else ProfileForm(data=_form_values(profile))
    if profile is not None and profile.is_published:
        form.required_now = set(service.REQUIRED)
    if form.validate_on_submit():
        profile = service.get_or_create(current_user)
        service.save(profile, form.data, form.languages.data, form.skill_names)
        db.session.commit()
        flash(_("Your questionnaire is saved."), "success")
        if known := skill_suggestions(form.skill_names):
            flash(
                _(
                    "Skills recognised: %(names)s. Your spelling is kept; employers who search "
                    "for either name find you.",
                    names=known,
                ),
                "info",
            )
        return redirect(url_for(".dashboard"))
    saved = _save_valid_sections(form, profile) if form.is_submitted() else []
    status = 400 if form.errors else 200
    return render_template(
        "questionnaire/edit.html", form=form, profile=profile, saved=saved
    ), status


def _save_valid_sections(form: ProfileForm, profile) -> list[str]:
    """Store the sections without errors over the stored values; their names, translated."""
    csrf = getattr(form, "csrf_token", None)
    sections = [] if csrf is not None and csrf.errors else valid_sections(form)
    if not sections:
        return []
    values = _form_values(profile)
    values["languages"] = values.get("languages", [])
    skills = [skill.name for skill in profile.skills] if profile is not None else []
    for name in sections:
        for field in PROFILE_SECTIONS[name][1]:
            values[field] = form[field].data
    if "work" in sections:
        skills = form.skill_names
    values["phone"] = form.phone.data if "contacts" in sections else (profile and profile.phone)
    profile = service.get_or_create(current_user)
    service.save(profile, values, values["languages"], skills)
    db.session.commit()
    return [str(PROFILE_SECTIONS[name][0]) for name in sections]


@bp.get("/preview")
@role_required("developer")
def preview():
    """The questionnaire exactly as approved employers see it."""
    profile = service.profile_of(current_user)
    if profile is None:
        flash(_("Fill in your questionnaire first; then you can preview it."), "info")
        return redirect(url_for(".edit"))
    after_accept = request.args.get("contacts") == "shown"
    show_contacts = after_accept or profile.contact_visibility == "employers"
    return render_template(
        "questionnaire/preview.html",
        profile=profile,
        show_contacts=show_contacts,
        after_accept=after_accept,
    )


@bp.post("/publish")
@role_required("developer")
def publish():
    """Publish with explicit consent; needs a confirmed email and the required fields."""
    form = PublishForm()
    profile = service.profile_of(current_user)
    if service.publish_problems(current_user, profile):
        flash(_("Your questionnaire cannot be published yet."), "error")
        return _dashboard(form, 400)
    if not form.validate_on_submit():
        return _dashboard(form, 400)
    if not profile.is_published:
        service.publish(current_user, profile)
        db.session.commit()
    flash(_("Your questionnaire is published: approved employers can now see it."), "success")
    return redirect(url_for(".dashboard"))


@bp.post("/unpublish")
@role_required("developer")
def unpublish():
    """Withdraw consent: employers stop seeing the questionnaire at once."""
    profile = service.profile_of(current_user)
    if EmptyForm().validate_on_submit() and profile is not None and profile.is_published:
        service.unpublish(current_user, profile)
        db.session.commit()
        flash(_("Your questionnaire is unpublished: no employer can see it now."), "success")
    return redirect(url_for(".dashboard"))


@bp.route("/blocks", methods=["GET", "POST"])
@role_required("developer")
def blocks():
    """Companies and email domains that never see the questionnaire."""
    profile = service.profile_of(current_user)
    form = BlockForm()
    if form.validate_on_submit():
        problem = service.block_problem(profile, form.kind.data, form.value.data)
        if problem is None:
            entry = service.add_block(
                service.get_or_create(current_user), form.kind.data, form.value.data
            )
            db.session.commit()
            flash(_("“%(value)s” is on your block list.", value=entry.value), "success")
            return redirect(url_for(".blocks"))
        form.value.errors.append(problem)
    return render_template(
        "questionnaire/blocks.html",
        form=form,
        profile=profile,
        entries=service.blocked_sorted(profile),
        offer_current=service.can_block_current_company(profile),
    ), 400 if form.errors else 200


@bp.post("/blocks/<int:block_id>/remove")
@role_required("developer")
def block_remove(block_id: int):
    """Take a company or domain off the block list."""
    entry = db.session.get(BlockedCompany, block_id)
    if entry is None or entry.user_id != current_user.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        db.session.delete(entry)
        db.session.commit()
        flash(_("“%(value)s” is no longer blocked.", value=entry.value), "success")
    return redirect(url_for(".blocks"))


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


def _thumbnail_fast(profile_id: int, size: str):
    """A thumbnail for a developer or employer whose open session record the cookie names,
    if the visibility rule lets them see it; None hands the request to the full view."""
    if size != "thumb":
        return None
    # A connection of its own: no ORM session to open and close for a read or two.
    with database.read_connection() as connection:
        if (found := viewer.lean_viewer(connection)) is None:
            return None
        who, checks = found
        blob = photos.visible_image(who, profile_id, size, connection, checks)
    if blob is None:
        viewer.forget(checks)
        return None
    return _photo_response(blob)


@bp.get("/<int:profile_id>/photo/<size>")
@lean
@login_required_after(_thumbnail_fast)
def photo(profile_id: int, size: str):
    """A profile's photo, to whoever may see the profile (404 to everyone else)."""
    if size not in photos.SIZES:
        abort(404)
    blob = photos.visible_image(current_user, profile_id, size)
    if blob is None:
        abort(404)
    # A large photo is the profile's: fetching it counts as opening the profile, under the
    # daily rule that stops harvesting (thumbnails come with listing pages, counted there).
    if size == "large" and not tracking.record_view(
        current_user._get_current_object(), blob.user_id
    ):
        return tracking.refusal()
    return _photo_response(blob)


def _photo_response(blob):
    """The image, or 304 when the browser holds these very bytes (the ETag is their hash);
    only ever after the visibility rule said yes."""
    headers = [
        ("ETag", quote_etag(blob.sha256)),
        ("Cache-Control", PHOTO_CACHE_CONTROL),
        ("X-Robots-Tag", "noindex"),
    ]
    if not is_resource_modified(request.environ, blob.sha256):
        return Response(status=304, headers=headers)
    return Response(blob.data, headers=headers, content_type=blob.content_type)
