"""The official Python SDK (nightfall==1.4.1) against leakhound serve, base URL changed only."""

import json

import pytest
import requests
from nightfall import (
    AlertConfig,
    Confidence,
    DetectionRule,
    Detector,
    LogicalOp,
    MaskConfig,
    RedactionConfig,
    WebhookAlert,
)
from nightfall.exceptions import NightfallUserError

CARD_RULE = "3c8a9a3e-2a54-4b8e-9b8f-1b2a0c6b8e01"
SSN_RULE = "3c8a9a3e-2a54-4b8e-9b8f-1b2a0c6b8e03"
POLICY = "9d4e1c6a-7b1f-4f0e-8a51-2f6f2d7c0b01"
LIVE_PAYLOAD = "4916-6734-7572-5015 is my credit card number, 489-36-8350 ssn"


def test_inline_rules_with_masking_and_substitution(nf):
    """The SDK's own live integration test (spec §1.2), unchanged."""
    findings, redacted = nf.scan_text(
        [LIVE_PAYLOAD],
        detection_rules=[
            DetectionRule(
                logical_op=LogicalOp.ANY,
                detectors=[
                    Detector(
                        min_confidence=Confidence.LIKELY,
                        min_num_findings=1,
                        display_name="Credit Card Number",
                        nightfall_detector="CREDIT_CARD_NUMBER",
                        redaction_config=RedactionConfig(
                            remove_finding=False,
                            mask_config=MaskConfig(
                                masking_char="👀",
                                num_chars_to_leave_unmasked=3,
                                chars_to_ignore=["-"],
                            ),
                        ),
                    ),
                    Detector(
                        min_confidence=Confidence.LIKELY,
                        min_num_findings=1,
                        nightfall_detector="US_SOCIAL_SECURITY_NUMBER",
                    ),
                ],
            )
        ],
        context_bytes=10,
        default_redaction_config=RedactionConfig(
            remove_finding=False, substitution_phrase="[REDACTED]"
        ),
    )
    assert redacted == [
        "491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀 is my credit card number, [REDACTED] ssn"
    ]
    card, ssn = findings[0]
    assert card.finding == "4916-6734-7572-5015"
    assert card.redacted_finding == "491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀"
    assert card.detector_name == "Credit Card Number"
    assert card.confidence == Confidence.VERY_LIKELY
    assert (card.byte_range.start, card.byte_range.end) == (0, 19)
    assert (card.codepoint_range.start, card.codepoint_range.end) == (0, 19)
    assert card.after_context == " is my cre"
    assert card.row_range is None and card.column_range is None
    assert card.matched_detection_rules == ["Inline Detection Rule #1"]
    assert ssn.detector_name == "US_SOCIAL_SECURITY_NUMBER"
    assert ssn.redacted_finding == "[REDACTED]"
    assert (ssn.byte_range.start, ssn.byte_range.end) == (46, 57)
    assert ssn.before_context == "d number, "
    assert ssn.after_context == " ssn"


def test_mask_right_to_left(nf):
    findings, redacted = nf.scan_text(
        ["ssn 489-36-8350 here"],
        detection_rules=[
            DetectionRule(
                [
                    Detector(
                        min_confidence=Confidence.POSSIBLE,
                        nightfall_detector="US_SOCIAL_SECURITY_NUMBER",
                        redaction_config=RedactionConfig(
                            remove_finding=True,
                            mask_config=MaskConfig(
                                masking_char="X",
                                num_chars_to_leave_unmasked=4,
                                mask_right_to_left=True,
                                chars_to_ignore=["-"],
                            ),
                        ),
                    )
                ]
            )
        ],
    )
    assert redacted == ["ssn XXX-XX-8350 here"]
    assert findings[0][0].finding == ""


def test_rule_uuids_and_policy_uuids(nf):
    text = "pay with 4111-1111-1111-1111 or ssn 489-36-8350"
    findings, redacted = nf.scan_text([text, "nothing"], detection_rule_uuids=[CARD_RULE, SSN_RULE])
    assert [f.detector_name for f in findings[0]] == [
        "Credit Card Number",
        "US_SOCIAL_SECURITY_NUMBER",
    ]
    assert findings[0][0].matched_detection_rule_uuids == [CARD_RULE]
    assert findings[0][1].matched_detection_rule_uuids == [SSN_RULE]
    assert findings[0][0].redacted_finding == "4111-****-****-****"
    assert findings[1] == []
    assert redacted == ["pay with 4111-****-****-**** or ssn 489-36-8350", ""]
    by_policy, _ = nf.scan_text([text], policy_uuids=[POLICY])
    assert [f.finding for f in by_policy[0]] == ["4111-1111-1111-1111", "489-36-8350"]


def test_bad_key_raises_40100(bad_nf):
    with pytest.raises(NightfallUserError) as err:
        bad_nf.scan_text(["x"], detection_rule_uuids=[CARD_RULE])
    assert err.value.error_code == 40100


def test_oversize_payload_raises_40016(nf):
    with pytest.raises(NightfallUserError) as err:
        nf.scan_text(["a" * 300_000, "b" * 200_001], detection_rule_uuids=[CARD_RULE])
    assert err.value.error_code == 40016


def test_unknown_detector_raises_40022(nf):
    with pytest.raises(NightfallUserError) as err:
        nf.scan_text(
            ["x"],
            detection_rules=[DetectionRule([Detector(min_confidence=Confidence.LIKELY, nightfall_detector="NOPE")])],
        )
    assert err.value.error_code == 40022
    assert "NOPE" in str(err.value)


def test_scan_file_end_to_end_with_signed_webhook(nf, webhook, tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text("id,body\n1,hello\n2,my card is 4111-1111-1111-1111\n")
    scan_id, message = nf.scan_file(
        str(path),
        detection_rule_uuids=[CARD_RULE],
        request_metadata="tickets export",
        alert_config=AlertConfig(url=WebhookAlert(webhook.url)),
    )
    assert message == "scan initiated"
    assert webhook.challenges == 1
    signature, timestamp, body = webhook.notifications.get(timeout=30)
    assert nf.validate_webhook(signature, timestamp, body)
    assert not nf.validate_webhook(signature, timestamp, body + " ")
    note = json.loads(body)
    assert note["uploadID"] == scan_id
    assert note["findingsPresent"] is True
    assert note["requestMetadata"] == "tickets export"
    doc = requests.get(note["findingsURL"], timeout=10).json()
    finding = doc["findings"][0]
    assert finding["finding"] == "4111-1111-1111-1111"
    assert finding["detector"]["name"] == "Credit Card Number"
    assert finding["location"]["rowRange"] == {"start": 3, "end": 3}
    assert finding["location"]["columnRange"] == {"start": 2, "end": 2}
    assert finding["matchedDetectionRuleUUIDs"] == [CARD_RULE]


def test_scan_file_with_deprecated_webhook_url_and_no_findings(nf, webhook, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_bytes(b"nothing sensitive\n" * 1000)
    scan_id, _ = nf.scan_file(str(path), webhook_url=webhook.url, detection_rule_uuids=[CARD_RULE])
    signature, timestamp, body = webhook.notifications.get(timeout=30)
    assert nf.validate_webhook(signature, timestamp, body)
    note = json.loads(body)
    assert note["uploadID"] == scan_id
    assert note["findingsPresent"] is False
    assert note["findingsURL"] == ""
