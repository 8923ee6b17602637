"""Console: publish a new version of the privacy policy."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from outstaff.admin import bp
from outstaff.core.extensions import db
from outstaff.models import PolicyVersion
from outstaff.privacy.forms import publish_policy_form
from outstaff.privacy.policy import current_version, fill_placeholders, localized, render_markdown
from outstaff.privacy.service import publish


@bp.route("/policy", methods=["GET", "POST"])
def policy():
    """Write, preview and publish a new policy version; earlier versions listed."""
    current = current_version()
    form = publish_policy_form(data=_current_texts(current))
    previews = []
    if form.validate_on_submit():
        if form.preview.data:
            previews = _previews(form)
        elif _published(form):
            return redirect(url_for("admin.policy"))
    versions = db.session.scalars(
        select(PolicyVersion).order_by(PolicyVersion.version.desc()).limit(50)
    ).all()
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template(
        "admin/policy.html",
        form=form,
        current=current,
        previews=previews,
        versions=versions,
        summary_of=lambda v: localized(v)[1],
    ), status


def _previews(form) -> list[tuple[str, str]]:
    """The new text rendered in each language, as it will read."""
    return [("en", _render(form.body.data))] + [
        (code, _render(text)) for code, (text, _summary) in form.translations().items()
    ]


def _published(form) -> bool:
    """Publish the form's version; False when another admin published one at that moment."""
    version = publish(current_user, form.body.data, form.summary.data, form.translations())
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash(_("Someone else published a version just now. Check it, then try again."), "error")
        return False
    flash(
        _(
            "Version %(n)s is published. Signed-in users will be asked to read it.",
            n=version.version,
        ),
        "success",
    )
    return True


def _current_texts(current: PolicyVersion) -> dict:
    """The form starts from the version in force, in every language it has."""
    data = {"body": current.body}
    for code, text in current.texts.items():
        data[f"body_{code}"] = text.body
    return data


def _render(text: str):
    return render_markdown(fill_placeholders(text))
