from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import role_required
from outstaff.core.extensions import db
from outstaff.employer import bp, service
from outstaff.employer.forms import EmployerProfileForm


@bp.route("/profile", methods=["GET", "POST"])
@role_required("employer")
def profile():
    """The company profile, and where the account's approval stands."""
    user = current_user._get_current_object()
    form = EmployerProfileForm(obj=user.employer_profile)
    if form.validate_on_submit():
        requeued = service.save_profile(user, form)
        db.session.commit()
        flash(_("Your company profile is saved."), "success")
        if requeued:
            flash(service.REVIEW_AGAIN, "warning")
        return redirect(url_for("employer.profile"))
    return render_template("employer/profile.html", form=form, user=user)
