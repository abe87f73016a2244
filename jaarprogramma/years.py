"""Which year's programme a page opens on, and the reader's choice of another: one rule for the
chapter page, the organisation page and the dashboard's view per organisation."""

# `?jaar=alle`: every year at once, on the pages that open on one year.
ALL_YEARS = "alle"


def current_year(years):
    """The year a page opens on: the newest year that has a programme (None when none has)."""
    return max(years, default=None)


def chosen_year(value, years):
    """The year asked for in `?jaar=` among `years` (those with a programme): None for every
    year (`alle`), the current year when nothing (or something unknown) is asked."""
    if value == ALL_YEARS:
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        return current_year(years)
    return year if year in years else current_year(years)
