//! IP_ADDRESS: IPv4 and IPv6 addresses.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use std::net::{Ipv4Addr, Ipv6Addr};

/// IPv4 in dotted-quad form and IPv6 in full, compressed (`::`) and IPv4-embedded forms, each
/// checked by the standard library's parser.
///
/// The scanner tries every start position, so a dotted quad inside a longer dotted number
/// (`1.2.3.4.5`, an OID) or after a `v` (`v1.2.3.4`) would be found unless the pattern
/// itself looks at the neighbouring characters: the IPv4 pattern therefore consumes the
/// character before (if any) and after, and marks the address with the `value` group.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "IP_ADDRESS",
    description: "IPv4 and IPv6 addresses (not version strings, OIDs or times)",
    patterns: &[
        Pattern::new("ipv4", r"(?:^|[^0-9A-Za-z.])(?P<value>(?:[0-9]{1,3}\.){3}[0-9]{1,3})(?:$|[^0-9.]|\.$|\.[^0-9])"),
        // A final '.' is punctuation unless a character of an address follows it (a ':' too:
        // then the value's end could not be told by characters alone, and each candidate
        // would need a capturing search).
        Pattern::new("ipv6", r"(?:^|[^0-9A-Za-z:.])(?P<value>(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4}|:?))(?:$|[^0-9A-Za-z:.]|\.$|\.[^0-9A-Za-z:])"),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "ip ",
            "ip:",
            "ip=",
            "ips",
            "ipv4",
            "ipv6",
            "ip address",
            "address",
            "server",
            "host",
            "client",
            "from ",
            "login",
            "logged in",
            "connect",
            "gateway",
            "firewall",
            "vpn",
            "ping",
            "dns",
            "subnet",
        ],
        // Version and section numbers are dotted quads too; browser names catch user-agent
        // strings ("Chrome/120.0.0.0").
        opposing: &[
            "section",
            "chapter",
            "step ",
            "clause",
            "chrome",
            "safari",
            "firefox",
            "mozilla",
            "gecko",
            "user agent",
            "user-agent",
            "version",
            "ver ",
            "ver.",
            "v.",
            "build",
            "release",
            "firmware",
            "sdk",
            "oid",
            "patch",
            "update to",
            "upgrade to",
            "isbn",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 50,
    examples: &[
        Example {
            text: "depuis la version 3.18.4.2471 notre serveur 51.13.7.167 reçoit des erreurs 500.",
            finds: &["51.13.7.167"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "The login came from 203.0.113.42 at 09:14 UTC.",
            finds: &["203.0.113.42"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Our office NAT is 198.51.100.7; the laptop had 10.8.0.6.",
            finds: &["198.51.100.7", "10.8.0.6"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Blocked 2001:db8:85a3::8a2e:370:7334 and fe80::1ff:fe23:4567:890a today",
            finds: &["2001:db8:85a3::8a2e:370:7334", "fe80::1ff:fe23:4567:890a"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mapped address ::ffff:192.0.2.128 shows up in the logs.",
            finds: &["::ffff:192.0.2.128"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Full form 2001:0db8:0000:0000:0000:ff00:0042:8329 (from the router).",
            finds: &["2001:0db8:0000:0000:0000:ff00:0042:8329"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Please update to version 10.2.3.4 of the desktop app.",
        "We are running v1.2.3.4, build 4.0.0.1 of the agent.",
        "The certificate policy OID 1.3.6.1.4.1.311.21.7 is missing.",
        "The call started at 12:30:45 and ended at 13:02:10.",
        "Dotted 192.168.1.1.5 is not an address, nor is 300.1.2.3 or 01.02.03.04.",
        "Defaults 0.0.0.0 and 255.255.255.255 are placeholders.",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36",
        "See section 2.3.4.1 of the admin guide.",
        "Use std::vector and a::b::c in C++, MAC 00:1A:2B:3C:4D:5E.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    if text.contains(':') {
        return validate_v6(text);
    }
    let ip: Ipv4Addr = text.parse().ok()?;
    if ip.is_unspecified() || ip.is_broadcast() {
        return Some(Verdict::failed(Confidence::Unlikely, "ipv4-special"));
    }
    // "120.0.0.0", "4.0.0.0": a /8 network or, far more often, a version number.
    if ip.octets()[1..] == [0, 0, 0] {
        return Some(Verdict::failed(Confidence::Possible, "ipv4-network"));
    }
    Some(Verdict::passed(Confidence::Likely, "ipv4-parse"))
}

fn validate_v6(text: &str) -> Option<Verdict> {
    let ip: Ipv6Addr = text.parse().ok()?;
    // "a::b" shapes occur in code (`std::vector` minus its prefix, `Foo::Bar`); a real
    // address in text nearly always has three groups or more (an embedded IPv4 address
    // counts as two), two with a real-looking hextet ("fe80::1"), or is the loopback.
    let groups: usize = text
        .split(':')
        .filter(|g| !g.is_empty())
        .map(|g| if g.contains('.') { 2 } else { 1 })
        .sum();
    let hextet = text
        .split(':')
        .any(|g| g.len() >= 3 && g.bytes().any(|b| b.is_ascii_digit()));
    if groups < 2 || (groups == 2 && !hextet) {
        return ip
            .is_loopback()
            .then(|| Verdict::passed(Confidence::Likely, "ipv6-parse"));
    }
    if ip.is_unspecified() {
        return Some(Verdict::failed(Confidence::Unlikely, "ipv6-special"));
    }
    Some(Verdict::passed(Confidence::Likely, "ipv6-parse"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("203.0.113.42"), Some(Confidence::Likely));
        assert_eq!(c("127.0.0.1"), Some(Confidence::Likely));
        assert_eq!(c("192.168.1.1"), Some(Confidence::Likely));
        assert_eq!(c("0.0.0.0"), Some(Confidence::Unlikely));
        assert_eq!(c("255.255.255.255"), Some(Confidence::Unlikely));
        assert_eq!(c("120.0.0.0"), Some(Confidence::Possible));
        assert_eq!(c("256.1.1.1"), None);
        assert_eq!(c("01.2.3.4"), None);
        assert_eq!(c("2001:db8::1"), Some(Confidence::Likely));
        assert_eq!(c("::1"), Some(Confidence::Likely));
        assert_eq!(c("::ffff:192.0.2.128"), Some(Confidence::Likely));
        assert_eq!(c("12:30:45"), None);
        assert_eq!(c("d::"), None);
        assert_eq!(c("a::b"), None);
        assert_eq!(c("fe80::1"), Some(Confidence::Likely));
        assert_eq!(c("00:1A:2B:3C:4D:5E"), None);
    }

    #[test]
    fn patterns_see_neighbours() {
        let re = Regex::new(DETECTOR.patterns[0].regex().unwrap()).unwrap();
        let value = |t: &str| {
            let mut caps = re.create_captures();
            re.captures(t, &mut caps);
            caps.get_group_by_name("value")
                .map(|s| t[s.range()].to_string())
        };
        assert_eq!(value("ip 10.0.0.1."), Some("10.0.0.1".into()));
        assert_eq!(value("10.0.0.1:8080"), Some("10.0.0.1".into()));
        assert_eq!(value("(10.0.0.1)"), Some("10.0.0.1".into()));
        assert_eq!(value("1.10.0.0.1"), None);
        assert_eq!(value("v1.2.3.4"), None);
        assert_eq!(value("1.2.3.4567"), None);
    }
}
