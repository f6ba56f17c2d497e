//! MAC_ADDRESS: Ethernet / Wi-Fi hardware (EUI-48) addresses.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::mac;

/// Six hex octets separated by colons or by dashes (one kind), or Cisco's three dot-separated
/// groups of four, standing alone: a longer colon run (SSH fingerprints, IPv6) is not cut
/// into a MAC. The all-zero and broadcast addresses are placeholders, not devices; a dotted
/// candidate without a hex letter is a version or build number. The shape is specific, so a
/// valid candidate is `LIKELY`; network words raise it and hash or fingerprint words lower it.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "MAC_ADDRESS",
    description:
        "MAC (EUI-48) addresses in colon, dash or Cisco dot notation, not all-zero or broadcast",
    patterns: &[Pattern::new(
        "mac-address",
        r"(?:^|[^0-9A-Za-z:.-])(?P<value>[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?:$|[^0-9A-Za-z:.-]|[.-]$|[.-][^0-9A-Za-z])",
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "mac",
            "hardware address",
            "hwaddr",
            "ether",
            "bssid",
            "wifi",
            "wi-fi",
            "wlan",
            "nic",
            "adapter",
            "dhcp",
            "arp",
            "router",
            "switch",
            "access point",
            "physical address",
        ],
        opposing: &[
            "sha",
            "md5",
            "hash",
            "fingerprint",
            "checksum",
            "digest",
            "key id",
            "certificate",
            "serial",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 217,
    examples: &[
        Example {
            text: "My laptop's MAC address is 3c:22:fb:8e:41:0a and it won't join the network.",
            finds: &["3c:22:fb:8e:41:0a"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "DHCP reservation for 00-1A-2B-3C-4D-5E please.",
            finds: &["00-1A-2B-3C-4D-5E"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "The port shows 0050.56c0.0008 as the only device.",
            finds: &["0050.56c0.0008"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "bssid=F4:F2:6D:91:0C:7E",
            finds: &["F4:F2:6D:91:0C:7E"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "SSH fingerprint 16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48 changed.",
        "MAC 00:00:00:00:00:00 is the placeholder value.",
        "Broadcast to ff:ff:ff:ff:ff:ff failed.",
        "Link-local address fe80::3c22:fbff:fe8e:410a is up.",
        "Build 2024.1101.1200 was released.",
        "sha1 prefix de:ad:be:ef:00:01 in the digest",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let octets = mac::parse(text)?;
    if octets == [0; 6] || octets == [0xff; 6] {
        return None;
    }
    if text.contains('.') && !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(Verdict::passed(Confidence::Likely, "mac-structure"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("3c:22:fb:8e:41:0a"), Some(Confidence::Likely));
        assert_eq!(c("00-1A-2B-3C-4D-5E"), Some(Confidence::Likely));
        assert_eq!(c("0050.56c0.0008"), Some(Confidence::Likely));
        assert_eq!(c("00:00:00:00:00:00"), None);
        assert_eq!(c("FF-FF-FF-FF-FF-FF"), None);
        assert_eq!(c("2024.1101.1200"), None);
        assert_eq!(c("3c:22:fb:8e:41"), None);
    }
}
