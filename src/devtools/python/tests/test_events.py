"""EventBridge through the emulator: a rule with an SQS target gets the matching events; entry faults."""

import json

from .support import EmulatorTestCase, client, ctl

SOURCE = "io.rootaudit"


class EventBridgeTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.events = client("events")
        self.sqs = client("sqs")
        self.events.create_event_bus(Name="audit")
        self.queue = self.sqs.create_queue(QueueName="audit-events")["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=self.queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.events.put_rule(Name="high", EventBusName="audit", EventPattern=json.dumps(
            {"source": [SOURCE], "detail-type": ["Root Audit Finding Opened"], "detail": {"severity": ["HIGH"]}}))
        self.events.put_targets(Rule="high", EventBusName="audit", Targets=[{"Id": "queue", "Arn": arn}])

    def tearDown(self):
        self.sqs.delete_queue(QueueUrl=self.queue)
        self.events.remove_targets(Rule="high", EventBusName="audit", Ids=["queue"])
        self.events.delete_rule(Name="high", EventBusName="audit")
        self.events.delete_event_bus(Name="audit")

    def entry(self, severity, n, bus="audit"):
        return {"Source": SOURCE, "DetailType": "Root Audit Finding Opened", "EventBusName": bus,
                "Detail": json.dumps({"severity": severity, "n": n})}

    def received(self):
        messages = self.sqs.receive_message(QueueUrl=self.queue, MaxNumberOfMessages=10).get("Messages", [])
        return [json.loads(m["Body"]) for m in messages]

    def test_matching_events_reach_the_queue_by_bus_name_or_arn(self):
        arn = self.events.describe_event_bus(Name="audit")["Arn"]
        answer = self.events.put_events(Entries=[self.entry("HIGH", 1), self.entry("LOW", 2), self.entry("HIGH", 3, arn)])
        self.assertEqual(0, answer["FailedEntryCount"])
        got = self.received()
        self.assertEqual([1, 3], sorted(e["detail"]["n"] for e in got))
        self.assertEqual({SOURCE}, {e["source"] for e in got})
        self.assertEqual({"Root Audit Finding Opened"}, {e["detail-type"] for e in got})

    def test_entry_fault_fails_some_entries_which_are_not_delivered(self):
        ctl("POST", "faults", {"action": "PutEvents", "entryErrorCode": "ThrottlingException", "count": 2})
        answer = self.events.put_events(Entries=[self.entry("HIGH", n) for n in range(1, 5)])
        self.assertEqual(2, answer["FailedEntryCount"])
        self.assertEqual(["ThrottlingException", "ThrottlingException"], [e.get("ErrorCode") for e in answer["Entries"][:2]])
        self.assertTrue(all("EventId" in e for e in answer["Entries"][2:]))
        self.assertEqual([3, 4], sorted(e["detail"]["n"] for e in self.received()))
        again = self.events.put_events(Entries=[self.entry("HIGH", 1), self.entry("HIGH", 2)])  # count used up
        self.assertEqual(0, again["FailedEntryCount"])
        self.assertEqual([1, 2], sorted(e["detail"]["n"] for e in self.received()))

    def test_request_fault_fails_the_whole_call(self):
        ctl("POST", "faults", {"action": "PutEvents", "code": "InternalException", "status": 500, "count": 1})
        self.assertAwsError("InternalException", 500, self.events.put_events, Entries=[self.entry("HIGH", 1)])
        self.assertEqual([], self.received())
        self.assertEqual(0, self.events.put_events(Entries=[self.entry("HIGH", 2)])["FailedEntryCount"])

    def test_more_than_ten_entries_are_refused_as_aws_does(self):
        self.assertAwsError("ValidationException", 400, self.events.put_events,
                            Entries=[self.entry("HIGH", n) for n in range(11)])
