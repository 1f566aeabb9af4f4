"""One date format and one number style per language (``FORMAT_MODULE_PATH``).

Every date a page, list or e-mail shows goes through Django's localisation (``{{ day }}``,
``{{ day|date }}``, ``|date:"DATETIME_FORMAT"``, django-tables2's date columns), so each language has
exactly one way to write a date: these modules make ``DATE_FORMAT`` and ``SHORT_DATE_FORMAT`` the
same. Date inputs accept and show ISO 8601 first (``YYYY-MM-DD``) in every language, so what a user
types never depends on the browser's locale; the language's own numeric form is accepted too.
Numbers use the language's separators through ``core.templatetags.ctassist_l10n.number``.
"""
