"""The listing form's hiring-terms fields as HTML: the words are put in once per locale and
only the employer's values each request (the listing page is the one the benchmark holds to
its budget, and a template costs per value and per translated string)."""

from flask_babel import gettext
from markupsafe import Markup, escape


def _select(options: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in options)


def build(names_currency_html: str, periods, where, overlaps):
    """A function `filters -> Markup` with the labels of the request's locale (called once
    per locale by outstaff.listing.labels)."""
    t = {key: str(escape(text)) for key, text in {
        "rate": gettext("Rate expectation"),
        "rate_help": gettext("Developers whose expected rate falls in this range, converted "
                             "at our administrators’ exchange rates."),
        "from": gettext("From"), "to": gettext("To"), "currency": gettext("Currency"),
        "period": gettext("Period"),
        "works": gettext("Works (any of these)"),
        "overlap": gettext("Hours of overlap with my working hours, at least"),
        "overlap_help": gettext("Your time zone and hours come from your company profile."),
        "any": gettext("Any"),
        "confirmed": gettext(
            "Only developers who confirmed in the last 30 days that they are available"),
    }.items()}  # fmt: skip
    period_html = _select(periods)
    overlap_html = _select([(str(n), label) for n, label in overlaps])
    where_html = "".join(
        f'<div class="choice"><input type="checkbox" id="f-where-{code}" name="where" '
        f'value="{code}"> <label for="f-where-{code}">{escape(label)}</label></div>'
        for code, label in where
    )
    head = (
        f'<fieldset class="field"><legend>{t["rate"]}</legend>'
        f'<p class="help" id="f-rate-help">{t["rate_help"]}</p>'
        f'<label for="f-rate-from">{t["from"]}</label>'
    )

    def render(f) -> Markup:
        def selected(html: str, value) -> str:
            mark = f'value="{value}">'
            return html.replace(mark, f'value="{value}" selected>', 1) if value else html

        def checked(html: str, code: str) -> str:
            mark = f'value="{code}">'
            return html.replace(mark, f'value="{code}" checked>', 1)

        ticked = where_html
        for code in f.where:
            ticked = checked(ticked, code)
        return Markup(
            head
            + '<input type="number" id="f-rate-from" name="rate_from" min="1" inputmode="numeric"'
            f' value="{f.rate_from or ""}" aria-describedby="f-rate-help">'
            f'<label for="f-rate-to">{t["to"]}</label>'
            '<input type="number" id="f-rate-to" name="rate_to" min="1" inputmode="numeric"'
            f' value="{f.rate_to or ""}">'
            f'<label for="f-rate-currency">{t["currency"]}</label>'
            f'<select id="f-rate-currency" name="rate_currency">'
            f"{selected(names_currency_html, f.rate_currency)}</select>"
            f'<label for="f-rate-period">{t["period"]}</label>'
            f'<select id="f-rate-period" name="rate_period">'
            f"{selected(period_html, f.rate_period)}</select></fieldset>\n"
            f'<fieldset class="field choices"><legend>{t["works"]}</legend>{ticked}</fieldset>\n'
            f'<div class="field"><label for="f-overlap">{t["overlap"]}</label>'
            f'<p class="help" id="f-overlap-help">{t["overlap_help"]}</p>'
            '<select id="f-overlap" name="overlap" aria-describedby="f-overlap-help">'
            f'<option value="">{t["any"]}</option>'
            f"{selected(overlap_html, f.overlap)}</select></div>\n"
            '<div class="field checkbox"><input type="checkbox" id="f-confirmed" name="confirmed"'
            f' value="1"{" checked" if f.confirmed_only else ""}>'
            f' <label for="f-confirmed">{t["confirmed"]}</label></div>\n'
        )

    return render
