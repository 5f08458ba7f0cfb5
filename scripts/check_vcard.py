#!/usr/bin/env python3
"""Parse a .vcf with Python vobject and print its contacts as JSON.

An independent reader for cardscan's vCard writer (tests/vcard_parsers.rs).

Usage: check_vcard.py [FILE]   (reads standard input without FILE)

Prints one JSON array, one object per vCard:
  {"version", "fn", "n": {family, given, middle, prefix, suffix},
   "org": [components], "title", "tels": [{"value", "types"}],
   "emails": [{"value", "types"}], "urls": [...],
   "adrs": [{box, extended, street, city, region, code, country, types}],
   "social": [{"value", "types"}], "kind", "uid", "note",
   "photo": {"hex", "type"} or null}
A 3.0 PHOTO (ENCODING=b) is decoded by vobject itself; a 4.0 one is a
data: URI, decoded here (vobject 0.9.9 truncates it at the comma: then
"hex" is null and "uri" is what it kept). "hex" is the picture's bytes in hex.
Types are lower-cased and split on commas, whatever the version's form.
Exit status 2 when vobject is missing, 1 when the input does not parse.
"""
import base64
import json
import sys

try:
    import vobject
except ImportError:
    sys.stderr.write("check_vcard.py: Python package 'vobject' is not installed\n")
    sys.exit(2)


def text(value):
    """vobject gives a list when a component holds unescaped commas."""
    if isinstance(value, list):
        return ",".join(value)
    return value


def types(line):
    out = []
    for value in line.params.get("TYPE", []):
        out.extend(t.strip().strip('"').lower() for t in value.split(",") if t.strip())
    return out


def lines(card, name):
    return card.contents.get(name, [])


def one(card, name):
    found = lines(card, name)
    return found[0].value if found else None


def photo(card):
    found = lines(card, "photo")
    if not found:
        return None
    line = found[0]
    value = line.value
    if isinstance(value, str):
        if not value.startswith("data:"):
            raise ValueError("PHOTO is neither binary nor a data: URI")
        if "," not in value:
            # vobject 0.9.9 reads 4.0 as 3.0 and cuts a value at its first
            # unescaped comma, which every data: URI has: report what it kept.
            return {"hex": None, "type": None, "uri": value}
        head, data = value.split(",", 1)
        if not head.endswith(";base64"):
            raise ValueError("PHOTO data: URI is not base64")
        return {"hex": base64.b64decode(data, validate=True).hex(), "type": head[5:-7]}
    kind = types(line)
    return {"hex": value.hex(), "type": kind[0] if kind else None}


def contact(card):
    n = one(card, "n")
    org = one(card, "org")
    return {
        "version": one(card, "version"),
        "uid": one(card, "uid"),
        "note": one(card, "note"),
        "photo": photo(card),
        "kind": one(card, "kind"),
        "fn": one(card, "fn"),
        "n": None if n is None else {
            "family": text(n.family), "given": text(n.given),
            "middle": text(n.additional), "prefix": text(n.prefix),
            "suffix": text(n.suffix),
        },
        "org": None if org is None else [text(c) for c in org],
        "title": one(card, "title"),
        "tels": [{"value": l.value, "types": types(l)} for l in lines(card, "tel")],
        "emails": [{"value": l.value, "types": types(l)} for l in lines(card, "email")],
        "urls": [l.value for l in lines(card, "url")],
        "adrs": [
            {
                "box": text(l.value.box), "extended": text(l.value.extended),
                "street": text(l.value.street), "city": text(l.value.city),
                "region": text(l.value.region), "code": text(l.value.code),
                "country": text(l.value.country), "types": types(l),
            }
            for l in lines(card, "adr")
        ],
        "social": [{"value": l.value, "types": types(l)} for l in lines(card, "x-socialprofile")],
    }


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8", newline="") as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read().decode("utf-8")
    try:
        cards = [contact(c) for c in vobject.readComponents(data, validate=True)]
    except Exception as e:  # vobject raises several kinds
        sys.stderr.write("check_vcard.py: cannot parse: %r\n" % (e,))
        sys.exit(1)
    json.dump(cards, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
