"""Demo hiring terms that look real: rates by country and seniority in the local currency,
the country's time zone and office hours, where, links, availability, and a work history
that adds up to the years of experience."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from outstaff.core import zones
from outstaff.core.extensions import db
from outstaff.models import ExchangeRate
from outstaff.rates import HOURS_PER_MONTH, to_base

# Units per US dollar, approximately, for the demo's rates table (admins keep the real one).
DEMO_RATES = {
    "EUR": "0.92",
    "GBP": "0.79",
    "PLN": "4.0",
    "TRY": "34",
    "RUB": "95",
    "UAH": "41",
    "AMD": "390",
    "GEL": "2.7",
    "KZT": "500",
    "CHF": "0.88",
}
# Country -> (currency, a mid-level monthly rate in US dollars, zones, cities)
COUNTRIES = {
    "RU": ("RUB", 3000, ("Europe/Moscow",), ("Moscow", "Kazan", "Saint Petersburg")),
    "UA": ("UAH", 3500, ("Europe/Kyiv", "Europe/Kiev"), ("Kyiv", "Lviv", "Kharkiv")),
    "PL": ("PLN", 4500, ("Europe/Warsaw",), ("Warsaw", "Kraków", "Wrocław")),
    "DE": ("EUR", 6500, ("Europe/Berlin",), ("Berlin", "Munich", "Hamburg")),
    "US": ("USD", 9500, ("America/New_York", "America/Chicago", "America/Los_Angeles"),
           ("New York", "Austin", "Seattle")),
    "GB": ("GBP", 7000, ("Europe/London",), ("London", "Manchester", "Edinburgh")),
    "ES": ("EUR", 4500, ("Europe/Madrid",), ("Madrid", "Barcelona", "Valencia")),
    "TR": ("TRY", 3000, ("Europe/Istanbul",), ("Istanbul", "Ankara", "Izmir")),
    "BR": ("USD", 3200, ("America/Sao_Paulo",), ("São Paulo", "Rio de Janeiro", "Curitiba")),
    "AM": ("AMD", 2800, ("Asia/Yerevan",), ("Yerevan", "Gyumri")),
    "GE": ("GEL", 2800, ("Asia/Tbilisi",), ("Tbilisi", "Batumi")),
}  # fmt: skip
RELOCATE_TO = ("DE", "NL", "PL", "PT", "ES", "CY", "AE", "GB", "GE")
LEVELS = ((1, 0.4, "Junior"), (4, 0.65, "Middle"), (8, 1.0, "Senior"), (60, 1.25, "Lead"))
TITLES = {
    "backend": "back-end developer",
    "frontend": "front-end developer",
    "fullstack": "full-stack developer",
    "mobile": "mobile developer",
    "qa": "QA engineer",
    "devops": "DevOps engineer",
    "data": "data engineer",
    "ml": "ML engineer",
    "gamedev": "game developer",
    "embedded": "embedded developer",
    "security": "security engineer",
    "design": "product designer",
    "pm": "project manager",
    "analyst": "business analyst",
}


def _level(years: int) -> tuple[float, str]:
    return next((factor, name) for limit, factor, name in LEVELS if years <= limit)


def _nice(value: float) -> int:
    """Two significant figures, as people state a rate: 4,875 -> 4,800; 31.6 -> 31."""
    step = 10 ** max(0, len(str(int(value))) - 2)
    return max(1, int(value) // step * step)


def _zone(names: tuple[str, ...]) -> str | None:
    return next((name for name in names if zones.is_zone(name)), None)


def for_developer(maker, row: dict, locale: str) -> tuple[list[int], list[dict]]:
    """Add the terms columns to a profile row; returns (UTC hours, history rows)."""
    rng, now = maker.rng, maker.now
    currency, monthly_usd, zone_names, cities = COUNTRIES.get(
        row["country"], ("USD", 4000, ("UTC",), ("",))
    )
    years = row["years_experience"] or 0
    factor, _name = _level(years)
    hourly = rng.random() < 0.3
    per_usd = Decimal(DEMO_RATES.get(currency, "1"))
    low_usd = monthly_usd * factor * rng.uniform(0.85, 1.15)
    high_usd = low_usd * rng.uniform(1.1, 1.3) if rng.random() < 0.7 else low_usd
    divisor = HOURS_PER_MONTH if hourly else 1
    low, high = (
        _nice(low_usd / divisor * float(per_usd)),
        _nice(high_usd / divisor * float(per_usd)),
    )
    period = "hour" if hourly else "month"
    row.update(
        rate_min=low,
        rate_max=high if high > low else None,
        rate_currency=currency,
        rate_period=period,
        rate_min_base=to_base(low, currency, period, per_usd),
        rate_max_base=to_base(high, currency, period, per_usd) if high > low else None,
    )
    relocation = rng.random() < 0.25
    onsite = rng.random() < 0.3
    row.update(
        remote=rng.random() < 0.8 or not (relocation or onsite),
        relocation=relocation,
        relocation_countries=(
            "," + ",".join(sorted(rng.sample(RELOCATE_TO, rng.randint(1, 3)))) + ","
            if relocation and rng.random() < 0.7
            else None
        ),
        onsite=onsite,
        onsite_city=rng.choice(cities) or None if onsite else None,
    )
    handle = f"{row['telegram'].split('_')[0][:16].lower()}{rng.randint(100, 9999)}"
    row.update(
        link_github=f"https://github.com/{handle}" if rng.random() < 0.5 else None,
        link_gitlab=f"https://gitlab.com/{handle}" if rng.random() < 0.1 else None,
        link_linkedin=f"https://www.linkedin.com/in/{handle}" if rng.random() < 0.4 else None,
        link_website=f"https://{handle}.example" if rng.random() < 0.15 else None,
    )
    zone = _zone(zone_names)
    start = rng.choice((8, 9, 9, 10, 10, 11)) if zone else None
    row.update(
        time_zone=zone, work_start=start, work_end=(start + 8) if start is not None else None
    )
    confirmed = rng.random()
    confirmed_at = (
        now - timedelta(days=rng.randint(0, 29))
        if confirmed < 0.6
        else now - timedelta(days=rng.randint(31, 120))
        if confirmed < 0.85
        else None
    )
    row.update(
        available_from=(now + timedelta(days=rng.randint(7, 90))).date()
        if rng.random() < 0.3
        else None,
        # Confirmed no earlier than the questionnaire was written.
        availability_confirmed_at=confirmed_at and max(confirmed_at, row["created_at"]),
    )
    hours = sorted(zones.utc_hours(zone, start, row["work_end"], now)) if zone else []
    return hours, _history(maker, row, locale, years)


def _history(maker, row: dict, locale: str, years: int) -> list[dict]:
    """Jobs back from today that add up to the years of experience, newest first."""
    rng, today = maker.rng, maker.now.date()
    title = TITLES.get(row["profession"], "software developer")
    entries, end, left = [], None, years * 12
    while left > 0 and len(entries) < 6:
        months = min(left, rng.randint(12, 48))
        start_month = _months_back(today if end is None else end, months)
        _factor, level = _level(max(0, (left - months) // 12))
        current = end is None and rng.random() < 0.7
        entries.append(
            {
                "role": f"{level} {title}",
                "company": rng.choice(maker.pools.companies[locale]),
                "company_hidden": current and rng.random() < 0.4,
                "start_month": start_month,
                "end_month": None if current else _months_back(today if end is None else end, 1),
                "summary": None,
            }
        )
        end, left = start_month, left - months
    return entries


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def seed(rng, fakers, echo) -> None:
    """The demo's exchange rates (dated today), unless the table has some already."""
    if db.session.scalar(select(func.count()).select_from(ExchangeRate)):
        return
    today = date.today()
    db.session.add_all(
        ExchangeRate(currency=c, per_usd=Decimal(v), valid_from=today)
        for c, v in DEMO_RATES.items()
    )
    db.session.commit()
