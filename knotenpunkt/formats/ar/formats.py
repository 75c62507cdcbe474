"""Arabic date formats that Django lacks: without them a date with a time falls back to the
US order (month/day), while a date alone is day/month. Django's own Arabic formats fill in
the rest (FORMAT_MODULE_PATH in the settings)."""

DATETIME_FORMAT = "j F، Y H:i"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"
