"""The approval queue: employers see developer data only after an admin approves them.

Every decision is audited ("employer.approve" / "employer.reject") and mailed to the
employer with the admin's note. The page also lists recent alerts of employers who reached
the daily cap of profile views (see outstaff.listing.service).
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from outstaff import audit
from outstaff.accounts import service as accounts
from outstaff.admin import bp
from outstaff.core import company_identity, paging
from outstaff.core.extensions import db
from outstaff.forms import Counted, Form
from outstaff.listing.service import recent_cap_alerts
from outstaff.mail import send_mail
from outstaff.models import User, utcnow


class DecisionForm(Form):
    note = TextAreaField(
        _l("Note to the employer"),
        description=_l("The employer reads this in the mail and on their company page."),
        validators=[
            Length(
                max=500,
                message=Counted(
                    "Keep the note under %(max)d character.",
                    "Keep the note under %(max)d characters.",
                ),
            )
        ],
    )
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))


def earlier_email_domains(employer: User) -> list[str]:
    """Domains the employer used before today's address (block lists still match them)."""
    current = set(company_identity.parent_domains(company_identity.email_domain(employer.email)))
    return sorted({row.domain for row in employer.email_domains} - current)


def _pending_page():
    stmt = (
        select(User)
        .options(joinedload(User.employer_profile), selectinload(User.email_domains))
        .where(User.role == "employer", User.approval == "pending")
        .order_by(User.created_at, User.id)
    )
    return paging.paginate(stmt, 50)


def _render(errors: dict | None = None, notes: dict | None = None, status: int = 200):
    page = _pending_page()
    return render_template(
        "admin/approvals.html",
        page=page,
        errors=errors or {},
        notes=notes or {},
        earlier_domains={employer.id: earlier_email_domains(employer) for employer in page.items},
        viewcap_alerts=recent_cap_alerts(),
        form=DecisionForm(),
    ), status


@bp.get("/approvals")
def approvals():
    """Employers waiting for approval, oldest first, and recent harvesting alerts."""
    return _render()


def _employer_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or not user.is_employer:
        abort(404)
    return user


def _decide(user_id: int, approve: bool):
    employer = _employer_or_404(user_id)
    form = DecisionForm()
    note = (form.note.data or "").strip()
    error = None
    if not form.validate_on_submit():
        error = form.note.errors[0] if form.note.errors else _("The form expired; try again.")
    elif approve and not employer.is_confirmed:
        error = _("This account has not confirmed its email address yet, so it cannot be approved.")
    elif not approve and not note:
        error = _("Write the employer a short reason; they will read it.")
    elif employer.approval != "pending":
        flash(_("%(email)s was already decided.", email=employer.email), "info")
        return redirect(url_for("admin.approvals"))
    if error:
        return _render({employer.id: error}, {employer.id: note}, 400)
    record_decision(current_user._get_current_object(), employer, approve, note or None)
    db.session.commit()
    if approve:
        flash(_("%(email)s is approved.", email=employer.email), "success")
    else:
        flash(_("%(email)s is rejected.", email=employer.email), "success")
    return redirect(url_for("admin.approvals", page=paging.page_number(None)))


def record_decision(admin: User, employer: User, approve: bool, note: str | None) -> None:
    """Apply, audit and mail an approval decision (the caller commits)."""
    employer.approval = "approved" if approve else "rejected"
    employer.approval_note = note
    employer.approved_at = utcnow() if approve else None
    audit.record(admin, "employer.approve" if approve else "employer.reject", employer, note=note)
    if approve:
        send_mail(
            employer.email,
            _l("Your employer account is approved"),
            "employer_approved",
            note=note,
            link=accounts.external_url("listing.index"),
        )
    else:
        send_mail(
            employer.email,
            _l("Your employer account was not approved"),
            "employer_rejected",
            note=note,
            link=accounts.external_url("employer.profile"),
        )


@bp.post("/approvals/<int:user_id>/approve")
def approve_employer(user_id: int):
    """Approve a pending employer: the account sees developers from now on."""
    return _decide(user_id, approve=True)


@bp.post("/approvals/<int:user_id>/reject")
def reject_employer(user_id: int):
    """Reject a pending employer, with a note the employer reads."""
    return _decide(user_id, approve=False)
