"""Console: the exchange-rate table the listing's rate filter and offer comparisons use."""

from decimal import Decimal, InvalidOperation

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import InputRequired

from outstaff import rates
from outstaff.admin import bp
from outstaff.core.extensions import db
from outstaff.forms import Form, strip
from outstaff.models import utcnow
from outstaff.offers.forms import CURRENCIES, currency_choices

PER_USD_MAX = Decimal("1000000")


class RateForm(Form):
    currency = SelectField(_l("Currency"), validate_choice=False)
    per_usd = StringField(
        _l("Units for one US dollar"),
        filters=[strip],
        description=_l("Like 0.92 for EUR or 505.3 for KZT; up to six decimal places."),
        validators=[InputRequired(_l("Enter the rate."))],
        render_kw={"inputmode": "decimal"},
    )
    valid_from = DateField(
        _l("In force from"),
        validators=[InputRequired(_l("Enter the date as year-month-day."))],
    )
    submit = SubmitField(_l("Save the rate"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency.choices = [c for c in currency_choices() if c.value != rates.BASE]
        self.amount: Decimal | None = None

    def validate_currency(self, field) -> None:
        if field.data not in CURRENCIES or field.data == rates.BASE:
            raise ValidationError(_l("Choose a currency from the list."))

    def validate_per_usd(self, field) -> None:
        try:
            amount = Decimal(field.data.replace(",", "."))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or not 0 < amount <= PER_USD_MAX:
            raise ValidationError(_l("Enter a number more than 0, like 0.92."))
        if amount != amount.quantize(Decimal("0.000001")):
            raise ValidationError(_l("Use at most six decimal places."))
        self.amount = amount

    def validate_valid_from(self, field) -> None:
        if field.data and field.data > utcnow().date():
            raise ValidationError(_l("Enter today or an earlier date."))


@bp.route("/rates", methods=["GET", "POST"])
def exchange_rates():
    """Add a dated rate; expectations in that currency are recomputed at once."""
    form = RateForm(data={"valid_from": utcnow().date()})
    if form.validate_on_submit():
        rates.add_rate(current_user, form.currency.data, form.amount, form.valid_from.data)
        db.session.commit()
        flash(_("The rate for %(currency)s is saved.", currency=form.currency.data), "success")
        return redirect(url_for("admin.exchange_rates"))
    return render_template(
        "admin/rates.html",
        form=form,
        in_force=rates.rates_in_force(),
        history=rates.latest_rates(),
    ), 400 if form.errors else 200
