//! Alerts: `alertConfig.email` through a real SMTP exchange with leakhound-notify's sink,
//! and `alertConfig.url` for text scans.

use crate::helpers::*;
use leakhound_api::webhook::signature;
use leakhound_notify::test_util::{ReceivedMail, SmtpSink};
use serde_json::{json, Value};
use std::time::Duration;

const CARD: &str = "4111-1111-1111-1111";
const SSN: &str = "489-36-8350";
const TO: &str = "secops@example.test";

fn rule_leaving_values_readable() -> Value {
    // A mask that leaves the whole value readable: the e-mail must not use it.
    json!({"logicalOp": "ANY", "detectors": [
        {"detectorType": "NIGHTFALL_DETECTOR", "nightfallDetector": "CREDIT_CARD_NUMBER",
         "minConfidence": "LIKELY", "redactionConfig": {"maskConfig": {"numCharsToLeaveUnmasked": 40}}},
        {"detectorType": "NIGHTFALL_DETECTOR", "nightfallDetector": "US_SOCIAL_SECURITY_NUMBER",
         "minConfidence": "LIKELY"}
    ]})
}

async fn app_with_sink() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await.unwrap();
    let smtp = sink.smtp_config("leakhound <leakhound@example.test>");
    (app_with(|c| c.smtp = Some(smtp)), sink)
}

/// Exactly one message arrives (and no second one shortly after).
async fn exactly_one(sink: &SmtpSink) -> ReceivedMail {
    let mails = sink.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(mails.len(), 1, "one e-mail");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "exactly one e-mail");
    mails.into_iter().next().unwrap()
}

fn assert_no_raw_value(mail: &ReceivedMail, values: &[&str]) {
    let body = mail.body_text();
    for v in values {
        let digits: String = v.chars().filter(char::is_ascii_digit).collect();
        for form in [*v, digits.as_str()] {
            assert!(
                !mail.data.contains(form),
                "raw value in the message:\n{}",
                mail.data
            );
            assert!(!body.contains(form), "raw value in the body:\n{body}");
        }
    }
}

#[tokio::test]
async fn text_scan_with_findings_sends_one_redacted_email() {
    let (app, sink) = app_with_sink().await;
    let reply = app
        .scan(json!({
            "payload": ["nothing here", format!("card {CARD} and ssn {SSN}")],
            "policy": {"detectionRules": [rule_leaving_values_readable()],
                       "alertConfig": {"email": {"address": TO}}}
        }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["findings"][1].as_array().unwrap().len(), 2);
    let mail = exactly_one(&sink).await;
    assert_eq!(mail.rcpt_to, [TO]);
    assert_eq!(mail.mail_from, "leakhound@example.test");
    assert_eq!(
        mail.subject().as_deref(),
        Some("[leakhound] 2 sensitive value(s) found in a text scan")
    );
    let body = mail.body_text();
    assert!(body.contains("  CREDIT_CARD_NUMBER: 1"), "{body}");
    assert!(body.contains("  US_SOCIAL_SECURITY_NUMBER: 1"), "{body}");
    assert!(
        body.contains("payload item 1, bytes 5-24: CREDIT_CARD_NUMBER 411****************"),
        "{body}"
    );
    assert!(
        body.contains("US_SOCIAL_SECURITY_NUMBER 489********"),
        "{body}"
    );
    assert_no_raw_value(&mail, &[CARD, SSN]);
}

#[tokio::test]
async fn text_scan_without_findings_sends_no_email() {
    let (app, sink) = app_with_sink().await;
    let reply = app
        .scan(json!({
            "payload": ["all quiet"],
            "policy": {"detectionRules": [rule_leaving_values_readable()],
                       "alertConfig": {"email": {"address": TO}}}
        }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        sink.messages().is_empty(),
        "e-mail alerts only with findings"
    );
    assert_eq!(sink.connections(), 0);
}

#[tokio::test]
async fn email_alerts_without_smtp_or_with_a_bad_address_are_refused() {
    let app = app();
    let reply = app
        .scan(json!({
            "payload": [format!("card {CARD}")],
            "policy": {"detectionRules": [rule_leaving_values_readable()],
                       "alertConfig": {"email": {"address": TO}}}
        }))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["code"], 40015);
    let description = reply.body["description"].as_str().unwrap();
    assert!(description.contains("[smtp]"), "{description}");
    assert!(reply.body["additionalData"]["alertConfig.email.address"].is_string());
    assert!(!reply.body.to_string().contains(CARD));

    let id = upload(&app, format!("card {CARD}\n").as_bytes(), None).await;
    let reply = app
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policy": {"alertConfig": {"email": {"address": TO}}, "detectionRuleUUIDs": [CARD_RULE]}})
                .to_string(),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["code"], 40015);
    assert!(reply.body["description"]
        .as_str()
        .unwrap()
        .contains("[smtp]"));

    let (app, _sink) = app_with_sink().await;
    let reply = app
        .scan(json!({
            "payload": ["x"],
            "policy": {"detectionRules": [rule_leaving_values_readable()],
                       "alertConfig": {"email": {"address": "not an address"}}}
        }))
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["code"], 40015);
    assert!(reply.body["additionalData"]["alertConfig.email.address"].is_string());
}

#[tokio::test]
async fn file_scan_with_findings_sends_one_redacted_email_and_the_webhook() {
    let (app, sink) = app_with_sink().await;
    let mut hook = receiver(Hook::Good).await;
    let (_base, stop, server) = spawn_server(app.state.clone()).await;
    let csv = format!("id,note\n1,all good\n2,card {CARD} thanks\n");
    let id = upload(&app, csv.as_bytes(), None).await;
    let reply = app
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policy": {"alertConfig": {"email": {"address": TO}, "url": {"address": hook.url}},
                              "detectionRuleUUIDs": [CARD_RULE]}})
            .to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let note = tokio::time::timeout(Duration::from_secs(30), hook.rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        note.signature,
        signature(SECRET, &note.timestamp, note.body.as_bytes())
    );
    let mail = exactly_one(&sink).await;
    assert_eq!(mail.rcpt_to, [TO]);
    assert_eq!(
        mail.subject().as_deref(),
        Some("[leakhound] 1 sensitive value(s) found in a file scan")
    );
    let body = mail.body_text();
    assert!(
        body.contains(&format!("file {id}, row 3, column 2: ")),
        "{body}"
    );
    assert!(body.contains(" 411****************"), "{body}");
    assert_no_raw_value(&mail, &[CARD]);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn file_scan_with_only_an_email_target_and_no_findings_sends_nothing() {
    let (app, sink) = app_with_sink().await;
    let (_base, stop, server) = spawn_server(app.state.clone()).await;
    let clean = upload(&app, b"nothing to see\n", None).await;
    let reply = app
        .post(
            &format!("/v3/upload/{clean}/scan"),
            json!({"policy": {"alertConfig": {"email": {"address": TO}}, "detectionRuleUUIDs": [CARD_RULE]}})
                .to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let dirty = upload(
        &app,
        format!("{{\"body\": \"card {CARD}\"}}").as_bytes(),
        Some("application/json"),
    )
    .await;
    let reply = app
        .post(
            &format!("/v3/upload/{dirty}/scan"),
            json!({"policy": {"alertConfig": {"email": {"address": TO}}, "detectionRuleUUIDs": [CARD_RULE]}})
                .to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mail = exactly_one(&sink).await;
    let body = mail.body_text();
    assert!(body.contains(&format!("file {dirty}, $.body: ")), "{body}");
    assert!(!body.contains(&clean), "the clean file sends no alert");
    assert_no_raw_value(&mail, &[CARD]);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn text_scan_url_alert_keeps_its_signed_wire_format() {
    let app = app();
    let mut hook = receiver(Hook::FailFirst(1)).await;
    let reply = app
        .scan(json!({
            "payload": [format!("card {CARD}")],
            "policy": {"detectionRuleUUIDs": [CARD_RULE], "alertConfig": {"url": {"address": hook.url}}}
        }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let got = tokio::time::timeout(Duration::from_secs(30), hook.rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        got.signature,
        signature(SECRET, &got.timestamp, got.body.as_bytes())
    );
    let alert: Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(alert["findingsPresent"], true);
    assert_eq!(alert["findings"], reply.body["findings"]);
    assert!(
        got.body
            .starts_with(r#"{"findingsPresent":true,"findings":[["#),
        "{}",
        got.body
    );
}
