"""Offers between employers and developers, and employers' shortlists."""

from flask import Blueprint

bp = Blueprint("offers", __name__)

from outstaff.core.text import linkify  # noqa: E402
from outstaff.offers import answer_views, pipeline_views, thread_views, views  # noqa: E402,F401

bp.add_app_template_filter(linkify, "linkify")
