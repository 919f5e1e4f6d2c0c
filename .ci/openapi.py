#!/usr/bin/env python3
"""Writes docs/openapi.json (the API's OpenAPI 3.1 description) and
Sources/RedressAPI/OpenAPIDocument.swift (the same text, served at
GET /api/v1/openapi.json). Run from the repository root after editing this
file: python3 .ci/openapi.py. RedressAPITests checks both are current."""
import json, pathlib

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def error(desc): return {"description": desc, "content": {"application/json": {"schema": ref("Error")}}}
def json_body(schema, required=True): return {"required": required, "content": {"application/json": {"schema": schema}}}
def ok(desc, schema): return {"description": desc, "content": {"application/json": {"schema": schema}}}

STRING = {"type": "string"}
NSTRING = {"type": ["string", "null"]}
# Text as the node checks it: whitespace trimmed, the length bounded; a required text left blank is
# refused (400), an optional one is taken as absent.
def text(max_length, nullable=False):
    if nullable: return {"type": ["string", "null"], "maxLength": max_length}
    return {"type": "string", "minLength": 1, "maxLength": max_length}
# A code of the shared taxonomy (`redress taxonomy`); the node refuses one it does not know.
def code(kind, example): return {"type": "string", "minLength": 1, "description": f"A {kind} code of the node's taxonomy.", "examples": [example]}
# A promise as stated: a number and a unit (docs/KPIS.md, "Due times").
PROMISE = {"type": "string", "description": "a number and a unit: hours, days, weeks, working hours or working days", "examples": ["2 working days", "8 weeks"]}
NPROMISE = {**PROMISE, "type": ["string", "null"]}
STAGE_NAMES = ["received", "acknowledged", "assessed", "investigating", "responded", "closed", "withdrawn", "referred", "reopened"]
too_large = error("the body is larger than 256 KiB")
NTIME = {"type": ["string", "null"], "format": "date-time"}
def set_cookie(desc): return {"description": desc, "schema": STRING}
# Credentials are checked wherever they are sent, even where none are needed.
bad_credentials = error("an Authorization header that is not `Bearer` and a valid token (none is needed here)")
auth_errors = {"401": error("not signed in, or the token or session is unknown, revoked or expired"),
               "403": error("the account's role may not do this (docs/ACCESS.md), or a signed-in browser sent no CSRF token")}

TAXON_KINDS = ["channel", "category", "remedy", "root-cause", "severity", "product"]
TAXON_KIND = {"name": "kind", "in": "path", "required": True, "schema": {"type": "string", "enum": TAXON_KINDS}}
TAXON_CODE = {"name": "code", "in": "path", "required": True, "description": "lowercase letters, digits and '-'", "schema": STRING}

steps = {
  "acknowledge": ("Acknowledge receipt to the complainant.", {}),
  "assess": ("Record the initial assessment.", {}),
  "investigate": ("Start investigating.", {}),
  "assign": ("Give the complaint to someone.", {"to": text(200)}, ["to"]),
  "note": ("Add a note, or a record of a communication with the complainant.", {"text": text(20_000), "communication": {"type": "boolean"}}, ["text"]),
  "escalate": ("Raise the escalation level by one (agent → supervisor → management).", {}),
  "deescalate": ("Lower the escalation level by one; only that level's role or above may.", {}),
  "hold": ("Put the complaint on hold while waiting for the complainant: the response clocks stop until resume.", {"reason": text(2_000)}, ["reason"]),
  "resume": ("Resume a complaint on hold: its response due time moves by the time on hold (in its promise's unit).", {}),
  "respond": ("Record the decision communicated to the complainant, its outcome and the redress paid.",
              {"decision": text(2_000), "remedy": code("remedy", "refund"), "root_cause": code("root-cause", "process"),
               "outcome": {"type": "string", "enum": ["upheld", "partly-upheld", "not-upheld"]},
               "redress_amount": {"type": "string", "pattern": "^[0-9]{1,15}([.][0-9]{1,3})?$", "description": "the redress paid, a decimal amount (never negative; zero is an amount), with redress_currency", "examples": ["50.00"]},
               "redress_currency": {"type": "string", "description": "an ISO 4217 currency code", "examples": ["GBP"]}},
              ["decision", "remedy", "outcome"]),
  "close": ("Close, with the complainant's satisfaction if known (ISO 10004).", {"csat": {"type": "integer", "minimum": 1, "maximum": 5}, "nps": {"type": "integer", "minimum": 0, "maximum": 10}, "first_contact": {"type": "boolean"}, "root_cause": code("root-cause", "process")}),
  "reopen": ("Reopen a closed, withdrawn or referred complaint.", {}),
  "withdraw": ("Record that the complainant withdrew the complaint.", {}),
  "refer": ("Refer to an external dispute resolution scheme (ISO 10003).", {"scheme": text(200)}, ["scheme"]),
  # At least one tag to add or remove: an empty body, or two empty arrays, is refused (400).
  "tag": ("Add or remove tags (at least one).", {"add": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 64, "description": "letters, digits, '-', '_' or '.'"}},
                                                 "remove": {"type": "array", "items": STRING}},
          [], [{"required": ["add"], "properties": {"add": {"type": "array", "minItems": 1}}}, {"required": ["remove"], "properties": {"remove": {"type": "array", "minItems": 1}}}]),
  "erase-personal-data": ("Erase the complainant's personal data, here and on every peer once they sync.", {}),
}

paths = {
  "/session": {
    "post": {"operationId": "signIn", "summary": "Sign in: a session cookie (HttpOnly, SameSite=Strict) and the CSRF token its state-changing requests must send.",
             "security": [], "requestBody": json_body(ref("SignIn")),
             "responses": {"201": {**ok("signed in", ref("Me")), "headers": {"Set-Cookie": set_cookie("the session cookie")}},
                           "400": error("a field is missing or not a string"),
                           "401": error("wrong login or password, or a deactivated account"), "413": too_large,
                           "415": error("the body is not JSON"), "429": error("too many failed sign-ins: the account or the address is locked for a while")}},
    # Without a session there is nothing to end: still 204 (no credentials needed).
    "delete": {"operationId": "signOut", "summary": "Sign out: ends the browser's session (without one, does nothing).",
               "security": [{"session": []}, {}],
               "responses": {"204": {"description": "signed out", "headers": {"Set-Cookie": set_cookie("the session cookie, expired")}},
                             "401": bad_credentials, "403": error("a signed-in browser sent no CSRF token")}},
  },
  "/me": {"get": {"operationId": "me", "summary": "The signed-in account (and, for a browser session, its CSRF token).",
                  "responses": {"200": ok("the account", ref("Me")), **auth_errors}}},
  "/complaints": {
    "post": {"operationId": "recordComplaint", "summary": "Record a complaint: the same object `redress complaint add` reads.",
             "requestBody": json_body(ref("NewComplaint")),
             "responses": {"201": {**ok("the new complaint", ref("Complaint")),
                                   "headers": {"Location": {"description": "the complaint's URL, /api/v1/complaints/{id}", "schema": STRING}}},
                           "400": error("invalid input; `field` names it"), **auth_errors,
                           "413": too_large, "415": error("the body is not JSON")}},
    "get": {"operationId": "listComplaints", "summary": "Complaints the account may read, oldest first, a page at a time.",
            "parameters": [
              {"name": "stage", "in": "query", "description": "A stage, or `open` for every stage before closed.", "schema": {"type": "string", "enum": STAGE_NAMES + ["open"]}},
              {"name": "division", "in": "query", "schema": STRING},
              {"name": "category", "in": "query", "schema": STRING},
              {"name": "assignee", "in": "query", "schema": STRING},
              {"name": "overdue", "in": "query", "schema": {"type": "boolean"}},
              {"name": "q", "in": "query", "description": "Words that must all occur (whole words; the complainant's name and contact also by their beginnings, from three letters) in the complainant's name or contact, the description, the decision or a note or communication of the history. Only complaints whose personal data this node can read are found.", "schema": STRING},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
              {"name": "cursor", "in": "query", "description": "The `next_cursor` of the previous page.", "schema": STRING}],
            "responses": {"200": ok("a page of complaints", ref("ComplaintPage")), "400": error("an unknown or invalid parameter"), **auth_errors}},
  },
  "/complaints/{id}": {"get": {"operationId": "showComplaint", "summary": "One complaint with its history (the JSON of `redress show --json`).",
                               "parameters": [{"name": "id", "in": "path", "required": True, "description": "The id, or a unique prefix of at least six characters.", "schema": STRING}],
                               "responses": {"200": ok("the complaint", ref("Complaint")),
                                             "400": error("the prefix is shared by more than one complaint; give more characters"), **auth_errors,
                                             "404": error("no such complaint, or one the account may not see")}}},
  "/divisions": {"get": {"operationId": "listDivisions", "summary": "Every division with its promises and working calendar (reference data: any signed-in account).",
                         "responses": {"200": ok("the divisions, by code", {"type": "array", "items": ref("Division")}), **auth_errors}}},
  "/divisions/{code}": {"post": {
      "operationId": "setDivision",
      "summary": "Create a division or change its name, promises, calendar or holidays (`redress division set` and `division holidays`): admins (manage-taxonomy). A promise change applies to complaints received from then on.",
      "parameters": [{"name": "code", "in": "path", "required": True, "description": "lowercase letters, digits and '-'", "schema": STRING}],
      "requestBody": json_body(ref("DivisionChanges"), required=False),
      "responses": {"200": ok("the division as it is now", ref("Division")),
                    "400": error("a promise, calendar setting, holiday or the code is not valid; `field` names it"), **auth_errors,
                    "413": too_large, "415": error("the body is not JSON")}}},
  "/taxonomy": {"get": {"operationId": "listTaxonomy", "summary": "The live entries of the shared taxonomy, by kind (reference data: any signed-in account).",
                        "responses": {"200": ok("each kind's entries, by code", {"type": "object", "additionalProperties": {"type": "array", "items": ref("Taxon")}}), **auth_errors}}},
  "/taxonomy/{kind}/{code}": {"post": {
      "operationId": "saveTaxon",
      "summary": "Add an entry to the shared taxonomy or relabel it (`redress taxonomy add`): admins (manage-taxonomy, in every division). A retired code cannot return.",
      "parameters": [TAXON_KIND, TAXON_CODE],
      "requestBody": json_body({"type": "object", "additionalProperties": False, "required": ["label"], "properties": {"label": text(120)}}),
      "responses": {"200": ok("the entry as it is now", ref("Taxon")),
                    "400": error("the code or label is not valid, or the code was retired; `field` names it"), **auth_errors,
                    "404": error("no such taxonomy kind"), "413": too_large, "415": error("the body is not JSON")}}},
  "/taxonomy/{kind}/{code}/retire": {"post": {
      "operationId": "retireTaxon",
      "summary": "Retire an entry (`redress taxonomy retire`): no new complaint or step may use it; complaints that did keep it. Admins (manage-taxonomy, in every division).",
      "parameters": [TAXON_KIND, TAXON_CODE],
      "responses": {"204": {"description": "retired"},
                    "400": error("no entry of this kind has the code"), **auth_errors, "404": error("no such taxonomy kind")}}},
  "/reference-history": {"get": {
      "operationId": "referenceHistory",
      "summary": "Who changed which division's name, promises, calendar or holidays, or which taxonomy entry, when and how; newest first (`redress division history`, `redress taxonomy history`). Admins (manage-taxonomy, in every division).",
      "parameters": [
        {"name": "subject", "in": "query", "description": "Only changes to this subject or under it: `division`, `division/CODE`, `taxonomy`, `taxonomy/KIND` or `taxonomy/KIND/CODE`.", "schema": STRING},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 200}}],
      "responses": {"200": ok("the changes, newest first", {"type": "array", "items": ref("ReferenceChange")}),
                    "400": error("an unknown parameter, a subject that is not one of the forms above, or a limit outside 1-1000"), **auth_errors}}},
}
for name, spec in steps.items():
    summary, props = spec[0], spec[1]
    required = spec[2] if len(spec) > 2 else []
    one_of_these = spec[3] if len(spec) > 3 else None
    # The node takes null for an optional field as the field left out.
    props = {key: value if key in required else {**value, "type": [value["type"], "null"]} for key, value in props.items()}
    schema = {"type": "object", "additionalProperties": False, "properties": props}
    if required: schema["required"] = required
    if one_of_these: schema["anyOf"] = one_of_these
    paths[f"/complaints/{{id}}/{name}"] = {"post": {
        "operationId": "step_" + name.replace("-", "_"), "summary": summary,
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": STRING}],
        "requestBody": json_body(schema, required=bool(required or one_of_these)),
        "responses": {"200": ok("the complaint after the step", ref("Complaint")),
                      "400": error("invalid input; `field` names it (or the id prefix is shared by more than one complaint)"), **auth_errors,
                      "404": error("no such complaint, or one the account may not see, or no such step"),
                      "409": error("the complaint's stage does not allow this step"), "413": too_large, "415": error("the body is not JSON")}}}
paths["/openapi.json"] = {"get": {"operationId": "openapi", "summary": "This document.", "security": [],
                                  "responses": {"200": {"description": "the OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}},
                                                "401": bad_credentials}}}

entry = {"type": "object", "properties": {"time": NTIME, "node": STRING, "user": STRING, "user_name": NSTRING, "kind": {"type": "string", "enum": ["note", "communication", "stage", "assignment", "escalation", "hold", "resume"]}, "text": NSTRING,
                                           "from": {"type": ["string", "null"], "enum": STAGE_NAMES + [None]}, "to": {"type": ["string", "null"], "enum": STAGE_NAMES + [None]}},
         "required": ["node", "user", "kind"]}
complaint_props = {
  "id": STRING, "division": STRING, "channel": NSTRING,
  "complainant": {"type": "object", "properties": {"name": NSTRING, "contact": NSTRING}},
  "product": NSTRING, "category": NSTRING, "description": NSTRING, "requested_remedy": NSTRING, "severity": NSTRING,
  "received_at": NTIME, "external_ref": NSTRING, "created_by": NSTRING, "stage": {"type": "string", "enum": STAGE_NAMES}, "reopened": {"type": "integer", "minimum": 0},
  "level": {"type": "integer", "minimum": 1, "maximum": 4}, "assignee": NSTRING,
  "ack_due_at": NTIME, "respond_due_at": NTIME, "respond_promise": NSTRING, "escalation_due_at": NTIME,
  "on_hold": {"type": "boolean", "description": "waiting for the complainant: the response clocks are stopped"}, "held_since": NTIME,
  "outcome": {"type": ["string", "null"], "enum": ["upheld", "partly-upheld", "not-upheld", None]},
  "redress_paid": {"type": ["object", "null"], "required": ["amount", "currency"], "properties": {"amount": {"type": "string", "description": "decimal text in the currency's minor units, never a float"}, "currency": STRING}}, "acknowledged_at": NTIME, "responded_at": NTIME, "closed_at": NTIME, "referred_at": NTIME,
  "decision": NSTRING, "remedy": NSTRING, "root_cause": NSTRING, "first_contact": {"type": "boolean"},
  "csat": {"type": ["integer", "null"]}, "nps": {"type": ["integer", "null"]}, "scheme": NSTRING,
  "personal_data_erased": {"type": "boolean"},
  "personal_data_readable": {"type": "boolean", "description": "false on a node outside the complaint's division: its personal fields and history text read as \"(not readable on this node)\""},
  "overdue": {"type": "array", "items": {"type": "string", "enum": ["acknowledgement", "response", "escalation"]}},
  "tags": {"type": "array", "items": STRING}, "history": {"type": "array", "items": ref("HistoryEntry")},
}
schemas = {
  "Error": {"type": "object", "required": ["error", "message"], "properties": {
      "error": {"type": "string", "enum": ["invalid_input", "unauthenticated", "forbidden", "csrf_token_missing", "not_found", "conflict", "payload_too_large", "unsupported_media_type", "rate_limited", "unavailable", "internal_error"]},
      "message": STRING, "field": NSTRING}},
  "SignIn": {"type": "object", "additionalProperties": False, "required": ["login", "password"], "properties": {"login": STRING, "password": STRING}},
  "Me": {"type": "object", "required": ["login", "name", "division", "role"], "properties": {
      "login": STRING, "name": STRING, "division": STRING,
      "role": {"type": "string", "enum": ["intake", "agent", "supervisor", "manager", "analyst", "admin"]},
      "csrf_token": NSTRING, "session_expires_at": NTIME}},
  "NewComplaint": {"type": "object", "additionalProperties": False, "required": ["channel", "complainant", "category", "description"], "properties": {
      "channel": code("channel", "email"), "complainant": {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": text(200), "contact": text(200, nullable=True)}},
      "product": text(200, nullable=True), "category": code("category", "fees"), "description": text(20_000), "requested_remedy": {**code("remedy", "refund"), "type": ["string", "null"]},
      "severity": {**code("severity", "medium"), "type": ["string", "null"], "description": "A severity code of the node's taxonomy (default medium)."},
      "division": NSTRING, "received_at": {"type": ["string", "null"], "description": "ISO 8601, e.g. 2026-11-24T09:30:00Z"}, "external_ref": NSTRING, "assignee": NSTRING},
      "examples": [{"channel": "email", "complainant": {"name": "Ada Moss", "contact": "ada@example.org"}, "category": "fees", "description": "Charged twice for one transfer"}]},
  "Division": {"type": "object", "required": ["code", "name", "acknowledge", "respond", "time_zone", "working_days", "working_hours", "holidays"], "properties": {
      "code": STRING, "name": STRING, "acknowledge": PROMISE, "respond": PROMISE, "supervisor_respond": NPROMISE, "management_respond": NPROMISE,
      "time_zone": STRING, "working_days": STRING, "working_hours": STRING, "holidays": {"type": "array", "items": {"type": "string", "format": "date"}}}},
  # Every field is optional: absent or null leaves the setting as it is.
  "DivisionChanges": {"type": "object", "additionalProperties": False, "properties": {
      "name": text(200, nullable=True), "acknowledge": NPROMISE, "respond": NPROMISE,
      "supervisor_respond": {**NPROMISE, "description": PROMISE["description"] + "; \"none\" removes it"},
      "management_respond": {**NPROMISE, "description": PROMISE["description"] + "; \"none\" removes it"},
      "time_zone": {"type": ["string", "null"], "description": "an IANA time zone", "examples": ["Europe/London"]},
      "working_days": {"type": ["string", "null"], "examples": ["mon-fri", "sun-thu"]},
      "working_hours": {"type": ["string", "null"], "examples": ["09:00-17:00"]},
      "holidays_add": {"type": ["array", "null"], "items": {"type": "string", "format": "date"}},
      "holidays_remove": {"type": ["array", "null"], "items": {"type": "string", "format": "date"}}}},
  "Complaint": {"type": "object", "required": ["id", "division", "stage", "level", "first_contact", "personal_data_erased", "personal_data_readable", "overdue", "complainant", "reopened"], "properties": complaint_props},
  "HistoryEntry": entry,
  "Taxon": {"type": "object", "required": ["kind", "code", "label"], "properties": {"kind": {"type": "string", "enum": TAXON_KINDS}, "code": STRING, "label": STRING}},
  "ReferenceChange": {"type": "object", "required": ["subject", "user", "node", "summary"], "properties": {
      "subject": {"type": "string", "description": "`division/CODE` or `taxonomy/KIND/CODE`"}, "at": NTIME, "user": STRING, "node": STRING,
      "summary": {"type": "string", "description": "what changed, e.g. `acknowledge: 48 hours → 2 working days`"}}},
  "ComplaintPage": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": ref("Complaint")}, "next_cursor": NSTRING}},
}
document = {
  "openapi": "3.1.0",
  "info": {"title": "Redress node API", "version": "1.0.0",
           "description": "The complaint API every Redress node serves (`redress serve`, default http://127.0.0.1:7480; HTTPS anywhere but loopback). Programs send `Authorization: Bearer TOKEN` (`redress token create`); browsers sign in with POST /session and send the session's CSRF token in `X-CSRF-Token` on every request that changes something. Every refusal is `{\"error\": CODE, \"message\": TEXT}`. Who may do what: docs/ACCESS.md."},
  "servers": [{"url": "/api/v1"}],
  "security": [{"bearer": []}, {"session": []}],
  "paths": paths,
  "components": {"schemas": schemas, "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer", "description": "An API token from `redress token create`."},
      "session": {"type": "apiKey", "in": "cookie", "name": "redress_session", "description": "From POST /session; state-changing requests also need the X-CSRF-Token header."}}},
}
text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
root = pathlib.Path(__file__).resolve().parent.parent
(root / "docs/openapi.json").write_text(text)
swift = ("// Generated by `python3 .ci/openapi.py` from the same description as docs/openapi.json: do not edit.\n\n"
         "/// The API's OpenAPI 3.1 description, served at `GET /api/v1/openapi.json`.\n"
         "enum OpenAPIDocument {\n    static let json = #\"\"\"\n" + text + "\"\"\"#\n}\n")
(root / "Sources/RedressAPI/OpenAPIDocument.swift").write_text(swift)
