"""ISO-8601 and UTC helpers: control endpoints speak ISO-8601, moto keeps naive UTC."""

import datetime as dt

UTC = dt.timezone.utc


def parse_time(value, default=None):
    """ISO-8601 string (``Z`` allowed) or None -> aware UTC datetime (or ``default``)."""
    if value is None or value == "":
        return default
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def iso(value):
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def naive_utc(value):
    """moto keeps naive UTC datetimes (moto.core.utils.utcnow)."""
    return value.astimezone(UTC).replace(tzinfo=None)
