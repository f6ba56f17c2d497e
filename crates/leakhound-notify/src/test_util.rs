//! Test utilities (feature `test-util`): [`SmtpSink`], a real SMTP server on loopback that
//! accepts every message and records it for assertions.
//!
//! It speaks enough SMTP for `lettre` and most clients: `EHLO`/`HELO`, `AUTH PLAIN`
//! (any credentials; only the user name is kept), `MAIL FROM`, `RCPT TO`, `DATA` (with dot
//! unstuffing), `RSET`, `NOOP`, `QUIT`. It offers no STARTTLS, so clients must use
//! [`TlsMode::None`].
//!
//! ```no_run
//! # async fn demo() {
//! use leakhound_notify::{test_util::SmtpSink, Mailer};
//! let sink = SmtpSink::start().await.unwrap();
//! let mailer = Mailer::new(&sink.smtp_config("leakhound@example.test")).unwrap();
//! mailer.send("ops@example.test", "hi", "body").await.unwrap();
//! let mail = &sink.wait_for(1, std::time::Duration::from_secs(5)).await[0];
//! assert_eq!(mail.rcpt_to, ["ops@example.test"]);
//! # }
//! ```

use crate::email::{SmtpConfig, TlsMode};
use base64::Engine as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// A message the sink accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The `EHLO`/`HELO` argument.
    pub helo: String,
    /// The user name of `AUTH PLAIN`, if the client authenticated.
    pub auth_user: Option<String>,
    /// The envelope sender (`MAIL FROM:<…>`, without brackets).
    pub mail_from: String,
    /// The envelope recipients (`RCPT TO:<…>`, without brackets).
    pub rcpt_to: Vec<String>,
    /// The message as transferred (headers, blank line, body; CRLF line ends, dots
    /// unstuffed, without the final `.` line).
    pub data: String,
}

impl ReceivedMail {
    /// The header section and the body.
    fn split(&self) -> (&str, &str) {
        match self.data.find("\r\n\r\n") {
            Some(i) => (&self.data[..i], &self.data[i + 4..]),
            None => (&self.data, ""),
        }
    }

    /// The first header `name` (case-insensitive), unfolded, as transferred (RFC 2047
    /// encoded words are not decoded; see [`Self::subject`]).
    pub fn header(&self, name: &str) -> Option<String> {
        let (head, _) = self.split();
        let mut found: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(v) = &mut found {
                    v.push(' ');
                    v.push_str(line.trim());
                }
                continue;
            }
            if found.is_some() {
                break;
            }
            if let Some((n, v)) = line.split_once(':') {
                if n.trim().eq_ignore_ascii_case(name) {
                    found = Some(v.trim().to_string());
                }
            }
        }
        found
    }

    /// The `Subject`, with RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`)
    /// decoded.
    pub fn subject(&self) -> Option<String> {
        self.header("subject").map(|s| decode_words(&s))
    }

    /// The body as transferred.
    pub fn raw_body(&self) -> &str {
        self.split().1
    }

    /// The body decoded per its `Content-Transfer-Encoding` (base64, quoted-printable, or
    /// as is).
    pub fn body_text(&self) -> String {
        let encoding = self
            .header("content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let raw = self.raw_body();
        match encoding.as_str() {
            "base64" => {
                let compact: String = raw.split_whitespace().collect();
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .unwrap_or_default();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            "quoted-printable" => decode_qp(raw, false),
            _ => raw.to_string(),
        }
    }
}

fn decode_qp(text: &str, underscore_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if bytes[i + 1..].starts_with(b"\r\n") => i += 3,
            b'=' if bytes[i + 1..].starts_with(b"\n") => i += 2,
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                    }
                    Err(_) => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b'_' if underscore_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while !rest.is_empty() {
        let Some(start) = rest.find("=?") else {
            out.push_str(rest);
            break;
        };
        let decoded = rest[start + 2..].splitn(3, '?').collect::<Vec<_>>();
        let word = (decoded.len() == 3)
            .then(|| {
                let (_charset, enc, tail) = (decoded[0], decoded[1], decoded[2]);
                let end = tail.find("?=")?;
                let text = &tail[..end];
                let s = match enc.to_ascii_lowercase().as_str() {
                    "b" => String::from_utf8_lossy(
                        &base64::engine::general_purpose::STANDARD
                            .decode(text)
                            .ok()?,
                    )
                    .into_owned(),
                    "q" => decode_qp(text, true),
                    _ => return None,
                };
                let consumed = start + 2 + decoded[0].len() + 1 + enc.len() + 1 + end + 2;
                Some((s, consumed))
            })
            .flatten();
        match word {
            Some((s, consumed)) => {
                let between = &rest[..start];
                // Whitespace between two encoded words is not part of the text.
                if !(last_was_word && between.trim().is_empty()) {
                    out.push_str(between);
                }
                out.push_str(&s);
                rest = &rest[consumed..];
                last_was_word = true;
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
                last_was_word = false;
            }
        }
    }
    out
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<ReceivedMail>>,
    rejected: Mutex<Vec<String>>,
    connections: AtomicUsize,
    arrived: Notify,
}

/// An SMTP server on `127.0.0.1:0` that records every message. Stops when dropped.
pub struct SmtpSink {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    /// Binds `127.0.0.1:0` and serves in the background.
    pub async fn start() -> std::io::Result<SmtpSink> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                s.connections.fetch_add(1, Ordering::SeqCst);
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = session(stream, &s).await;
                });
            }
        });
        Ok(SmtpSink { addr, shared, task })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A configuration that sends here: host `127.0.0.1`, the sink's port, no TLS, 10 s
    /// timeout.
    pub fn smtp_config(&self, from: &str) -> SmtpConfig {
        let mut c = SmtpConfig::new("127.0.0.1", from);
        c.port = Some(self.addr.port());
        c.tls = TlsMode::None;
        c.timeout_secs = 10;
        c
    }

    /// Every message accepted so far.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.shared
            .messages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Waits until at least `n` messages arrived or `timeout` passed; returns the messages.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.shared.arrived.notified();
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return self.messages();
            }
        }
    }

    /// Answers `RCPT TO` for `address` with `550` from now on.
    pub fn reject_recipient(&self, address: &str) {
        self.shared
            .rejected
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(address.to_ascii_lowercase());
    }
}

fn angle_arg(arg: &str) -> String {
    let arg = arg.trim();
    match (arg.find('<'), arg.find('>')) {
        (Some(a), Some(b)) if a < b => arg[a + 1..b].to_string(),
        _ => arg.split_whitespace().next().unwrap_or("").to_string(),
    }
}

async fn session(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    write
        .write_all(b"220 leakhound-sink ESMTP ready\r\n")
        .await?;
    let mut helo = String::new();
    let mut auth_user = None;
    let mut from: Option<String> = None;
    let mut rcpt: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).await? == 0 {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&buf).trim_end().to_string();
        let (verb, arg) = match line.split_once(' ') {
            Some((v, a)) => (v.to_ascii_uppercase(), a.to_string()),
            None => (line.to_ascii_uppercase(), String::new()),
        };
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => {
                helo = arg;
                (from, rcpt) = (None, Vec::new());
                b"250-leakhound-sink\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SMTPUTF8\r\n"
            }
            "HELO" => {
                helo = arg;
                (from, rcpt) = (None, Vec::new());
                b"250 leakhound-sink\r\n"
            }
            "AUTH" => {
                let mut parts = arg.split_whitespace();
                if !parts
                    .next()
                    .is_some_and(|m| m.eq_ignore_ascii_case("PLAIN"))
                {
                    write.write_all(b"504 5.5.4 only PLAIN\r\n").await?;
                    continue;
                }
                let initial = match parts.next() {
                    Some(r) => r.to_string(),
                    None => {
                        write.write_all(b"334 \r\n").await?;
                        buf.clear();
                        reader.read_until(b'\n', &mut buf).await?;
                        String::from_utf8_lossy(&buf).trim().to_string()
                    }
                };
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(initial)
                    .unwrap_or_default();
                // authzid \0 authcid \0 password: keep only the user name.
                let user = decoded
                    .split(|b| *b == 0)
                    .nth(1)
                    .map(|u| String::from_utf8_lossy(u).into_owned());
                auth_user = user;
                b"235 2.7.0 authenticated\r\n"
            }
            "MAIL" => {
                from = Some(angle_arg(arg.split_once(':').map_or("", |x| x.1)));
                rcpt.clear();
                b"250 2.1.0 ok\r\n"
            }
            "RCPT" if from.is_none() => b"503 5.5.1 MAIL first\r\n",
            "RCPT" => {
                let to = angle_arg(arg.split_once(':').map_or("", |x| x.1));
                let rejected = shared
                    .rejected
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .contains(&to.to_ascii_lowercase());
                if rejected {
                    b"550 5.1.1 mailbox unavailable\r\n"
                } else {
                    rcpt.push(to);
                    b"250 2.1.5 ok\r\n"
                }
            }
            "DATA" if rcpt.is_empty() => b"503 5.5.1 RCPT first\r\n",
            "DATA" => {
                write
                    .write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = String::new();
                loop {
                    buf.clear();
                    if reader.read_until(b'\n', &mut buf).await? == 0 {
                        return Ok(());
                    }
                    let l = String::from_utf8_lossy(&buf);
                    let l = l.trim_end_matches(['\r', '\n']);
                    if l == "." {
                        break;
                    }
                    data.push_str(l.strip_prefix('.').unwrap_or(l));
                    data.push_str("\r\n");
                }
                let mail = ReceivedMail {
                    helo: helo.clone(),
                    auth_user: auth_user.clone(),
                    mail_from: from.take().unwrap_or_default(),
                    rcpt_to: std::mem::take(&mut rcpt),
                    data,
                };
                shared
                    .messages
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(mail);
                shared.arrived.notify_waiters();
                b"250 2.0.0 ok: queued\r\n"
            }
            "RSET" => {
                (from, rcpt) = (None, Vec::new());
                b"250 2.0.0 ok\r\n"
            }
            "NOOP" => b"250 2.0.0 ok\r\n",
            "QUIT" => {
                write.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_encoded_words_and_quoted_printable() {
        assert_eq!(decode_words("=?utf-8?b?aMOpbGxv?= world"), "héllo world");
        assert_eq!(
            decode_words("=?utf-8?q?a_b=C3=A9?= =?utf-8?q?_c?="),
            "a bé c"
        );
        assert_eq!(decode_words("plain =? text"), "plain =? text");
        assert_eq!(decode_qp("a=3Db=\r\nc", false), "a=bc");
    }

    #[test]
    fn headers_unfold() {
        let m = ReceivedMail {
            helo: String::new(),
            auth_user: None,
            mail_from: String::new(),
            rcpt_to: vec![],
            data: "Subject: a\r\n b\r\nTo: x\r\n\r\nbody\r\n".into(),
        };
        assert_eq!(m.header("subject").as_deref(), Some("a b"));
        assert_eq!(m.header("TO").as_deref(), Some("x"));
        assert_eq!(m.raw_body(), "body\r\n");
    }
}
