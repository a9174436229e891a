"""moto, extended in-process: one module per AWS service.

How moto is extended (facts of moto 5.2.1): moto's ``BaseResponse.call_action`` turns
``Action=AssumeRoot`` into a method named ``assume_root`` on the service's response
class, so assigning a function adds an action; a returned ``ActionResult(dict)`` is
serialized from botocore's model, so answers are exactly what SDKs expect. Existing
actions are wrapped: the wrapper answers root-session requests itself and hands every
other request to moto's original method.

``routing``        access key -> account index (how a root session reaches its member account)
``organizations``  IAM as trusted service, paging, delegated administrators' reads
``sts``            AssumeRoot, GetCallerIdentity in a root session
``iam``            root-user actions in a root session, organization features
``kms``            RSASSA-PSS signatures with the salt length AWS uses (signed evidence)
``account_root``   the root user as the account's own principals see it: GetAccountSummary,
                   the credential report's <root_account> row, ListVirtualMFADevices
``events``         EventBridge PutEvents entries that fail on request (partial failures)
``securityhub``    findings keyed by ProductArn and Id, the caller's own account, filters, partial failures
``s3``, ``sqs``    no patch: operation names and the resource scope of root sessions

``install_moto_patches`` installs them all, once, before the server starts.
"""

from . import account_root, events, iam, kms, organizations, routing, securityhub, sts


def install_moto_patches():
    routing.install()
    organizations.install()
    sts.install()
    iam.install()
    kms.install()
    events.install()
    securityhub.install()
    account_root.install()  # after iam: root-session requests pass through to iam's wrappers
