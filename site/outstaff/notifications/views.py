from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import login_required
from outstaff.core.extensions import db
from outstaff.models import NOTIFICATION_KINDS
from outstaff.notifications import bp, service
from outstaff.notifications.forms import NotificationsForm


@bp.route("/", methods=["GET", "POST"])
@login_required
def settings():
    """Each kind of mail on or off; security and legal mail always goes."""
    form = NotificationsForm(obj=service.settings_for(current_user))
    if form.validate_on_submit():
        service.save(current_user, {kind: getattr(form, kind).data for kind in NOTIFICATION_KINDS})
        db.session.commit()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    status = 400 if form.is_submitted() else 200
    return render_template("notifications/settings.html", form=form), status
