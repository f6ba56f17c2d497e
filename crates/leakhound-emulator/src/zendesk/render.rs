//! Wire shapes: A's storage types rendered as Zendesk API v2 JSON.
//!
//! Field sets follow Zendesk's documented objects (trimmed of features the emulator does not
//! model, which are present with their "unset" values so that strict clients find every key).
//! zenpy maps each key onto an attribute and lazily resolves `*_id` members through further
//! requests, so ids here always point at records the emulator serves.

use serde_json::{json, Value};

use crate::model::{ZdAttachment, ZdAudit, ZdComment, ZdTicket, ZdUser};
use crate::time::{iso_seconds, unix_seconds};

use super::paging::enc;

/// `via` object of a ticket or comment: Zendesk's channel plus an empty `source`.
fn via(channel: &str) -> Value {
    json!({"channel": channel, "source": {"from": {}, "to": {}, "rel": null}})
}

/// A ticket as `GET /api/v2/tickets/{id}.json` shows it.
pub fn ticket(t: &ZdTicket, base: &str) -> Value {
    json!({
        "url": format!("{base}/api/v2/tickets/{}.json", t.id),
        "id": t.id,
        "external_id": null,
        "via": via(&t.via_channel),
        "created_at": iso_seconds(t.created_at),
        "updated_at": iso_seconds(t.updated_at),
        // Unix seconds of the last change of any kind; what incremental exports compare
        // `start_time` with.
        "generated_timestamp": unix_seconds(t.updated_at),
        "type": t.ticket_type,
        "subject": t.subject,
        "raw_subject": t.subject,
        "description": t.description,
        "priority": t.priority,
        "status": t.status,
        "recipient": null,
        "requester_id": t.requester_id,
        "submitter_id": t.submitter_id,
        "assignee_id": t.assignee_id,
        "organization_id": t.organization_id,
        "group_id": t.group_id,
        "collaborator_ids": [],
        "follower_ids": [],
        "email_cc_ids": [],
        "forum_topic_id": null,
        "problem_id": null,
        "has_incidents": false,
        "is_public": true,
        "due_at": null,
        "tags": t.tags,
        "custom_fields": [],
        "satisfaction_rating": null,
        "sharing_agreement_ids": [],
        "fields": [],
        "followup_ids": [],
        "ticket_form_id": null,
        "brand_id": null,
        "allow_channelback": false,
        "allow_attachments": true,
        "from_messaging_channel": false
    })
}

/// `content_url` of an attachment: `{base}/attachments/token/{token}/?name={file_name}`,
/// the form Zendesk uses.
pub fn content_url(a: &ZdAttachment, base: &str) -> String {
    format!(
        "{base}/attachments/token/{}/?name={}",
        enc(&a.token),
        enc(&a.file_name)
    )
}

/// An attachment object.
pub fn attachment(a: &ZdAttachment, base: &str) -> Value {
    let url = content_url(a, base);
    json!({
        "url": format!("{base}/api/v2/attachments/{}.json", a.id),
        "id": a.id,
        "file_name": a.file_name,
        "content_url": url,
        "mapped_content_url": url,
        "content_type": a.content_type,
        "size": a.size,
        "width": null,
        "height": null,
        "inline": a.inline,
        "deleted": false,
        "malware_access_override": false,
        "malware_scan_result": "malware_not_found",
        "thumbnails": []
    })
}

/// A ticket comment as the comments endpoints show it.
pub fn comment(c: &ZdComment, base: &str) -> Value {
    json!({
        "id": c.id,
        "type": "Comment",
        "author_id": c.author_id,
        "body": c.body,
        "html_body": c.html_body,
        "plain_body": c.body,
        "public": c.public,
        "attachments": c.attachments.iter().map(|a| attachment(a, base)).collect::<Vec<_>>(),
        "audit_id": c.audit_id,
        "via": via(&c.via_channel),
        "created_at": iso_seconds(c.created_at),
        "metadata": {"system": {}, "custom": {}}
    })
}

/// A user object.
pub fn user(u: &ZdUser, base: &str) -> Value {
    let agent = u.role != "end-user";
    json!({
        "id": u.id,
        "url": format!("{base}/api/v2/users/{}.json", u.id),
        "name": u.name,
        "email": u.email,
        "created_at": iso_seconds(u.created_at),
        "updated_at": iso_seconds(u.updated_at),
        "time_zone": u.time_zone,
        "iana_time_zone": u.time_zone,
        "phone": null,
        "shared_phone_number": null,
        "photo": null,
        "locale_id": 1,
        "locale": u.locale,
        "organization_id": u.organization_id,
        "role": u.role,
        "verified": true,
        "external_id": null,
        "tags": [],
        "alias": null,
        "active": true,
        "shared": false,
        "shared_agent": false,
        "last_login_at": if agent { Value::String(iso_seconds(u.updated_at)) } else { Value::Null },
        "two_factor_auth_enabled": false,
        "signature": null,
        "details": "",
        "notes": "",
        "role_type": null,
        "custom_role_id": null,
        "moderator": agent,
        "ticket_restriction": if agent { Value::Null } else { Value::String("requested".into()) },
        "only_private_comments": false,
        "restricted_agent": false,
        "suspended": false,
        "default_group_id": null,
        "report_csv": false,
        "user_fields": {}
    })
}

/// Ids of the field-change child events of an audit. Zendesk gives every child event an id;
/// the store keeps none for changes, so they are derived from the audit id in a range that
/// cannot meet comment or audit ids (which stay far below 2^53 / 1024).
fn change_event_id(audit_id: i64, index: usize) -> i64 {
    audit_id
        .saturating_mul(1024)
        .saturating_add(index as i64 + 1)
}

/// An audit as `PUT /api/v2/tickets/{id}.json` returns it (`{"ticket":…, "audit":…}`).
pub fn audit(a: &ZdAudit, base: &str) -> Value {
    let mut events = Vec::new();
    if let Some(c) = &a.comment {
        let mut ev = comment(c, base);
        if let Some(obj) = ev.as_object_mut() {
            obj.remove("created_at");
            obj.remove("metadata");
        }
        events.push(ev);
    }
    for (i, ch) in a.changes.iter().enumerate() {
        let mut ev = json!({
            "id": change_event_id(a.id, i),
            "type": ch.event_type,
            "field_name": ch.field_name,
            "value": ch.value,
        });
        if ch.event_type != "Create" {
            ev["previous_value"] = ch.previous_value.clone().unwrap_or(Value::Null);
        }
        events.push(ev);
    }
    json!({
        "id": a.id,
        "ticket_id": a.ticket_id,
        "created_at": iso_seconds(a.created_at),
        "author_id": a.author_id,
        "metadata": {"system": {}, "custom": {}},
        "via": {"channel": "api", "source": {"from": {}, "to": {}, "rel": null}},
        "events": events
    })
}

/// An audit as the incremental ticket events export shows it. Comment child events are only
/// included with `include=comment_events`; without it Zendesk flags their presence with
/// `comment_present` / `comment_public` on the event instead.
pub fn ticket_event(a: &ZdAudit, base: &str, comment_events: bool) -> Value {
    // The store keeps Zendesk's event label (`Mail`, `Web form`, `Chat`, `Web service`).
    let via = a.via.as_str();
    let mut children = Vec::new();
    if let (true, Some(c)) = (comment_events, &a.comment) {
        children.push(json!({
            "id": c.id,
            "via": via,
            "via_reference_id": null,
            "event_type": "Comment",
            "type": "Comment",
            "author_id": c.author_id,
            "body": c.body,
            "html_body": c.html_body,
            "plain_body": c.body,
            "public": c.public,
            "attachments": c.attachments.iter().map(|x| attachment(x, base)).collect::<Vec<_>>(),
            "audit_id": c.audit_id,
            "created_at": iso_seconds(c.created_at),
        }));
    }
    for (i, ch) in a.changes.iter().enumerate() {
        let mut ev = json!({
            "id": change_event_id(a.id, i),
            "via": via,
            "via_reference_id": null,
            "event_type": ch.event_type,
            "field_name": ch.field_name,
            "value": ch.value,
        });
        // The export also keys the new value by the field's name (`"status": "open"`).
        if let Some(obj) = ev.as_object_mut() {
            obj.entry(ch.field_name.clone())
                .or_insert_with(|| ch.value.clone());
        }
        if ch.event_type != "Create" {
            ev["previous_value"] = ch.previous_value.clone().unwrap_or(Value::Null);
        }
        children.push(ev);
    }
    json!({
        "id": a.id,
        "ticket_id": a.ticket_id,
        "timestamp": unix_seconds(a.created_at),
        "created_at": iso_seconds(a.created_at),
        "updater_id": a.author_id,
        "via": via,
        "system": {},
        "event_type": "Audit",
        "comment_present": a.comment.is_some(),
        "comment_public": a.comment.as_ref().is_some_and(|c| c.public),
        "merged_ticket_ids": [],
        "child_events": children
    })
}
