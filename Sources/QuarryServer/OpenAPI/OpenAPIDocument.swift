/// The OpenAPI 3.1 document of the HTTP API (docs/API.md), served at `GET /openapi.json`: every
/// route with its parameters, bodies, keys and statuses, and the schema of each response, which
/// `scripts/api-check` validates a live server's responses against.
enum OpenAPIDocument {
    /// The document: JSON, pretty-printed.
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Quarry",
        "version": "0.1.0",
        "summary": "Full-text search over one index: the JSON API and the search page of `quarry-serve`.",
        "description": "Writes are synchronous: a write returns once its change is committed. Every error is JSON `{\"message\", \"code\", \"type\"}`; an unknown route is 404 `route_not_found`. docs/API.md says more."
      },
      "servers": [
        {
          "url": "http://127.0.0.1:7700",
          "description": "`quarry-serve` with its defaults."
        }
      ],
      "paths": {
        "/health": {
          "get": {
            "operationId": "health",
            "summary": "Whether the server is up",
            "description": "Needs no key.",
            "security": [],
            "responses": {
              "200": {
                "description": "Up.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Health"
                    }
                  }
                }
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/version": {
          "get": {
            "operationId": "version",
            "summary": "The server's version",
            "description": "Needs no key.",
            "security": [],
            "responses": {
              "200": {
                "description": "The version.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Version"
                    }
                  }
                }
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/stats": {
          "get": {
            "operationId": "stats",
            "summary": "The index's statistics and schema",
            "description": "Documents, segments, terms, sizes, analysis and schema.",
            "security": [
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "The index now.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Stats"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/search": {
          "get": {
            "operationId": "searchGet",
            "summary": "Search",
            "description": "The query language, paging, filter, facets and sorting, as query parameters.",
            "parameters": [
              {
                "name": "q",
                "in": "query",
                "required": false,
                "description": "The query language (README). At most 4,096 bytes of UTF-8 (more: 400 `query_too_long`). Empty or blank matches nothing unless `filter` is given; then every document the filter matches.",
                "schema": {
                  "type": "string",
                  "maxLength": 4096,
                  "default": ""
                }
              },
              {
                "$ref": "#/components/parameters/Offset"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "name": "operator",
                "in": "query",
                "required": false,
                "description": "`and` makes every word of `q` required (case is ignored).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "or",
                    "and"
                  ],
                  "default": "or"
                }
              },
              {
                "name": "filter",
                "in": "query",
                "required": false,
                "description": "A query in the query language every hit must also match, not scored (`source:bbc date:>=2024-03`); at most 4,096 bytes of UTF-8. Empty: none.",
                "schema": {
                  "type": "string",
                  "maxLength": 4096
                }
              },
              {
                "name": "sort",
                "in": "query",
                "required": false,
                "description": "`-FIELD` largest (newest) first, `FIELD` or `+FIELD` smallest first, for a date or numeric field; ties by score. Empty or absent: by relevance.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "facets",
                "in": "query",
                "required": false,
                "description": "Facets, comma-separated (the parameter may also be repeated): a keyword field (`source`), a date field by `year`, `month` or `day` (`date:year`), a numeric field by ranges (`pages:0..100,100..`). At most 10.",
                "schema": {
                  "type": "array",
                  "maxItems": 10,
                  "items": {
                    "type": "string",
                    "minLength": 1
                  }
                },
                "style": "form",
                "explode": false
              },
              {
                "name": "facet_size",
                "in": "query",
                "required": false,
                "description": "Values per facet.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100,
                  "default": 10
                }
              },
              {
                "name": "highlight",
                "in": "query",
                "required": false,
                "description": "The stored text or keyword field the snippet is taken from (a hit without a value gets an empty snippet); `none` for no snippet. The default, `body`, gives no snippet when the index does not store `body`.",
                "schema": {
                  "type": "string",
                  "minLength": 1,
                  "default": "body"
                }
              },
              {
                "$ref": "#/components/parameters/Fields"
              },
              {
                "$ref": "#/components/parameters/Body"
              },
              {
                "name": "exact_total",
                "in": "query",
                "required": false,
                "description": "Count every match; otherwise `total` may be a lower bound (`total_exact` false).",
                "schema": {
                  "type": "boolean",
                  "default": false
                }
              },
              {
                "name": "typos",
                "in": "query",
                "required": false,
                "description": "auto: a word of 5 letters or more outside quotes and prefixes that no document holds matches the words one edit away (two from 9 letters) with its first letter; off: only words written word~N are fuzzy.",
                "schema": {
                  "type": "string",
                  "enum": ["auto", "off"],
                  "default": "auto"
                }
              },
              {
                "name": "feedback",
                "in": "query",
                "required": false,
                "description": "Pseudo-relevance feedback (RM3): a query of words is run, the terms of its 10 best hits are added, and it is run again. Other queries run without it, with a note.",
                "schema": {
                  "type": "boolean",
                  "default": false
                }
              }
            ],
            "security": [
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "$ref": "#/components/responses/Hits"
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          },
          "post": {
            "operationId": "searchPost",
            "summary": "Search, with the parameters as JSON",
            "description": "The parameters of GET /search as a JSON object. A body over 81,920 bytes is 413.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SearchRequest"
                  }
                }
              }
            },
            "security": [
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "$ref": "#/components/responses/Hits"
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/documents": {
          "post": {
            "operationId": "addDocuments",
            "summary": "Add or replace documents, and commit",
            "description": "Adds the documents, replacing any with the same id, and commits before answering. The body is a JSON array of documents or JSON Lines (one document a line; a BEIR `corpus.jsonl` as it is): JSON Lines when the content type says so or the body starts with `{`. At most `--max-body-mb` (64 MB) and 100,000 documents. A body with nothing valid is 400 and commits nothing.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "type": "array",
                    "maxItems": 100000,
                    "items": {
                      "$ref": "#/components/schemas/DocumentInput"
                    }
                  }
                },
                "application/x-ndjson": {
                  "schema": {
                    "type": "string",
                    "description": "One `DocumentInput` a line, at most 100,000."
                  }
                },
                "application/jsonl": {
                  "schema": {
                    "type": "string",
                    "description": "As `application/x-ndjson`."
                  }
                }
              }
            },
            "security": [
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "Committed.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/WriteResponse"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/documents/{id}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/DocumentID"
            }
          ],
          "get": {
            "operationId": "getDocument",
            "summary": "A stored document",
            "description": "The document's stored fields.",
            "security": [
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "The document.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/StoredDocument"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          },
          "delete": {
            "operationId": "deleteDocument",
            "summary": "Delete a document, and commit",
            "description": "Deletes the document and commits; `deleted` is 0 when there was none (still 200).",
            "security": [
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "Committed.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DeleteResponse"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/documents/{id}/similar": {
          "parameters": [
            {
              "$ref": "#/components/parameters/DocumentID"
            }
          ],
          "get": {
            "operationId": "similarDocuments",
            "summary": "Documents like one",
            "description": "The documents most like this one, best first, from its most characteristic terms (Lucene's MoreLikeThis: of its terms, stop words out, that it has twice or more and 5 documents or more have, the 25 of highest tf × idf, each boosted by its share of the best); never itself or its exact duplicates. Of the search's parameters, `offset`, `limit`, `fields` and `body` apply.",
            "security": [
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Offset"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Fields"
              },
              {
                "$ref": "#/components/parameters/Body"
              }
            ],
            "responses": {
              "200": {
                "description": "The similar documents.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SimilarResponse"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/documents/delete": {
          "post": {
            "operationId": "deleteDocuments",
            "summary": "Delete documents by id, and commit",
            "description": "Deletes the documents with these ids (at most 100,000) and commits.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/DeleteRequest"
                  }
                }
              }
            },
            "security": [
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "Committed.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DeleteResponse"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/analyze": {
          "post": {
            "operationId": "analyze",
            "summary": "The tokens of a text",
            "description": "Analyzes `text` as the index does, or in `language`; offsets in UTF-8 bytes.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/AnalyzeRequest"
                  }
                }
              }
            },
            "security": [
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "The tokens.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Tokens"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/metrics": {
          "get": {
            "operationId": "metrics",
            "summary": "Request counts and latencies, and the index's size",
            "description": "Prometheus text format: `quarry_http_requests_total{method,route,status}`, `quarry_http_request_duration_seconds` (a histogram per route), `quarry_http_requests_in_flight`, `quarry_index_documents`, `quarry_index_segments`, `quarry_index_generation`. Needs no key.",
            "security": [],
            "responses": {
              "200": {
                "description": "The metrics.",
                "content": {
                  "text/plain": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "operationId": "openapi",
            "summary": "This document",
            "description": "Needs no key.",
            "security": [],
            "responses": {
              "200": {
                "description": "The OpenAPI document.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        },
        "/": {
          "get": {
            "operationId": "page",
            "summary": "The search page",
            "description": "The search page, rendered on the server from the URL: `q`, `page`, `from`, `to`, `sort` (`newest`), and a facet field's name for each selected value. A browser logs in with HTTP Basic (any user name, the key as password).",
            "parameters": [
              {
                "name": "q",
                "in": "query",
                "required": false,
                "description": "The query.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "page",
                "in": "query",
                "required": false,
                "description": "The page, from 1 (clamped to 1 to 1,000).",
                "schema": {
                  "type": "integer"
                }
              },
              {
                "name": "from",
                "in": "query",
                "required": false,
                "description": "The earliest date (ISO 8601), inclusive.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "to",
                "in": "query",
                "required": false,
                "description": "The latest date (ISO 8601), inclusive.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "sort",
                "in": "query",
                "required": false,
                "description": "`newest` sorts by the date field.",
                "schema": {
                  "type": "string",
                  "enum": [
                    "relevance",
                    "newest"
                  ]
                }
              },
              {
                "name": "facet",
                "in": "query",
                "required": false,
                "description": "A selected facet value: a keyword or date field's name with the value (`source=bbc`, `date=2024`), repeatable; any other parameter is ignored.",
                "schema": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "string"
                  }
                },
                "style": "form",
                "explode": true
              }
            ],
            "security": [
              {
                "pageLogin": []
              },
              {
                "searchKey": []
              },
              {
                "adminKey": []
              }
            ],
            "responses": {
              "200": {
                "description": "The page.",
                "content": {
                  "text/html": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "503": {
                "$ref": "#/components/responses/TooManyRequests"
              }
            }
          }
        }
      },
      "components": {
        "parameters": {
          "DocumentID": {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The document's id, percent-encoded (a malformed escape is 400 `invalid_document_id`).",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          "Offset": {
            "name": "offset",
            "in": "query",
            "required": false,
            "description": "Hits to skip.",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 10000,
              "default": 0
            }
          },
          "Limit": {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Hits to return.",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 1000,
              "default": 10
            }
          },
          "Fields": {
            "name": "fields",
            "in": "query",
            "required": false,
            "description": "Include each hit's stored fields (the body's text only with `body`).",
            "schema": {
              "type": "boolean",
              "default": true
            }
          },
          "Body": {
            "name": "body",
            "in": "query",
            "required": false,
            "description": "Include the body's text (stored as `text`) in `fields`.",
            "schema": {
              "type": "boolean",
              "default": false
            }
          }
        },
        "schemas": {
          "Error": {
            "type": "object",
            "description": "Every error's body.",
            "properties": {
              "message": {
                "type": "string",
                "description": "The problem, for a person: the parameter, field, line or column."
              },
              "code": {
                "type": "string",
                "description": "The problem, for a program (`invalid_search_query`, `missing_authorization`, …)."
              },
              "type": {
                "type": "string",
                "enum": [
                  "invalid_request",
                  "auth",
                  "not_found",
                  "system"
                ]
              }
            },
            "required": [
              "message",
              "code",
              "type"
            ],
            "additionalProperties": false
          },
          "Health": {
            "type": "object",
            "properties": {
              "status": {
                "type": "string",
                "const": "available"
              }
            },
            "required": [
              "status"
            ],
            "additionalProperties": false
          },
          "Version": {
            "type": "object",
            "properties": {
              "version": {
                "type": "string"
              },
              "engine": {
                "type": "string",
                "const": "quarry"
              }
            },
            "required": [
              "version",
              "engine"
            ],
            "additionalProperties": false
          },
          "Stats": {
            "type": "object",
            "description": "The index now.",
            "properties": {
              "documents": {
                "description": "Live documents.",
                "type": "integer",
                "minimum": 0
              },
              "deleted": {
                "description": "Deleted documents not yet merged away.",
                "type": "integer",
                "minimum": 0
              },
              "segments": {
                "type": "integer",
                "minimum": 0
              },
              "terms": {
                "type": "integer",
                "minimum": 0
              },
              "postings": {
                "type": "integer",
                "minimum": 0
              },
              "positions": {
                "type": "integer",
                "minimum": 0
              },
              "generation": {
                "description": "The commit.",
                "type": "integer",
                "minimum": 0
              },
              "bytes": {
                "type": "object",
                "description": "Bytes on disk, by kind.",
                "properties": {
                  "terms": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "postings": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "positions": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "norms": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "stored": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "columns": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "other": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "total": {
                    "type": "integer",
                    "minimum": 0
                  }
                },
                "required": [
                  "terms",
                  "postings",
                  "positions",
                  "norms",
                  "stored",
                  "columns",
                  "other",
                  "total"
                ],
                "additionalProperties": false
              },
              "analysis": {
                "type": "object",
                "properties": {
                  "language": {
                    "type": "string"
                  },
                  "fold_diacritics": {
                    "type": "boolean"
                  },
                  "stop_words": {
                    "type": "boolean"
                  }
                },
                "required": [
                  "language",
                  "fold_diacritics",
                  "stop_words"
                ],
                "additionalProperties": false
              },
              "schema": {
                "type": "object",
                "properties": {
                  "fields": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/FieldInfo"
                    }
                  }
                },
                "required": [
                  "fields"
                ],
                "additionalProperties": false
              }
            },
            "required": [
              "documents",
              "deleted",
              "segments",
              "terms",
              "postings",
              "positions",
              "generation",
              "bytes",
              "analysis",
              "schema"
            ],
            "additionalProperties": false
          },
          "FieldInfo": {
            "type": "object",
            "properties": {
              "name": {
                "type": "string"
              },
              "type": {
                "type": "string",
                "enum": [
                  "text",
                  "keyword",
                  "date",
                  "integer",
                  "float",
                  "stored"
                ]
              },
              "stored": {
                "type": "boolean"
              },
              "multi": {
                "type": "boolean"
              },
              "weight": {
                "type": "number",
                "minimum": 0,
                "description": "Text fields only."
              },
              "language": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Text fields only: the field's own language, or null."
              }
            },
            "required": [
              "name",
              "type",
              "stored",
              "multi"
            ],
            "additionalProperties": false,
            "if": {
              "properties": {
                "type": {
                  "const": "text"
                }
              }
            },
            "then": {
              "required": [
                "weight",
                "language"
              ]
            },
            "else": {
              "not": {
                "anyOf": [
                  {
                    "required": [
                      "weight"
                    ]
                  },
                  {
                    "required": [
                      "language"
                    ]
                  }
                ]
              }
            }
          },
          "SearchRequest": {
            "type": "object",
            "description": "The parameters of GET /search as members, every one optional (null: the default, but `highlight`); `facets` an array. Any other member is 400.",
            "properties": {
              "q": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 4096,
                "description": "As `q` of GET; null: empty."
              },
              "offset": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 10000
              },
              "limit": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 1000
              },
              "operator": {
                "type": [
                  "string",
                  "null"
                ],
                "enum": [
                  "or",
                  "and",
                  null
                ]
              },
              "filter": {
                "type": [
                  "string",
                  "null"
                ],
                "minLength": 1,
                "maxLength": 4096,
                "description": "As `filter` of GET, but empty is a syntax error (null: none)."
              },
              "sort": {
                "type": [
                  "string",
                  "null"
                ],
                "minLength": 1,
                "description": "As `sort` of GET, but empty names no field (null: by relevance)."
              },
              "facets": {
                "type": [
                  "array",
                  "null"
                ],
                "maxItems": 10,
                "items": {
                  "type": "string",
                  "minLength": 1
                }
              },
              "facet_size": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 1,
                "maximum": 100
              },
              "highlight": {
                "type": [
                  "string",
                  "null"
                ],
                "minLength": 1,
                "description": "As `highlight` of GET; null (or `none`): no snippet."
              },
              "fields": {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              "body": {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              "exact_total": {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              "typos": {
                "type": [
                  "string",
                  "null"
                ],
                "enum": ["auto", "off", null]
              },
              "feedback": {
                "type": [
                  "boolean",
                  "null"
                ]
              }
            },
            "required": [],
            "additionalProperties": false
          },
          "SearchResponse": {
            "type": "object",
            "properties": {
              "query": {
                "type": "string",
                "description": "`q` as given."
              },
              "hits": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Hit"
                }
              },
              "offset": {
                "type": "integer",
                "minimum": 0
              },
              "limit": {
                "type": "integer",
                "minimum": 0
              },
              "total": {
                "description": "Documents matched.",
                "type": "integer",
                "minimum": 0
              },
              "total_exact": {
                "type": "boolean",
                "description": "False when `total` is a lower bound (never with facets)."
              },
              "took_ms": {
                "type": "number",
                "minimum": 0
              },
              "facets": {
                "type": "object",
                "description": "Each facet asked for, by its field.",
                "additionalProperties": {
                  "$ref": "#/components/schemas/Facet"
                }
              },
              "notes": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "What the query did that a user may not expect (a stop word left out, a prefix cut)."
              },
              "suggestion": {
                "type": ["string", "null"],
                "description": "`q` with each word no document holds replaced by the closest word the index has (same first letter, one edit from 4 letters, two from 8), when one was found and it matches a document; else null."
              }
            },
            "required": [
              "query",
              "hits",
              "offset",
              "limit",
              "total",
              "total_exact",
              "took_ms",
              "facets",
              "notes",
              "suggestion"
            ],
            "additionalProperties": false
          },
          "SimilarResponse": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string",
                "description": "The document the others are like."
              },
              "hits": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Hit"
                }
              },
              "offset": {
                "type": "integer",
                "minimum": 0
              },
              "limit": {
                "type": "integer",
                "minimum": 0
              },
              "total": {
                "description": "Documents sharing a term of the query (the document itself and its duplicates not counted).",
                "type": "integer",
                "minimum": 0
              },
              "total_exact": {
                "type": "boolean"
              },
              "took_ms": {
                "type": "number",
                "minimum": 0
              },
              "terms": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "The query's terms, as analyzed (stems)."
              }
            },
            "required": [
              "id",
              "hits",
              "offset",
              "limit",
              "total",
              "total_exact",
              "took_ms",
              "terms"
            ],
            "additionalProperties": false
          },
          "Hit": {
            "type": "object",
            "description": "`fields` unless `fields` is false; `snippet` when the highlight field gave one.",
            "properties": {
              "id": {
                "type": "string"
              },
              "score": {
                "type": "number",
                "description": "Exactly as computed: the shortest decimal that reads back as the same double."
              },
              "document": {
                "type": "integer",
                "minimum": 0,
                "description": "The document's number in the server's snapshot (a merge of shards' hits breaks ties by it)."
              },
              "sort_value": {
                "type": [
                  "string",
                  "number"
                ],
                "description": "The sort field's value (a date as ISO 8601), when sorting."
              },
              "fields": {
                "$ref": "#/components/schemas/StoredFields"
              },
              "snippet": {
                "$ref": "#/components/schemas/Snippet"
              }
            },
            "required": [
              "id",
              "score",
              "document"
            ],
            "additionalProperties": false
          },
          "StoredFields": {
            "type": "object",
            "description": "A document's stored fields by name (the index's own, so any names): numbers for integer and float fields, an array for a multi-valued field or a field stored more than once, text otherwise.",
            "additionalProperties": {
              "type": [
                "string",
                "number",
                "array"
              ],
              "items": {
                "type": [
                  "string",
                  "number"
                ]
              }
            }
          },
          "Snippet": {
            "type": "object",
            "properties": {
              "field": {
                "type": "string"
              },
              "text": {
                "type": "string"
              },
              "highlights": {
                "type": "array",
                "description": "The matches: `[start, end)` offsets into `text` in UTF-16 code units (JavaScript's string indices).",
                "items": {
                  "type": "array",
                  "prefixItems": [
                    {
                      "type": "integer",
                      "minimum": 0
                    },
                    {
                      "type": "integer",
                      "minimum": 0
                    }
                  ],
                  "items": false,
                  "minItems": 2,
                  "maxItems": 2
                }
              },
              "html": {
                "type": "string",
                "description": "`text` HTML-escaped, each match in `<mark>`."
              }
            },
            "required": [
              "field",
              "text",
              "highlights",
              "html"
            ],
            "additionalProperties": false
          },
          "Facet": {
            "type": "object",
            "properties": {
              "values": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "value": {
                      "type": "string"
                    },
                    "count": {
                      "type": "integer",
                      "minimum": 0
                    }
                  },
                  "required": [
                    "value",
                    "count"
                  ],
                  "additionalProperties": false
                }
              },
              "other": {
                "description": "Matching documents with a value not listed.",
                "type": "integer",
                "minimum": 0
              }
            },
            "required": [
              "values",
              "other"
            ],
            "additionalProperties": false
          },
          "DocumentInput": {
            "type": "object",
            "description": "A document to add: `id` or `_id` (a string or an integer), `title`, `text` or `body`, `lang`, and the schema's fields (strings, numbers, booleans, or arrays of them). One that is not valid is a rejection of the response, not an error.",
            "properties": {
              "id": {
                "type": [
                  "string",
                  "integer"
                ]
              },
              "_id": {
                "type": [
                  "string",
                  "integer"
                ]
              },
              "title": {
                "type": "string"
              },
              "text": {
                "type": "string"
              },
              "body": {
                "type": "string"
              },
              "lang": {
                "type": "string"
              }
            },
            "anyOf": [
              {
                "required": [
                  "id"
                ]
              },
              {
                "required": [
                  "_id"
                ]
              }
            ],
            "additionalProperties": {
              "anyOf": [
                {
                  "type": [
                    "string",
                    "number",
                    "boolean"
                  ]
                },
                {
                  "type": "array",
                  "items": {
                    "type": [
                      "string",
                      "number",
                      "boolean"
                    ]
                  }
                }
              ]
            }
          },
          "WriteResponse": {
            "type": "object",
            "description": "The answer to POST /documents, once committed.",
            "properties": {
              "added": {
                "description": "Documents indexed, the replaced ones among them.",
                "type": "integer",
                "minimum": 0
              },
              "replaced": {
                "description": "Documents that replaced one with the same id.",
                "type": "integer",
                "minimum": 0
              },
              "rejected": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Rejection"
                },
                "description": "Documents skipped whole."
              },
              "warnings": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Rejection"
                },
                "description": "What was kept with a change (a value left out, invalid UTF-8 replaced)."
              },
              "documents": {
                "description": "Live documents after the commit.",
                "type": "integer",
                "minimum": 0
              },
              "generation": {
                "description": "The commit.",
                "type": "integer",
                "minimum": 0
              },
              "took_ms": {
                "type": "number",
                "minimum": 0
              }
            },
            "required": [
              "added",
              "replaced",
              "rejected",
              "warnings",
              "documents",
              "generation",
              "took_ms"
            ],
            "additionalProperties": false
          },
          "Rejection": {
            "type": "object",
            "description": "A document rejected, or a warning, with where it was.",
            "properties": {
              "line": {
                "type": "integer",
                "minimum": 0,
                "description": "The line (for an array, the element)."
              },
              "column": {
                "type": "integer",
                "minimum": 0
              },
              "reason": {
                "type": "string"
              }
            },
            "required": [
              "reason"
            ],
            "additionalProperties": false
          },
          "DeleteRequest": {
            "type": "object",
            "properties": {
              "ids": {
                "type": "array",
                "maxItems": 100000,
                "items": {
                  "type": "string"
                }
              }
            },
            "required": [
              "ids"
            ],
            "additionalProperties": false
          },
          "DeleteResponse": {
            "type": "object",
            "properties": {
              "deleted": {
                "description": "Documents deleted (0 when there was none).",
                "type": "integer",
                "minimum": 0
              },
              "documents": {
                "description": "Live documents after the commit.",
                "type": "integer",
                "minimum": 0
              },
              "generation": {
                "description": "The commit.",
                "type": "integer",
                "minimum": 0
              }
            },
            "required": [
              "deleted",
              "documents",
              "generation"
            ],
            "additionalProperties": false
          },
          "StoredDocument": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string"
              },
              "fields": {
                "$ref": "#/components/schemas/StoredFields"
              }
            },
            "required": [
              "id",
              "fields"
            ],
            "additionalProperties": false
          },
          "AnalyzeRequest": {
            "type": "object",
            "properties": {
              "text": {
                "type": "string",
                "description": "At most 1 MB of UTF-8 (more: 413)."
              },
              "language": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "An ISO 639-1 code or a Snowball name; absent or null: the index's."
              }
            },
            "required": [
              "text"
            ],
            "additionalProperties": false
          },
          "Tokens": {
            "type": "object",
            "properties": {
              "language": {
                "type": "string"
              },
              "tokens": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "term": {
                      "type": "string"
                    },
                    "position": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "start": {
                      "description": "Offset of `text` in the input, in UTF-8 bytes.",
                      "type": "integer",
                      "minimum": 0
                    },
                    "end": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "text": {
                      "type": "string",
                      "description": "The input's text of the token."
                    }
                  },
                  "required": [
                    "term",
                    "position",
                    "start",
                    "end",
                    "text"
                  ],
                  "additionalProperties": false
                }
              }
            },
            "required": [
              "language",
              "tokens"
            ],
            "additionalProperties": false
          }
        },
        "responses": {
          "Hits": {
            "description": "The hits.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SearchResponse"
                }
              }
            }
          },
          "BadRequest": {
            "description": "A request the route cannot take: a syntax error in a query (the message names the column), an unknown field, a parameter or member out of range, of the wrong type or unknown.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Unauthorized": {
            "description": "A key is needed and none was sent (`missing_authorization`).",
            "headers": {
              "WWW-Authenticate": {
                "required": true,
                "description": "`Bearer`; `Basic realm=\"Quarry search\", charset=\"UTF-8\"` for the page.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Forbidden": {
            "description": "The key sent does not allow this request (`invalid_api_key`), or a write to a read-only server (`writes_disabled`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "NotFound": {
            "description": "No such document (`document_not_found`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "PayloadTooLarge": {
            "description": "The body, or the text to analyze, is over the limit (`payload_too_large`), or a request has more than 100,000 documents or ids (`too_many_documents`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "InternalError": {
            "description": "The index could not be read or written (the message says why), or an internal error (the server's log has it).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "TooManyRequests": {
            "description": "The server is answering `--max-requests` requests already (`too_many_requests`).",
            "headers": {
              "Retry-After": {
                "required": true,
                "description": "Seconds: `1`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        },
        "securitySchemes": {
          "adminKey": {
            "type": "http",
            "scheme": "bearer",
            "description": "The admin key (`--api-key-file`): every request. Without one the server takes no writes."
          },
          "searchKey": {
            "type": "http",
            "scheme": "bearer",
            "description": "The search key (`--search-key-file`): searches and reads. Without one, reads need no key."
          },
          "pageLogin": {
            "type": "http",
            "scheme": "basic",
            "description": "A key as the password of HTTP Basic (any user name), as a browser sends it for the page; every route takes it as it takes Bearer."
          }
        }
      }
    }
    """#
}
