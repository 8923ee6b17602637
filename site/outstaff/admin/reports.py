"""Reported conversations: the list shows no message; reading one is an audited action."""

from flask import abort, render_template
from flask_login import current_user

from outstaff.admin import bp
from outstaff.core.errors import NotFound
from outstaff.core.extensions import db
from outstaff.forms import EmptyForm
from outstaff.offers import service, thread


@bp.get("/reports")
def reports():
    """Offers whose conversation a party reported, the latest first."""
    page = thread.reported_page()
    return render_template("admin/reports.html", page=page)


@bp.post("/reports/<int:offer_id>/read")
def report_read(offer_id: int):
    """Read one reported conversation; every reading is written to the audit log."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        offer, messages = thread.read_reported(offer_id, current_user)
    except NotFound:
        abort(404)
    db.session.commit()
    return render_template(
        "admin/report_thread.html",
        offer=offer,
        thread=messages,
        company=service.company_name(offer.employer_id),
    )
