from flask import jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from outstaff.auth import public
from outstaff.extensions import db, limiter
from outstaff.main import bp


@bp.get("/")
@public
def home():
    """What the site does for developers and for employers."""
    return render_template("main/home.html")


@bp.get("/healthz")
@public
@limiter.exempt
def healthz():
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
