#!/usr/bin/env python3
"""Diagnose incidents through `authdoctor serve`, knowing nothing of it but its OpenAPI document.

Usage: diagnose.py [--base URL] [FILE]
  --base URL  where the server is (default http://127.0.0.1:8080); /openapi.json is read from there
  FILE        a JSON incident, or JSON Lines (one incident a line); default examples/incidents.jsonl

Everything else comes from the document: the operation (found by its operationId `diagnose`), its path and
method, the request schema each incident is checked against before it is sent, and the response schema each
answer is checked against. Set AUTHDOCTOR_SERVE_TOKEN when the server needs a bearer token.
Python 3.8 or newer, standard library only. Exit status: 0 all answers fit the document, 1 one did not or the
server refused, 2 a usage mistake.
"""
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

OPERATION_ID = "diagnose"
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    # JSON has no int/bool split; Python's bool is an int, so it is excluded from the numbers
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def resolve(doc, schema):
    """Follows local $refs (#/components/...) until a schema without one."""
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError("only local $refs are followed, not " + ref)
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def check(doc, schema, value, where, errors):
    """The JSON Schema keywords the document uses, enough to tell a fitting value from one that is not.

    Appends one 'where: what' line per mismatch to errors; keywords it does not know (format, ...) are skipped."""
    schema = resolve(doc, schema)
    if schema is True or schema is None or schema == {}:
        return
    if schema is False:
        errors.append(f"{where}: not allowed here")
        return
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(TYPES[t](value) for t in types):
            errors.append(f"{where}: {json.dumps(value)[:60]} is not of type {'/'.join(types)}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {json.dumps(value)[:60]} is not one of {', '.join(map(str, schema['enum']))}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: is not {json.dumps(schema['const'])}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", float("inf")):
            errors.append(f"{where}: a string of {len(value)} characters is out of bounds")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: does not match {schema['pattern']}")
    if TYPES["number"](value):
        if value < schema.get("minimum", float("-inf")) or value > schema.get("maximum", float("inf")):
            errors.append(f"{where}: {value} is out of bounds")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}.{name}: is required")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, v in value.items():
            if name in properties:
                check(doc, properties[name], v, f"{where}.{name}", errors)
            elif extra is False:
                errors.append(f"{where}.{name}: is not a field of this object")
            elif isinstance(extra, dict):
                check(doc, extra, v, f"{where}.{name}", errors)
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", float("inf")):
            errors.append(f"{where}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                check(doc, schema["items"], item, f"{where}[{i}]", errors)
    for sub in schema.get("allOf", []):
        check(doc, sub, value, where, errors)
    for keyword, wanted in (("anyOf", lambda n: n >= 1), ("oneOf", lambda n: n == 1)):
        if keyword in schema:
            fits = sum(1 for sub in schema[keyword] if not _errors(doc, sub, value, where))
            if not wanted(fits):
                errors.append(f"{where}: fits {fits} of the {keyword} alternatives")
    if "not" in schema and not _errors(doc, schema["not"], value, where):
        errors.append(f"{where}: fits a schema it must not")


def _errors(doc, schema, value, where):
    found = []
    check(doc, schema, value, where, found)
    return found


def request(url, body=None, content_type=None):
    headers = {"Accept": "application/json, application/problem+json"}
    if content_type:
        headers["Content-Type"] = content_type
    token = os.environ.get("AUTHDOCTOR_SERVE_TOKEN")
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=body, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def find_operation(doc, operation_id):
    """(method, path template, operation) of the operation with this operationId."""
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return method.upper(), path, op
    raise SystemExit(f"diagnose.py: the document has no operation {operation_id}")


def server_url(doc, base):
    """The document's first server, its variables filled in from --base (the host and port the document came from)."""
    servers = doc.get("servers") or [{"url": base}]
    url, variables = servers[0]["url"], servers[0].get("variables", {})
    at = urllib.parse.urlsplit(base)
    given = {"host": at.hostname, "port": str(at.port or (443 if at.scheme == "https" else 80))}
    for name, var in variables.items():
        url = url.replace("{" + name + "}", given.get(name) or var.get("default", ""))
    # The document names plain http; a server behind TLS is reached with the scheme it was asked with.
    return at.scheme + url[url.index(":"):]


def main(argv):
    base, files = "http://127.0.0.1:8080", []
    args = iter(argv)
    for a in args:
        if a == "--base":
            base = next(args, None) or sys.exit("diagnose.py: --base needs a URL")
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            files.append(a)
    if len(files) > 1:
        print("diagnose.py: one FILE at most", file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    path = files[0] if files else os.path.join(here, "..", "..", "incidents.jsonl")
    base = base.rstrip("/")

    status, _, body = request(base + "/openapi.json")
    if status != 200:
        print(f"diagnose.py: {base}/openapi.json answered {status}", file=sys.stderr)
        return 1
    doc = json.loads(body)
    method, template, op = find_operation(doc, OPERATION_ID)
    if "{" in template:
        raise SystemExit(f"diagnose.py: {template} has path parameters this client does not fill")
    request_schema = op["requestBody"]["content"]["application/json"]["schema"]
    response_schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    url = server_url(doc, base) + template

    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        incidents = [json.loads(text)]  # one incident, pretty-printed or not
    except json.JSONDecodeError:
        incidents = [json.loads(line) for line in text.splitlines() if line.strip()]  # JSON Lines

    failed = 0
    for n, incident in enumerate(incidents, 1):
        errors = _errors(doc, request_schema, incident, "incident")
        if errors:
            print(f"{path}:{n}: not an incident by the document: " + "; ".join(errors), file=sys.stderr)
            failed += 1
            continue
        status, content_type, answer = request(url, json.dumps(incident).encode("utf-8"), "application/json")
        if status != 200:
            print(f"{method} {template} answered {status} {content_type}: {answer.decode('utf-8', 'replace')}", file=sys.stderr)
            failed += 1
            continue
        diagnosis = json.loads(answer)
        errors = _errors(doc, response_schema, diagnosis, "diagnosis")
        if errors:
            print(f"{incident.get('id')}: the answer does not fit the document: " + "; ".join(errors), file=sys.stderr)
            failed += 1
            continue
        problems = ", ".join(p["id"] for p in diagnosis["problems"]) or "-"
        print(f"{diagnosis['incidentId']}\t{diagnosis['outcome']}\t{problems}\t{len(diagnosis['steps'])} steps")
    print(f"{len(incidents) - failed} of {len(incidents)} diagnosed through {method} {template}, "
          f"each answer checked against the document's schema", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
