"""The tests' publish helper goes through the questionnaire's service, so a questionnaire a
test publishes is in the search index, as one the developer publishes would be."""

import pytest
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.models import SearchDocument
from tests.helpers import complete_profile, publish

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def test_a_questionnaire_published_by_the_helper_is_found_by_the_search(
    client, auth, make_user, employer
):
    profile = complete_profile(make_user("developer"))
    publish(profile)
    assert db.session.scalar(select(SearchDocument.profile_id)) == profile.id
    auth.login(employer)
    page = client.get("/developers?q=postgres").get_data(as_text=True)
    assert "1 developer" in page and profile.first_name in page
