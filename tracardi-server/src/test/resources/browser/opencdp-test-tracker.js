/*
 * A small stand-in for a browser tracker, written for this project's browser test (BrowserTrackerIT).
 * It is NOT tracardi-js: it only sends the same requests the real tracker sends
 * (shared fixture js_tracker_capture.jsonl) and applies the answer the way collector-api §3.8 says:
 *
 *   - POST <collector>/track with Content-Type: application/json and an x-timestamp header, so a foreign
 *     page makes the browser send a CORS preflight first;
 *   - first visit: profile null, a page-view and a purchase-order, then a fire:true button-click with the
 *     profile id just received; returning visit: the same page events with the kept profile id;
 *   - the first profile id ever received is kept in localStorage["tracardi-profile-id"] and never replaced;
 *     the session id lives in the "tracardi-session-id" cookie with a 30-minute sliding expiry;
 *   - every element of the answer's ux array ({tag, props, content}) is appended to <body>.
 *
 * The outcome is written into <pre id="tracker-outcome"> (JSON text, data-state="done" or "error") for the
 * test to read.
 */
(function () {
  "use strict";

  var PROFILE_KEY = "tracardi-profile-id";
  var DEVICE_KEY = "tracardi-device-id";
  var SESSION_COOKIE = "tracardi-session-id";
  var SESSION_SECONDS = 30 * 60;

  var options = window.opencdpTrackerOptions || {};
  var outcome = {state: "running", visit: null, session: null, sent: [], received: [], kept: null, ux: [], error: null};

  function write() {
    var element = document.getElementById("tracker-outcome");
    if (!element) {
      element = document.createElement("pre");
      element.id = "tracker-outcome";
      document.body.appendChild(element);
    }
    element.textContent = JSON.stringify(outcome);
    element.setAttribute("data-state", outcome.state);
  }

  function fail(error) {
    outcome.state = "error";
    outcome.error = String(error && error.stack ? error.stack : error);
    write();
  }

  function uuid4() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) {
        return decodeURIComponent(parts[i].slice(eq + 1));
      }
    }
    return null;
  }

  function sessionId() {
    var id = readCookie(SESSION_COOKIE) || uuid4();
    document.cookie = SESSION_COOKIE + "=" + encodeURIComponent(id) + "; max-age=" + SESSION_SECONDS + "; path=/; SameSite=Lax";
    return id;
  }

  function deviceId() {
    var id = window.localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = uuid4();
      window.localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  }

  function utm() {
    var query = new URLSearchParams(window.location.search);
    var found = {};
    ["source", "medium", "campaign", "term", "content"].forEach(function (key) {
      if (query.get("utm_" + key) !== null) {
        found[key] = query.get("utm_" + key);
      }
    });
    return found;
  }

  function context() {
    var nav = window.navigator;
    var scr = window.screen;
    var ctx = {
      time: {local: new Date().toISOString(), tz: Intl.DateTimeFormat().resolvedOptions().timeZone},
      browser: {local: {
        browser: {name: "chrome", engine: nav.product, appVersion: nav.appVersion, userAgent: nav.userAgent,
          language: nav.language, onLine: nav.onLine, javaEnabled: false, cookieEnabled: nav.cookieEnabled},
        device: {platform: nav.platform}}},
      screen: {local: {width: scr.width, height: scr.height, innerWidth: window.innerWidth, innerHeight: window.innerHeight,
        availWidth: scr.availWidth, availHeight: scr.availHeight, colorDepth: scr.colorDepth, pixelDepth: scr.pixelDepth,
        orientation: scr.orientation ? scr.orientation.type : null}}
    };
    var campaign = utm();
    if (Object.keys(campaign).length > 0) {
      ctx.utm = campaign;
    }
    return ctx;
  }

  function pageContext() {
    var referrer = document.referrer ? new URL(document.referrer) : null;
    return {page: {url: window.location.href, path: window.location.pathname, hash: window.location.hash, title: document.title,
      referer: {host: referrer ? referrer.host : null, query: referrer && referrer.search ? referrer.search.slice(1) : null},
      history: {length: window.history.length}}};
  }

  function event(type, properties, eventOptions) {
    return {time: {create: new Date().toISOString()}, properties: properties, type: type, options: eventOptions || {},
      context: pageContext()};
  }

  function payload(profileId, session, events) {
    return {source: {id: options.source}, context: context(), profile: profileId ? {id: profileId} : null,
      device: {id: deviceId()}, session: {id: session}, options: {}, events: events};
  }

  /** Appends each {tag, props, content} of a /track answer's ux array to <body>; answers how many. */
  function applyUx(ux) {
    if (!Array.isArray(ux)) {
      throw new Error("the answer's ux is not an array: " + JSON.stringify(ux));
    }
    ux.forEach(function (item) {
      if (!item || typeof item.tag !== "string" || item.tag === "") {
        throw new Error("a ux element without a tag: " + JSON.stringify(item));
      }
      var element = document.createElement(item.tag);
      var props = item.props || {};
      Object.keys(props).forEach(function (name) {
        element.setAttribute(name, String(props[name]));
      });
      if (typeof item.content === "string") {
        element.textContent = item.content;
      }
      document.body.appendChild(element);
    });
    return ux.length;
  }

  function track(body) {
    outcome.sent.push({profile: body.profile ? body.profile.id : null, events: body.events.map(function (e) { return e.type; })});
    return window.fetch(options.collector + "/track", {
      method: "POST",
      headers: {"Content-Type": "application/json", "x-timestamp": String(Date.now())},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        if (response.status !== 200 && response.status !== 226) {
          throw new Error("POST /track answered " + response.status + ": " + text);
        }
        return JSON.parse(text);
      });
    }).then(function (answer) {
      var id = answer && answer.profile ? answer.profile.id : null;
      outcome.received.push({status: "ok", profile: id, session: answer && answer.session ? answer.session.id : null,
        warnings: answer ? answer.warnings : null});
      if (id && !window.localStorage.getItem(PROFILE_KEY)) {
        window.localStorage.setItem(PROFILE_KEY, id);
      }
      outcome.ux.push(applyUx(answer.ux));
      return answer;
    });
  }

  function run() {
    var kept = window.localStorage.getItem(PROFILE_KEY);
    var session = sessionId();
    outcome.visit = kept ? "returning" : "first";
    outcome.session = session;
    var pageEvents = [
      event("page-view", {category: "laptops"}),
      event("purchase-order", {product: "Sun glasses", price: 13.45})
    ];
    var done = track(payload(kept, session, pageEvents));
    if (!kept) {
      // The helper call of the capture: an immediate (fire: true) event with the profile id just received.
      done = done.then(function () {
        return track(payload(window.localStorage.getItem(PROFILE_KEY), session,
          [event("button-click", {a: 1}, {fire: true})]));
      });
    }
    return done.then(function () {
      outcome.kept = window.localStorage.getItem(PROFILE_KEY);
      outcome.state = "done";
      write();
    });
  }

  window.opencdpTracker = {applyUx: applyUx};
  write();
  try {
    run().catch(fail);
  } catch (error) {
    fail(error);
  }
})();
