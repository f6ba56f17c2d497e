//! Synthetic values for every detector type, with valid check digits where the type has them,
//! and the sentences (per language) that carry them.

use crate::checks;
use crate::Rng;
use rand::seq::SliceRandom;
use rand::Rng as _;

pub(crate) fn pick<'a, T: ?Sized>(rng: &mut Rng, items: &[&'a T]) -> &'a T {
    items.choose(rng).copied().expect("non-empty list")
}

pub(crate) fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

pub(crate) fn from_set(rng: &mut Rng, set: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| char::from(*set.choose(rng).expect("non-empty")))
        .collect()
}

pub(crate) const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub(crate) const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub(crate) const HEX: &[u8] = b"0123456789abcdef";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URLSAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `s` grouped as `sizes` joined by `sep`.
fn group(s: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    for n in sizes {
        out.push(&s[i..i + n]);
        i += n;
    }
    out.join(sep)
}

/// A string with a mix of classes that a random generator would produce (at least one
/// upper, lower and digit).
fn mixed(rng: &mut Rng, set: &[u8], n: usize) -> String {
    loop {
        let s = from_set(rng, set, n);
        if s.bytes().any(|b| b.is_ascii_uppercase())
            && s.bytes().any(|b| b.is_ascii_lowercase())
            && s.bytes().filter(u8::is_ascii_digit).count() >= 2
        {
            return s;
        }
    }
}

// ---------------------------------------------------------------- people

pub(crate) fn first_last(rng: &mut Rng, lang: &str) -> (&'static str, &'static str) {
    let (first, last): (&[&str], &[&str]) = match lang {
        "de" => (
            &[
                "Lukas",
                "Anna",
                "Jonas",
                "Lea",
                "Felix",
                "Sophie",
                "Maximilian",
                "Hannah",
                "Tobias",
                "Katharina",
                "Jürgen",
                "Birgit",
            ],
            &[
                "Müller",
                "Schmidt",
                "Schneider",
                "Fischer",
                "Weber",
                "Meyer",
                "Wagner",
                "Becker",
                "Hoffmann",
                "Schäfer",
                "Krüger",
                "Zimmermann",
            ],
        ),
        "fr" => (
            &[
                "Camille",
                "Lucas",
                "Léa",
                "Hugo",
                "Manon",
                "Louis",
                "Chloé",
                "Théo",
                "Inès",
                "Julien",
                "Hélène",
                "François",
            ],
            &[
                "Martin", "Bernard", "Dubois", "Thomas", "Lefèvre", "Richard", "Petit", "Durand",
                "Leroy", "Moreau", "Gauthier", "Rousseau",
            ],
        ),
        "es" => (
            &[
                "Lucía",
                "Hugo",
                "Martina",
                "Pablo",
                "Sofía",
                "Alejandro",
                "Carmen",
                "Javier",
                "Elena",
                "Diego",
                "Nuria",
                "Andrés",
            ],
            &[
                "García",
                "Fernández",
                "González",
                "Rodríguez",
                "López",
                "Martínez",
                "Sánchez",
                "Pérez",
                "Gómez",
                "Ruiz",
                "Navarro",
                "Ortega",
            ],
        ),
        "pt" => (
            &[
                "João", "Ana", "Pedro", "Mariana", "Lucas", "Beatriz", "Gabriel", "Juliana",
                "Rafael", "Camila", "Thiago", "Letícia",
            ],
            &[
                "Silva",
                "Santos",
                "Oliveira",
                "Souza",
                "Pereira",
                "Costa",
                "Rodrigues",
                "Almeida",
                "Nascimento",
                "Lima",
                "Carvalho",
                "Ribeiro",
            ],
        ),
        "zh" => (
            &["伟", "娜", "敏", "洋", "静", "磊", "婷", "强"],
            &["王", "李", "张", "刘", "陈", "杨", "黄", "赵"],
        ),
        "ja" => (
            &["健", "美咲", "翔", "陽子", "大輔", "さくら", "拓也", "由美"],
            &[
                "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村",
            ],
        ),
        _ => (
            &[
                "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda",
                "Emily", "Daniel", "Sarah", "Kevin", "Olivia", "Brian", "Megan", "Priya", "Wei",
                "Aisha", "Connor", "Siobhan",
            ],
            &[
                "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Wilson",
                "Anderson", "Taylor", "Thompson", "Moore", "Clark", "Lewis", "Walker", "Patel",
                "Nguyen", "O'Brien", "Murphy", "MacLeod",
            ],
        ),
    };
    (pick(rng, first), pick(rng, last))
}

pub(crate) fn person_name(rng: &mut Rng, lang: &str) -> String {
    let (f, l) = first_last(rng, lang);
    match lang {
        "zh" => format!("{l}{f}"),
        "ja" => format!("{l} {f}"),
        _ if rng.gen_bool(0.1) => {
            let initial = char::from(*UPPER.choose(rng).expect("letters"));
            format!("{f} {initial}. {l}")
        }
        _ => format!("{f} {l}"),
    }
}

fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            Some(match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'î' | 'ï' => 'i',
                'ó' | 'ô' | 'õ' | 'ö' => 'o',
                'ú' | 'ü' | 'û' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                'ß' => 's',
                '\'' | ' ' => return None,
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
                _ => return None,
            })
        })
        .collect()
}

pub(crate) fn email(rng: &mut Rng, lang: &str) -> String {
    let l2 = if matches!(lang, "zh" | "ja") {
        "en"
    } else {
        lang
    };
    let (f, l) = first_last(rng, l2);
    let (f, l) = (ascii_fold(f), ascii_fold(l));
    let domains: &[&str] = match lang {
        "de" => &["web.de", "gmx.de", "t-online.de", "gmail.com", "posteo.de"],
        "fr" => &["orange.fr", "free.fr", "laposte.net", "gmail.com"],
        "es" => &["gmail.com", "yahoo.es", "hotmail.es", "telefonica.net"],
        "pt" => &["uol.com.br", "gmail.com", "sapo.pt", "bol.com.br"],
        "zh" => &["qq.com", "163.com", "126.com"],
        "ja" => &["yahoo.co.jp", "gmail.com", "docomo.ne.jp"],
        _ => &[
            "gmail.com",
            "outlook.com",
            "yahoo.com",
            "icloud.com",
            "hotmail.co.uk",
            "protonmail.com",
            "brightwave-consulting.com",
            "northfieldlabs.io",
        ],
    };
    let d = pick(rng, domains);
    match rng.gen_range(0..4) {
        0 => format!("{f}.{l}@{d}"),
        1 => format!("{}{l}{}@{d}", &f[..1], rng.gen_range(1..99)),
        2 => format!("{f}_{l}{}@{d}", rng.gen_range(70..99)),
        _ => format!("{f}{}@{d}", rng.gen_range(100..9999)),
    }
}

pub(crate) fn phone(rng: &mut Rng, lang: &str) -> String {
    let d = |rng: &mut Rng, n| digits(rng, n);
    match lang {
        "de" => match rng.gen_range(0..3) {
            0 => format!("+49 30 {}", rng.gen_range(2_000_000..9_999_999)),
            1 => format!("0151 {}", d(rng, 8)),
            _ => format!("+49 (0)89 {} {}", rng.gen_range(200..999), d(rng, 4)),
        },
        "fr" => {
            let p = pick(rng, &["06", "07", "01", "04"]);
            // Mobile ranges in use (ARCEP): 06 except 0639 and 069x but 0695/0698, and
            // 073–079.
            let head: u32 = rng.gen_range(10..99);
            let head = match (p, head) {
                ("07", h) if h < 30 => h + 40,
                ("06", 39) => 38,
                ("06", h) if h >= 90 && h != 95 && h != 98 => h - 10,
                (_, h) => h,
            };
            let rest = format!("{head}{}", d(rng, 6));
            if rng.gen_bool(0.5) {
                format!("{p} {}", group(&rest, &[2, 2, 2, 2], " "))
            } else {
                format!("+33 {} {}", &p[1..], group(&rest, &[2, 2, 2, 2], " "))
            }
        }
        "es" => format!("+34 6{} {} {}", d(rng, 2), d(rng, 3), d(rng, 3)),
        "pt" => {
            if rng.gen_bool(0.6) {
                format!("+55 11 9{}-{}", rng.gen_range(1000..9999), d(rng, 4))
            } else {
                format!("(21) 9{}-{}", rng.gen_range(1000..9999), d(rng, 4))
            }
        }
        "zh" => format!("+86 13{} {} {}", d(rng, 1), d(rng, 4), d(rng, 4)),
        "ja" => format!("090-{}-{}", rng.gen_range(1000..9999), d(rng, 4)),
        _ => {
            let area = pick(
                rng,
                &[
                    "212", "312", "415", "617", "303", "206", "512", "702", "404", "214", "646",
                    "718",
                ],
            );
            let ex = rng.gen_range(201..999);
            let ex = if ex == 555 { 556 } else { ex };
            let line = d(rng, 4);
            match rng.gen_range(0..6) {
                0 => format!("({area}) {ex}-{line}"),
                1 => format!("{area}-{ex}-{line}"),
                2 => format!("+1 {area} {ex} {line}"),
                3 => format!("{area}.{ex}.{line}"),
                4 => format!(
                    "+44 7{} {}",
                    uk_mobile_block(rng.gen_range(400..999)),
                    d(rng, 6)
                ),
                _ => format!("+1-{area}-{ex}-{line}"),
            }
        }
    }
}

/// A UK mobile block 7400–7999 in use (Ofcom): 76xx are pagers, and a few blocks are
/// unallocated or not mobile.
fn uk_mobile_block(n: u32) -> u32 {
    let mut n = if (600..700).contains(&n) { n + 100 } else { n };
    while [457, 509, 524, 700, 781, 797, 829, 839, 911, 937].contains(&n) {
        n += 1;
    }
    n
}

pub(crate) fn street_address(rng: &mut Rng, lang: &str) -> String {
    let n = rng.gen_range(1..2400);
    match lang {
        "de" => format!(
            "{} {}, {} {}",
            pick(
                rng,
                &[
                    "Hauptstraße",
                    "Bahnhofstraße",
                    "Lindenweg",
                    "Gartenstraße",
                    "Schillerstraße",
                    "Am Mühlbach"
                ]
            ),
            rng.gen_range(1..140),
            rng.gen_range(10_115..99_998),
            pick(
                rng,
                &[
                    "Berlin",
                    "München",
                    "Köln",
                    "Leipzig",
                    "Freiburg im Breisgau",
                    "Hamburg"
                ]
            )
        ),
        "fr" => format!(
            "{} {}, {} {}",
            rng.gen_range(1..180),
            pick(
                rng,
                &[
                    "rue des Lilas",
                    "avenue Jean Jaurès",
                    "boulevard Voltaire",
                    "rue de la République",
                    "impasse des Tilleuls"
                ]
            ),
            rng.gen_range(10_000..95_999),
            pick(
                rng,
                &["Lyon", "Paris", "Nantes", "Toulouse", "Bordeaux", "Lille"]
            )
        ),
        "es" => format!(
            "{} {}, {}º {}, {} {}",
            pick(
                rng,
                &[
                    "Calle Mayor",
                    "Avenida de la Constitución",
                    "Calle de Alcalá",
                    "Paseo de Gracia",
                    "Calle Real"
                ]
            ),
            rng.gen_range(1..200),
            rng.gen_range(1..9),
            pick(rng, &["A", "B", "C", "izda.", "dcha."]),
            rng.gen_range(10_000..52_999),
            pick(
                rng,
                &["Madrid", "Sevilla", "Valencia", "Barcelona", "Zaragoza"]
            )
        ),
        "pt" => format!(
            "{} {}, apto {}, {}-{} {}",
            pick(
                rng,
                &[
                    "Rua das Flores",
                    "Avenida Paulista",
                    "Rua Augusta",
                    "Rua XV de Novembro",
                    "Avenida Atlântica"
                ]
            ),
            rng.gen_range(10..2000),
            rng.gen_range(11..180),
            rng.gen_range(10_000..99_999),
            digits(rng, 3),
            pick(
                rng,
                &[
                    "São Paulo - SP",
                    "Rio de Janeiro - RJ",
                    "Curitiba - PR",
                    "Belo Horizonte - MG"
                ]
            )
        ),
        "zh" => format!(
            "{}{}路{}号",
            pick(
                rng,
                &[
                    "上海市浦东新区",
                    "北京市朝阳区",
                    "广州市天河区",
                    "深圳市南山区"
                ]
            ),
            pick(rng, &["世纪大道", "建国", "天河", "科技"]),
            rng.gen_range(1..300)
        ),
        "ja" => format!(
            "〒{}-{} {}{}丁目{}-{}",
            rng.gen_range(100..999),
            digits(rng, 4),
            pick(
                rng,
                &[
                    "東京都渋谷区神南",
                    "大阪府大阪市北区梅田",
                    "東京都新宿区西新宿"
                ]
            ),
            rng.gen_range(1..9),
            rng.gen_range(1..30),
            rng.gen_range(1..20)
        ),
        _ => match rng.gen_range(0..4) {
            0 => format!(
                "{n} {} {}, {} {}, {} {}",
                pick(
                    rng,
                    &[
                        "Maple",
                        "Oak",
                        "Cedar",
                        "Pine",
                        "Washington",
                        "Lincoln",
                        "Sunset",
                        "Lakeview"
                    ]
                ),
                pick(
                    rng,
                    &["Avenue", "Street", "Drive", "Road", "Blvd", "Lane", "Ct"]
                ),
                pick(rng, &["Apt", "Suite", "Unit", "#"]),
                rng.gen_range(1..40),
                pick(
                    rng,
                    &[
                        "Springfield, IL",
                        "Austin, TX",
                        "Portland, OR",
                        "Columbus, OH",
                        "Raleigh, NC",
                        "Denver, CO"
                    ]
                ),
                rng.gen_range(10_000..99_950)
            ),
            1 => format!(
                "{n} {} {}, {}",
                pick(rng, &["Elm", "Birch", "Highland", "Park", "Main", "River"]),
                pick(rng, &["St", "Street", "Ave", "Road", "Way"]),
                pick(
                    rng,
                    &[
                        "Madison, WI 53703",
                        "Tampa, FL 33602",
                        "Boise, ID 83702",
                        "Albany, NY 12207"
                    ]
                )
            ),
            2 => format!(
                "{} {}, {} {}",
                rng.gen_range(1..200),
                pick(
                    rng,
                    &[
                        "Elm Grove",
                        "Station Road",
                        "Church Lane",
                        "Victoria Street",
                        "High Street"
                    ]
                ),
                pick(
                    rng,
                    &["Leeds", "Bristol", "Manchester", "Edinburgh", "Cardiff"]
                ),
                pick(
                    rng,
                    &["LS6 2AB", "BS1 4DJ", "M14 5RL", "EH8 9YL", "CF10 3AT"]
                )
            ),
            _ => format!(
                "{} {} {}, {}",
                rng.gen_range(10..2000),
                pick(
                    rng,
                    &[
                        "Queen St W",
                        "Rue Sainte-Catherine O",
                        "Granville St",
                        "Jasper Ave"
                    ]
                ),
                pick(
                    rng,
                    &[
                        "Toronto, ON",
                        "Montréal, QC",
                        "Vancouver, BC",
                        "Edmonton, AB"
                    ]
                ),
                pick(rng, &["M5V 2A9", "H3B 1A7", "V6C 1T2", "T5J 1N3"])
            ),
        },
    }
}

pub(crate) fn location(rng: &mut Rng, lang: &str) -> String {
    let places: &[&str] = match lang {
        "de" => &[
            "Hamburg",
            "Dresden",
            "Stuttgart",
            "Österreich",
            "Bodensee",
            "Nürnberg",
        ],
        "fr" => &[
            "Marseille",
            "Bretagne",
            "Strasbourg",
            "Montpellier",
            "Belgique",
            "Grenoble",
        ],
        "es" => &[
            "Málaga",
            "Bilbao",
            "Andalucía",
            "Granada",
            "México",
            "Valladolid",
        ],
        "pt" => &[
            "Lisboa",
            "Porto",
            "Recife",
            "Salvador",
            "Florianópolis",
            "Angola",
        ],
        "zh" => &["杭州", "成都", "南京", "武汉"],
        "ja" => &["京都", "札幌", "福岡", "横浜"],
        _ => &[
            "Chicago",
            "Denver",
            "Seattle",
            "Dublin",
            "Singapore",
            "Lisbon",
            "New Jersey",
            "Ontario",
            "Boston",
            "Phoenix",
            "Scotland",
            "Nairobi",
        ],
    };
    pick(rng, places).to_string()
}

fn month_name(lang: &str, m: usize) -> &'static str {
    let names: [&str; 12] = match lang {
        "de" => [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        "fr" => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "es" => [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        "pt" => [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        _ => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    };
    names[m - 1]
}

/// A calendar date written the way people of `lang` write it.
pub(crate) fn date_in(rng: &mut Rng, lang: &str, years: std::ops::Range<u32>) -> String {
    let y = rng.gen_range(years);
    let m = rng.gen_range(1..=12usize);
    let d = rng.gen_range(1..=28);
    match (lang, rng.gen_range(0..3)) {
        ("zh" | "ja", _) => format!("{y}年{m}月{d}日"),
        ("de", 0) => format!("{d}. {} {y}", month_name(lang, m)),
        ("de", _) => format!("{d:02}.{m:02}.{y}"),
        ("fr", 0) => format!("{d} {} {y}", month_name(lang, m)),
        ("es" | "pt", 0) => format!("{d} de {} de {y}", month_name(lang, m)),
        ("fr" | "es" | "pt", _) => format!("{d:02}/{m:02}/{y}"),
        (_, 0) => format!("{} {d}, {y}", month_name("en", m)),
        (_, 1) => format!("{m:02}/{d:02}/{y}"),
        _ => format!("{d} {} {y}", month_name("en", m)),
    }
}

// ---------------------------------------------------------------- finance

pub(crate) fn credit_card(rng: &mut Rng) -> String {
    let (prefix, len, groups): (String, usize, &[usize]) = match rng.gen_range(0..5) {
        0 | 1 => ("4".into(), 16, &[4, 4, 4, 4]),
        2 => (format!("5{}", rng.gen_range(1..6)), 16, &[4, 4, 4, 4]),
        3 => (pick(rng, &["34", "37"]).into(), 15, &[4, 6, 5]),
        _ => (format!("22{}", rng.gen_range(30..70)), 16, &[4, 4, 4, 4]),
    };
    let body = format!("{prefix}{}", digits(rng, len - 1 - prefix.len()));
    let full = format!("{body}{}", checks::luhn_digit(&body));
    match rng.gen_range(0..3) {
        0 => full,
        1 => group(&full, groups, " "),
        _ => group(&full, groups, "-"),
    }
}

pub(crate) fn iban(rng: &mut Rng) -> String {
    let (cc, bban) = match rng.gen_range(0..7) {
        0 => ("DE", digits(rng, 18)),
        1 => (
            "FR",
            format!(
                "{}{}{}",
                digits(rng, 10),
                from_set(rng, b"0123456789ABCDEFGHJK", 11),
                digits(rng, 2)
            ),
        ),
        2 => {
            // Spanish BBANs carry their own check digits (the CCC's positions 9 and 10).
            let d = digits(rng, 20);
            let (a, b) = checks::es_ccc_digits(&d[..8], &d[10..]);
            ("ES", format!("{}{a}{b}{}", &d[..8], &d[10..]))
        }
        3 => (
            "GB",
            format!("{}{}", from_set(rng, UPPER, 4), digits(rng, 14)),
        ),
        4 => (
            "NL",
            format!(
                "{}{}",
                pick(rng, &["ABNA", "INGB", "RABO", "TRIO"]),
                digits(rng, 10)
            ),
        ),
        5 => ("PT", digits(rng, 21)),
        _ => (
            "IE",
            format!("{}{}", pick(rng, &["AIBK", "BOFI"]), digits(rng, 14)),
        ),
    };
    let ck = checks::iban_check(cc, &bban);
    let s = format!("{cc}{ck:02}{bban}");
    if rng.gen_bool(0.6) {
        s.as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s
    }
}

pub(crate) fn routing(rng: &mut Rng) -> String {
    let p = pick(
        rng,
        &[
            "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22",
            "26", "31", "32", "61", "63", "67",
        ],
    );
    let first8 = format!("{p}{}", digits(rng, 6));
    format!("{first8}{}", checks::aba_digit(&first8))
}

pub(crate) fn swift(rng: &mut Rng) -> String {
    let bank = from_set(rng, UPPER, 4);
    let cc = pick(
        rng,
        &[
            "DE", "FR", "GB", "US", "ES", "BR", "CA", "IE", "PT", "CH", "NL", "JP",
        ],
    );
    let loc = format!(
        "{}{}",
        from_set(rng, UPPER, 1),
        from_set(rng, b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 1)
    );
    if rng.gen_bool(0.4) {
        format!(
            "{bank}{cc}{loc}{}",
            pick(rng, &["XXX", "100", "MUC", "LON", "A01"])
        )
    } else {
        format!("{bank}{cc}{loc}")
    }
}

pub(crate) fn cusip(rng: &mut Rng) -> String {
    let first8 = format!(
        "{}{}{}",
        digits(rng, 3),
        from_set(rng, b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ", 3),
        from_set(rng, b"0123456789AB", 2)
    );
    format!("{first8}{}", checks::cusip_digit(&first8))
}

pub(crate) fn canada_bank_account(rng: &mut Rng) -> String {
    let inst = pick(
        rng,
        &["001", "002", "003", "004", "006", "010", "016", "815"],
    );
    let transit = digits(rng, 5);
    let n = rng.gen_range(7..=12);
    let acct = digits(rng, n);
    match rng.gen_range(0..3) {
        0 => format!("{transit}-{inst}-{acct}"),
        1 => format!("{inst} {transit} {acct}"),
        _ => format!("{transit}{inst}{acct}"),
    }
}

// ---------------------------------------------------------------- secrets

pub(crate) fn api_key(rng: &mut Rng) -> String {
    match rng.gen_range(0..10) {
        0 => loop {
            let k = format!(
                "AKIA{}",
                from_set(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
            );
            if !k.contains("EXAMPLE") {
                return k;
            }
        },
        1 => {
            let r = mixed(rng, ALNUM, 30);
            format!("ghp_{r}{}", checks::base62(checks::crc32(r.as_bytes()), 6))
        }
        2 => format!(
            "xoxb-{}-{}-{}",
            rng.gen_range(1_000_000_000u64..9_999_999_999_999),
            rng.gen_range(1_000_000_000u64..9_999_999_999_999),
            mixed(rng, ALNUM, 24)
        ),
        3 => {
            let n = 24 + 75 * rng.gen_range(0..2);
            format!("sk_live_{}", mixed(rng, ALNUM, n))
        }
        4 => format!("AIza{}", mixed(rng, URLSAFE, 35)),
        5 => format!("SG.{}.{}", mixed(rng, URLSAFE, 22), mixed(rng, URLSAFE, 43)),
        6 => format!("glpat-{}", mixed(rng, URLSAFE, 20)),
        7 => format!("SK{}", from_set(rng, HEX, 32)),
        8 => format!("npm_{}", mixed(rng, ALNUM, 36)),
        _ => format!("sk-proj-{}", mixed(rng, URLSAFE, 64)),
    }
}

fn pem_body(rng: &mut Rng, lines: usize, first: &str) -> String {
    let mut out = String::from(first);
    out.push_str(&from_set(rng, B64, 64 - first.len()));
    for _ in 1..lines {
        out.push('\n');
        out.push_str(&from_set(rng, B64, 64));
    }
    out.push('\n');
    let n = rng.gen_range(8..60);
    out.push_str(&from_set(rng, B64, n));
    out.push_str(pick(rng, &["=", "==", ""]));
    out
}

pub(crate) fn private_key(rng: &mut Rng) -> String {
    let (label, first) = match rng.gen_range(0..4) {
        0 => ("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA"),
        1 => ("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
        2 => ("EC PRIVATE KEY", "MHcCAQEEI"),
        _ => (
            "OPENSSH PRIVATE KEY",
            "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA",
        ),
    };
    let lines = if label == "EC PRIVATE KEY" {
        2
    } else {
        rng.gen_range(5..14)
    };
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----",
        pem_body(rng, lines, first)
    )
}

pub(crate) fn gcp_credentials(rng: &mut Rng) -> String {
    let project = format!(
        "{}-{}-{}",
        pick(rng, &["acme", "northwind", "helio", "tandem", "bluefin"]),
        pick(rng, &["prod", "staging", "data", "ml"]),
        rng.gen_range(100_000..999_999)
    );
    let sa = pick(
        rng,
        &["ci-deployer", "bigquery-export", "terraform", "backup-job"],
    );
    let lines = rng.gen_range(4..10);
    let key = pem_body(rng, lines, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC").replace('\n', "\\n");
    let kid = from_set(rng, HEX, 40);
    let cid = digits(rng, 21);
    if rng.gen_bool(0.5) {
        format!(
            "{{\n  \"type\": \"service_account\",\n  \"project_id\": \"{project}\",\n  \"private_key_id\": \"{kid}\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{key}\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"{sa}@{project}.iam.gserviceaccount.com\",\n  \"client_id\": \"{cid}\",\n  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}}"
        )
    } else {
        format!(
            "{{\"type\":\"service_account\",\"project_id\":\"{project}\",\"private_key_id\":\"{kid}\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\n{key}\\n-----END PRIVATE KEY-----\\n\",\"client_email\":\"{sa}@{project}.iam.gserviceaccount.com\",\"client_id\":\"{cid}\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}}"
        )
    }
}

pub(crate) fn password(rng: &mut Rng) -> String {
    let word = pick(
        rng,
        &[
            "Summer",
            "Winter",
            "Dragon",
            "Sunshine",
            "Bailey",
            "Monkey",
            "Falcon",
            "Sonnenschein",
            "Soleil",
            "Primavera",
            "Brasil",
            "Tigre",
            "Kaffee",
            "Mariposa",
        ],
    );
    match rng.gen_range(0..4) {
        0 => format!(
            "{word}{}{}",
            rng.gen_range(1970..2026),
            pick(rng, &["!", "#", "*", "$", "?"])
        ),
        1 => format!(
            "{}{}{word}{}",
            pick(rng, &["My", "mein", "le", "la"]),
            rng.gen_range(1..99),
            pick(rng, &["!!", "&", "%"])
        ),
        2 => mixed(
            rng,
            b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+?@",
            14,
        ),
        _ => format!(
            "{}{}{}",
            word.to_lowercase(),
            pick(rng, &["_", ".", "-"]),
            rng.gen_range(100..9999)
        ),
    }
}

pub(crate) fn db_connection(rng: &mut Rng) -> String {
    let user = pick(
        rng,
        &[
            "app",
            "admin",
            "svc_billing",
            "readonly",
            "root",
            "etl_user",
        ],
    );
    let pw = password(rng).replace(['@', ':', '/', '#', '?', '%'], "x");
    let host = pick(
        rng,
        &[
            "db-prod-01.internal",
            "pg.acme-corp.net",
            "10.20.3.14",
            "mysql-primary.svc.cluster.local",
            "orders-db.c9xk2ab3.eu-west-1.rds.amazonaws.com",
        ],
    );
    let db = pick(rng, &["orders", "app_prod", "crm", "billing", "analytics"]);
    match rng.gen_range(0..5) {
        0 => format!("postgres://{user}:{pw}@{host}:5432/{db}"),
        1 => format!("mysql://{user}:{pw}@{host}:3306/{db}"),
        2 => format!("mongodb+srv://{user}:{pw}@cluster0.{}.mongodb.net/{db}?retryWrites=true&w=majority", from_set(rng, b"abcdefghijklmnopqrstuvwxyz0123456789", 5)),
        3 => format!("Server=tcp:{host},1433;Initial Catalog={db};User ID={user};Password={pw};Encrypt=True;"),
        _ => format!("redis://default:{pw}@{host}:6379/0"),
    }
}

pub(crate) fn random_token(rng_: &mut Rng) -> String {
    let n = rng_.gen_range(32..65);
    random_token_in(rng_, n)
}

fn random_token_in(rng: &mut Rng, n: usize) -> String {
    if rng.gen_bool(0.5) {
        random_token_set(rng, ALNUM, n)
    } else {
        random_token_set(rng, URLSAFE, n)
    }
}

fn random_token_set(rng: &mut Rng, set: &[u8], n: usize) -> String {
    mixed(rng, set, n)
}

// ---------------------------------------------------------------- devices

pub(crate) fn mac(rng: &mut Rng) -> String {
    let bytes: Vec<u8> = (0..6).map(|_| rng.gen()).collect();
    let oui = pick(
        rng,
        &[
            "00:1A:2B", "3C:22:FB", "F0:18:98", "B8:27:EB", "DC:A6:32", "00:50:56", "AC:DE:48",
        ],
    );
    let mut b = bytes;
    let o: Vec<u8> = oui
        .split(':')
        .map(|h| u8::from_str_radix(h, 16).unwrap_or(0))
        .collect();
    b[..3].copy_from_slice(&o);
    match rng.gen_range(0..4) {
        0 => b
            .iter()
            .map(|x| format!("{x:02X}"))
            .collect::<Vec<_>>()
            .join(":"),
        1 => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<Vec<_>>()
            .join(":"),
        2 => b
            .iter()
            .map(|x| format!("{x:02X}"))
            .collect::<Vec<_>>()
            .join("-"),
        _ => {
            let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
            group(&h, &[4, 4, 4], ".")
        }
    }
}

pub(crate) fn imei(rng: &mut Rng) -> String {
    let tac = format!(
        "{}{}",
        pick(rng, &["35", "86", "01", "49", "99"]),
        digits(rng, 6)
    );
    let body = format!("{tac}{}", digits(rng, 6));
    let full = format!("{body}{}", checks::luhn_digit(&body));
    if rng.gen_bool(0.25) {
        group(&full, &[2, 6, 6, 1], "-")
    } else {
        full
    }
}

pub(crate) fn vin(rng: &mut Rng) -> String {
    const VIN: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let wmi = pick(
        rng,
        &[
            "1HG", "1FA", "2T1", "3VW", "JHM", "WVW", "WBA", "5YJ", "1G1", "KMH", "4T1", "1FT",
        ],
    );
    let vds = from_set(rng, VIN, 5);
    let year = from_set(rng, b"ABCDEFGHJKLMNPRSTVWXY123456789", 1);
    let plant = from_set(rng, VIN, 1);
    let serial = digits(rng, 6);
    let draft = format!("{wmi}{vds}0{year}{plant}{serial}");
    let c = checks::vin_check(&draft);
    format!("{wmi}{vds}{c}{year}{plant}{serial}")
}

pub(crate) fn ipv4(rng: &mut Rng) -> String {
    let first = pick(
        rng,
        &[
            "84", "93", "176", "185", "24", "73", "98", "142", "151", "201", "10", "192",
        ],
    );
    match first {
        "10" => format!(
            "10.{}.{}.{}",
            rng.gen_range(0..255),
            rng.gen_range(0..255),
            rng.gen_range(1..255)
        ),
        "192" => format!("192.168.{}.{}", rng.gen_range(0..20), rng.gen_range(2..255)),
        _ => format!(
            "{first}.{}.{}.{}",
            rng.gen_range(0..255),
            rng.gen_range(0..255),
            rng.gen_range(1..255)
        ),
    }
}

pub(crate) fn ip(rng: &mut Rng) -> String {
    if rng.gen_bool(0.15) {
        let g: Vec<String> = (0..8)
            .map(|_| format!("{:x}", rng.gen_range(1..0xffffu32)))
            .collect();
        format!("2a02:{}", g[1..].join(":"))
    } else {
        ipv4(rng)
    }
}

// ---------------------------------------------------------------- health

pub(crate) const ICD9: &[(&str, &str)] = &[
    ("401.9", "Unspecified essential hypertension"),
    ("428.0", "Congestive heart failure, unspecified"),
    ("496", "Chronic airway obstruction, not elsewhere classified"),
    ("486", "Pneumonia, organism unspecified"),
    ("272.4", "Other and unspecified hyperlipidemia"),
    ("530.81", "Esophageal reflux"),
    ("311", "Depressive disorder, not elsewhere classified"),
    ("493.90", "Asthma, unspecified type, unspecified"),
    ("714.0", "Rheumatoid arthritis"),
    ("585.3", "Chronic kidney disease, Stage III (moderate)"),
    ("780.79", "Other malaise and fatigue"),
    ("250.00", "Diabetes mellitus without mention of complication, type II or unspecified type, not stated as uncontrolled"),
    ("724.2", "Lumbago"),
    ("346.90", "Migraine, unspecified, without mention of intractable migraine without mention of status migrainosus"),
    ("V58.67", "Long-term (current) use of insulin"),
    ("E849.0", "Home accidents"),
];

pub(crate) const ICD10: &[(&str, &str)] = &[
    ("E11.9", "Type 2 diabetes mellitus without complications"),
    ("I10", "Essential (primary) hypertension"),
    ("J45.909", "Unspecified asthma, uncomplicated"),
    ("M54.5", "Low back pain"),
    ("F32.9", "Major depressive disorder, single episode, unspecified"),
    ("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
    ("N18.3", "Chronic kidney disease, stage 3 (moderate)"),
    ("E78.5", "Hyperlipidemia, unspecified"),
    ("I50.9", "Heart failure, unspecified"),
    ("J44.9", "Chronic obstructive pulmonary disease, unspecified"),
    ("M17.11", "Unilateral primary osteoarthritis, right knee"),
    ("G43.909", "Migraine, unspecified, not intractable, without status migrainosus"),
    ("Z79.4", "Long term (current) use of insulin"),
    ("S72.001A", "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"),
    ("F41.1", "Generalized anxiety disorder"),
    ("J06.9", "Acute upper respiratory infection, unspecified"),
];

pub(crate) const DRUGS: &[&str] = &[
    "metformin",
    "lisinopril",
    "atorvastatin",
    "Lipitor",
    "sertraline",
    "Zoloft",
    "amoxicillin",
    "levothyroxine",
    "Synthroid",
    "omeprazole",
    "amlodipine",
    "gabapentin",
    "Ozempic",
    "semaglutide",
    "albuterol",
    "Humira",
    "adalimumab",
    "prednisone",
    "Eliquis",
    "apixaban",
    "insulin glargine",
    "Lantus",
    "hydrocodone",
    "Adderall",
    "escitalopram",
    "montelukast",
];

pub(crate) fn npi(rng: &mut Rng) -> String {
    let first9 = format!("{}{}", pick(rng, &["1", "2"]), digits(rng, 8));
    format!("{first9}{}", checks::npi_digit(&first9))
}

pub(crate) fn ssn_digits(rng: &mut Rng) -> String {
    loop {
        let area = rng.gen_range(1..900);
        if area == 666 {
            continue;
        }
        return format!(
            "{area:03}{:02}{:04}",
            rng.gen_range(1..100),
            rng.gen_range(1..10000)
        );
    }
}

pub(crate) fn ssn(rng: &mut Rng) -> String {
    let d = ssn_digits(rng);
    match rng.gen_range(0..5) {
        0 => d,
        1 => group(&d, &[3, 2, 4], " "),
        _ => group(&d, &[3, 2, 4], "-"),
    }
}

pub(crate) fn hicn(rng: &mut Rng) -> String {
    let d = ssn_digits(rng);
    let bic = pick(rng, &["A", "B", "B1", "C1", "D", "M", "T", "W"]);
    if rng.gen_bool(0.5) {
        format!("{}{bic}", group(&d, &[3, 2, 4], "-"))
    } else {
        format!("{d}{bic}")
    }
}

pub(crate) fn mbi(rng: &mut Rng) -> String {
    const L: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
    const AN: &[u8] = b"ACDEFGHJKMNPQRTUVWXY0123456789";
    let s = format!(
        "{}{}{}{}{}{}{}{}{}{}",
        rng.gen_range(1..10),
        from_set(rng, L, 1),
        from_set(rng, AN, 1),
        digits(rng, 1),
        from_set(rng, L, 1),
        from_set(rng, AN, 1),
        digits(rng, 1),
        from_set(rng, L, 2),
        digits(rng, 1),
        digits(rng, 1)
    );
    if rng.gen_bool(0.3) {
        group(&s, &[4, 3, 4], "-")
    } else {
        s
    }
}

// ---------------------------------------------------------------- US

pub(crate) fn us_dl(rng: &mut Rng) -> String {
    match rng.gen_range(0..6) {
        0 => format!("{}{}", from_set(rng, UPPER, 1), digits(rng, 7)), // CA
        1 => group(&digits(rng, 9), &[3, 3, 3], " "),                  // NY
        2 => {
            let s = format!("{}{}", from_set(rng, UPPER, 1), digits(rng, 12)); // FL
            group(&s, &[4, 3, 2, 3, 1], "-")
        }
        3 => digits(rng, 8),                                            // TX
        4 => format!("{}{}", from_set(rng, UPPER, 1), digits(rng, 11)), // IL
        _ => format!("{}{}", from_set(rng, UPPER, 2), digits(rng, 6)),  // others
    }
}

pub(crate) fn us_passport(rng: &mut Rng) -> String {
    if rng.gen_bool(0.5) {
        format!("{}{}", rng.gen_range(1..10), digits(rng, 8))
    } else {
        format!(
            "{}{}",
            from_set(rng, b"ACEFGHJKLMNPRSTUVWXYZ", 1),
            digits(rng, 8)
        )
    }
}

pub(crate) fn ein(rng: &mut Rng) -> String {
    let p = pick(
        rng,
        &[
            "01", "04", "10", "12", "20", "23", "27", "30", "35", "41", "46", "52", "56", "61",
            "65", "71", "75", "81", "84", "88", "91", "94", "98",
        ],
    );
    format!("{p}-{}", digits(rng, 7))
}

pub(crate) fn itin(rng: &mut Rng) -> String {
    let mid = loop {
        let m = rng.gen_range(50..100);
        if !matches!(m, 66..=69 | 89 | 93) {
            break m;
        }
    };
    format!("9{}-{mid}-{}", digits(rng, 2), digits(rng, 4))
}

// ---------------------------------------------------------------- Canada

pub(crate) fn sin(rng: &mut Rng) -> String {
    let first = pick(rng, &["1", "2", "3", "4", "5", "6", "7", "9"]);
    let body = format!("{first}{}", digits(rng, 7));
    let s = format!("{body}{}", checks::luhn_digit(&body));
    if rng.gen_bool(0.5) {
        group(&s, &[3, 3, 3], " ")
    } else {
        group(&s, &[3, 3, 3], "-")
    }
}

pub(crate) fn bc_phn(rng: &mut Rng) -> String {
    loop {
        let first9 = format!("9{}", digits(rng, 8));
        if let Some(c) = checks::bc_phn_digit(&first9) {
            let s = format!("{first9}{c}");
            return if rng.gen_bool(0.5) {
                group(&s, &[4, 3, 3], " ")
            } else {
                s
            };
        }
    }
}

pub(crate) fn ohip(rng: &mut Rng) -> String {
    let body = format!("{}{}", rng.gen_range(1..10), digits(rng, 8));
    let s = format!("{body}{}", checks::luhn_digit(&body));
    let vc = from_set(rng, UPPER, 2);
    match rng.gen_range(0..3) {
        0 => format!("{}-{vc}", group(&s, &[4, 3, 3], "-")),
        1 => format!("{} {vc}", group(&s, &[4, 3, 3], " ")),
        _ => s,
    }
}

pub(crate) fn ca_dl(rng: &mut Rng) -> String {
    match rng.gen_range(0..3) {
        0 => {
            let s = format!("{}{}", from_set(rng, UPPER, 1), digits(rng, 14)); // Ontario
            group(&s, &[5, 5, 5], "-")
        }
        1 => format!("{}{}", from_set(rng, UPPER, 1), digits(rng, 12)), // Quebec
        _ => format!("{}-{}", digits(rng, 6), digits(rng, 3)),          // Alberta
    }
}

pub(crate) fn ca_gov_id(rng: &mut Rng) -> String {
    // Provincial photo ID cards (not driving licences).
    match rng.gen_range(0..2) {
        0 => format!(
            "{}{}-{}-{}",
            from_set(rng, UPPER, 1),
            digits(rng, 4),
            digits(rng, 5),
            digits(rng, 5)
        ),
        _ => format!("{}{}", from_set(rng, UPPER, 2), digits(rng, 7)),
    }
}

pub(crate) fn ca_passport(rng: &mut Rng) -> String {
    format!("{}{}", from_set(rng, UPPER, 2), digits(rng, 6))
}

pub(crate) fn ca_pr(rng: &mut Rng) -> String {
    if rng.gen_bool(0.5) {
        format!("{}-{}-{}", digits(rng, 2), digits(rng, 4), digits(rng, 4))
    } else {
        format!("{}-{}", digits(rng, 4), digits(rng, 4))
    }
}

pub(crate) fn quebec_hin(rng: &mut Rng) -> String {
    let name = from_set(rng, UPPER, 4);
    let yy = rng.gen_range(40..100);
    let mm = rng.gen_range(1..13) + if rng.gen_bool(0.5) { 50 } else { 0 };
    let dd = rng.gen_range(1..29);
    let s = format!("{name}{yy:02}{mm:02}{dd:02}{}", digits(rng, 2));
    if rng.gen_bool(0.5) {
        group(&s, &[4, 4, 4], " ")
    } else {
        s
    }
}

// ---------------------------------------------------------------- Europe

pub(crate) fn insee(rng: &mut Rng) -> String {
    let first13 = format!(
        "{}{:02}{:02}{:02}{}{}",
        rng.gen_range(1..3),
        rng.gen_range(40..100),
        rng.gen_range(1..13),
        rng.gen_range(1..96),
        digits(rng, 3),
        digits(rng, 3)
    );
    let key = checks::nir_key(&first13);
    let s = format!("{first13}{key:02}");
    if rng.gen_bool(0.5) {
        group(&s, &[1, 2, 2, 2, 3, 3, 2], " ")
    } else {
        s
    }
}

pub(crate) fn france_cni(rng: &mut Rng) -> String {
    if rng.gen_bool(0.5) {
        // The laminated card (1988–2021): year and month of issue, the issuing department
        // (three digits), five digits. Drawn from twelve random digits with the month made
        // valid, so the corpus's random stream is unchanged.
        let d = digits(rng, 12);
        let month = d[2..4].parse::<u32>().expect("digits") % 12 + 1;
        format!("{}{month:02}{}", &d[..2], &d[4..])
    } else {
        from_set(rng, b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9)
    }
}

pub(crate) fn france_passport(rng: &mut Rng) -> String {
    format!(
        "{}{}{}",
        digits(rng, 2),
        from_set(rng, UPPER, 2),
        digits(rng, 5)
    )
}

const DE_ID: &[u8] = b"CFGHJKLMNPRTVWXYZ0123456789";

pub(crate) fn de_id(rng: &mut Rng) -> String {
    let s = format!(
        "{}{}",
        from_set(rng, b"LMNPRTVWXY", 1),
        from_set(rng, DE_ID, 8)
    );
    format!("{s}{}", checks::icao_digit(&s))
}

pub(crate) fn de_passport(rng: &mut Rng) -> String {
    let s = format!("{}{}", from_set(rng, b"CFGHJK", 1), from_set(rng, DE_ID, 8));
    if rng.gen_bool(0.3) {
        format!("{s}{}", checks::icao_digit(&s))
    } else {
        s
    }
}

pub(crate) fn ie_passport(rng: &mut Rng) -> String {
    format!("{}{}", from_set(rng, b"PLNTRDFACWX", 2), digits(rng, 7))
}

pub(crate) fn ppsn(rng: &mut Rng) -> String {
    let seven = digits(rng, 7);
    let second = match rng.gen_range(0..3) {
        0 => Some('A'),
        1 => Some('W'),
        _ => None,
    };
    let c = checks::ppsn_letter(&seven, second);
    match second {
        Some(s) => format!("{seven}{c}{s}"),
        None => format!("{seven}{c}"),
    }
}

fn mod11_10(rng: &mut Rng, first: impl Fn(&mut Rng) -> String) -> String {
    loop {
        let f = first(rng);
        if let Some(c) = checks::nhs_digit(&f) {
            return format!("{f}{c}");
        }
    }
}

pub(crate) fn chi(rng: &mut Rng) -> String {
    mod11_10(rng, |rng| {
        format!(
            "{:02}{:02}{:02}{}",
            rng.gen_range(1..29),
            rng.gen_range(1..13),
            rng.gen_range(0..100),
            digits(rng, 3)
        )
    })
}

pub(crate) fn nhs(rng: &mut Rng) -> String {
    let s = mod11_10(rng, |rng| {
        format!("{}{}", pick(rng, &["4", "6", "7"]), digits(rng, 8))
    });
    match rng.gen_range(0..3) {
        0 => s,
        1 => group(&s, &[3, 3, 4], " "),
        _ => group(&s, &[3, 3, 4], "-"),
    }
}

pub(crate) fn nino(rng: &mut Rng) -> String {
    let s = loop {
        let a = from_set(rng, b"ABCEGHJKLMNOPRSTWXYZ", 1);
        let b = from_set(rng, b"ABCEGHJKLMNPRSTWXYZ", 1);
        let p = format!("{a}{b}");
        if !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&p.as_str()) {
            break p;
        }
    };
    let d = digits(rng, 6);
    let suffix = from_set(rng, b"ABCD", 1);
    if rng.gen_bool(0.5) {
        format!("{s} {} {suffix}", group(&d, &[2, 2, 2], " "))
    } else {
        format!("{s}{d}{suffix}")
    }
}

pub(crate) fn uk_passport(rng: &mut Rng) -> String {
    format!("{}{}", rng.gen_range(1..10), digits(rng, 8))
}

pub(crate) fn utr(rng: &mut Rng) -> String {
    let last9 = digits(rng, 9);
    let s = format!("{}{last9}", checks::utr_digit(&last9));
    if rng.gen_bool(0.4) {
        group(&s, &[5, 5], " ")
    } else {
        s
    }
}

pub(crate) fn uk_dl(rng: &mut Rng) -> String {
    let sur = pick(
        rng,
        &[
            "MORGA", "SMITH", "JONES", "WILLI", "TAYLO", "BROWN", "EVANS", "KHAN9", "LEE99",
            "PATEL",
        ],
    );
    let y = rng.gen_range(40..100u32);
    let m = rng.gen_range(1..13u32) + if rng.gen_bool(0.5) { 50 } else { 0 };
    let d = rng.gen_range(1..29u32);
    let initials = format!(
        "{}{}",
        from_set(rng, UPPER, 1),
        pick(rng, &["9", "J", "A", "M"])
    );
    format!(
        "{sur}{}{m:02}{d:02}{}{initials}{}{}",
        y / 10,
        y % 10,
        rng.gen_range(0..10),
        from_set(rng, b"ABCDEFGHJKLMNPRSTUVWXYZ", 2)
    )
}

pub(crate) fn electoral(rng: &mut Rng) -> String {
    let district = format!(
        "{}{}",
        from_set(rng, UPPER, 2),
        from_set(rng, b"ABCDEFGH123456789", 1)
    );
    match rng.gen_range(0..2) {
        0 => format!("{district}-{}", rng.gen_range(1..4000)),
        _ => format!("{district}-{:04}", rng.gen_range(1..4000)),
    }
}

pub(crate) fn cpf(rng: &mut Rng) -> String {
    let f = digits(rng, 9);
    let (a, b) = checks::cpf_digits(&f);
    if rng.gen_bool(0.75) {
        format!("{}.{}.{}-{a}{b}", &f[..3], &f[3..6], &f[6..])
    } else {
        format!("{f}{a}{b}")
    }
}

pub(crate) fn cnpj(rng: &mut Rng) -> String {
    let f = format!("{}000{}", digits(rng, 8), rng.gen_range(1..4));
    let (a, b) = checks::cnpj_digits(&f);
    if rng.gen_bool(0.75) {
        format!("{}.{}.{}/{}-{a}{b}", &f[..2], &f[2..5], &f[5..8], &f[8..])
    } else {
        format!("{f}{a}{b}")
    }
}

/// A value of `kind` for a ticket in `lang`; the companion is a second labelled value some
/// sentences carry (an ICD code beside its description).
pub(crate) fn value(
    kind: &str,
    rng: &mut Rng,
    lang: &str,
) -> (String, Option<(&'static str, String)>) {
    let v = match kind {
        "PERSON_NAME" => person_name(rng, lang),
        "EMAIL_ADDRESS" => email(rng, lang),
        "PHONE_NUMBER" => phone(rng, lang),
        "STREET_ADDRESS" => street_address(rng, lang),
        "LOCATION" => location(rng, lang),
        "DATE" => date_in(rng, lang, 2019..2026),
        "DATE_OF_BIRTH" => date_in(rng, lang, 1938..2006),
        "CREDIT_CARD_NUMBER" => credit_card(rng),
        "IBAN_CODE" => iban(rng),
        "US_BANK_ROUTING_MICR" => routing(rng),
        "SWIFT_CODE" => swift(rng),
        "AMERICAN_BANKERS_CUSIP_ID" => cusip(rng),
        "CANADA_BANK_ACCOUNT" => canada_bank_account(rng),
        "API_KEY" => api_key(rng),
        "CRYPTOGRAPHIC_KEY" => private_key(rng),
        "GCP_CREDENTIALS" => gcp_credentials(rng),
        "PASSWORD" | "PASSWORD_IN_CODE" => password(rng),
        "DATABASE_CONNECTION_STRING" => db_connection(rng),
        "RANDOMLY_GENERATED_TOKEN" => random_token(rng),
        "IP_ADDRESS" => ip(rng),
        "MAC_ADDRESS" => mac(rng),
        "IMEI_HARDWARE_ID" => imei(rng),
        "US_VEHICLE_IDENTIFICATION_NUMBER" => vin(rng),
        "ICD9_CODE"
        | "ICD9_DIAGNOSIS_DESCRIPTION"
        | "ICD10_CODE"
        | "ICD10_DIAGNOSIS_DESCRIPTION" => {
            let nine = kind.starts_with("ICD9");
            let (code, desc) = *if nine { ICD9 } else { ICD10 }.choose(rng).expect("codes");
            let (code_kind, desc_kind) = if nine {
                ("ICD9_CODE", "ICD9_DIAGNOSIS_DESCRIPTION")
            } else {
                ("ICD10_CODE", "ICD10_DIAGNOSIS_DESCRIPTION")
            };
            return if kind.ends_with("CODE") {
                (code.to_string(), Some((desc_kind, desc.to_string())))
            } else {
                (desc.to_string(), Some((code_kind, code.to_string())))
            };
        }
        "FDA_NATIONAL_DRUG_NAME" => pick(rng, DRUGS).to_string(),
        "US_HEALTHCARE_NPI" => npi(rng),
        "US_HEALTH_INSURANCE_CLAIM_NUMBER" => hicn(rng),
        "US_MEDICARE_BENEFICIARY_IDENTIFIER" => mbi(rng),
        "US_SOCIAL_SECURITY_NUMBER" => ssn(rng),
        "US_DRIVERS_LICENSE_NUMBER" => us_dl(rng),
        "US_PASSPORT" => us_passport(rng),
        "US_EMPLOYER_IDENTIFICATION_NUMBER" => ein(rng),
        "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER" => itin(rng),
        "CANADA_BC_PHN" => bc_phn(rng),
        "CANADA_DRIVERS_LICENSE_NUMBER" => ca_dl(rng),
        "CANADA_GOVERNMENT_ID" => ca_gov_id(rng),
        "CANADA_OHIP" => ohip(rng),
        "CANADA_PASSPORT" => ca_passport(rng),
        "CANADA_PERMANENT_RESIDENT_NUMBER" => ca_pr(rng),
        "CANADA_QUEBEC_HIN" => quebec_hin(rng),
        "CANADA_SOCIAL_INSURANCE_NUMBER" => sin(rng),
        "FRANCE_CNI" => france_cni(rng),
        "FRANCE_INSEE" => insee(rng),
        "FRANCE_PASSPORT" => france_passport(rng),
        "GERMANY_IDENTITY_NUMBER" => de_id(rng),
        "GERMANY_PASSPORT" => de_passport(rng),
        "IRELAND_PASSPORT" => ie_passport(rng),
        "IRELAND_PPSN" => ppsn(rng),
        "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER" => chi(rng),
        "UK_DRIVERS_LICENSE_NUMBER" => uk_dl(rng),
        "UK_ELECTORAL_ROLL_NUMBER" => electoral(rng),
        "UK_NATIONAL_HEALTH_SERVICE_NUMBER" => nhs(rng),
        "UK_NATIONAL_INSURANCE_NUMBER" => nino(rng),
        "UK_PASSPORT" => uk_passport(rng),
        "UK_TAXPAYER_REFERENCE" => utr(rng),
        "BRAZIL_CPF_NUMBER" => cpf(rng),
        "BRAZIL_BUSINESS_TAX_ID_NUMBER" => cnpj(rng),
        other => panic!("no generator for {other}"),
    };
    (v, None)
}
