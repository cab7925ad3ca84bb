#!/usr/bin/env python3
"""Checks a server against the Mỹ Tho Số city API contract and prints what it does not do.

    conformance.py URL [--officer-token TOKEN] [--examples N] [--seed N]

1. The server's own document at URL/api/openapi.json must be valid OpenAPI 3.1 and have every operation
   of the contract (tests/contract/openapi.json, the reference gateway's, kept equal to it by a test).
2. The app's journeys, at the API level (what the app sends and expects back): catalogue, wards,
   drafts, submission and tracking, supplements, payments, classes, FAQ feedback, attachments, and
   citizen reports over Open311 (read back by `georeport`, a GeoReport v2 client from PyPI). A
   feature the server's /config.json turns off is skipped, as the app hides its area.
3. schemathesis on the contract's document against the server, all checks and every phase (examples,
   coverage, fuzzing, stateful), with the things the journeys made (a dossier, a class, a draft) as
   realistic parameters so it reaches past 404s.

Exit status 0 only when nothing failed. Python's standard library, plus schemathesis and
openapi-spec-validator for steps 1 and 3 (tests/contract/requirements.txt).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT = os.path.join(HERE, "openapi.json")
METHODS = ("get", "put", "post", "delete", "patch")
# The areas an app's config may turn off, and the contract's tags that serve only them.
AREA_TAGS = {"procedures": ["procedures", "dossiers", "drafts"], "tracking": ["payments"], "faq": ["faq"], "tutorials": ["classes"], "reports": []}
# A 1×1 PNG: what an attachment looks like to the server's magic-byte check.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf"
    "f03f0005fe02fea7d6a3ad0000000049454e44ae426082"
)
# A permanent-residence application of the reference catalogue (fee 10,000 đ online).
RESIDENCE = {
    "name": "Lê Văn Cường", "dob.day": "1", "dob.month": "2", "dob.year": "1990", "sex": "male",
    "id_number": "082090123456", "address": "12 Hùng Vương", "ward": "28261", "basis": "owner",
    "phone": "0987 654 321",
}
LAST4 = "4321"


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class Server:
    def __init__(self, base):
        self.base = base.rstrip("/")
        # One client address per run, so this run's limits are its own (see hooks.py).
        self.client = "198.19.%d.%d" % (random.randrange(256), random.randrange(1, 255))

    def call(self, method, path, body=None, headers=None, raw=None, content_type=None):
        data, hdrs = None, {"X-Forwarded-For": self.client, **(headers or {})}
        if body is not None:
            data, hdrs["Content-Type"] = json.dumps(body).encode(), "application/json"
        elif raw is not None:
            data, hdrs["Content-Type"] = raw, content_type
        req = urllib.request.Request(self.base + path, data=data, headers=hdrs, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return Answer(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.headers, e.read())
        except (urllib.error.URLError, OSError) as e:
            return Answer(0, {}, f"no answer: {e}".encode())


class Report:
    def __init__(self):
        self.missing, self.done = [], 0

    def check(self, what, ok, answer=None):
        if ok:
            self.done += 1
            return True
        body = " ".join(answer.body[:400].decode("utf-8", "replace").split())[:200] if answer else ""
        detail = f" (got {answer.status}: {body})" if answer else ""
        self.missing.append(what + detail)
        print(f"  ✗ {what}{detail}")
        return False

    def error_body(self, what, answer, status):
        body = answer.json() or {}
        message = body.get("message") or {}
        return self.check(
            f"{what}: {status} with the error body (code, message in vi and en)",
            answer.status == status and bool(body.get("code")) and bool(message.get("vi")) and bool(message.get("en")),
            answer,
        )


def features_of(s):
    """The areas the server's app config turns on (all, when it serves none)."""
    config = s.call("GET", "/config.json").json() or {}
    return {"procedures": True, "tracking": True, "faq": True, "tutorials": True, "reports": True, **config.get("features", {})}


def document(s, report, features, contract):
    r = s.call("GET", "/api/openapi.json")
    doc = r.json() if r.status == 200 else None
    if not report.check("GET /api/openapi.json answers a JSON document", isinstance(doc, dict), r):
        return
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    try:
        validate(doc)
        report.check("it is OpenAPI 3.1", str(doc.get("openapi", "")).startswith("3.1"))
    except OpenAPIValidationError as e:
        report.check(f"it validates as OpenAPI 3.1: {e.message}", False)
    off = {t for area, tags in AREA_TAGS.items() if not features[area] for t in tags}
    for path, item in contract["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op and not off & set(op.get("tags", [])):
                served = (doc.get("paths") or {}).get(path, {}).get(method)
                report.check(f"its document has {method.upper()} {path} ({op.get('summary', '')})", served is not None)


def journeys(s, report, features, officer_token):
    """The app's journeys; returns what they made, for schemathesis."""
    made = {}

    r = s.call("GET", "/api/health")
    report.check("GET /api/health answers 200 with status ok", r.status == 200 and (r.json() or {}).get("status") == "ok", r)
    report.error_body("an unknown API address", s.call("GET", "/api/v1/no-such-thing"), 404)

    if features["procedures"]:
        r = s.call("GET", "/api/v1/procedures")
        procedures = (r.json() or {}).get("procedures") or []
        report.check("GET /procedures lists procedures with fields", r.status == 200 and procedures and "fields" in r.json(), r)
        online = [p for p in procedures if p.get("online")]
        if report.check("the catalogue has a procedure that can be done online", bool(online)):
            made["procedure"] = online[0]["id"]
            r = s.call("GET", f"/api/v1/procedures/{made['procedure']}")
            report.check("GET /procedures/{id} gives the procedure with its form", r.status == 200 and (r.json() or {}).get("form"), r)
        report.error_body("an unknown procedure", s.call("GET", "/api/v1/procedures/no-such-procedure"), 404)
        r = s.call("GET", "/api/v1/wards?q=" + urllib.request.quote("Phường 5"))
        hits = r.json() or []
        report.check("GET /wards finds today's ward by an old name", r.status == 200 and any(h.get("via_old_name") for h in hits), r)

        draft = {"procedure_id": "thuong-tru", "step": "about", "answers": {"name": "Lê Văn Cường"}}
        r = s.call("POST", "/api/v1/drafts", draft)
        if report.check("POST /drafts keeps a draft (201, resume code)", r.status == 201 and (r.json() or {}).get("resume_code"), r):
            code = r.json()["resume_code"]
            r = s.call("GET", f"/api/v1/drafts/{code.lower()}")
            report.check("GET /drafts/{code} gives the draft back (code read forgivingly)", r.status == 200 and (r.json() or {}).get("answers") == draft["answers"], r)
            report.check("DELETE /drafts/{code} deletes it (204)", s.call("DELETE", f"/api/v1/drafts/{code}").status == 204)
            report.error_body("a deleted draft", s.call("GET", f"/api/v1/drafts/{code}"), 404)
            r = s.call("POST", "/api/v1/drafts", draft)
            made["draft"] = (r.json() or {}).get("resume_code")

        r = s.call("POST", "/api/v1/uploads", raw=PNG, content_type="image/png")
        report.check("POST /uploads stores a PNG (201, id)", r.status == 201 and (r.json() or {}).get("id"), r)
        report.error_body("a text file sent as a PNG", s.call("POST", "/api/v1/uploads", raw=b"not a picture", content_type="image/png"), 422)

        key = "conformance-%016x" % random.getrandbits(64)
        submission = {"procedure_id": "thuong-tru", "idempotency_key": key, "answers": RESIDENCE}
        bad = {**submission, "idempotency_key": key + "-bad", "answers": {**RESIDENCE, "id_number": "08209012345"}}
        r = s.call("POST", "/api/v1/dossiers", bad)
        fields = (r.json() or {}).get("fields") or []
        report.check("a wrong ID number is refused field by field (422, fields[].target id_number)", r.status == 422 and any(f.get("target") == "id_number" for f in fields), r)
        r = s.call("POST", "/api/v1/dossiers", submission)
        receipt = r.json() or {}
        if report.check("POST /dossiers submits (201, receipt with code and access key)", r.status == 201 and receipt.get("code") and receipt.get("access_key"), r):
            made.update(dossier=receipt["code"], access_key=receipt["access_key"])
            r = s.call("POST", "/api/v1/dossiers", submission)
            report.check("the same submission again gives the same dossier (200)", r.status == 200 and (r.json() or {}).get("code") == receipt["code"], r)
            made["access_key"] = (r.json() or {}).get("access_key") or made["access_key"]
    if features["tracking"] and "dossier" in made:
        path = f"/api/v1/dossiers/{made['dossier']}"
        report.error_body("tracking without the phone's last digits", s.call("GET", path), 401)
        report.error_body("tracking with wrong digits", s.call("GET", path, headers={"X-Phone-Last4": "0000"}), 404)
        r = s.call("GET", path, headers={"X-Phone-Last4": LAST4})
        report.check("tracking with the right digits gives status and timeline", r.status == 200 and (r.json() or {}).get("status") == "submitted", r)
        r = s.call("GET", path + "/answers", headers={"X-Access-Key": made["access_key"]})
        report.check("GET /dossiers/{code}/answers with the access key gives the answers", r.status == 200 and (r.json() or {}).get("answers"), r)
        report.error_body("answers with a wrong access key", s.call("GET", path + "/answers", headers={"X-Access-Key": "AAAA-BBBB-CCCC-DDDD"}), 403)
        r = s.call("POST", path + "/payments", {"phone_last4": LAST4, "method": "vietqr", "lang": "vi"})
        if r.status == 422 and (r.json() or {}).get("code") == "method_unavailable":
            print("  - VietQR is not turned on: payments by transfer not checked")
        elif report.check("POST /dossiers/{code}/payments starts a VietQR transfer", r.status == 200 and (r.json() or {}).get("transfer"), r):
            made["txn_ref"] = r.json()["txn_ref"]
        r = s.call("GET", path + "/payments", headers={"X-Phone-Last4": LAST4})
        report.check("GET /dossiers/{code}/payments lists the dossier's payments", r.status == 200 and isinstance(r.json(), list), r)
        if officer_token:
            auth = {"Authorization": f"Bearer {officer_token}"}
            status = f"/api/v1/officer/dossiers/{made['dossier']}/status"
            report.error_body("an officer operation without the credential", s.call("POST", status, {"status": "received"}), 401)
            note = {"vi": "Cần bản sao giấy tờ nhà", "en": "A copy of the house papers is needed"}
            ok = all(
                s.call("POST", status, {"status": st, **({"note": note} if st == "awaiting_supplement" else {})}, auth).status == 200
                for st in ("received", "processing", "awaiting_supplement")
            )
            report.check("an officer moves the dossier to awaiting supplement", ok)
            r = s.call("POST", path + "/supplement", {"answers": RESIDENCE}, {"X-Access-Key": made["access_key"]})
            report.check("POST /dossiers/{code}/supplement takes the corrected answers (back to processing)", r.status == 200 and (r.json() or {}).get("status") == "processing", r)

    if features["faq"]:
        faq = s.call("GET", "/faq.json").json() or {}
        topic = next((e.get("id") for e in faq.get("entries", [])), None)
        if topic:
            r = s.call("POST", "/api/v1/faq/feedback", {"topic_id": topic, "helpful": True, "lang": "vi"})
            report.check("POST /faq/feedback records a verdict (204)", r.status == 204, r)
        report.error_body("feedback on an unknown question", s.call("POST", "/api/v1/faq/feedback", {"topic_id": "no-such", "helpful": True, "lang": "en"}), 422)

    if features["tutorials"]:
        lessons = s.call("GET", "/lessons.json").json() or {}
        lesson = next((l.get("id") for l in lessons.get("lessons", [])), None)
        r = s.call("POST", "/api/v1/classes", {"lesson_id": lesson})
        if report.check("POST /classes starts a class (201, code and trainer token)", r.status == 201 and (r.json() or {}).get("trainer_token"), r):
            cls, token = r.json()["code"], r.json()["trainer_token"]
            base = f"/api/v1/classes/{cls}"
            r = s.call("POST", base + "/learners", {"name": "  Cô   Năm "})
            learner = (r.json() or {}).get("learner_id")
            report.check("POST /classes/{code}/learners joins (201, learner id)", r.status == 201 and learner, r)
            r = s.call("PUT", f"{base}/learners/{learner}", {"lesson_id": lesson, "step": 2, "scores": {lesson: [1, 2]}})
            report.check("PUT /classes/{code}/learners/{id} keeps progress (204)", r.status == 204, r)
            trainer = {"Authorization": f"Bearer {token}"}
            r = s.call("GET", base, headers=trainer)
            rows = (r.json() or {}).get("learners") or []
            report.check("the trainer's dashboard shows the learner, name cleaned", r.status == 200 and rows and rows[0].get("name") == "Cô Năm", r)
            report.error_body("the dashboard without the trainer token", s.call("GET", base), 401)
            report.error_body("the dashboard with a wrong token", s.call("GET", base, headers={"Authorization": "Bearer " + "0" * 32}), 403)
            r = s.call("GET", base + "/export.csv", headers=trainer)
            report.check("the class exports as CSV with a byte-order mark", r.status == 200 and r.body.startswith("\ufeff".encode()), r)
            made.update(cls=cls, trainer_token=token, learner=learner)
            r = s.call("POST", "/api/v1/classes", {"lesson_id": lesson})
            ended = (r.json() or {}).get("code")
            report.check("a closed class takes no more learners (204, then 410)",
                         s.call("POST", f"/api/v1/classes/{ended}/close", headers={"Authorization": f"Bearer {r.json()['trainer_token']}"}).status == 204
                         and s.call("POST", f"/api/v1/classes/{ended}/learners", {"name": "Muộn"}).status == 410)
    return made


def open311(s, report, features):
    """Citizen reports, when the app's config points them here: posted as the app posts them (the
    standard's form fields), then read back by `georeport`, a GeoReport v2 client from PyPI."""
    config = s.call("GET", "/config.json").json() or {}
    reports = config.get("reports")
    if not features.get("reports", True) or not reports or reports["base_url"].startswith("http"):
        print("  - reports go elsewhere or are off: Open311 not checked here")
        return
    from georeport import GeoReport

    root = s.base + reports["base_url"]
    services = GeoReport(root).get_service_list()
    if not report.check("georeport lists the services (JSON)", isinstance(services, list) and services and services[0].get("service_code")):
        return
    with_questions = next((x for x in services if x.get("metadata") in (True, "true")), services[0])
    code = str(with_questions["service_code"])
    definition = GeoReport(root).get_service_definition(code)
    report.check("georeport reads a service's definition", str(definition.get("service_code")) == code and isinstance(definition.get("attributes"), list))
    answers = []
    for a in definition.get("attributes", []):
        if a.get("required"):
            value = a["values"][0]["key"] if a.get("values") else "1"
            answers.append((f"attribute[{a['code']}]" + ("[]" if a["datatype"] == "multivaluelist" else ""), value))
    form = [("api_key", reports["api_key"]), ("service_code", code), ("lat", "10.3522"), ("long", "106.3669"), ("description", "Kiểm tra hợp chuẩn / conformance check")] + answers
    body = urllib.parse.urlencode(form).encode()
    r = s.call("POST", reports["base_url"] + "/requests.json", raw=body, content_type="application/x-www-form-urlencoded")
    posted = r.json() or [{}]
    if not report.check("POST requests takes a report with the app's key (201, service_request_id)", r.status in (200, 201) and posted[0].get("service_request_id"), r):
        return
    rid = str(posted[0]["service_request_id"])
    one = GeoReport(root).get_service_request(rid)
    report.check("georeport reads the report back (JSON)", str(one.get("service_request_id")) == rid and one.get("status") == "open")
    listed = GeoReport(root).get_service_requests(service_code=code, status="open")
    report.check("georeport finds it among the open reports of its service", any(str(x.get("service_request_id")) == rid for x in listed))
    xml = GeoReport(root, output_format="xml")
    xml_services = xml.get_service_list()
    report.check("georeport lists the services (XML)", bool(xml_services) and any(str(x.get("service_code")) == code for x in xml_services))
    xml_one = xml.get_service_request(rid)
    report.check("georeport reads the report back (XML)", str(xml_one.get("service_request_id")) == rid)


def schemathesis_config(made, officer_token):
    """schemathesis.toml: credentials, the journeys' things as parameters, and what the schema cannot say."""
    lines = [
        "[checks.positive_data_acceptance]",
        "# State the schema cannot hold: a class that has ended is gone (410).",
        'expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "410", "429"]',
    ]

    def auth(scheme, kind, value):
        if value:
            lines.extend([f"[auth.openapi.{scheme}]", f"{kind} = {json.dumps(value)}"])

    auth("officerToken", "bearer", officer_token)
    auth("trainerToken", "bearer", made.get("trainer_token"))
    auth("secondFactor", "api_key", LAST4 if "dossier" in made else None)
    auth("accessKey", "api_key", made.get("access_key"))

    def operations(ids, params):
        params = {k: v for k, v in params.items() if v}
        if params:
            lines.extend(["[[operations]]", f"include-operation-id = {json.dumps(ids)}",
                          "parameters = { " + ", ".join(f'"path.{k}" = {json.dumps(v)}' for k, v in params.items()) + " }"])

    operations(["trackDossier", "dossierAnswers", "supplementDossier", "listPayments", "startPayment", "changeDossierStatus"], {"code": made.get("dossier")})
    operations(["loadDraft", "deleteDraft"], {"code": made.get("draft")})
    operations(["classDashboard", "closeClass", "exportClass", "joinClass"], {"code": made.get("cls")})
    operations(["learnerProgress"], {"code": made.get("cls"), "learner": made.get("learner")})
    operations(["getProcedure"], {"id": made.get("procedure")})
    operations(["confirmTransfer"], {"txn_ref": made.get("txn_ref")})
    # Rules that depend on data, not on shape: a form's answers, which lessons and FAQ topics this city
    # has, a reason only for some statuses, a fee only for some procedures, a file's magic bytes.
    lines.extend([
        "[[operations]]",
        'include-operation-id = ["submitDossier", "supplementDossier", "changeDossierStatus", "startPayment", "startClass", "learnerProgress", "faqFeedback", "upload"]',
        "checks.positive_data_acceptance.expected-statuses = "
        '["2xx", "3xx", "401", "403", "404", "409", "410", "422", "429"]',
    ])
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url")
    ap.add_argument("--officer-token", default=os.environ.get("MYTHO_CONFORMANCE_OFFICER_TOKEN"))
    ap.add_argument("--examples", type=int, default=int(os.environ.get("MYTHO_CONFORMANCE_EXAMPLES", "40")))
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    s, report = Server(args.url), Report()

    with open(CONTRACT) as f:
        contract = json.load(f)
    features = features_of(s)
    print(f"1. The server's document at {s.base}/api/openapi.json, against the contract")
    document(s, report, features, contract)
    print("2. The app's journeys")
    made = journeys(s, report, features, args.officer_token)
    open311(s, report, features)

    print("3. schemathesis: every operation, all checks, every phase")
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "schemathesis.toml")
        with open(config, "w") as f:
            f.write(schemathesis_config(made, args.officer_token))
        st = os.path.join(os.path.dirname(sys.executable), "st")
        # One worker: with two, schemathesis drew examples in two threads and Hypothesis once failed a
        # draw that passed on replay (FlakyFailure in CI, seed fixed); one is as fast (the GIL) and replays.
        cmd = [st, "--config-file", config, "run", CONTRACT, "--url", s.base, "--checks", "all",
               "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", str(args.examples),
               "--request-timeout", "30", "--workers", "1"]
        if args.seed is not None:
            cmd += ["--seed", str(args.seed)]
        for area, tags in AREA_TAGS.items():
            if not features[area]:
                cmd += [arg for t in tags for arg in ("--exclude-tag", t)]
        env = {**os.environ, "SCHEMATHESIS_HOOKS": "hooks", "PYTHONPATH": HERE}
        code = subprocess.call(cmd, env=env, cwd=tmp)
        report.check("schemathesis finds nothing (its report above has each failure and a curl to reproduce it)", code == 0)

    print()
    if report.missing:
        print(f"NOT CONFORMANT: {len(report.missing)} thing(s) the server does not do ({report.done} checks passed):")
        for m in report.missing:
            print(f"  - {m}")
        return 1
    print(f"CONFORMANT: {report.done} checks passed, and schemathesis found nothing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
