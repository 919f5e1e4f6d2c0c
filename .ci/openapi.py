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
NTIME = {"type": ["string", "null"], "format": "date-time"}
auth_errors = {"401": error("not signed in, or the token or session is unknown, revoked or expired"),
               "403": error("the account's role may not do this (docs/ACCESS.md), or a signed-in browser sent no CSRF token")}

steps = {
  "acknowledge": ("Acknowledge receipt to the complainant.", {}),
  "assess": ("Record the initial assessment.", {}),
  "investigate": ("Start investigating.", {}),
  "assign": ("Give the complaint to someone.", {"to": STRING}, ["to"]),
  "note": ("Add a note, or a record of a communication with the complainant.", {"text": STRING, "communication": {"type": "boolean"}}, ["text"]),
  "escalate": ("Raise the escalation level by one (agent → supervisor → management).", {}),
  "deescalate": ("Lower the escalation level by one; only that level's role or above may.", {}),
  "respond": ("Record the decision communicated to the complainant.", {"decision": STRING, "remedy": STRING, "root_cause": STRING}, ["decision", "remedy"]),
  "close": ("Close, with the complainant's satisfaction if known (ISO 10004).", {"csat": {"type": "integer", "minimum": 1, "maximum": 5}, "nps": {"type": "integer", "minimum": 0, "maximum": 10}, "first_contact": {"type": "boolean"}, "root_cause": STRING}),
  "reopen": ("Reopen a closed, withdrawn or referred complaint.", {}),
  "withdraw": ("Record that the complainant withdrew the complaint.", {}),
  "refer": ("Refer to an external dispute resolution scheme (ISO 10003).", {"scheme": STRING}, ["scheme"]),
  "tag": ("Add or remove tags.", {"add": {"type": "array", "items": STRING}, "remove": {"type": "array", "items": STRING}}),
  "erase-personal-data": ("Erase the complainant's personal data, here and on every peer once they sync.", {}),
}

paths = {
  "/session": {
    "post": {"operationId": "signIn", "summary": "Sign in: a session cookie (HttpOnly, SameSite=Strict) and the CSRF token its state-changing requests must send.",
             "security": [], "requestBody": json_body(ref("SignIn")),
             "responses": {"201": ok("signed in", ref("Me")), "400": error("a field is missing or not a string"),
                           "401": error("wrong login or password, or a deactivated account"),
                           "415": error("the body is not JSON"), "429": error("too many failed sign-ins: the account or the address is locked for a while")}},
    "delete": {"operationId": "signOut", "summary": "Sign out: ends the browser's session.",
               "responses": {"204": {"description": "signed out"}, "403": error("a signed-in browser sent no CSRF token")}},
  },
  "/me": {"get": {"operationId": "me", "summary": "The signed-in account (and, for a browser session, its CSRF token).",
                  "responses": {"200": ok("the account", ref("Me")), **auth_errors}}},
  "/complaints": {
    "post": {"operationId": "recordComplaint", "summary": "Record a complaint: the same object `redress complaint add` reads.",
             "requestBody": json_body(ref("NewComplaint")),
             "responses": {"201": ok("the new complaint", ref("Complaint")), "400": error("invalid input; `field` names it"), **auth_errors,
                           "413": error("the body is too large"), "415": error("the body is not JSON")}},
    "get": {"operationId": "listComplaints", "summary": "Complaints the account may read, oldest first, a page at a time.",
            "parameters": [
              {"name": "stage", "in": "query", "schema": {"type": "string", "enum": ["received", "acknowledged", "assessed", "investigating", "responded", "closed", "withdrawn", "referred", "reopened", "open"]}},
              {"name": "division", "in": "query", "schema": STRING},
              {"name": "category", "in": "query", "schema": STRING},
              {"name": "assignee", "in": "query", "schema": STRING},
              {"name": "overdue", "in": "query", "schema": {"type": "boolean"}},
              {"name": "q", "in": "query", "description": "Words that must all occur in the complainant's name or contact, the description or the history's text.", "schema": STRING},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
              {"name": "cursor", "in": "query", "description": "The `next_cursor` of the previous page.", "schema": STRING}],
            "responses": {"200": ok("a page of complaints", ref("ComplaintPage")), "400": error("an unknown or invalid parameter"), **auth_errors}},
  },
  "/complaints/{id}": {"get": {"operationId": "showComplaint", "summary": "One complaint with its history (the JSON of `redress show --json`).",
                               "parameters": [{"name": "id", "in": "path", "required": True, "description": "The id, or a unique prefix of at least six characters.", "schema": STRING}],
                               "responses": {"200": ok("the complaint", ref("Complaint")), **auth_errors,
                                             "404": error("no such complaint, or one the account may not see")}}},
}
for name, spec in steps.items():
    summary, props = spec[0], spec[1]
    required = spec[2] if len(spec) > 2 else []
    schema = {"type": "object", "additionalProperties": False, "properties": props}
    if required: schema["required"] = required
    paths[f"/complaints/{{id}}/{name}"] = {"post": {
        "operationId": "step_" + name.replace("-", "_"), "summary": summary,
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": STRING}],
        "requestBody": json_body(schema, required=bool(required)),
        "responses": {"200": ok("the complaint after the step", ref("Complaint")), "400": error("invalid input; `field` names it"), **auth_errors,
                      "404": error("no such complaint, or one the account may not see"),
                      "409": error("the complaint's stage does not allow this step"), "415": error("the body is not JSON")}}}
paths["/openapi.json"] = {"get": {"operationId": "openapi", "summary": "This document.", "security": [],
                                  "responses": {"200": {"description": "the OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}}}

entry = {"type": "object", "properties": {"time": NTIME, "node": STRING, "user": STRING, "user_name": NSTRING, "kind": {"type": "string", "enum": ["note", "communication", "stage", "assignment", "escalation"]}, "text": NSTRING, "from": NSTRING, "to": NSTRING},
         "required": ["node", "user", "kind"]}
complaint_props = {
  "id": STRING, "division": STRING, "channel": NSTRING,
  "complainant": {"type": "object", "properties": {"name": NSTRING, "contact": NSTRING}},
  "product": NSTRING, "category": NSTRING, "description": NSTRING, "requested_remedy": NSTRING, "severity": NSTRING,
  "received_at": NTIME, "external_ref": NSTRING, "created_by": NSTRING, "stage": STRING, "reopened": {"type": "integer"},
  "level": {"type": "integer", "minimum": 1, "maximum": 4}, "assignee": NSTRING,
  "ack_due_at": NTIME, "respond_due_at": NTIME, "acknowledged_at": NTIME, "responded_at": NTIME, "closed_at": NTIME, "referred_at": NTIME,
  "decision": NSTRING, "remedy": NSTRING, "root_cause": NSTRING, "first_contact": {"type": "boolean"},
  "csat": {"type": ["integer", "null"]}, "nps": {"type": ["integer", "null"]}, "scheme": NSTRING,
  "personal_data_erased": {"type": "boolean"}, "overdue": {"type": "array", "items": {"type": "string", "enum": ["acknowledgement", "response"]}},
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
      "channel": STRING, "complainant": {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": STRING, "contact": NSTRING}},
      "product": NSTRING, "category": STRING, "description": STRING, "requested_remedy": NSTRING, "severity": NSTRING, "division": NSTRING,
      "received_at": {"type": ["string", "null"], "description": "ISO 8601, e.g. 2026-11-24T09:30:00Z"}, "external_ref": NSTRING, "assignee": NSTRING}},
  "Complaint": {"type": "object", "required": ["id", "division", "stage", "level", "first_contact", "personal_data_erased", "overdue", "complainant", "reopened"], "properties": complaint_props},
  "HistoryEntry": entry,
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
