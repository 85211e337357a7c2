package org.opencdp.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first {@code POST /track} the real tracardi-js tracker sent (first visit: a page-view and a custom event),
 * copied verbatim from the shared Tracardi fixture {@code js_tracker_capture.jsonl} (line 6) so the tests do not
 * depend on a path outside the repository. {@code EventDocumentTest} checks the copy against the
 * fixture whenever it is available ({@code TRACARDI_FIXTURES}, default {@code /work/shared/fixtures/tracardi}).
 */
public final class TrackerCapture {

    private TrackerCapture() {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String FIRST_TRACK = """
            {
              "port": 8686,
              "method": "POST",
              "path": "/track",
              "headers": {
                "Host": "127.0.0.1:8686",
                "Connection": "keep-alive",
                "Content-Length": "1850",
                "sec-ch-ua-platform": "\\"Linux\\"",
                "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
                "sec-ch-ua": "\\"Not:A-Brand\\";v=\\"8\\", \\"Chromium\\";v=\\"156\\"",
                "Content-Type": "application/json",
                "x-timestamp": "1795351324082",
                "sec-ch-ua-mobile": "?0",
                "Accept": "*/*",
                "Origin": "http://127.0.0.1:8000",
                "Sec-Fetch-Site": "same-site",
                "Sec-Fetch-Mode": "cors",
                "Sec-Fetch-Dest": "empty",
                "Referer": "http://127.0.0.1:8000/",
                "Accept-Encoding": "gzip, deflate, br, zstd",
                "Accept-Language": "en-US,en;q=0.9"
              },
              "body": {
                "source": {
                  "id": "js-source-1"
                },
                "context": {
                  "time": {
                    "local": "2026-11-22T12:42:04.075Z",
                    "tz": "UTC"
                  },
                  "device": {
                    "gpu": {
                      "vendor": {
                        "id": 37445,
                        "name": "Google Inc. (Google)"
                      },
                      "renderer": {
                        "id": 37446,
                        "renderer": "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)"
                      }
                    }
                  },
                  "browser": {
                    "local": {
                      "browser": {
                        "name": "chrome",
                        "engine": "Gecko",
                        "appVersion": "5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
                        "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
                        "language": "en-US",
                        "onLine": true,
                        "javaEnabled": false,
                        "cookieEnabled": true
                      },
                      "device": {
                        "platform": "Linux x86_64"
                      }
                    }
                  },
                  "screen": {
                    "local": {
                      "width": 1280,
                      "height": 720,
                      "innerWidth": 1280,
                      "innerHeight": 720,
                      "availWidth": 1280,
                      "availHeight": 720,
                      "colorDepth": 24,
                      "pixelDepth": 24,
                      "orientation": "landscape-primary"
                    }
                  },
                  "tracardi": {
                    "pass": {
                      "profile": "ref-profile",
                      "source": "ref-src"
                    }
                  },
                  "utm": {
                    "source": "news"
                  }
                },
                "profile": null,
                "device": {
                  "id": "3f84bcfe-c139-4ed4-b003-f94f5707a050"
                },
                "session": {
                  "id": "e0f439b9-2469-489d-8cf8-37d6be5818e0"
                },
                "options": {},
                "events": [
                  {
                    "time": {
                      "create": "2026-11-22T12:42:04.074Z"
                    },
                    "properties": {
                      "category": "laptops"
                    },
                    "type": "page-view",
                    "options": {},
                    "context": {
                      "page": {
                        "url": "http://127.0.0.1:8000/test.html?utm_source=news&__tr_pid=ref-profile&__tr_src=ref-src",
                        "path": "/test.html",
                        "hash": "",
                        "title": "JS test page",
                        "referer": {
                          "host": null,
                          "query": null
                        },
                        "history": {
                          "length": 2
                        }
                      }
                    }
                  },
                  {
                    "time": {
                      "create": "2026-11-22T12:42:04.077Z"
                    },
                    "properties": {
                      "product": "Sun glasses",
                      "price": 13.45
                    },
                    "type": "purchase-order",
                    "options": {},
                    "context": {
                      "page": {
                        "url": "http://127.0.0.1:8000/test.html?utm_source=news&__tr_pid=ref-profile&__tr_src=ref-src",
                        "path": "/test.html",
                        "hash": "",
                        "title": "JS test page",
                        "referer": {
                          "host": null,
                          "query": null
                        },
                        "history": {
                          "length": 2
                        }
                      }
                    }
                  }
                ]
              }
            }
            """;

    /** The request: {@code {port, method, path, headers, body}}. */
    public static ObjectNode request() {
        try {
            return (ObjectNode) MAPPER.readTree(FIRST_TRACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode body() {
        return (ObjectNode) request().get("body");
    }

    /** The headers as events store them: names lower-cased, without {@code authorization} and {@code cookie}. */
    public static ObjectNode storedHeaders() {
        ObjectNode stored = MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> headers = request().get("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!List.of("authorization", "cookie").contains(name)) {
                stored.set(name, header.getValue());
            }
        }
        return stored;
    }
}
