"""AWS errors in each service's wire protocol, and errors of the control endpoints.

Error formats: query XML ``<ErrorResponse>`` (IAM, STS, query-protocol SQS); awsJson
1.1 ``{"__type", "message"}`` + ``x-amzn-ErrorType`` (Organizations; AccessDenied and
ExpiredToken become AccessDeniedException/ExpiredTokenException); SQS awsJson 1.0 with
the awsQueryCompatible header ``x-amzn-query-error: <code>;Sender`` so SDKs report
the query code (AccessDenied, ExpiredToken, or the fault's code); S3 ``<Error>`` XML.
"""

import json
import uuid
from xml.sax.saxutils import escape as xml_escape

from werkzeug.exceptions import HTTPException

# awsJson services spell these codes with the Exception suffix.
JSON_CODES = {"AccessDenied": "AccessDeniedException", "ExpiredToken": "ExpiredTokenException"}
# SQS (awsJson1_0, awsQueryCompatible): query code -> JSON __type of the common (non-SQS) errors.
SQS_JSON_TYPES = {
    "AccessDenied": "com.amazon.coral.service#AccessDeniedException",
    "ExpiredToken": "com.amazon.coral.service#ExpiredTokenException",
    "InvalidClientTokenId": "com.amazon.coral.service#InvalidClientTokenIdException",
    "Throttling": "com.amazon.coral.availability#ThrottlingException",
}

_QUERY_NS = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
    "sqs": "http://queue.amazonaws.com/doc/2012-11-05/",
}


class AwsError(HTTPException):
    """An AWS error with a protocol-correct body and an explicit HTTP status.

    Raised from inside moto response methods: moto's ``call_action`` turns a
    werkzeug ``HTTPException`` into (description, status, headers) verbatim.
    (moto's own ``ServiceException`` takes the status from botocore's model,
    which does not model AccessDenied/ValidationError, so they would become 400.)
    """

    def __init__(self, code, message, status=400, service="iam"):
        self.aws_code = code
        self.aws_message = message
        self.code = status
        self.service = service
        status_, headers, body = render_error("query", service, code, message, status)
        self._headers = headers
        super().__init__(description=body)

    def get_headers(self, environ=None, scope=None):
        return list(self._headers.items())

    def get_body(self, environ=None, scope=None):
        return self.description


def render_error(protocol, service, code, message, status):
    """Render an AWS error as (status, headers, body) in the service's wire protocol.

    protocol: "query" (STS/IAM/query-SQS: <ErrorResponse>), "json" (awsJson:
    Organizations 1.1, SQS 1.0), or "s3" (S3 REST-XML <Error>).

    SQS is awsJson1_0 with the ``awsQueryCompatible`` trait: AWS sends the JSON
    ``__type`` (e.g. ``com.amazon.coral.service#AccessDeniedException``) plus an
    ``x-amzn-query-error: <query code>;Sender`` header, and botocore and the AWS
    SDK for Java v2 report the query code from that header (``AccessDenied``).
    For SQS, ``code`` is the query code; the ``__type`` is derived from it.
    """
    request_id = str(uuid.uuid4())
    if protocol == "json" and service == "sqs":
        json_type = SQS_JSON_TYPES.get(code, "com.amazonaws.sqs#" + code)
        body = json.dumps({"__type": json_type, "message": message})
        headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "x-amzn-ErrorType": json_type,
            "x-amzn-query-error": "%s;%s" % (code, "Sender" if int(status) < 500 else "Receiver"),
            "x-amzn-RequestId": request_id,
        }
    elif protocol == "json":
        body = json.dumps({"__type": code, "message": message, "Message": message})
        headers = {
            "Content-Type": "application/x-amz-json-1.1",
            "x-amzn-ErrorType": code,
            "x-amzn-RequestId": request_id,
        }
    elif protocol == "s3":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>'
            "<RequestId>%s</RequestId><HostId>%s</HostId></Error>"
            % (xml_escape(code), xml_escape(message), request_id, request_id)
        )
        headers = {"Content-Type": "application/xml", "x-amz-request-id": request_id}
    else:
        fault = "Sender" if int(status) < 500 else "Receiver"
        body = (
            '<ErrorResponse xmlns="%s"><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message>'
            "</Error><RequestId>%s</RequestId></ErrorResponse>"
            % (
                _QUERY_NS.get(service, _QUERY_NS["iam"]),
                fault,
                xml_escape(code),
                xml_escape(message),
                request_id,
            )
        )
        headers = {"Content-Type": "text/xml", "x-amzn-RequestId": request_id}
    return int(status), headers, body


class ControlError(Exception):
    """A refused control request: answered as ``{"error": message}`` with ``status``."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status
