#!/usr/bin/env python3
"""Validates vorlage's input files (meeting.yaml, papers/*.yaml, council.yaml) against the JSON
Schemas that `vorlage schema` prints, with an independent validator (Python's jsonschema), and
makes bad variants of a good file to hold the schema and the tool to the same verdict.

Usage:
  validate-input.py check-schema SCHEMA...        each schema is a valid draft 2020-12 schema
  validate-input.py validate SCHEMA FILE...       each file validates against the schema
  validate-input.py mutate SCHEMA FILE OUTDIR     writes variants of FILE as OUTDIR/NNN.json and
                                                  prints a JSON list of {file, change, schemaAccepts}

YAML is read as an editor's YAML language server reads it (YAML 1.2 core schema): 2013-03-06 is
text, not a date; only true/false are booleans; 010 is the number 10. The formats "date" and
"date-time" are checked. Prints one line per failure; exits 0 when everything passed, 1 on a
failure, 2 when it cannot run.
"""

import copy
import datetime
import json
import os
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:
    print(f"validate-input: {error.name} is missing; install python3-jsonschema and python3-yaml", file=sys.stderr)
    sys.exit(2)


class CoreLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the implicit types of the YAML 1.2 core schema."""


CoreLoader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]
for tag, pattern, first in _RESOLVERS:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def _core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _core_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


CoreLoader.add_constructor("tag:yaml.org,2002:int", _core_int)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", _core_bool)


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=CoreLoader)


def format_checker():
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        if not isinstance(value, str):
            return True
        datetime.date.fromisoformat(value)
        return True

    return checker


def validator(schema_path):
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=format_checker())


def failures(check, document):
    return [f"{'/'.join(str(part) for part in error.absolute_path) or '(top level)'}: {error.message}"
            for error in sorted(check.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))]


def mutations(document, schema_root):
    """Every variant of the document with one key renamed, removed, or given a value of a wrong
    type, described in words."""
    def walk(value, path):
        if isinstance(value, dict):
            for key in list(value):
                yield path + [key], value[key]
                yield from walk(value[key], path + [key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, path + [index])

    def replaced(path, action):
        variant = copy.deepcopy(document)
        parent = variant
        for part in path[:-1]:
            parent = parent[part]
        action(parent, path[-1])
        return variant

    def name(path):
        return ".".join(str(part) for part in path)

    for path, value in walk(document, []):
        key = path[-1]
        yield f"{name(path)} removed", replaced(path, lambda parent, key: parent.pop(key))
        yield f"{name(path)} misspelt", replaced(path, lambda parent, key: parent.__setitem__(key + "x", parent.pop(key)))
        yield f"{name(path)} null", replaced(path, lambda parent, key: parent.__setitem__(key, None))
        if isinstance(value, (dict, list)):
            yield f"{name(path)} as text", replaced(path, lambda parent, key: parent.__setitem__(key, "Text"))
        else:
            yield f"{name(path)} as list", replaced(path, lambda parent, key: parent.__setitem__(key, ["Text"]))
            yield f"{name(path)} as group", replaced(path, lambda parent, key: parent.__setitem__(key, {"a": "b"}))
        if isinstance(value, bool):
            yield f"{name(path)} as ja", replaced(path, lambda parent, key: parent.__setitem__(key, "ja"))
        elif isinstance(value, (int, float)):
            yield f"{name(path)} as words", replaced(path, lambda parent, key: parent.__setitem__(key, "viele"))
            yield f"{name(path)} with a comma", replaced(path, lambda parent, key: parent.__setitem__(key, "12,50"))
        elif isinstance(value, str):
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                yield f"{name(path)} as German date", replaced(path, lambda parent, key: parent.__setitem__(key, "15.02.2013"))
                yield f"{name(path)} as impossible date", replaced(path, lambda parent, key: parent.__setitem__(key, value[:5] + "02-30"))
            elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T.*", value):
                yield f"{name(path)} without offset", replaced(path, lambda parent, key: parent.__setitem__(key, value[:19]))
                yield f"{name(path)} as date only", replaced(path, lambda parent, key: parent.__setitem__(key, value[:10]))
            else:
                yield f"{name(path)} as unknown word", replaced(path, lambda parent, key: parent.__setitem__(key, "Unbekanntwort"))
        if isinstance(key, str):
            yield f"{name(path)} beside an unknown key", replaced(path, lambda parent, key: parent.__setitem__("unbekannt", "x"))


def main(arguments):
    if len(arguments) >= 2 and arguments[0] == "check-schema":
        for path in arguments[1:]:
            validator(path)
        print(f"{len(arguments) - 1} schemas valid")
        return 0
    if len(arguments) >= 3 and arguments[0] == "validate":
        check = validator(arguments[1])
        failed = 0
        for path in arguments[2:]:
            problems = failures(check, load(path))
            failed += bool(problems)
            for problem in problems:
                print(f"{path}: {problem}")
        print(f"{len(arguments) - 2 - failed} passed, {failed} failed")
        return 1 if failed else 0
    if len(arguments) == 4 and arguments[0] == "mutate":
        check = validator(arguments[1])
        document = load(arguments[2])
        if failures(check, document):
            print(f"validate-input: {arguments[2]} itself does not validate", file=sys.stderr)
            return 1
        os.makedirs(arguments[3], exist_ok=True)
        cases = []
        seen = set()
        for change, variant in mutations(document, check.schema):
            text = json.dumps(variant, ensure_ascii=False, sort_keys=True)
            if text in seen:
                continue
            seen.add(text)
            path = os.path.join(arguments[3], f"{len(cases):03d}.json")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(variant, ensure_ascii=False, indent=2))
            cases.append({"file": path, "change": change, "schemaAccepts": not failures(check, variant)})
        print(json.dumps(cases, ensure_ascii=False))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except jsonschema.SchemaError as error:
        print(f"validate-input: not a valid schema: {error.message}", file=sys.stderr)
        sys.exit(1)
