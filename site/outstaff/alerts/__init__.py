"""Saved searches: an employer names the listing's current filters and gets a daily or
weekly mail of the developers newly matching them, each mail with a one-click unsubscribe."""

from flask import Blueprint

bp = Blueprint("alerts", __name__)

from outstaff.alerts import views  # noqa: E402,F401


@bp.app_context_processor
def _save_form_maker():
    """The listing's "save this search" form, filled with the page's filters."""

    def alert_save_form(filters):
        from urllib.parse import urlencode

        from outstaff.alerts.forms import SaveSearchForm

        return SaveSearchForm(formdata=None, query=urlencode(filters.link_args()))

    return {"alert_save_form": alert_save_form}
