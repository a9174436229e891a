"""Reading request bodies and writing responses, shared by the middleware and the control endpoints."""

import io
import json

REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
           500: "Internal Server Error", 503: "Service Unavailable"}


def read_body(environ):
    """Read the request body and put it back so moto can read it again."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ["wsgi.input"]
    body = stream.read(length) if length > 0 else (stream.read() if environ.get("wsgi.input_terminated") else b"")
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def send(start_response, status, body, headers):
    data = body.encode("utf-8") if isinstance(body, str) else body
    hdrs = list(headers.items()) + [("Content-Length", str(len(data)))]
    start_response("%d %s" % (status, REASONS.get(status, "Error")), hdrs)
    return [data]


def send_json(start_response, status, obj):
    return send(start_response, status, json.dumps(obj), {"Content-Type": "application/json"})
