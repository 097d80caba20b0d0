"""Dates as the report's language writes them ("22 Nov 2026", "2026年11月22日"), whatever the computer's locale.

Dates are kept as ISO text (2026-11-22; an AI result's time 2026-11-22T09:30:00+00:00). A number-only date such as
11/05/2026 reads as May in one country and November in another: printed with the month's name (English) or with
年月日 (Chinese) it cannot be misread. Text that is not an ISO date (typed by hand) is printed as it is.
"""
from __future__ import annotations

from datetime import datetime

from annotations.wording import Translate, english
from widgets.clinical_terms import QT_TRANSLATE_NOOP

DATE = QT_TRANSLATE_NOOP("ReportDates", "{day} {month} {year}")  # zh_CN: {year}年{month}月{day}日
# zh_CN: each month's number
MONTH_NAMES = (QT_TRANSLATE_NOOP("ReportDates", "Jan"), QT_TRANSLATE_NOOP("ReportDates", "Feb"),
               QT_TRANSLATE_NOOP("ReportDates", "Mar"), QT_TRANSLATE_NOOP("ReportDates", "Apr"),
               QT_TRANSLATE_NOOP("ReportDates", "May"), QT_TRANSLATE_NOOP("ReportDates", "Jun"),
               QT_TRANSLATE_NOOP("ReportDates", "Jul"), QT_TRANSLATE_NOOP("ReportDates", "Aug"),
               QT_TRANSLATE_NOOP("ReportDates", "Sep"), QT_TRANSLATE_NOOP("ReportDates", "Oct"),
               QT_TRANSLATE_NOOP("ReportDates", "Nov"), QT_TRANSLATE_NOOP("ReportDates", "Dec"))


def shown_date(text: str, translate: Translate = english) -> str:
    """``text`` (an ISO date, or a date and time: then the day it was where the report is printed) in the report's
    language; anything else unchanged."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return text
    day = (moment.astimezone() if moment.tzinfo else moment).date()
    month = translate("ReportDates", MONTH_NAMES[day.month - 1])
    return translate("ReportDates", DATE).format(day=day.day, month=month, year=day.year)
