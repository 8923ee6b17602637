"""Saved searches: an employer names the listing's current filters and gets a daily or
weekly mail of the developers newly matching them, each mail with a one-click unsubscribe."""

from flask import Blueprint

bp = Blueprint("alerts", __name__)

from outstaff.alerts import views  # noqa: E402,F401


@bp.app_template_global()
def alert_save_form(query: str):
    """The listing's "save this search" form, filled with the page's filters."""
    from outstaff.alerts.forms import SaveSearchForm

    return SaveSearchForm(formdata=None, query=query)


@bp.app_template_global()
def save_search_section(filters):
    """The listing's "save this search" section: the same for every approved employer but
    for the filters and the CSRF token (a cached fragment, core/fragments.py)."""
    from urllib.parse import urlencode

    from flask_login import current_user
    from flask_wtf.csrf import generate_csrf

    from outstaff.core import fragments

    if not (current_user.is_authenticated and current_user.is_approved_employer):
        return fragments.render("alerts/_save_search.html", (False,))
    query = urlencode(filters.link_args())
    return fragments.render(
        "alerts/_save_search.html",
        (True,),
        holes={"save_query": query},
        tokens={"csrf": generate_csrf()},
    )
