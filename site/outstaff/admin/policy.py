"""Console: publish a new version of the privacy policy."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from outstaff.admin import bp
from outstaff.extensions import db
from outstaff.models import PolicyVersion
from outstaff.privacy.forms import PublishPolicyForm
from outstaff.privacy.policy import current_version, fill_placeholders, render_markdown
from outstaff.privacy.publishing import publish


@bp.route("/policy", methods=["GET", "POST"])
def policy():
    """Write, preview and publish a new policy version; earlier versions listed."""
    current = current_version()
    form = PublishPolicyForm(data={"body": current.body})
    preview = None
    if form.validate_on_submit():
        if form.preview.data:
            preview = render_markdown(fill_placeholders(form.body.data))
        else:
            version = publish(current_user, form.body.data, form.summary.data)
            try:
                db.session.commit()
            except IntegrityError:  # another admin published at the same moment
                db.session.rollback()
                flash(_("Someone else published a version just now. Check it, then try "
                        "again."), "error")
            else:
                flash(_("Version %(n)s is published. Signed-in users will be asked to read "
                        "it.", n=version.version), "success")
                return redirect(url_for("admin.policy"))
    versions = db.session.scalars(
        select(PolicyVersion).order_by(PolicyVersion.version.desc()).limit(50)
    ).all()
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("admin/policy.html", form=form, current=current, preview=preview,
                           versions=versions), status
