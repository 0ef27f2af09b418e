/* Chuishao's shared page module: one file for the grid worker's app, the departments' console and the
   board, served by each of their services at /static/shared/chuishao.js (chuishao_shared/pages.py).
   Plain script, no build, no CDN; it defines window.Chuishao:
   - DOM: el() builds elements; data is always set as text, never parsed as HTML;
   - session: claims() decodes a JWT's claims (for display only: the API checks the token), takeToken()
     moves a `#token=` sign-in link's token (a development convenience) into storage and out of the address
     bar; loadSession(), signIn(), signOutSession(): sign-in through the city's identity provider
     (/auth/login), after which the browser holds only an HttpOnly cookie and every write without a bearer
     token carries the session's CSRF token in X-CSRF-Token;
   - API: request() (bearer token, Idempotency-Key, JSON body, time limit), problemOf() (RFC 9457 problem
     details: title, detail, field errors), retryAfterMs(), call() (JSON or an ApiError), newKey();
   - vocabulary: loadVocabulary() reads GET /v1/vocabulary (kept for offline use): every status's one
     Chinese and one English word, its tone, which are live / open / at work, and what overdue means;
   - countdown(): "剩余 3时05分" / "超时 12分30秒", and tickCountdowns() for every `.countdown[data-deadline]`. */
"use strict";
(function (global) {
  // ---------------------------------------------------------------- DOM
  /** el("button", { class, dataset: {...}, onclick: fn, disabled: true }, "text", node, [more]) */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // ---------------------------------------------------------------- session
  function claims(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const bytes = Uint8Array.from(atob(part + "===".slice((part.length + 3) % 4)), (ch) => ch.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      return null;
    }
  }
  const expired = (c, now = Date.now()) => !c || Boolean(c.exp && c.exp * 1000 <= now);
  /** A `#token=` sign-in link: the token goes to `storage[key]` and must not stay in the address bar,
      the history or a screenshot; `keep` is the fragment the address keeps ("" or "#/"). */
  function takeToken(storage, key, keep = "") {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!match) return false;
    storage.setItem(key, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search + keep);
    return true;
  }

  // ---------------------------------------------------------------- sign-in session (the city's identity provider)
  // A page signed in through /auth/login holds only an HttpOnly session cookie; its CSRF token (from
  // GET /auth/session) goes back in X-CSRF-Token on every write that carries no bearer token.
  let csrfToken = null;
  const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
  function setCsrf(value) { csrfToken = value || null; }
  /** {session, offered}: who is signed in by the session cookie ({sub, name, role, grids, department, ...,
      exp, csrf}, or null) and whether this service offers sign-in at /auth/login; a NetworkError offline. */
  async function loadSession() {
    const response = await request("/auth/session", { timeoutMs: 10000, cache: "no-store" });
    if (response.ok) {
      const session = await response.json();
      setCsrf(session.csrf);
      return { session, offered: true };
    }
    setCsrf(null);
    const problem = await problemOf(response);
    return { session: null, offered: Boolean(problem.sign_in) };
  }
  /** To the identity provider's sign-in page, and back to `next` (a path on this service). */
  function signIn(next) {
    location.assign("/auth/login?next=" + encodeURIComponent(next || location.pathname));
  }
  /** Ends the session here; resolves to the provider's end-session URL (or null). */
  async function signOutSession() {
    try {
      const response = await request("/auth/logout", { method: "POST", timeoutMs: 10000 });
      setCsrf(null);
      return response.ok ? (await response.json()).redirect || null : null;
    } catch (error) {
      setCsrf(null);
      return null;
    }
  }

  // ---------------------------------------------------------------- API
  class NetworkError extends Error {}
  class ApiError extends Error {
    constructor(status, problem, retryAfter) {
      super(problem.detail || problem.title || String(status));
      this.status = status; // 0: no answer
      this.problem = problem;
      this.retryAfterMs = retryAfter || null;
    }
  }
  /** fetch with `token`, `key` (Idempotency-Key), `json` (a body to send as JSON) and `timeoutMs`;
      the Response, or a NetworkError when there is no answer. */
  async function request(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    if (options.token) headers.Authorization = "Bearer " + options.token;
    else if (csrfToken && !SAFE.has((options.method || "GET").toUpperCase())) headers["X-CSRF-Token"] = csrfToken;
    if (options.key) headers["Idempotency-Key"] = options.key;
    let body = options.body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs || 15000);
    try {
      return await fetch(path, { method: options.method || "GET", headers, body, cache: options.cache, signal: controller.signal });
    } catch (error) {
      throw new NetworkError(String(error));
    } finally {
      clearTimeout(timer);
    }
  }
  /** The problem details of an error answer (RFC 9457): type, title, status, detail, errors [{field, message}]. */
  async function problemOf(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (error) { /* not JSON: a proxy's page */ }
    const problem = Object.assign({ status: response.status, title: response.statusText, detail: "" }, body || {});
    problem.errors = Array.isArray(problem.errors) ? problem.errors : [];
    if (!problem.detail) problem.detail = problem.title || String(response.status);
    return problem;
  }
  /** Retry-After in milliseconds (seconds or an HTTP date), or null. */
  function retryAfterMs(response) {
    const header = response && response.headers.get("Retry-After");
    if (!header) return null;
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    return ms > 0 ? ms : null;
  }
  /** The answer's JSON (null for 204), or an ApiError carrying the problem (status 0: no answer). */
  async function call(path, options = {}) {
    let response;
    try {
      response = await request(path, options);
    } catch (error) {
      throw new ApiError(0, { title: "network", detail: "network", errors: [] });
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response), retryAfterMs(response));
    if (response.status === 204) return null;
    return response.json().catch(() => ({}));
  }
  function newKey() {
    if (global.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const x = Array.from(b, (v) => v.toString(16).padStart(2, "0")).join("");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  }

  // ---------------------------------------------------------------- vocabulary
  const VOCABULARY_KEY = "chuishao.vocabulary";
  const index = (list, key = "code") => new Map((list || []).map((entry) => [String(entry[key]), entry]));

  /** Lookups over GET /v1/vocabulary; an unknown code is shown as itself. */
  function Vocabulary(body) {
    const b = body || {};
    const statuses = index(b.case_statuses);
    const tables = {
      status: statuses,
      assignment: index(b.assignment_statuses),
      role: index(b.assignment_roles),
      report: index(b.report_statuses),
      severity: index(b.severities),
      event: index(b.event_types),
      word: index(b.deadline_words),
      level: index(b.escalation_levels, "level"),
      grade: index(b.escalation_levels, "grade"),
    };
    const say = (table) => (code, lang) => {
      const entry = tables[table].get(String(code));
      return entry ? (lang === "en" ? entry.en : entry.zh) : code === null || code === undefined ? "" : String(code);
    };
    const flag = (name) => (code) => Boolean((statuses.get(code) || {})[name]);
    const v = {
      loaded: statuses.size > 0,
      status: say("status"),
      assignment: say("assignment"),
      role: say("role"),
      report: say("report"),
      severity: say("severity"),
      word: say("word"),
      grade: say("grade"),
      level: (n, lang) => say("level")(Math.min(Math.max(Number(n) || 0, 1), 3), lang),
      /** `case.resolved`, or the app's `resolved` (its timeline drops the prefix). */
      event: (type, lang) => say("event")(String(type || "").includes(".") ? type : `case.${type}`, lang),
      tone: (code) => (statuses.get(code) || {}).tone || "grey",
      isLive: flag("live"),
      isOpen: flag("open"),
      atWork: flag("at_work"),
      assignmentLive: (code) => Boolean((tables.assignment.get(code) || {}).live),
      /** Overdue, defined once (docs/api.md): at work, and the deadline still owed has passed. */
      isOverdue: (status, deadline, now = Date.now()) => v.atWork(status) && Boolean(deadline) && Date.parse(deadline) < now,
      /** The status as a badge: its word, classed by status and tone. */
      badge: (code, lang, extra) => el("span", { class: `status st-${code} tone-${v.tone(code)}${extra ? " " + extra : ""}` }, v.status(code, lang)),
    };
    return v;
  }
  let vocabularyPromise = null;
  /** The vocabulary from the API, else the last copy kept on this device (offline). */
  function loadVocabulary() {
    if (!vocabularyPromise) {
      vocabularyPromise = (async () => {
        let body = null;
        try {
          const response = await request("/v1/vocabulary", { timeoutMs: 10000 });
          if (response.ok) body = await response.json();
        } catch (error) { /* offline */ }
        try {
          if (body) localStorage.setItem(VOCABULARY_KEY, JSON.stringify(body));
          else body = JSON.parse(localStorage.getItem(VOCABULARY_KEY) || "null");
        } catch (error) { /* storage refused */ }
        return Vocabulary(body);
      })();
    }
    return vocabularyPromise;
  }

  // ---------------------------------------------------------------- countdown
  /** "剩余 3时05分" / "超时 12分30秒" / "3h 05m left" / "overdue by 12m 30s" (the board's server renders the same). */
  function countdown(seconds, lang, vocab) {
    const w = (key) => vocab.word(key, lang);
    const total = Math.floor(Math.abs(seconds));
    const d = Math.floor(total / 86400), h = Math.floor((total % 86400) / 3600);
    const m = Math.floor((total % 3600) / 60), s = total % 60, pad = (n) => String(n).padStart(2, "0");
    const sep = lang === "en" ? " " : "";
    const parts = d ? `${d}${w("day")}${sep}${h}${w("hour")}` : h ? `${h}${w("hour")}${sep}${pad(m)}${w("minute")}`
      : `${m}${w("minute")}${sep}${pad(s)}${w("second")}`;
    if (lang === "en") return seconds < 0 ? `${w("overdue_by")} ${parts}` : `${parts} ${w("left")}`;
    return `${seconds < 0 ? w("overdue_by") : w("left")} ${parts}`;
  }
  /** Rewrites every `.countdown[data-deadline]` under `root` (marked `late` once passed); `each(node, seconds)`
      lets a page mark more. */
  function tickCountdowns(vocab, lang, root = document, each = null) {
    const now = Date.now();
    root.querySelectorAll(".countdown[data-deadline]").forEach((node) => {
      const seconds = (Date.parse(node.dataset.deadline) - now) / 1000;
      node.textContent = countdown(seconds, lang, vocab);
      node.classList.toggle("late", seconds < 0);
      if (each) each(node, seconds);
    });
  }

  global.Chuishao = Object.freeze({
    el, claims, expired, takeToken, setCsrf, loadSession, signIn, signOutSession,
    NetworkError, ApiError, request, problemOf, retryAfterMs, call, newKey,
    Vocabulary, loadVocabulary, countdown, tickCountdowns,
  });
})(window);
