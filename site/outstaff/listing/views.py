"""The developer listing and profile pages for approved employers, and "who viewed my
questionnaire" for developers."""

from flask import abort, current_app, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from outstaff.access import approved_employer_required, role_required
from outstaff.accounts.page_account import reads_account_only
from outstaff.core import paging
from outstaff.core.paging import MAX_ID
from outstaff.listing import (
    bp,
    forms,
    profile_filters,
    profile_html,
    profile_page,
    ranked,
    results_html,
)
from outstaff.listing import service as tracking
from outstaff.models import ProfileView
from outstaff.offers import service

_MARK = 2_147_483_647

# The questionnaire and its buttons, for this page and the developer's preview.
bp.add_app_template_global(profile_html.article, "profile_html")
bp.add_app_template_global(profile_html.actions, "profile_actions")


def url_maker(endpoint: str, **values):
    """A fast `profile_id -> URL` for the many links of one kind on a page, or None while
    the endpoint is not part of the app. Built once per app and mount point."""
    key = (endpoint, request.script_root, *sorted(values.items()))
    makers = current_app.extensions.setdefault("listing_url_makers", {})
    if key not in makers:
        makers[key] = _url_maker(endpoint, values)
    return makers[key]


def _url_maker(endpoint: str, values: dict):
    if endpoint not in current_app.view_functions:
        return None
    head, _, tail = url_for(endpoint, profile_id=_MARK, **values).partition(str(_MARK))
    return lambda profile_id: f"{head}{profile_id}{tail}"


@bp.get("/developers")
@reads_account_only
@approved_employer_required
def index():
    """Published questionnaires the viewer may see, filtered, sorted and paged."""
    viewer = current_user._get_current_object()
    if not tracking.record_listing_page(viewer):
        return tracking.refusal()
    filters = forms.parse_request()
    profile_filters.resolve(filters, viewer)
    page, totals = ranked.results(viewer, filters)
    results = results_html.render(
        filters,
        page,
        totals,
        droppable=ranked.recent_droppable(viewer, filters) if not page.cards else [],
        cap=ranked.TOTAL_CAP,
        drop_cap=ranked.DROP_CAP,
        card_urls=(url_maker("listing.profile"), url_maker("questionnaire.photo", size="thumb")),
    )
    return render_template("listing/index.html", results=results)


@bp.get("/developers/<int:profile_id>")
@reads_account_only
@approved_employer_required
def profile(profile_id: int):
    """One developer's whole questionnaire, contacts as the developer chose."""
    if profile_id > MAX_ID:
        abort(404)
    viewer = current_user._get_current_object()
    page = profile_page.load(viewer, profile_id)
    if page is None:
        abort(404)
    if not tracking.record_view(viewer, page.profile.user_id, seen_today=page.seen_today):
        return tracking.refusal()
    return render_template(
        "listing/profile.html",
        profile=page.profile,
        article=page.article,
        offer_state=page.offer_state,
    )


@bp.get("/offers/viewers")
@role_required("developer")
def viewers():
    """Which companies viewed the developer's questionnaire, and when, newest first."""
    query = (
        select(ProfileView)
        .where(ProfileView.developer_id == current_user.id)
        .order_by(ProfileView.viewed_at.desc(), ProfileView.id.desc())
    )
    page = paging.paginate(query, service.PER_PAGE)
    names = service.company_names(view.employer_id for view in page.items)
    return render_template("listing/viewers.html", page=page, names=names)
