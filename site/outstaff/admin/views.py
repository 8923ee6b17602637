from flask import render_template
from sqlalchemy import func, select

from outstaff.admin import bp
from outstaff.extensions import db
from outstaff.models import DeveloperProfile, User


@bp.get("/")
def index():
    """The console's front page: the numbers that say how the site is doing."""
    counts = dict(
        db.session.execute(
            select(User.role, func.count()).group_by(User.role)
        ).all()
    )
    pending = db.session.scalar(
        select(func.count()).select_from(User).where(
            User.role == "employer", User.approval == "pending"
        )
    )
    published = db.session.scalar(
        select(func.count()).select_from(DeveloperProfile).where(DeveloperProfile.is_published)
    )
    return render_template(
        "admin/index.html", counts=counts, pending=pending, published=published
    )
