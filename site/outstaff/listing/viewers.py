"""Who viewed my profile: the companies that opened the developer's questionnaire."""

from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from outstaff.access import role_required
from outstaff.core import paging
from outstaff.listing import bp
from outstaff.models import ProfileView
from outstaff.offers import service


@bp.get("/offers/viewers")
@role_required("developer")
def viewers():
    """Which companies viewed the developer's questionnaire, and when, newest first."""
    query = (select(ProfileView).where(ProfileView.developer_id == current_user.id)
             .order_by(ProfileView.viewed_at.desc(), ProfileView.id.desc()))
    page = paging.paginate(query, service.PER_PAGE)
    names = service.company_names(view.employer_id for view in page.items)
    return render_template("listing/viewers.html", page=page, names=names)
