#!/usr/bin/env python3
"""Runs Microsoft Presidio (presidio-analyzer from PyPI) on leakhound's labelled corpus and
writes its findings in the form `leakhound eval --findings` scores, so Presidio and leakhound
are measured by the same code on the same tickets.

    python3 -m venv /tmp/presidio && /tmp/presidio/bin/pip install presidio-analyzer
    leakhound eval --write-corpus /tmp/corpus.jsonl > /dev/null
    /tmp/presidio/bin/python scripts/presidio-eval.py /tmp/corpus.jsonl /tmp/presidio.jsonl
    leakhound eval --corpus /tmp/corpus.jsonl --findings /tmp/presidio.jsonl

Presidio's NER types (PERSON, LOCATION, DATE_TIME, NRP) need a spaCy model, which spaCy
downloads from GitHub, not from PyPI. Without one (the default here) Presidio runs on a blank
English pipeline: its pattern recognizers (cards, e-mail, phone, IBAN, IP, SSN, ITIN, US
passport and licence, UK NHS and NINO, crypto, URLs, ...) work, its NER types find nothing.
Pass `--model NAME_OR_PATH` to use an installed spaCy model. Every ticket is analysed as
English (Presidio's recognizers are registered per language; most are English-only).
Findings at or above `--threshold` (default 0, Presidio's own default) are kept.
"""

import argparse
import json
import sys
import tempfile

# Presidio entity -> leakhound native detector name. Unmapped entities keep their Presidio
# name, so they show up as types of their own (all their findings are false positives).
MAP = {
    "CREDIT_CARD": "CREDIT_CARD_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "IBAN_CODE": "IBAN_CODE",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_SSN": "US_SOCIAL_SECURITY_NUMBER",
    "US_ITIN": "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
    "US_PASSPORT": "US_PASSPORT",
    "US_DRIVER_LICENSE": "US_DRIVERS_LICENSE_NUMBER",
    "UK_NHS": "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "UK_NINO": "UK_NATIONAL_INSURANCE_NUMBER",
    "PERSON": "PERSON_NAME",
    "LOCATION": "LOCATION",
    "DATE_TIME": "DATE",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--model", help="spaCy model name or path (default: a blank English pipeline)")
    ap.add_argument("--threshold", type=float, default=0.0)
    args = ap.parse_args()

    import spacy
    import tldextract

    # Presidio's e-mail recognizer asks tldextract, which fetches the public suffix list from
    # GitHub on first use; use the snapshot bundled with tldextract instead (no network).
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    model = args.model
    if model is None:
        model = tempfile.mkdtemp(prefix="blank_en_")
        spacy.blank("en").to_disk(model)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model}],
    })
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    n = 0
    with open(args.corpus, encoding="utf-8") as f, open(args.out, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            text = t["text"]
            for r in analyzer.analyze(text=text, language="en", score_threshold=args.threshold):
                start = len(text[: r.start].encode("utf-8"))
                end = len(text[: r.end].encode("utf-8"))
                out.write(json.dumps({
                    "ticket": t["id"],
                    "start": start,
                    "end": end,
                    "detector": MAP.get(r.entity_type, r.entity_type),
                    "score": r.score,
                }) + "\n")
                n += 1
    print(f"{n} findings", file=sys.stderr)


if __name__ == "__main__":
    main()
