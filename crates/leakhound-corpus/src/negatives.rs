//! Hard negatives: values that look sensitive to a pattern but that a careful reader would not
//! mark (order and invoice numbers, tracking codes, UUIDs, hashes, timestamps, versions,
//! phone-shaped product codes, Luhn-valid references, documentation example keys, …), and
//! the log, stack-trace and CSV pastes that carry them.

use crate::checks;
use crate::values::{digits, from_set, pick, ALNUM, HEX, UPPER};
use crate::{Piece, Rng};
use rand::Rng as _;

fn uuid(rng: &mut Rng) -> String {
    let h = from_set(rng, HEX, 32);
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        pick(rng, &["8", "9", "a", "b"]),
        &h[17..20],
        &h[20..]
    )
}

fn timestamp(rng: &mut Rng) -> String {
    let (y, mo, d, h, mi, s) = (
        rng.gen_range(2021..2026),
        rng.gen_range(1..13),
        rng.gen_range(1..29),
        rng.gen_range(0..24),
        rng.gen_range(0..60),
        rng.gen_range(0..60),
    );
    match rng.gen_range(0..4) {
        0 => format!(
            "{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
            rng.gen_range(0..1000)
        ),
        1 => format!(
            "{y}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02},{:03}",
            rng.gen_range(0..1000)
        ),
        2 => format!("{}", rng.gen_range(1_600_000_000u64..1_760_000_000)),
        _ => format!("{}", rng.gen_range(1_600_000_000_000u64..1_760_000_000_000)),
    }
}

fn luhn_number(rng: &mut Rng, len: usize) -> String {
    let body = digits(rng, len - 1);
    format!("{body}{}", checks::luhn_digit(&body))
}

/// One decoy: its kind and value.
pub(crate) fn decoy_value(rng: &mut Rng) -> (&'static str, String) {
    match rng.gen_range(0..28) {
        0 => (
            "order_number",
            format!("{}", rng.gen_range(100_000_000u64..9_999_999_999)),
        ),
        1 => (
            "order_number",
            format!("ORD-{}-{}", rng.gen_range(2021..2026), digits(rng, 6)),
        ),
        2 => (
            "invoice_number",
            format!("INV-{}-{}", rng.gen_range(2021..2026), digits(rng, 6)),
        ),
        3 => (
            "tracking_code",
            format!(
                "1Z{}{}",
                from_set(rng, b"0123456789ABCDEFGHJKLMNPRSTVWXY", 6),
                digits(rng, 10)
            ),
        ),
        4 => {
            let d = format!("9400{}", digits(rng, 18));
            (
                "tracking_code",
                d.as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
        5 => ("tracking_code", digits(rng, 12)),
        6 => ("uuid", uuid(rng)),
        7 => ("hash", from_set(rng, HEX, 64)),
        8 => ("hash", from_set(rng, HEX, 40)),
        9 => ("timestamp", timestamp(rng)),
        10 => (
            "version",
            format!(
                "v{}.{}.{}",
                rng.gen_range(1..20),
                rng.gen_range(0..40),
                rng.gen_range(0..200)
            ),
        ),
        11 => (
            "version_ip_like",
            format!(
                "{}.{}.{}.{}",
                rng.gen_range(1..25),
                rng.gen_range(0..10),
                rng.gen_range(0..30000),
                rng.gen_range(0..9999)
            ),
        ),
        12 => (
            "product_code",
            format!(
                "{}-{}-{}",
                rng.gen_range(200..999),
                rng.gen_range(200..999),
                digits(rng, 4)
            ),
        ),
        13 => ("luhn_reference", luhn_number(rng, 16)),
        14 => ("luhn_reference", luhn_number(rng, 9)),
        15 => (
            "doc_example",
            pick(
                rng,
                &[
                    "AKIAIOSFODNN7EXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "4242 4242 4242 4242",
                    "078-05-1120",
                    "DE89 3704 0044 0532 0130 00",
                    "QQ 12 34 56 C",
                    "xoxb-not-a-real-token-this-will-not-work",
                    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                ],
            )
            .to_string(),
        ),
        16 => (
            "case_number",
            format!("{:08}", rng.gen_range(100_000..99_999_999)),
        ),
        17 => (
            "hex_error",
            format!("0x{}", from_set(rng, b"0123456789ABCDEF", 8)),
        ),
        18 => (
            "serial_number",
            format!(
                "{}{}",
                from_set(rng, UPPER, 3),
                from_set(rng, b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", 9)
            ),
        ),
        19 => ("masked_card", format!("**** **** **** {}", digits(rng, 4))),
        20 => ("bad_checksum", {
            let body = format!("4{}", digits(rng, 14));
            let wrong = (checks::luhn_digit(&body) + rng.gen_range(1..10)) % 10;
            format!("{body}{wrong}")
        }),
        22 => ("isbn", {
            // ISBN-13 with its check digit: 13 digits that pass no card or phone check by
            // design, yet look like both.
            let body = format!("978{}", digits(rng, 9));
            let sum: u32 = body
                .bytes()
                .enumerate()
                .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
                .sum();
            let c = (10 - sum % 10) % 10;
            format!(
                "{}-{}-{}-{}-{c}",
                &body[..3],
                &body[3..4],
                &body[4..8],
                &body[8..]
            )
        }),
        23 => (
            "sepa_creditor_id",
            format!("DE{:02}ZZZ{}", rng.gen_range(10..99), digits(rng, 11)),
        ),
        24 => (
            "windows_sid",
            format!(
                "S-1-5-21-{}-{}-{}-{}",
                rng.gen_range(1_000_000_000u64..4_000_000_000),
                rng.gen_range(1_000_000_000u64..4_000_000_000),
                rng.gen_range(10_000_000..99_999_999),
                rng.gen_range(500..5000)
            ),
        ),
        25 => (
            "inline_image",
            format!(
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA{}",
                from_set(
                    rng,
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                    40
                )
            ),
        ),
        26 => (
            "amount",
            format!(
                "${},{:03}.{:02}",
                rng.gen_range(1..99),
                rng.gen_range(0..1000),
                rng.gen_range(0..100)
            ),
        ),
        27 => ("bad_checksum", {
            // An IBAN-shaped reference whose check digits are wrong.
            let bban = digits(rng, 18);
            let good = checks::iban_check("DE", &bban);
            format!("DE{:02}{bban}", (good + rng.gen_range(1..90)) % 97 + 2)
        }),
        _ => (
            "build_id",
            format!(
                "{}-{}",
                from_set(rng, b"abcdefghijklmnopqrstuvwxyz", 6),
                from_set(rng, ALNUM, 10)
            ),
        ),
    }
}

/// A sentence carrying a decoy, in `lang` where the decoy's kind has a phrase in it.
pub(crate) fn decoy_sentence(rng: &mut Rng, lang: &str) -> Vec<Piece> {
    let (kind, v) = decoy_value(rng);
    let t: &[&str] = match (kind, lang) {
        ("order_number", "de") => &["Es geht um die Bestellung {}.", "Bestellnummer: {}"],
        ("order_number", "fr") => &["Il s'agit de la commande n° {}.", "Commande {} toujours pas livrée."],
        ("order_number", "es") => &["Es sobre el pedido {}.", "Número de pedido: {}"],
        ("order_number", "pt") => &["É sobre o pedido nº {}.", "Pedido {} ainda não chegou."],
        ("order_number", "zh") => &["订单号 {} 还没有发货。"],
        ("order_number", "ja") => &["注文番号 {} がまだ届いていません。"],
        ("order_number", _) => &["Regarding order #{}.", "order {} still not shipped", "Order number: {}"],
        ("invoice_number", "de") => &["Rechnung {} ist doppelt."],
        ("invoice_number", "fr") => &["La facture {} est en double."],
        ("invoice_number", "es") => &["La factura {} está duplicada."],
        ("invoice_number", "pt") => &["A fatura {} veio em duplicidade."],
        ("invoice_number", "zh") => &["发票 {} 重复开具了。"],
        ("invoice_number", "ja") => &["請求書 {} が二重に発行されました。"],
        ("invoice_number", _) => &["Invoice {} was issued twice.", "re: invoice {}"],
        ("tracking_code", "de") => &["Sendungsnummer {} zeigt seit Tagen keinen Fortschritt."],
        ("tracking_code", "es") => &["El número de seguimiento {} no se actualiza."],
        ("tracking_code", "pt") => &["O código de rastreio {} não atualiza."],
        ("tracking_code", "fr") => &["Le numéro de suivi {} n'avance plus."],
        ("tracking_code", "zh") => &["快递单号 {} 一直没有更新。"],
        ("tracking_code", "ja") => &["追跡番号 {} が更新されません。"],
        ("tracking_code", _) => &["Tracking number {} hasn't moved in a week.", "tracking: {}"],
        ("uuid", _) => &["Request ID {}", "workspace id {}", "correlation-id: {}"],
        ("hash", _) => &["The file checksum is {}.", "commit {} broke the export", "sha: {}"],
        ("timestamp", _) => &["Last sync at {} failed.", "event_ts={}"],
        ("version", "de") => &["Wir nutzen Version {} der Desktop-App."],
        ("version", "fr") => &["Nous sommes sur la version {} de l'application."],
        ("version", "es") => &["Usamos la versión {} de la aplicación."],
        ("version", "pt") => &["Estamos na versão {} do aplicativo."],
        ("version", "zh") => &["我们用的是 {} 版本。"],
        ("version", "ja") => &["アプリのバージョンは {} です。"],
        ("version", _) => &["We're on version {} of the desktop app.", "after upgrading to {}"],
        ("version_ip_like", _) => &["Firmware {} is installed.", "Windows build {}", "agent version {}"],
        ("product_code", "de") => &["Artikelnummer {} ist nicht lieferbar."],
        ("product_code", "fr") => &["La référence {} est en rupture de stock."],
        ("product_code", "es") => &["La referencia {} está agotada."],
        ("product_code", _) => &["Part number {} is out of stock.", "SKU {} was shipped instead of the one I ordered.", "model no. {}"],
        ("luhn_reference", "de") => &["Vorgangsnummer {}"],
        ("luhn_reference", _) => &["Your reference number is {}.", "Transaction reference {}", "loyalty member no. {}"],
        ("doc_example", _) => &["The docs use {} as an example value.", "I copied the sample value {} from your documentation and it is rejected, is that expected?", "In the tutorial the placeholder {} is shown."],
        ("case_number", "de") => &["Ticketnummer {}"],
        ("case_number", "fr") => &["Suite du dossier n° {}."],
        ("case_number", "es") => &["Es la continuación del caso {}."],
        ("case_number", "pt") => &["Continuação do chamado {}."],
        ("case_number", "zh") => &["这是工单 {} 的后续。"],
        ("case_number", "ja") => &["問い合わせ番号 {} の続きです。"],
        ("case_number", _) => &["This is a follow-up to case #{}.", "ticket {} was closed without a fix"],
        ("hex_error", "de") => &["Die Installation bricht mit Fehler {} ab."],
        ("hex_error", "ja") => &["インストールがエラー {} で失敗します。"],
        ("hex_error", _) => &["Installer fails with error {}.", "exit code {}"],
        ("serial_number", _) => &["Device serial {}.", "S/N {}"],
        ("masked_card", _) => &["The charge on card {} is wrong.", "card on file: {}"],
        ("bad_checksum", _) => &["The gift voucher {} is rejected as invalid.", "voucher code {}"],
        ("isbn", _) => &["The manual (ISBN {}) has the wrong screenshots.", "ISBN {}"],
        ("sepa_creditor_id", "de") => &["Gläubiger-ID {} im Lastschriftmandat."],
        ("sepa_creditor_id", _) => &["The direct debit shows creditor ID {}."],
        ("windows_sid", _) => &["The service runs as {} and lacks access.", "SID {}"],
        ("inline_image", _) => &["the logo renders as {} instead of an image", "src=\"{}\""],
        ("amount", _) => &["We were charged {} instead of the quoted price.", "total {}"],
        _ => &["build {}", "pipeline run {} failed"],
    };
    fill(pick(rng, t), kind, v)
}

fn fill(tpl: &str, kind: &'static str, v: String) -> Vec<Piece> {
    let (a, b) = tpl.split_once("{}").unwrap_or((tpl, ""));
    vec![Piece::T(a.into()), Piece::D(kind, v), Piece::T(b.into())]
}

/// A pasted log with a stack trace, full of decoys.
pub(crate) fn log_paste(rng: &mut Rng) -> Vec<Piece> {
    let mut out = Vec::new();
    let n = rng.gen_range(3..12);
    for _ in 0..n {
        out.push(Piece::D("timestamp", timestamp(rng)));
        let lvl = pick(rng, &["INFO ", "WARN ", "ERROR", "DEBUG"]);
        out.push(Piece::T(format!(
            " {lvl} [{}] ",
            pick(
                rng,
                &[
                    "worker-3",
                    "main",
                    "http-nio-8080-exec-7",
                    "scheduler",
                    "sync"
                ]
            )
        )));
        match rng.gen_range(0..6) {
            0 => {
                out.push(Piece::T(
                    "c.a.billing.InvoiceService - failed to render invoice ".into(),
                ));
                out.push(Piece::D(
                    "invoice_number",
                    format!("INV-{}-{}", rng.gen_range(2021..2026), digits(rng, 6)),
                ));
            }
            1 => {
                out.push(Piece::T("request_id=".into()));
                out.push(Piece::D("uuid", uuid(rng)));
                out.push(Piece::T(format!(
                    " status={} latency_ms={}",
                    pick(rng, &["200", "502", "504", "429"]),
                    rng.gen_range(3..9000)
                )));
            }
            2 => {
                out.push(Piece::T("o.s.sync.Job - batch ".into()));
                out.push(Piece::D(
                    "order_number",
                    format!("{}", rng.gen_range(100_000_000u64..9_999_999_999)),
                ));
                out.push(Piece::T(format!(" retry {}/5", rng.gen_range(1..6))));
            }
            3 => {
                out.push(Piece::T("artifact digest sha256:".into()));
                out.push(Piece::D("hash", from_set(rng, HEX, 64)));
            }
            4 => {
                out.push(Piece::T("agent version ".into()));
                out.push(Piece::D(
                    "version_ip_like",
                    format!(
                        "{}.{}.{}.{}",
                        rng.gen_range(1..25),
                        rng.gen_range(0..10),
                        rng.gen_range(0..30000),
                        rng.gen_range(0..9999)
                    ),
                ));
                out.push(Piece::T(" heartbeat ok".into()));
            }
            _ => out.push(Piece::T(
                "connection pool exhausted (active=20, idle=0, waiting=14)".into(),
            )),
        }
        out.push(Piece::T("\n".into()));
    }
    if rng.gen_bool(0.6) {
        out.push(Piece::T(format!(
            "java.lang.{}: {}\n\tat com.acme.billing.InvoiceService.render(InvoiceService.java:{})\n\tat com.acme.billing.Worker.run(Worker.java:{})\n\tat java.base/java.lang.Thread.run(Thread.java:833)\n",
            pick(rng, &["NullPointerException", "IllegalStateException", "IllegalArgumentException"]),
            pick(rng, &["Cannot invoke \"Invoice.getLines()\" because \"inv\" is null", "pool closed", "unexpected status 502"]),
            rng.gen_range(20..900),
            rng.gen_range(20..300)
        )));
    }
    out
}

/// A pasted CSV export of orders.
pub(crate) fn csv_paste(rng: &mut Rng) -> Vec<Piece> {
    let mut out = vec![Piece::T(
        "order_id,sku,qty,amount,status,updated_at,tracking\n".into(),
    )];
    for _ in 0..rng.gen_range(3..10) {
        out.push(Piece::D(
            "order_number",
            format!("{}", rng.gen_range(100_000_000u64..9_999_999_999)),
        ));
        out.push(Piece::T(",".into()));
        if rng.gen_bool(0.2) {
            out.push(Piece::D(
                "product_code",
                format!(
                    "{}-{}-{}",
                    rng.gen_range(200..999),
                    rng.gen_range(200..999),
                    digits(rng, 4)
                ),
            ));
        } else {
            out.push(Piece::D(
                "product_code",
                format!(
                    "SKU-{}-{}",
                    digits(rng, 4),
                    pick(rng, &["BLK", "WHT", "XL", "M", "S", "RED"])
                ),
            ));
        }
        out.push(Piece::T(format!(
            ",{},{}.{:02},{},",
            rng.gen_range(1..9),
            rng.gen_range(5..900),
            rng.gen_range(0..100),
            pick(rng, &["shipped", "pending", "refunded", "cancelled"])
        )));
        // A timestamp with a comma ("…12:03:34,082") is quoted, as CSV writers do.
        let ts = timestamp(rng);
        let quote = if ts.contains(',') { "\"" } else { "" };
        out.push(Piece::T(quote.into()));
        out.push(Piece::D("timestamp", ts));
        out.push(Piece::T(format!("{quote},")));
        out.push(Piece::D(
            "tracking_code",
            format!(
                "1Z{}{}",
                from_set(rng, b"0123456789ABCDEFGHJKLMNPRSTVWXY", 6),
                digits(rng, 10)
            ),
        ));
        out.push(Piece::T("\n".into()));
    }
    out
}
