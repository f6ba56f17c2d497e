#!/usr/bin/env python3
"""Prints the markdown comparison tables of docs/accuracy.md §4 from `leakhound eval
--format json` reports: `accuracy-compare.py NAME=REPORT.json ...` (the first is leakhound)."""

import json
import sys

TYPES = [
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD_NUMBER", "IBAN_CODE", "IP_ADDRESS",
    "US_SOCIAL_SECURITY_NUMBER", "US_BANK_ROUTING_MICR", "API_KEY", "CRYPTOGRAPHIC_KEY",
    "PASSWORD", "MAC_ADDRESS", "US_PASSPORT", "US_DRIVERS_LICENSE_NUMBER",
    "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER", "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "UK_NATIONAL_INSURANCE_NUMBER", "DATE", "PERSON_NAME", "LOCATION",
]

runs = []
for arg in sys.argv[1:]:
    name, path = arg.split("=", 1)
    with open(path, encoding="utf-8") as f:
        runs.append((name, json.load(f)))

print("| tool | micro P | micro R | micro F1 | macro F1 | type-agnostic F2 | FP on hard negatives | FP per MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name, j in runs:
    m = j["micro"]["overlap"]
    hn = j["hard_negatives"]
    print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
          f"{j['macro_f1']['overlap']:.3f} | {j['type_agnostic']['f2']:.3f} | "
          f"{hn['false_positives']} | {hn['false_positives_per_mb']:.0f} |")
print()
print("Per type, overlap matching, precision / recall / **F1**; — means no finding of the type "
      "at all (no such detector, or none at that threshold):")
print()
print("| detector | support | " + " | ".join(n for n, _ in runs) + " |")
print("|---|---:|" + "---|" * len(runs))
for t in TYPES:
    cells, support = [], 0
    for _, j in runs:
        d = next((x for x in j["detectors"] if x["detector"] == t), None)
        if d is None:
            cells.append("—")
            continue
        support = d["support"]
        o = d["overlap"]
        found = o["tp"] + o["fp"]
        cells.append("—" if found == 0 and not d["implemented"] else
                     f"{o['precision']:.2f} / {o['recall']:.2f} / **{o['f1']:.2f}**")
    print(f"| {t} | {support} | " + " | ".join(cells) + " |")
print()
extra = {}
for i, (_, j) in enumerate(runs):
    for d in j["detectors"]:
        if d["support"] == 0 and d["overlap"]["fp"] > 0:
            extra.setdefault(d["detector"], [0] * len(runs))[i] = d["overlap"]["fp"]
if extra:
    print("Types with no counterpart in the corpus (every finding is a false positive), findings per "
          "run in the order above: " + ", ".join(
              f"`{k}` {' / '.join(map(str, v))}" for k, v in sorted(extra.items())) + ".")
