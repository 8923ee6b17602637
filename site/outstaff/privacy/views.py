from flask import current_app, render_template

from outstaff import personal_data
from outstaff.auth import public
from outstaff.privacy import bp
from outstaff.privacy.policy import current_version, fill_placeholders, render_markdown


@bp.get("/privacy")
@public
def policy():
    """The privacy policy in force, with the table of data the site stores."""
    version = current_version()
    return render_template(
        "privacy/policy.html",
        version=version,
        body=render_markdown(fill_placeholders(version.body)),
        data_table=personal_data.data_table(),
        smtp_relay=current_app.config["MAIL_BACKEND"] == "smtp",
        hosting=current_app.config["HOSTING_PROVIDER"],
    )
