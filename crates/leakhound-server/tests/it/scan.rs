//! `POST /v3/scan`: findings, redaction, rule sources and SDK tolerances.

use crate::helpers::*;
use serde_json::json;

/// The live-API facts of the Python SDK's integration test (spec §1.2).
#[tokio::test]
async fn python_sdk_live_test_example() {
    let app = app();
    let reply = app
        .scan(json!({
            "payload": ["4916-6734-7572-5015 is my credit card number, 489-36-8350 ssn"],
            "policy": {
                "detectionRules": [{
                    "logicalOp": "ANY",
                    "detectors": [
                        {"minConfidence": "LIKELY", "minNumFindings": 1, "nightfallDetector": "CREDIT_CARD_NUMBER",
                         "detectorType": "NIGHTFALL_DETECTOR", "displayName": "Credit Card Number",
                         "redactionConfig": {"removeFinding": false, "maskConfig": {"maskingChar": "👀",
                            "numCharsToLeaveUnmasked": 3, "maskRightToLeft": false, "charsToIgnore": ["-"]}}},
                        {"minConfidence": "LIKELY", "minNumFindings": 1, "nightfallDetector": "US_SOCIAL_SECURITY_NUMBER",
                         "detectorType": "NIGHTFALL_DETECTOR"}
                    ]
                }],
                "contextBytes": 10,
                "defaultRedactionConfig": {"removeFinding": false, "substitutionConfig": {"substitutionPhrase": "[REDACTED]"}}
            }
        }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.body["redactedPayload"][0],
        "491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀 is my credit card number, [REDACTED] ssn"
    );
    let findings = &reply.body["findings"][0];
    assert_eq!(
        findings[0]["location"]["byteRange"],
        json!({"start": 0, "end": 19})
    );
    assert_eq!(
        findings[1]["location"]["codepointRange"],
        json!({"start": 46, "end": 57})
    );
    assert_eq!(findings[1]["beforeContext"], "d number, ");
    assert_eq!(findings[1]["detector"]["name"], "US_SOCIAL_SECURITY_NUMBER");
    assert_eq!(
        findings[1]["matchedDetectionRules"],
        json!(["Inline Detection Rule #1"])
    );
    assert!(reply.headers.contains_key("x-rate-limit-remaining"));
    insta::assert_json_snapshot!("python_live_example", redact(&reply.body));
}

#[tokio::test]
async fn every_location_key_is_present_and_unchanged_items_give_empty_strings() {
    let app = app();
    let reply = app
        .scan(json!({
            "payload": ["nothing here", "card 4111 1111 1111 1111"],
            "policy": {"detectionRules": [{"detectors": [{"nightfallDetector": "CREDIT_CARD_NUMBER"}]}]}
        }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["findings"][0], json!([]));
    assert_eq!(reply.body["redactedPayload"], json!(["", ""]));
    let location = &reply.body["findings"][1][0]["location"];
    for key in [
        "byteRange",
        "codepointRange",
        "rowRange",
        "columnRange",
        "commitHash",
        "commitAuthor",
    ] {
        assert!(location.get(key).is_some(), "{key} missing: {location}");
    }
    assert!(location["rowRange"].is_null() && location["columnRange"].is_null());
    assert_eq!(
        reply.body["findings"][1][0]["detector"]["uuid"],
        "74c1815e-c0c3-4df5-8b1e-6cf98864a454"
    );
    assert_eq!(
        reply.body["findings"][1][0]["matchedDetectionRuleUUIDs"],
        json!([])
    );
}

#[tokio::test]
async fn rule_uuids_and_policy_uuids_resolve_from_the_config() {
    let app = app();
    let by_rule = app
        .scan(json!({
            "payload": ["pay with 4111-1111-1111-1111 re TCK-123456"],
            "policy": {"detectionRuleUUIDs": [CARD_RULE, TICKET_RULE]}
        }))
        .await;
    assert_eq!(by_rule.status, 200, "{}", by_rule.body);
    let f = &by_rule.body["findings"][0];
    assert_eq!(f[0]["matchedDetectionRuleUUIDs"], json!([CARD_RULE]));
    assert_eq!(f[0]["redactedFinding"], "4111-****-****-****");
    assert_eq!(f[1]["detector"]["name"], "Ticket reference");
    assert_eq!(f[1]["matchedDetectionRuleUUIDs"], json!([TICKET_RULE]));
    insta::assert_json_snapshot!("rule_uuids", redact(&by_rule.body));

    let by_policy = app
        .scan(json!({"payload": ["pay with 4111-1111-1111-1111 re TCK-123456"], "policyUUIDs": [POLICY]}))
        .await;
    assert_eq!(by_policy.status, 200, "{}", by_policy.body);
    // The stored policy adds 10 bytes of context.
    assert_eq!(
        by_policy.body["findings"][0][0]["afterContext"],
        " re TCK-12"
    );
}

#[tokio::test]
async fn tolerates_what_go_and_java_send() {
    let app = app();
    // Go: every field with zero values and nulls, and the deprecated `config` key.
    let go = app
        .scan(json!({
            "payload": ["ssn 489-36-8350"],
            "policy": null, "policyUUIDs": null,
            "config": {"detectionRuleUUIDs": null, "detectionRules": [{"name": "", "logicalOp": "ANY", "detectors": [
                {"minNumFindings": 0, "minConfidence": "POSSIBLE", "detectorUUID": "", "displayName": "",
                 "detectorType": "NIGHTFALL_DETECTOR", "nightfallDetector": "US_SOCIAL_SECURITY_NUMBER",
                 "regex": null, "wordList": null, "contextRules": null, "exclusionRules": null, "redactionConfig": null}]}],
                "contextBytes": 0, "defaultRedactionConfig": null, "alertConfig": null},
            "violation": null
        }))
        .await;
    assert_eq!(go.status, 200, "{}", go.body);
    assert_eq!(go.body["findings"][0][0]["finding"], "489-36-8350");
    // Java/Go with maskLeftToRight, a detectorUUID of a configured detector, unknown fields.
    let java = app
        .scan(json!({
            "payload": ["ref TCK-654321"],
            "policy": {"detectionRules": [{"detectors": [{"detectorUUID": "7f0b5d2e-5c59-4a4c-9d34-3b0f1f3f7a10"}]}],
                       "defaultRedactionConfig": {"maskConfig": {"maskingChar": "#", "numCharsToLeaveUnmasked": 2, "maskLeftToRight": true}},
                       "somethingNew": {"x": 1}}
        }))
        .await;
    assert_eq!(java.status, 200, "{}", java.body);
    assert_eq!(java.body["redactedPayload"][0], "ref ########21");
    assert_eq!(
        java.body["findings"][0][0]["detector"]["uuid"],
        "7f0b5d2e-5c59-4a4c-9d34-3b0f1f3f7a10"
    );
}

#[tokio::test]
async fn substitution_and_info_type_redaction() {
    let app = app();
    let reply = app
        .scan(json!({
            "payload": ["card 4111 1111 1111 1111, ssn 489-36-8350"],
            "policy": {"detectionRules": [{"name": "PII", "detectors": [
                {"nightfallDetector": "CREDIT_CARD_NUMBER", "redactionConfig": {"substitutionConfig": {"substitutionPhrase": "<card>"}, "removeFinding": true}},
                {"nightfallDetector": "US_SOCIAL_SECURITY_NUMBER", "redactionConfig": {"infoTypeSubstitutionConfig": {}}}
            ]}]}
        }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["findings"][0][0]["finding"], "");
    assert_eq!(
        reply.body["findings"][0][0]["matchedDetectionRules"],
        json!(["PII"])
    );
    insta::assert_json_snapshot!("substitution", redact(&reply.body));
}
