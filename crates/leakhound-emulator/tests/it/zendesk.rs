//! The Zendesk emulator over real HTTP on 127.0.0.1 (port 0): pagination, comments,
//! incremental exports, redaction, authentication and rate limits.

use std::collections::BTreeSet;
use std::time::Duration;

use base64::Engine as _;
use leakhound_emulator::db::Db;
use leakhound_emulator::model::{Field, Helpdesk, NewZdComment, ZdTicketUpdate};
use leakhound_emulator::server::{self, EmulatorOptions, RunningEmulators};
use leakhound_emulator::synth::{self, SynthConfig};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

/// A running pair of emulators with `tickets` synthetic tickets per helpdesk.
struct Emu {
    running: RunningEmulators,
    client: Client,
    base: String,
    auth: String,
}

impl Emu {
    async fn start(tickets: u64) -> Emu {
        let db = Db::open_temporary().expect("temporary store");
        synth::generate(&db, &SynthConfig::new(7, tickets)).expect("synthetic data");
        let options = EmulatorOptions::default();
        let email = options.auth.zendesk_email.clone();
        let token = options.auth.zendesk_token.clone();
        let hs = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let zd = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let running = server::start(db, options, hs, zd).expect("start");
        let base = running.zendesk_url().to_string();
        let auth = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{email}/token:{token}"))
        );
        Emu {
            running,
            client: Client::new(),
            base,
            auth,
        }
    }

    fn db(&self) -> &Db {
        &self.running.zendesk.db
    }

    /// `path` may be a path or an absolute URL returned by the API.
    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("Authorization", &self.auth);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    async fn get(&self, path: &str) -> Value {
        let resp = self.send(Method::GET, path, None).await;
        assert_eq!(resp.status(), StatusCode::OK, "GET {path}");
        resp.json().await.expect("json")
    }

    async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let resp = self.send(Method::PUT, path, Some(body)).await;
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    async fn admin_faults(&self, patch: Value) {
        let resp = self
            .client
            .patch(format!("{}/_admin/faults", self.base))
            .json(&patch)
            .send()
            .await
            .expect("admin");
        assert!(resp.status().is_success(), "PATCH /_admin/faults {patch}");
    }
}

fn ids(page: &Value, key: &str) -> Vec<i64> {
    page[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {page}"))
        .iter()
        .map(|t| t["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn cursor_and_offset_pagination_return_every_ticket_exactly_once() {
    let emu = Emu::start(1000).await;

    // Cursor pagination, following links.next while meta.has_more (what zenpy does).
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut page = emu.get("/api/v2/tickets.json?page[size]=100").await;
    loop {
        seen.extend(ids(&page, "tickets"));
        pages.push(page.clone());
        if !page["meta"]["has_more"].as_bool().expect("has_more") {
            break;
        }
        let next = page["links"]["next"]
            .as_str()
            .expect("links.next")
            .to_string();
        assert!(next.starts_with(&emu.base), "{next}");
        page = emu.get(&next).await;
    }
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(seen.len(), 1000);
    assert_eq!(unique.len(), 1000);
    assert_eq!(pages.len(), 10);

    // page[before] from the last page gives back the ninth page.
    let before = pages[9]["meta"]["before_cursor"]
        .as_str()
        .expect("before_cursor");
    let back = emu
        .get(&format!(
            "/api/v2/tickets.json?page[size]=100&page[before]={before}"
        ))
        .await;
    assert_eq!(ids(&back, "tickets"), ids(&pages[8], "tickets"));

    // Descending by updated_at: also every ticket once, newest first.
    let mut seen_desc = Vec::new();
    let mut last_updated = String::from("9999");
    let mut page = emu
        .get("/api/v2/tickets.json?page[size]=100&sort=-updated_at")
        .await;
    loop {
        for t in page["tickets"].as_array().expect("tickets") {
            let u = t["updated_at"].as_str().expect("updated_at").to_string();
            assert!(
                u <= last_updated,
                "not descending: {u} after {last_updated}"
            );
            last_updated = u;
            seen_desc.push(t["id"].as_i64().expect("id"));
        }
        if !page["meta"]["has_more"].as_bool().expect("has_more") {
            break;
        }
        page = emu.get(page["links"]["next"].as_str().expect("next")).await;
    }
    assert_eq!(seen_desc.iter().copied().collect::<BTreeSet<_>>(), unique);
    assert_eq!(seen_desc.len(), 1000);

    // Offset pagination, following next_page.
    let mut seen_offset = Vec::new();
    let mut page = emu.get("/api/v2/tickets.json?per_page=100").await;
    assert_eq!(page["count"], 1000);
    assert!(page["previous_page"].is_null());
    loop {
        seen_offset.extend(ids(&page, "tickets"));
        match page["next_page"].as_str() {
            Some(next) => page = emu.get(next).await,
            None => break,
        }
    }
    assert_eq!(
        seen_offset, seen,
        "offset and cursor orders agree (id ascending)"
    );

    // Bad paging parameters are 400s in Zendesk's shape.
    for bad in [
        "/api/v2/tickets.json?page[size]=101",
        "/api/v2/tickets.json?page[after]=not-a-cursor",
        "/api/v2/tickets.json?page=101&per_page=100",
        "/api/v2/tickets.json?page=0",
    ] {
        let resp = emu.send(Method::GET, bad, None).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{bad}");
        let body: Value = resp.json().await.expect("json");
        assert!(
            body["error"].is_string() && body["description"].is_string(),
            "{body}"
        );
    }

    // Every list call was counted under its route.
    let calls: Value = emu
        .client
        .get(format!("{}/_admin/calls", emu.base))
        .send()
        .await
        .expect("calls")
        .json()
        .await
        .expect("json");
    assert!(
        calls["calls"]["GET /api/v2/tickets.json"]
            .as_u64()
            .unwrap_or(0)
            >= 31,
        "{calls}"
    );
}

#[tokio::test]
async fn show_show_many_users_and_comment_pages() {
    let emu = Emu::start(60).await;
    let ticket = emu.get("/api/v2/tickets/5.json").await["ticket"].clone();
    assert_eq!(ticket["id"], 5);
    assert_eq!(ticket["url"], format!("{}/api/v2/tickets/5.json", emu.base));

    let many = emu
        .get("/api/v2/tickets/show_many.json?ids=3,1,2,999999")
        .await;
    assert_eq!(ids(&many, "tickets"), vec![1, 2, 3]);

    let requester = ticket["requester_id"].as_i64().expect("requester_id");
    let user = emu.get(&format!("/api/v2/users/{requester}.json")).await["user"].clone();
    assert_eq!(user["id"], requester);
    assert!(user["email"].as_str().is_some_and(|e| e.contains('@')));
    let users = emu
        .get(&format!(
            "/api/v2/users/show_many.json?ids={requester},{}",
            ticket["submitter_id"]
        ))
        .await;
    assert!(ids(&users, "users").contains(&requester));
    let me = emu.get("/api/v2/users/me.json").await;
    assert_eq!(me["user"]["role"], "admin");

    // The ticket with the longest thread.
    let mut best = (0, 0);
    for id in 1..=60 {
        let n = emu.db().zd_comment_count(id).expect("count");
        if n > best.1 {
            best = (id, n);
        }
    }
    let (tid, total) = best;
    assert!(total >= 3, "some thread has several comments");
    let path = format!("/api/v2/tickets/{tid}/comments.json");

    let mut by_cursor = Vec::new();
    let mut page = emu.get(&format!("{path}?page[size]=2")).await;
    loop {
        by_cursor.extend(
            page["comments"]
                .as_array()
                .expect("comments")
                .iter()
                .cloned(),
        );
        if !page["meta"]["has_more"].as_bool().expect("has_more") {
            break;
        }
        page = emu.get(page["links"]["next"].as_str().expect("next")).await;
    }
    let mut by_offset = Vec::new();
    let mut page = emu.get(&format!("{path}?per_page=2")).await;
    assert_eq!(page["count"].as_u64(), Some(total));
    loop {
        by_offset.extend(
            page["comments"]
                .as_array()
                .expect("comments")
                .iter()
                .cloned(),
        );
        match page["next_page"].as_str() {
            Some(next) => page = emu.get(next).await,
            None => break,
        }
    }
    assert_eq!(by_cursor.len() as u64, total);
    assert_eq!(by_cursor, by_offset);
    let first = &by_cursor[0];
    let t = emu.get(&format!("/api/v2/tickets/{tid}.json")).await;
    assert_eq!(first["body"], t["ticket"]["description"]);
    for c in &by_cursor {
        assert_eq!(c["type"], "Comment");
        assert!(c["html_body"].as_str().is_some_and(|h| h.contains('<')));
        assert_eq!(c["body"], c["plain_body"]);
        assert!(c["public"].is_boolean() && c["author_id"].is_i64() && c["created_at"].is_string());
    }
    let desc = emu
        .get(&format!("{path}?sort_order=desc&page[size]=100"))
        .await;
    let mut rev = ids(&desc, "comments");
    rev.reverse();
    assert_eq!(
        rev,
        by_cursor
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    );

    // Unknown records: Zendesk's 404 body.
    let resp = emu
        .send(Method::GET, "/api/v2/tickets/999999.json", None)
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(
        body,
        json!({"error": "RecordNotFound", "description": "Not found"})
    );
    let resp = emu.send(Method::GET, "/api/v2/users/1.json", None).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let too_many: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
    let resp = emu
        .send(
            Method::GET,
            &format!("/api/v2/users/show_many.json?ids={}", too_many.join(",")),
            None,
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error"], "TooManyValues");
}

#[tokio::test]
async fn update_adds_private_comment_and_validates() {
    let emu = Emu::start(20).await;
    let before = emu.get("/api/v2/tickets/3.json").await["ticket"].clone();
    if before["status"] == "closed" {
        emu.db()
            .zd_update_ticket(
                3,
                &ZdTicketUpdate {
                    status: Some("open".into()),
                    ..Default::default()
                },
            )
            .expect("reopen");
    }
    let count = emu.db().zd_comment_count(3).expect("count");
    let (status, body) = emu
        .put(
            "/api/v2/tickets/3.json",
            json!({"ticket": {"comment": {"body": "Sensitive data was found in this ticket.", "public": false}, "tags": ["leakhound"]}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["ticket"]["id"], 3);
    assert_eq!(body["ticket"]["tags"], json!(["leakhound"]));
    let events = body["audit"]["events"].as_array().expect("events");
    let comment = events
        .iter()
        .find(|e| e["type"] == "Comment")
        .expect("comment event");
    assert_eq!(comment["public"], false);
    assert_eq!(comment["body"], "Sensitive data was found in this ticket.");
    assert!(body["ticket"]["updated_at"].as_str() >= before["updated_at"].as_str());
    let me = emu.get("/api/v2/users/me.json").await["user"]["id"].clone();
    assert_eq!(
        comment["author_id"], me,
        "attributed to the authenticated agent"
    );
    let list = emu
        .get("/api/v2/tickets/3/comments.json?page[size]=100")
        .await;
    let comments = list["comments"].as_array().expect("comments");
    assert_eq!(comments.len() as u64, count + 1);
    assert_eq!(comments.last().expect("last")["public"], false);

    // HTML comments get a plain body.
    let (status, body) = emu
        .put(
            "/api/v2/tickets/3.json",
            json!({"ticket": {"comment": {"html_body": "<p>Hello <b>there</b></p>", "public": true}}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    for (payload, code) in [
        (
            json!({"ticket": {"comment": {"body": "  ", "public": false}}}),
            422,
        ),
        (json!({"ticket": {"status": "exploded"}}), 422),
        (json!({"nope": 1}), 400),
    ] {
        let (status, body) = emu.put("/api/v2/tickets/3.json", payload.clone()).await;
        assert_eq!(status.as_u16(), code, "{payload} → {body}");
        assert!(body["error"].is_string(), "{body}");
    }
    let resp = emu
        .client
        .put(emu.url("/api/v2/tickets/3.json"))
        .header("Authorization", &emu.auth)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error"], "InvalidJSON");
    let (status, _) = emu
        .put(
            "/api/v2/tickets/999999.json",
            json!({"ticket": {"status": "open"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A comment of the store holding a ground-truth value, with its ticket and the value.
fn comment_with_secret(db: &Db, tickets: i64, skip: usize) -> (i64, i64, String) {
    let mut found = 0;
    for tid in 1..=tickets {
        let ticket = db.zd_ticket(tid).expect("ticket").expect("exists");
        if ticket.status == "closed" || ticket.status == "deleted" {
            continue;
        }
        for span in db
            .ground_truth_of_ticket(Helpdesk::Zendesk, tid)
            .expect("ground truth")
        {
            if span.field == Field::Comment && span.value.chars().count() >= 6 {
                if found == skip {
                    return (tid, span.object_id.expect("comment id"), span.value);
                }
                found += 1;
                break;
            }
        }
    }
    panic!("no comment with a sensitive value");
}

#[tokio::test]
async fn redaction_removes_the_value_and_nothing_else() {
    let emu = Emu::start(80).await;

    // Older endpoint: {"text": ...}.
    let (tid, cid, value) = comment_with_secret(emu.db(), 80, 0);
    let before = emu.db().zd_comment(cid).expect("comment").expect("exists");
    let others_before = emu
        .get(&format!("/api/v2/tickets/{tid}/comments.json"))
        .await;
    let (status, body) = emu
        .put(
            &format!("/api/v2/tickets/{tid}/comments/{cid}/redact.json"),
            json!({"text": value}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let blocks = "▇".repeat(value.chars().count());
    assert_eq!(
        body["comment"]["body"],
        before.body.replace(&value, &blocks)
    );
    assert!(!body["comment"]["html_body"]
        .as_str()
        .expect("html")
        .contains(&value));
    let others_after = emu
        .get(&format!("/api/v2/tickets/{tid}/comments.json"))
        .await;
    for (a, b) in others_before["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .zip(others_after["comments"].as_array().expect("comments"))
    {
        if a["id"] != cid {
            assert_eq!(a, b, "other comments untouched");
        }
    }
    // Redacting text that is not there fails without changing anything.
    let (status, body) = emu
        .put(
            &format!("/api/v2/tickets/{tid}/comments/{cid}/redact.json"),
            json!({"text": "no such text 12345"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // A comment of another ticket is not found.
    let (status, _) = emu
        .put(
            &format!(
                "/api/v2/tickets/{}/comments/{cid}/redact.json",
                tid % 80 + 1
            ),
            json!({"text": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Newer endpoint: the current html_body with <redact> tags.
    let (tid, cid, value) = comment_with_secret(emu.db(), 80, 3);
    let before = emu.db().zd_comment(cid).expect("comment").expect("exists");
    let escaped = leakhound_emulator::html::escape(&value);
    let at = before.html_body.find(&escaped).expect("value in html");
    let tagged = format!(
        "{}<redact>{escaped}</redact>{}",
        &before.html_body[..at],
        &before.html_body[at + escaped.len()..]
    );
    let (status, body) = emu
        .put(
            &format!("/api/v2/comment_redactions/{cid}.json"),
            json!({"ticket_id": tid, "html_body": tagged}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let html = body["comment"]["html_body"].as_str().expect("html");
    assert_eq!(
        html,
        format!(
            "{}{}{}",
            &before.html_body[..at],
            "▇".repeat(value.chars().count()),
            &before.html_body[at + escaped.len()..]
        )
    );
    let plain = body["comment"]["body"].as_str().expect("body");
    assert!(!plain.contains(&value), "{plain}");
    assert_eq!(plain.chars().count(), before.body.chars().count());
    // A body that is not the comment's current HTML is refused.
    let (status, _) = emu
        .put(
            &format!("/api/v2/comment_redactions/{cid}.json"),
            json!({"ticket_id": tid, "html_body": "<p><redact>x</redact></p>"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Attachment redaction: the file becomes an empty redacted.txt.
    let mut target = None;
    'outer: for t in 1..=80 {
        let page = emu.get(&format!("/api/v2/tickets/{t}/comments.json")).await;
        for c in page["comments"].as_array().expect("comments") {
            if let Some(a) = c["attachments"].as_array().and_then(|a| a.first()) {
                target = Some((t, c["id"].as_i64().unwrap(), a.clone()));
                break 'outer;
            }
        }
    }
    let (t, c, attachment) = target.expect("some comment has an attachment");
    let content_url = attachment["content_url"]
        .as_str()
        .expect("content_url")
        .to_string();
    let resp = emu.send(Method::GET, &content_url, None).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let original = resp.bytes().await.expect("bytes");
    assert_eq!(original.len() as i64, attachment["size"].as_i64().unwrap());
    let unauthenticated = emu.client.get(&content_url).send().await.expect("send");
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    let aid = attachment["id"].as_i64().unwrap();
    let (status, body) = emu
        .put(
            &format!("/api/v2/tickets/{t}/comments/{c}/attachments/{aid}/redact.json"),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["attachment"]["file_name"], "redacted.txt");
    assert_eq!(body["attachment"]["size"], 0);
    let resp = emu
        .send(
            Method::GET,
            body["attachment"]["content_url"].as_str().unwrap(),
            None,
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.bytes().await.expect("bytes").is_empty());
}

#[tokio::test]
async fn authentication_accepts_tokens_and_refuses_the_rest() {
    let emu = Emu::start(5).await;
    let auth = &emu.running.zendesk.auth;
    let url = emu.url("/api/v2/tickets.json");
    let ok = emu
        .client
        .get(&url)
        .bearer_auth(&auth.zendesk_oauth_token)
        .send()
        .await
        .expect("send");
    assert_eq!(ok.status(), StatusCode::OK);
    for header in [
        None,
        Some("Bearer wrong".to_string()),
        Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD
                .encode(format!("{}:{}", auth.zendesk_email, auth.zendesk_token))
        )),
        Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD
                .encode(format!("{}/token:wrong", auth.zendesk_email))
        )),
    ] {
        let mut req = emu.client.get(&url);
        if let Some(h) = &header {
            req = req.header("Authorization", h);
        }
        let resp = req.send().await.expect("send");
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "{header:?}");
        let body: Value = resp.json().await.expect("json");
        assert_eq!(body, json!({"error": "Couldn't authenticate you"}));
    }
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let emu = Emu::start(5).await;
    let resp = emu.send(Method::GET, "/api/v2/tickets.json", None).await;
    assert_eq!(resp.headers()["x-rate-limit"], "700");
    assert!(resp.headers().contains_key("ratelimit-reset"));

    emu.admin_faults(json!({"rate_limit": {"enabled": true, "requests_per_window": 3}}))
        .await;
    for expected in ["2", "1", "0"] {
        let resp = emu.send(Method::GET, "/api/v2/tickets.json", None).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["x-rate-limit"], "3");
        assert_eq!(resp.headers()["x-rate-limit-remaining"], expected);
        assert_eq!(resp.headers()["ratelimit-remaining"], expected);
    }
    let resp = emu.send(Method::GET, "/api/v2/tickets.json", None).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("integer Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error"], "APIRateLimitExceeded");

    // The incremental exports have their own, lower limit.
    emu.admin_faults(
        json!({"rate_limit": {"requests_per_window": 100, "special_requests_per_window": 2}}),
    )
    .await;
    for _ in 0..2 {
        let resp = emu
            .send(
                Method::GET,
                "/api/v2/incremental/tickets/cursor.json?start_time=0",
                None,
            )
            .await;
        assert_eq!(resp.status(), StatusCode::OK);
    }
    let resp = emu
        .send(
            Method::GET,
            "/api/v2/incremental/ticket_events.json?start_time=0",
            None,
        )
        .await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().contains_key("retry-after"));
    let resp = emu.send(Method::GET, "/api/v2/tickets/1.json", None).await;
    assert_eq!(
        resp.status(),
        StatusCode::OK,
        "other endpoints are not affected"
    );

    // One ticket accepts 30 updates per 10 minutes.
    emu.admin_faults(json!({"rate_limit": {"requests_per_window": 1000}, "retry_after": "7"}))
        .await;
    emu.db()
        .zd_update_ticket(
            2,
            &ZdTicketUpdate {
                status: Some("open".into()),
                ..Default::default()
            },
        )
        .expect("reopen");
    for i in 0..30 {
        let (status, body) = emu
            .put(
                "/api/v2/tickets/2.json",
                json!({"ticket": {"subject": format!("s{i}")}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let resp = emu
        .send(
            Method::PUT,
            "/api/v2/tickets/2.json",
            Some(json!({"ticket": {"subject": "x"}})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        resp.headers()["retry-after"],
        "7",
        "the retry_after knob is honoured"
    );
}

#[tokio::test]
async fn incremental_exports_page_to_the_end_and_refuse_recent_start_times() {
    let emu = Emu::start(1000).await;
    // Cursor-based, 300 per page.
    let mut seen = Vec::new();
    let mut page = emu
        .get("/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=300")
        .await;
    let mut last_updated = String::new();
    loop {
        for t in page["tickets"].as_array().expect("tickets") {
            let u = t["updated_at"].as_str().expect("updated_at").to_string();
            assert!(u >= last_updated, "ordered by updated_at");
            last_updated = u;
            seen.push(t["id"].as_i64().expect("id"));
        }
        assert!(page["after_cursor"].is_string());
        if page["end_of_stream"].as_bool().expect("end_of_stream") {
            break;
        }
        page = emu
            .get(page["after_url"].as_str().expect("after_url"))
            .await;
    }
    assert_eq!(seen.len(), 1000);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 1000);
    // Resuming from the stored cursor: nothing new.
    let cursor = page["after_cursor"].as_str().expect("cursor").to_string();
    let resumed = emu
        .get(&format!(
            "/api/v2/incremental/tickets/cursor.json?cursor={cursor}"
        ))
        .await;
    assert_eq!(resumed["tickets"], json!([]));
    assert_eq!(resumed["end_of_stream"], true);
    // before_url pages back.
    let back = emu
        .get(page["before_url"].as_str().expect("before_url"))
        .await;
    assert_eq!(back["tickets"].as_array().expect("tickets").len(), 300);

    // Time-based: next_page until end_of_stream; boundary seconds may repeat.
    let mut seen = BTreeSet::new();
    let mut page = emu
        .get("/api/v2/incremental/tickets.json?start_time=0&per_page=250&include=users")
        .await;
    assert!(page["users"].as_array().is_some_and(|u| !u.is_empty()));
    loop {
        seen.extend(ids(&page, "tickets"));
        assert!(page["end_time"].is_i64() && page["count"].is_u64());
        if page["end_of_stream"].as_bool().expect("end_of_stream") {
            break;
        }
        page = emu
            .get(page["next_page"].as_str().expect("next_page"))
            .await;
    }
    assert_eq!(seen.len(), 1000);

    // Ticket events with comment events: every comment of a ticket appears as a child event.
    let mut comment_ids = BTreeSet::new();
    let mut page = emu
        .get("/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events")
        .await;
    loop {
        for ev in page["ticket_events"].as_array().expect("events") {
            assert_eq!(ev["event_type"], "Audit");
            for child in ev["child_events"].as_array().expect("children") {
                if child["event_type"] == "Comment" {
                    assert!(child["body"].is_string() && child["public"].is_boolean());
                    assert!(child["author_id"].is_i64());
                    if ev["ticket_id"] == 7 {
                        comment_ids.insert(child["id"].as_i64().expect("id"));
                    }
                }
            }
        }
        if page["end_of_stream"].as_bool().expect("eos") {
            break;
        }
        page = emu
            .get(page["next_page"].as_str().expect("next_page"))
            .await;
    }
    let listed = emu
        .get("/api/v2/tickets/7/comments.json?page[size]=100")
        .await;
    assert_eq!(
        ids(&listed, "comments")
            .into_iter()
            .collect::<BTreeSet<_>>(),
        comment_ids
    );

    // The newest minute is never exported, and start_time must be a minute old.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    for start in [now - 10, now + 3600] {
        for path in [
            "/api/v2/incremental/tickets/cursor.json",
            "/api/v2/incremental/tickets.json",
            "/api/v2/incremental/ticket_events.json",
        ] {
            let resp = emu
                .send(Method::GET, &format!("{path}?start_time={start}"), None)
                .await;
            assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            let body: Value = resp.json().await.expect("json");
            assert_eq!(body["error"], "InvalidValue");
        }
    }
    let resp = emu
        .send(Method::GET, "/api/v2/incremental/tickets/cursor.json", None)
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
}

/// Changes made while the emulator runs show up in the next export once they are a minute old
/// (Zendesk never returns the newest minute), so this test waits just over a minute.
#[tokio::test]
async fn exports_resume_after_edits_with_comment_events() {
    let emu = Emu::start(50).await;
    // Drain the cursor export and keep the cursor, as a connector would.
    let mut page = emu
        .get("/api/v2/incremental/tickets/cursor.json?start_time=0")
        .await;
    while !page["end_of_stream"].as_bool().expect("eos") {
        page = emu
            .get(page["after_url"].as_str().expect("after_url"))
            .await;
    }
    let cursor = page["after_cursor"].as_str().expect("cursor").to_string();
    let edit_start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        - 61;

    // An admin edit (what POST /_admin/tickets/{id}/comments does) and a deletion.
    let (_, audit) = emu
        .db()
        .zd_update_ticket(
            9,
            &ZdTicketUpdate {
                comment: Some(NewZdComment {
                    body: Some("New card on file: 4111 1111 1111 1111".into()),
                    public: false,
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
        .expect("edit")
        .expect("ticket 9");
    let new_comment = audit.comment.expect("comment").id;
    assert!(emu.db().zd_delete_ticket(11).expect("delete"));

    // Not yet: the newest minute is held back.
    let early = emu
        .get(&format!(
            "/api/v2/incremental/tickets/cursor.json?cursor={cursor}"
        ))
        .await;
    assert_eq!(early["tickets"], json!([]));

    tokio::time::sleep(Duration::from_secs(62)).await;
    let later = emu
        .get(&format!(
            "/api/v2/incremental/tickets/cursor.json?cursor={cursor}"
        ))
        .await;
    let tickets = later["tickets"].as_array().expect("tickets");
    let got: BTreeSet<i64> = tickets.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(got, BTreeSet::from([9, 11]));
    let deleted = tickets.iter().find(|t| t["id"] == 11).expect("ticket 11");
    assert_eq!(deleted["status"], "deleted");
    assert_eq!(later["end_of_stream"], true);
    // Deleted tickets are gone from the API but stay in exports.
    let resp = emu.send(Method::GET, "/api/v2/tickets/11.json", None).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);

    let events = emu
        .get(&format!(
            "/api/v2/incremental/ticket_events.json?start_time={edit_start}&include=comment_events"
        ))
        .await;
    let comment_event = events["ticket_events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["ticket_id"] == 9)
        .flat_map(|e| e["child_events"].as_array().cloned().unwrap_or_default())
        .find(|c| c["event_type"] == "Comment")
        .expect("comment event of the edit");
    assert_eq!(comment_event["id"], new_comment);
    assert_eq!(
        comment_event["body"],
        "New card on file: 4111 1111 1111 1111"
    );
    assert_eq!(comment_event["public"], false);
    // Without include=comment_events, only the flags.
    let bare = emu
        .get(&format!(
            "/api/v2/incremental/ticket_events.json?start_time={edit_start}"
        ))
        .await;
    let audit_event = bare["ticket_events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["ticket_id"] == 9)
        .expect("audit of the edit")
        .clone();
    assert_eq!(audit_event["comment_present"], true);
    assert!(audit_event["child_events"]
        .as_array()
        .expect("children")
        .iter()
        .all(|c| c["event_type"] != "Comment"));
}

#[tokio::test]
async fn zendesk_endpoints_are_counted_and_can_be_faulted() {
    let emu = Emu::start(5).await;
    emu.admin_faults(json!({"error_rate": 1.0, "error_statuses": [503], "retry_after": "3"}))
        .await;
    for path in [
        "/api/v2/tickets.json",
        "/api/v2/tickets/1/comments.json",
        "/api/v2/incremental/ticket_events.json?start_time=0",
    ] {
        let resp = emu.send(Method::GET, path, None).await;
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(resp.headers()["retry-after"], "3");
        let body: Value = resp.json().await.expect("json");
        assert!(body["error"].is_string(), "{body}");
    }
    emu.admin_faults(json!({"error_rate": 0.0})).await;
    let resp = emu
        .send(Method::GET, "/api/v2/tickets/1/comments.json", None)
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let calls: Value = emu
        .client
        .get(format!("{}/_admin/calls", emu.base))
        .send()
        .await
        .expect("calls")
        .json()
        .await
        .expect("json");
    let key = "GET /api/v2/tickets/{id}/comments.json";
    assert_eq!(calls["calls"][key], 2, "{calls}");
    assert_eq!(calls["statuses"][key]["503"], 1, "{calls}");
    assert_eq!(calls["statuses"][key]["200"], 1, "{calls}");
}
