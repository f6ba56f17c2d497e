//! E-mail through a real SMTP exchange with the sink.

use leakhound_notify::template::{Template, Vars};
use leakhound_notify::test_util::SmtpSink;
use leakhound_notify::{Mailer, NotifyError, SmtpConfig, TlsMode};
use std::time::Duration;

const RAW: &str = "4111-1111-1111-1111";

#[tokio::test]
async fn message_arrives_with_recipient_subject_and_body() {
    let sink = SmtpSink::start().await.unwrap();
    let mailer = Mailer::new(&sink.smtp_config("Leakhound <leakhound@example.test>")).unwrap();
    let subject = Template::parse("[leakhound] {{total}} findings", &["total"]).unwrap();
    let body = Template::parse(
        "Found {{total}} values:\n{{details}}\n",
        &["total", "details"],
    )
    .unwrap();
    let vars = Vars::new().with("total", "2").with(
        "details",
        "- item 1: 411****************\n- item 2: 489********",
    );
    mailer
        .send(
            "ops@example.test",
            &subject.render(&vars),
            &body.render(&vars),
        )
        .await
        .unwrap();
    let mails = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.mail_from, "leakhound@example.test");
    assert_eq!(m.rcpt_to, ["ops@example.test"]);
    assert_eq!(m.auth_user, None);
    assert_eq!(m.subject().as_deref(), Some("[leakhound] 2 findings"));
    assert!(m.header("to").unwrap().contains("ops@example.test"));
    let id = m.header("message-id").unwrap();
    assert!(
        id.starts_with('<') && id.ends_with("@example.test>"),
        "{id}"
    );
    assert!(m
        .header("content-type")
        .unwrap()
        .starts_with("text/plain; charset=utf-8"));
    let text = m.body_text();
    assert!(text.contains("- item 1: 411****************"), "{text}");
    assert!(!m.data.contains(RAW) && !text.contains(RAW));
}

#[tokio::test]
async fn non_ascii_subject_and_dot_lines_survive() {
    let sink = SmtpSink::start().await.unwrap();
    let mailer = Mailer::new(&sink.smtp_config("lh@example.test")).unwrap();
    mailer
        .send(
            "ops@example.test",
            "Fundstücke\r\nBcc: evil@example.test",
            ".leading dot\r\n..two\nnon-ascii: é",
        )
        .await
        .unwrap();
    let m = &sink.wait_for(1, Duration::from_secs(10)).await[0];
    assert_eq!(
        m.subject().as_deref(),
        Some("Fundstücke  Bcc: evil@example.test"),
        "a subject cannot add headers"
    );
    assert!(m.header("bcc").is_none());
    let text = m.body_text();
    assert!(text.contains(".leading dot") && text.contains("..two") && text.contains("é"));
}

#[tokio::test]
async fn credentials_are_used_and_never_leak_into_errors() {
    let sink = SmtpSink::start().await.unwrap();
    let mut config = sink.smtp_config("lh@example.test");
    config.username = Some("leakhound".into());
    config.password = Some("hunter2-secret".into());
    let mailer = Mailer::new(&config).unwrap();
    mailer.send("ops@example.test", "s", "b").await.unwrap();
    let m = &sink.wait_for(1, Duration::from_secs(10)).await[0];
    assert_eq!(m.auth_user.as_deref(), Some("leakhound"));

    sink.reject_recipient("gone@example.test");
    let err = mailer
        .send("gone@example.test", "s", "the secret body")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            NotifyError::Smtp {
                transient: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_transient());
    let text = format!("{err} {err:?}");
    assert!(text.contains("550"), "{text}");
    assert!(
        !text.contains("hunter2") && !text.contains("secret body"),
        "{text}"
    );
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn starttls_required_refuses_a_relay_without_it() {
    let sink = SmtpSink::start().await.unwrap();
    let mut config = sink.smtp_config("lh@example.test");
    config.tls = TlsMode::Starttls;
    let err = Mailer::new(&config)
        .unwrap()
        .send("ops@example.test", "s", "b")
        .await
        .unwrap_err();
    assert!(matches!(err, NotifyError::Smtp { .. }), "{err:?}");
    assert!(sink.messages().is_empty(), "nothing is sent in clear");
}

#[tokio::test]
async fn unreachable_relay_is_transient_and_bad_recipient_is_refused_before_connecting() {
    // A port nobody listens on: bind, note the port, close.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut config = SmtpConfig::new("127.0.0.1", "lh@example.test");
    config.tls = TlsMode::None;
    config.port = Some(port);
    config.timeout_secs = 5;
    let mailer = Mailer::new(&config).unwrap();
    let err = mailer.send("ops@example.test", "s", "b").await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    let err = mailer.send("not an address", "s", "b").await.unwrap_err();
    assert!(matches!(err, NotifyError::InvalidAddress { which: "to" }));
}

#[tokio::test]
async fn a_silent_relay_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let hold = tokio::spawn(async move {
        let (_s, _) = listener.accept().await.unwrap();
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let mut config = SmtpConfig::new("127.0.0.1", "lh@example.test");
    config.tls = TlsMode::None;
    config.port = Some(port);
    config.timeout_secs = 1;
    let err = Mailer::new(&config)
        .unwrap()
        .send("ops@example.test", "s", "b")
        .await
        .unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    hold.abort();
}
