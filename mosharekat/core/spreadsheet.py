"""Citizen text in spreadsheets stays text: a cell that starts like a formula is never run.

openpyxl stores any string that starts with "=" as a formula, so a comment such as
``=HYPERLINK("http://…","…")`` would run when staff open the export. Text starting with = + - @ (or a
tab/return, which some programs skip before parsing) gets a leading apostrophe, the usual guard
(OWASP "CSV injection"), which also survives a re-save as CSV. Numbers and dates are left as they are.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(values) -> list:
    return [cell(value) for value in values]
