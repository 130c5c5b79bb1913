#!/usr/bin/env python3
"""Validates every OParl 1.1 object in a JSON file (such as a build folder's manifest.json).

Usage: validate-oparl.py MANIFEST.json SCHEMA_FOLDER

Every JSON object whose "type" starts with https://schema.oparl.org/1.1/ is an OParl object,
wherever it sits (embedded ones included). Each is validated against its own type's schema
(SCHEMA_FOLDER/<Type>.json, JSON Schema draft 4) with the formats "date" and "date-time" checked
and unknown formats (OParl's "url") ignored. Beyond the schemas, the specification's text asks
for "created" and "modified" on every object, and an id names one object: two objects with the
same id must be the same.

Prints one line per failure with its JSON path, then "N passed, M failed". Exits 0 when
everything passed, 1 on a failure, 2 when it cannot run (bad arguments, jsonschema missing).
"""

import datetime
import json
import os
import re
import sys

PREFIX = "https://schema.oparl.org/1.1/"


def usage(message):
    print(f"validate-oparl: {message}", file=sys.stderr)
    print("usage: validate-oparl.py MANIFEST.json SCHEMA_FOLDER", file=sys.stderr)
    sys.exit(2)


try:
    import jsonschema
except ImportError:
    print("validate-oparl: the Python package jsonschema is missing; install it with: pip install jsonschema", file=sys.stderr)
    sys.exit(2)


def format_checker():
    """Checks date and date-time as RFC 3339 says; every other format (OParl's "url") is ignored."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{value!r} is not a date YYYY-MM-DD")
        datetime.date.fromisoformat(value)
        return True

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
            raise ValueError(f"{value!r} is not a date-time with offset (RFC 3339)")
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return checker


def path_text(parts):
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def oparl_objects(value, path=()):
    """Every OParl object in a JSON value, with its path, depth first in document order."""
    if isinstance(value, dict):
        kind = value.get("type")
        if isinstance(kind, str) and kind.startswith(PREFIX):
            yield path, value
        for key, child in value.items():
            yield from oparl_objects(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from oparl_objects(child, path + (index,))


def main(argv):
    if len(argv) != 3:
        usage("expected two arguments")
    manifest_path, schema_folder = argv[1], argv[2]
    if not os.path.isdir(schema_folder):
        usage(f"{schema_folder} is not a folder")
    try:
        with open(manifest_path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"FAIL $: {manifest_path} cannot be read as JSON: {error}")
        print("0 passed, 1 failed")
        return 1

    checker = format_checker()
    validators = {}
    seen_ids = {}
    passed = failed = 0

    for path, obj in oparl_objects(document):
        where = path_text(path)
        name = obj["type"][len(PREFIX):]
        problems = []

        if name not in validators:
            schema_file = os.path.join(schema_folder, f"{name}.json")
            if os.path.isfile(schema_file):
                with open(schema_file, encoding="utf-8") as handle:
                    validators[name] = jsonschema.Draft4Validator(json.load(handle), format_checker=checker)
            else:
                validators[name] = None
        validator = validators[name]
        if validator is None:
            problems.append(f"{obj['type']} is not an OParl 1.1 type (no schema {name}.json)")
        else:
            for error in sorted(validator.iter_errors(obj), key=lambda e: [str(p) for p in e.absolute_path]):
                inner = path_text(tuple(path) + tuple(error.absolute_path))
                problems.append(f"{inner}: {error.message}")

        for key in ("created", "modified"):
            if key not in obj:
                problems.append(f"{where}.{key}: missing (the specification requires it on every object)")

        identifier = obj.get("id")
        if isinstance(identifier, str):
            content = json.dumps(obj, sort_keys=True, ensure_ascii=False)
            if identifier in seen_ids:
                first_path, first_content = seen_ids[identifier]
                if content != first_content:
                    problems.append(f"{where}.id: {identifier} is also the id of a different object at {first_path}")
            else:
                seen_ids[identifier] = (where, content)

        if problems:
            failed += 1
            for problem in problems:
                print(f"FAIL {where} ({name}): {problem}")
        else:
            passed += 1

    if passed + failed == 0:
        print(f"FAIL $: {manifest_path} holds no OParl object (no \"type\" starting with {PREFIX})")
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
