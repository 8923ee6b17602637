"""The contact form: anyone can write to the company."""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outstaff.access import public
from outstaff.core.extensions import db, limiter
from outstaff.feedback import bp, service, spam
from outstaff.feedback.forms import FeedbackForm
from outstaff.models import FEEDBACK_TOPICS

# Counted only when a message is accepted, so fixing a typo costs nothing.
FEEDBACK_LIMIT = "5 per 10 minutes; 20 per day"


def _accepted(response) -> bool:
    return response.status_code == 302


@bp.route("/contact", methods=["GET", "POST"])
@public
@limiter.limit(FEEDBACK_LIMIT, methods=["POST"], deduct_when=_accepted)
def form():
    """Write to us: a question, a vacancy, a privacy request."""
    form = FeedbackForm()
    if request.method == "GET":
        _prefill(form)
    elif form.website.data:
        return redirect(url_for("feedback.thanks"))  # a bot filled the honeypot: store nothing
    elif form.validate_on_submit():
        if not spam.too_fast(form.started.data):
            user = current_user if current_user.is_authenticated else None
            service.submit(
                form.name.data, form.email.data, form.topic.data, form.message.data, user
            )
            db.session.commit()
            return redirect(url_for("feedback.thanks", topic=form.topic.data))
        form.started.errors.append(
            _(
                "That was quicker than anyone can type. Please check your message and press "
                "“Send message” again."
            )
        )
    if request.method == "GET" or form.started.errors or spam.elapsed(form.started.data) is None:
        form.started.data = spam.started_token()
    return render_template("feedback/form.html", form=form), 400 if form.errors else 200


def _prefill(form: FeedbackForm) -> None:
    if not current_user.is_authenticated:
        return
    form.email.data = current_user.email
    profile = current_user.developer_profile or current_user.employer_profile
    if profile is not None:
        form.name.data = " ".join(p for p in (profile.first_name, profile.last_name) if p)


@bp.get("/contact/thanks")
@public
def thanks():
    """What happens after a message is sent."""
    topic = request.args.get("topic")
    return render_template(
        "feedback/thanks.html", topic=topic if topic in FEEDBACK_TOPICS else None
    )
