//! The OpenAPI 3.1 description of the gateway's API, served at `/api/openapi.json`. A test checks that
//! every path it lists answers, so the document cannot silently fall behind.

use mytho_core::api::{API_V1, FAQ_FEEDBACK_PATH, HEALTH_PATH};
use mytho_core::classes::CLASSES_PATH;
use mytho_core::dossier::{DOSSIERS_PATH, DRAFTS_PATH, OFFICER_DOSSIERS_PATH, UPLOADS_PATH};
use mytho_core::procedures::PROCEDURES_PATH;
use mytho_core::payment::PAYMENTS_PATH;
use mytho_core::wards::WARDS_PATH;
use serde_json::{json, Value};

pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Mỹ Tho Số city gateway",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "API of the reference city gateway behind the Mỹ Tho Số app. Errors carry a code and a message in Vietnamese and English. Every anonymous write is limited per client (429 with Retry-After); every secret (second factor, access key, resume code, class code, trainer token, officer credential) is limited per client and per target after a few wrong tries, the right one included during the pause."
        },
        "paths": {
            HEALTH_PATH: {
                "get": {
                    "summary": "Whether the gateway and its database are up",
                    "operationId": "health",
                    "responses": {
                        "200": { "description": "Up", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Health" } } } },
                        "503": { "description": "Database unavailable", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                    }
                }
            },
            (format!("{API_V1}{FAQ_FEEDBACK_PATH}")): {
                "post": {
                    "summary": "Record whether an FAQ answer helped (topic, verdict and language only)",
                    "operationId": "faqFeedback",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/FaqFeedback" } } } },
                    "responses": {
                        "204": { "description": "Recorded" },
                        "400": { "description": "Malformed body", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                        "422": { "description": "Unknown topic", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                    }
                }
            },
            (format!("{API_V1}{PROCEDURES_PATH}")): {
                "get": {
                    "summary": "The procedure catalogue: fields and one summary per procedure",
                    "operationId": "listProcedures",
                    "responses": { "200": { "description": "Fields and procedures, in catalogue order" } }
                }
            },
            (format!("{API_V1}{PROCEDURES_PATH}/{{id}}")): {
                "get": {
                    "summary": "One procedure in full: who may apply, papers, time, fee, legal basis, where the result is collected",
                    "operationId": "getProcedure",
                    "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" }, "example": "khai-sinh" }],
                    "responses": {
                        "200": { "description": "The procedure" },
                        "404": { "description": "No such procedure", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                    }
                }
            },
            (format!("{API_V1}{WARDS_PATH}")): {
                "get": {
                    "summary": "Today's wards and communes of Đồng Tháp, found by today's or an old name (list of 2025-07-01)",
                    "operationId": "findWards",
                    "parameters": [{ "name": "q", "in": "query", "required": false, "schema": { "type": "string" }, "example": "Phường 5" }],
                    "responses": { "200": { "description": "Matching wards, each with the old name it was found by" } }
                }
            },
            (format!("{API_V1}{UPLOADS_PATH}")): {
                "post": {
                    "summary": "Upload an attachment (the file as the body, its type in Content-Type): JPEG, PNG, WebP or PDF, checked by magic bytes, at most 5 MB",
                    "operationId": "upload",
                    "responses": {
                        "201": { "description": "Stored: its id, type and size" },
                        "413": { "description": "Too large" },
                        "422": { "description": "Not an accepted type, or the content does not match the declared type" }
                    }
                }
            },
            (format!("{API_V1}{DRAFTS_PATH}")): {
                "post": {
                    "summary": "Keep a draft for 7 days under a resume code (about 59 random bits), to continue on another device",
                    "operationId": "saveDraft",
                    "responses": { "201": { "description": "The resume code and when it expires" } }
                }
            },
            (format!("{API_V1}{DRAFTS_PATH}/{{code}}")): {
                "get": {
                    "summary": "The draft kept under a resume code (until it expires)",
                    "operationId": "loadDraft",
                    "responses": { "200": { "description": "Procedure, step and answers" }, "404": { "description": "Unknown or expired" } }
                },
                "delete": {
                    "summary": "Delete a kept draft now",
                    "operationId": "deleteDraft",
                    "responses": { "204": { "description": "Deleted" }, "404": { "description": "Unknown or expired" } }
                }
            },
            (format!("{API_V1}{DOSSIERS_PATH}")): {
                "post": {
                    "summary": "Submit a dossier: validated with the same rules as the app; one dossier per idempotency key",
                    "operationId": "submitDossier",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SubmitDossier" } } } },
                    "responses": {
                        "201": { "description": "Created: the receipt, with the dossier's access_key (given only in this answer; the gateway keeps a hash)" },
                        "200": { "description": "The same key and body again: the same receipt, with a new access_key replacing the one that was not received" },
                        "429": { "description": "Too many submissions from this client: Retry-After says when to try again" },
                        "409": { "description": "The key was used with a different body" },
                        "422": { "description": "Answers break the form's rules (fields listed, both languages), or the procedure is not online" }
                    }
                }
            },
            (format!("{API_V1}{DOSSIERS_PATH}/{{code}}")): {
                "get": {
                    "summary": "Track a dossier: status, appointment, overdue, timeline with reasons",
                    "operationId": "trackDossier",
                    "parameters": [
                        { "name": "code", "in": "path", "required": true, "schema": { "type": "string" }, "example": "MTS-251203-K7M4QP" }
                    ],
                    "security": [{ "secondFactor": [] }],
                    "responses": {
                        "200": { "description": "The dossier's tracking: status only, no personal data" },
                        "400": { "description": "No X-Phone-Last4 header of 4 digits" },
                        "404": { "description": "No dossier with this code and these digits (the two cases are not told apart)" },
                        "429": { "description": "Too many wrong digits from this client, or at this dossier: Retry-After says when to try again" }
                    }
                }
            },
            (format!("{API_V1}{DOSSIERS_PATH}/{{code}}/answers")): {
                "get": {
                    "summary": "The answers stored for a dossier (dates split into day, month, year), to prefill a supplement",
                    "operationId": "dossierAnswers",
                    "parameters": [
                        { "name": "code", "in": "path", "required": true, "schema": { "type": "string" } }
                    ],
                    "security": [{ "accessKey": [] }],
                    "responses": {
                        "200": { "description": "Procedure and answers" },
                        "401": { "description": "No access key" },
                        "403": { "description": "Wrong code or access key (not told apart)" },
                        "429": { "description": "Too many wrong keys: Retry-After says when to try again" }
                    }
                }
            },
            (format!("{API_V1}{DOSSIERS_PATH}/{{code}}/supplement")): {
                "post": {
                    "summary": "Resubmit corrected answers after a request for more documents; the dossier goes back to processing",
                    "operationId": "supplementDossier",
                    "security": [{ "accessKey": [] }],
                    "responses": {
                        "200": { "description": "Accepted" },
                        "401": { "description": "No access key" },
                        "403": { "description": "Wrong code or access key" },
                        "429": { "description": "Too many wrong keys, or too many submissions from this client" },
                        "409": { "description": "No supplement was requested" },
                        "422": { "description": "Answers break the form's rules" }
                    }
                }
            },
            (format!("{API_V1}{DOSSIERS_PATH}/{{code}}{PAYMENTS_PATH}")): {
                "post": {
                    "summary": "Start (or resume) paying a dossier's fee by VNPay or VietQR; the amount comes from the procedure",
                    "operationId": "startPayment",
                    "responses": {
                        "200": { "description": "The pay URL (VNPay) or the transfer with its QR payload (VietQR)" },
                        "409": { "description": "Already paid" },
                        "422": { "description": "No fee to pay online, or this method is off" }
                    }
                },
                "get": {
                    "summary": "A dossier's payments as the gateway recorded them, newest first",
                    "operationId": "listPayments",
                    "security": [{ "secondFactor": [] }],
                    "responses": { "200": { "description": "The payments" }, "404": { "description": "No dossier with this code and digits" } }
                }
            },
            (format!("{API_V1}{PAYMENTS_PATH}/vnpay/ipn")): {
                "get": {
                    "summary": "VNPay IPN (server to server): verified, idempotent; answers RspCode 00, 01, 02, 04, 97 or 99",
                    "operationId": "vnpayIpn",
                    "responses": { "200": { "description": "{\"RspCode\": \"00\", \"Message\": \"Confirm Success\"}" } }
                }
            },
            (format!("{API_V1}{PAYMENTS_PATH}/vnpay/return")): {
                "get": {
                    "summary": "What the return page shows: the recorded payment, never changed by this call",
                    "operationId": "vnpayReturn",
                    "responses": { "200": { "description": "The payment as recorded" }, "400": { "description": "Altered parameters" } }
                }
            },
            (format!("{API_V1}/officer{PAYMENTS_PATH}/{{txn_ref}}/received")): {
                "post": {
                    "summary": "Treasury: confirm a VietQR transfer was received (stands in for bank reconciliation)",
                    "operationId": "confirmTransfer",
                    "security": [{ "officerToken": [] }],
                    "responses": { "200": { "description": "Paid (flagged when the dossier was already paid another way)" }, "409": { "description": "Not pending" } }
                }
            },
            (format!("{API_V1}/officer{PAYMENTS_PATH}")): {
                "get": {
                    "summary": "Officer: payments to settle (a success after expiry or replacement, or a second payment of one fee)",
                    "operationId": "flaggedPayments",
                    "security": [{ "officerToken": [] }],
                    "responses": { "200": { "description": "Each payment with its flag: late_success or second_payment" }, "401": { "description": "Wrong credential" } }
                }
            },
            (format!("{API_V1}{OFFICER_DOSSIERS_PATH}/{{code}}/status")): {
                "post": {
                    "summary": "Officer: move a dossier to another status, with a reason for supplements and refusals",
                    "operationId": "changeDossierStatus",
                    "security": [{ "officerToken": [] }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StatusChange" } } } },
                    "responses": {
                        "200": { "description": "Moved" },
                        "401": { "description": "Missing, wrong or revoked officer credential" },
                        "429": { "description": "Too many wrong credentials from this client" },
                        "409": { "description": "Not an allowed move from the current status" },
                        "422": { "description": "A reason is required" }
                    }
                }
            },
            (format!("{API_V1}{OFFICER_DOSSIERS_PATH}/{{code}}/attachments/{{id}}")): {
                "get": {
                    "summary": "Officer: download a paper attached to a dossier (served as an attachment, nosniff)",
                    "operationId": "dossierAttachment",
                    "security": [{ "officerToken": [] }],
                    "responses": { "200": { "description": "The file, with its checked type" }, "404": { "description": "Not an attachment of this dossier" } }
                }
            },
            (format!("{API_V1}{CLASSES_PATH}")): {
                "post": {
                    "summary": "Start a class for a lesson: a 6-character code for learners and a trainer token",
                    "operationId": "startClass",
                    "responses": { "201": { "description": "Code and trainer token" }, "422": { "description": "Unknown lesson" } }
                }
            },
            (format!("{API_V1}{CLASSES_PATH}/{{code}}/learners")): {
                "post": {
                    "summary": "Join a class with its code and a display name (failed joins are rate-limited)",
                    "operationId": "joinClass",
                    "responses": {
                        "201": { "description": "The learner's id" },
                        "404": { "description": "No class with this code" },
                        "410": { "description": "The class has ended" },
                        "422": { "description": "Bad display name" },
                        "429": { "description": "Too many wrong codes from this client in the last minute" }
                    }
                }
            },
            (format!("{API_V1}{CLASSES_PATH}/{{code}}/learners/{{learner}}")): {
                "put": {
                    "summary": "A learner's progress (step and quiz scores); safe to send again",
                    "operationId": "learnerProgress",
                    "responses": { "204": { "description": "Kept" }, "404": { "description": "Unknown class or learner" }, "410": { "description": "Ended" } }
                }
            },
            (format!("{API_V1}{CLASSES_PATH}/{{code}}")): {
                "get": {
                    "summary": "Trainer: the dashboard (who joined, where each is, quiz scores); bearer trainer token",
                    "operationId": "classDashboard",
                    "security": [{ "trainerToken": [] }],
                    "responses": { "200": { "description": "The dashboard" }, "404": { "description": "Unknown class or wrong token" } }
                }
            },
            (format!("{API_V1}{CLASSES_PATH}/{{code}}/close")): {
                "post": { "summary": "Trainer: end the class (no more joins)", "operationId": "closeClass", "responses": { "204": { "description": "Closed" } } }
            },
            (format!("{API_V1}{CLASSES_PATH}/{{code}}/export.csv")): {
                "get": { "summary": "Trainer: attendance and results as CSV", "operationId": "exportClass", "responses": { "200": { "description": "text/csv" } } }
            },
            API_V1: {
                "get": {
                    "summary": "Index of API version 1",
                    "operationId": "v1Index",
                    "responses": { "200": { "description": "The API version and where this document is" } }
                }
            }
        },
        "components": {
            "securitySchemes": {
                "officerToken": { "type": "http", "scheme": "bearer", "description": "A named officer's credential (`mytho-gateway officers add <name>`); wrong ones are limited per client" },
                "trainerToken": { "type": "http", "scheme": "bearer", "description": "The token returned when the class was started" },
                "secondFactor": { "type": "apiKey", "in": "header", "name": "X-Phone-Last4", "description": "The last 4 digits of the applicant's phone (status only). Never in the URL" },
                "accessKey": { "type": "apiKey", "in": "header", "name": "X-Access-Key", "description": "The dossier's access key (16 characters, returned once with the receipt); needed for anything that shows or changes the citizen's answers" }
            },
            "schemas": {
                "SubmitDossier": {
                    "type": "object",
                    "required": ["procedure_id", "answers", "idempotency_key"],
                    "properties": {
                        "procedure_id": { "type": "string" },
                        "answers": { "type": "object", "additionalProperties": { "type": "string" }, "description": "By field id; dates as <id>.day, <id>.month, <id>.year" },
                        "idempotency_key": { "type": "string", "pattern": "^[A-Za-z0-9-]{16,64}$" }
                    }
                },
                "StatusChange": {
                    "type": "object",
                    "required": ["status"],
                    "properties": {
                        "status": { "type": "string", "enum": ["submitted", "received", "processing", "awaiting_supplement", "awaiting_payment", "result_ready", "delivered", "refused", "withdrawn"] },
                        "note": { "$ref": "#/components/schemas/Localized" }
                    }
                },
                "Health": {
                    "type": "object",
                    "required": ["status", "version", "schema_version"],
                    "properties": {
                        "status": { "type": "string", "enum": ["ok"] },
                        "version": { "type": "string" },
                        "schema_version": { "type": "integer" }
                    }
                },
                "FaqFeedback": {
                    "type": "object",
                    "required": ["topic_id", "helpful", "lang"],
                    "additionalProperties": false,
                    "properties": {
                        "topic_id": { "type": "string" },
                        "helpful": { "type": "boolean" },
                        "lang": { "type": "string", "enum": ["vi", "en"] }
                    }
                },
                "Localized": {
                    "type": "object",
                    "required": ["vi", "en"],
                    "properties": { "vi": { "type": "string" }, "en": { "type": "string" } }
                },
                "Error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "type": "string" },
                        "message": { "$ref": "#/components/schemas/Localized" }
                    }
                }
            }
        }
    })
}
