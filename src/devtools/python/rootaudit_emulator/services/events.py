"""EventBridge: moto's PutEvents, with entries that fail on request (a partial failure).

moto 5.2.1 serves CreateEventBus, PutRule, PutTargets and PutEvents, and delivers each
event put on a bus to the targets of its rules whose pattern matches (SQS queues among
them, ``_send_to_sqs_queue``). Requests reach the caller's account through the access-key
index (``routing``), so a bus, its rules and its queue live in the account that puts the
events. moto never fails an entry of a well-formed request; AWS may (``FailedEntryCount``
> 0, an ``ErrorCode`` per failed entry, the other entries delivered). An entry fault
(``faults.match_entry_fault``) makes chosen entries fail that way: they are answered with
the fault's code and are not delivered, so a client's retry of exactly the failed entries
can be checked.
"""

from moto.events.models import EventsBackend

from ..faults import match_entry_fault


def install():
    original = EventsBackend.put_events

    def put_events(self, events):
        if len(events) > 10:
            return original(self, events)  # moto's ValidationException, as AWS
        failed = {}
        for index, _ in enumerate(events):
            fault = match_entry_fault("PutEvents", self.account_id)
            if fault is not None:
                failed[index] = {"ErrorCode": fault["entryErrorCode"], "ErrorMessage": fault["entryErrorMessage"]}
        passed = [e for i, e in enumerate(events) if i not in failed]
        answers = iter(original(self, passed) if passed else [])
        return [failed[i] if i in failed else next(answers) for i in range(len(events))]

    EventsBackend.put_events = put_events
