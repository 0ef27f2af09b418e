/* Chuishao grid worker app (网格员手机端). Plain script, no build, no CDN.
   Reports go to an IndexedDB outbox first, each with its Idempotency-Key and its photos, and are
   sent from there: at once when online, else when the network returns or the app starts. The same
   key is reused on every retry, so a report is filed exactly once. The API wrapper, the token's claims,
   the element builder and the words of statuses come from the shared page module (Chuishao). */
"use strict";
(() => {
  const C = window.Chuishao;
  const el = C.el, NetworkError = C.NetworkError, newKey = C.newKey;
  const TEXT = JSON.parse(document.getElementById("text").textContent);
  let V = C.Vocabulary(null); // GET /v1/vocabulary (kept by the service worker), loaded at start
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const MAX_PHOTOS = 9;
  const MAX_DESCRIPTION = 2000;
  const REQUEST_TIMEOUT_MS = 15000;
  const MAX_BACKOFF_MS = 60000;
  const POLL_MS = 5000;
  const FAST_POLL_MS = 1000;

  // ---------------------------------------------------------------- language
  let lang = localStorage.getItem("chuishao.lang") === "en" ? "en" : "zh";
  const t = (key) => (TEXT[key] ? TEXT[key][lang === "en" ? 1 : 0] : key);
  function applyLanguage() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    $$("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $$("[data-tp]").forEach((el) => { el.placeholder = t(el.dataset.tp); });
    document.title = t("app_name");
  }
  const colon = () => (lang === "en" ? ": " : "：");
  const nameOf = (item) => (item ? (lang === "en" ? item.name_en || item.name : item.name) : "");

  // ---------------------------------------------------------------- sign-in
  // A `#token=` link (a development convenience) keeps its bearer token here; otherwise the worker signs in
  // through the city's identity provider (/auth/login) and the phone holds only an HttpOnly session cookie:
  // the session's description (who, until when, its CSRF token; never a token) is kept for offline starts.
  const TOKEN_KEY = "chuishao.token";
  const SESSION_KEY = "chuishao.session";
  let signInOffered = false, sessionEnded = false;
  const token = () => localStorage.getItem(TOKEN_KEY);
  const kept = () => {
    try { return JSON.parse(localStorage.getItem(SESSION_KEY) || "null"); } catch (error) { return null; }
  };
  const claims = () => (token() ? C.claims(token()) : kept());
  async function refreshSession() {
    try {
      const found = await C.loadSession();
      signInOffered = found.offered;
      if (found.session) localStorage.setItem(SESSION_KEY, JSON.stringify(found.session));
      else localStorage.removeItem(SESSION_KEY);
    } catch (error) {
      // Offline: the last session is assumed until an answer says otherwise; its CSRF token goes with the queue.
      const last = kept();
      if (last) { C.setCsrf(last.csrf); signInOffered = true; }
    }
  }
  const signedIn = () => {
    const c = claims();
    return Boolean(c && c.role === "grid_worker" && !C.expired(c));
  };

  // ---------------------------------------------------------------- HTTP
  /** The Response (or a NetworkError): the outbox decides what an answer means. */
  const api = (path, options = {}) => C.request(path, Object.assign({ token: token(), timeoutMs: REQUEST_TIMEOUT_MS }, options));
  /** What to do after an answer: "ok", "retry" (time-outs, 5xx, 429, 408, an expired sign-in) or "attention". */
  function verdict(response) {
    if (response.ok) return "ok";
    if (response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 401) return "retry";
    return "attention";
  }
  function retryDelay(attempts, response) {
    const asked = C.retryAfterMs(response);
    if (asked) return asked;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 6));
    return backoff / 2 + Math.random() * (backoff / 2);
  }

  // ---------------------------------------------------------------- IndexedDB
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const request = indexedDB.open("chuishao", 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore("outbox", { keyPath: "id" });
          request.result.createObjectStore("drafts", { keyPath: "id" });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return dbPromise;
  }
  async function store(name, mode, work) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const tx = database.transaction(name, mode);
      const request = work(tx.objectStore(name));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  const outboxAll = () => store("outbox", "readonly", (s) => s.getAll());
  const outboxPut = (item) => store("outbox", "readwrite", (s) => s.put(item));
  const outboxGet = (id) => store("outbox", "readonly", (s) => s.get(id));
  const outboxDelete = (id) => store("outbox", "readwrite", (s) => s.delete(id));

  // ---------------------------------------------------------------- reference data
  const ref = { categories: [], majors: [], grids: [], departments: {} };
  async function loadList(path, cacheKey) {
    try {
      const response = await api(path);
      if (response.ok) {
        const body = await response.json();
        localStorage.setItem(cacheKey, JSON.stringify(body.items));
        return body.items;
      }
    } catch (error) { /* offline: the service worker or the last copy answers */ }
    return JSON.parse(localStorage.getItem(cacheKey) || "[]");
  }
  async function loadReference() {
    const [categories, grids, departments] = await Promise.all([
      loadList("/v1/categories", "chuishao.categories"),
      loadList("/v1/grids?mine=true", "chuishao.grids"),
      loadList("/v1/departments", "chuishao.departments"),
    ]);
    ref.categories = categories;
    const majors = new Map();
    categories.forEach((c) => majors.set(c.major, { code: c.major, name: c.major_name, name_en: c.major_name_en || c.major_name }));
    ref.majors = Array.from(majors.values());
    const own = new Set((claims() || {}).grids || []);
    ref.grids = grids.length ? grids.filter((g) => own.has(g.code)) : Array.from(own).map((code) => ({ code, name: code }));
    ref.departments = Object.fromEntries(departments.map((d) => [d.code, d]));
  }
  const categoryByCode = (code) => ref.categories.find((c) => c.code === code);
  const departmentName = (code) => nameOf(ref.departments[code]) || code;
  const gridName = (code) => nameOf(ref.grids.find((g) => g.code === code)) || code;

  // ---------------------------------------------------------------- small UI helpers
  let toastTimer = null;
  function toast(message) {
    const box = $("#toast");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 3000);
  }
  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toLocaleString(lang === "en" ? "en-GB" : "zh-CN", { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  }
  function statusKey(report) {
    return report.case_status || "received";
  }
  /** The case's status in the vocabulary's word and tone; before dispatch has a case, the report's. */
  function statusBadge(report) {
    if (!report.case_status) return el("span", { class: "status badge received tone-grey" }, V.report(statusKey(report), lang));
    const v = report.case_status === "resolved" ? currentVerification(report) : null;
    // Verified, and dispatch has not closed or reopened the case yet: say what happens next, not 待核查.
    if (v) return el("span", { class: "status badge verified " + (v.result === "fixed" ? "tone-green" : "tone-yellow"), "data-next": v.result }, t("verified_" + v.result));
    return V.badge(report.case_status, lang, "badge " + report.case_status);
  }

  /** The API's messages are English; the common ones are said in the worker's language. */
  function localMessage(message) {
    const text = String(message || "");
    const most = /at most (\d+) characters?/i.exec(text);
    if (most) return t("msg_max_chars").replace("{n}", most[1]);
    if (/Field required|at least 1 character|must not be blank/i.test(text)) return t("msg_required");
    return text;
  }

  /** A problem's message in the page's language: the API writes English, so on a Chinese screen a message
      not known word for word is said by the answer's status instead (the English stays on hover). */
  function problemMessage(problem, message) {
    const text = String(message || "");
    const local = localMessage(text);
    if (lang === "en" || local !== text || /[\u4e00-\u9fff]/.test(text)) return local;
    return t(TEXT["problem_" + problem.status] ? "problem_" + problem.status : "problem_other");
  }

  /** Show a problem's field errors next to their fields inside `root`; the rest at the top. */
  function showProblem(root, problem) {
    clearErrors(root);
    const errors = problem.errors && problem.errors.length ? problem.errors : [{ field: "_", message: problem.detail || problem.title }];
    errors.forEach((e) => {
      const field = String(e.field || "_");
      const candidates = [field, field.replace(/\.\d+$/, ""), field.split(".")[0], "_"];
      const slot = candidates.map((f) => $(`[data-err="${CSS.escape(f)}"]`, root)).find(Boolean);
      if (!slot) return;
      slot.textContent = (slot.textContent ? slot.textContent + "；" : "") + problemMessage(problem, e.message);
      slot.title = (slot.title ? slot.title + "; " : "") + String(e.message || "");
      const input = $(`[name="${CSS.escape(field)}"]`, root);
      (input || slot.closest(".field") || slot).classList.add("invalid");
    });
    const first = $(".err:not(:empty)", root);
    if (first) first.scrollIntoView({ block: "center" });
  }
  function clearErrors(root) {
    $$(".err", root).forEach((e) => { e.textContent = ""; e.title = ""; });
    $$(".invalid", root).forEach((e) => e.classList.remove("invalid"));
  }

  // ---------------------------------------------------------------- views
  let current = "file";
  function show(view) {
    current = view;
    ["file", "queue", "mine", "detail"].forEach((v) => { $("#view-" + v).hidden = v !== view; });
    $$("#tabs button").forEach((b) => b.classList.toggle("on", b.dataset.view === view || (view === "detail" && b.dataset.view === "mine")));
    if (view === "queue") renderQueue();
    if (view === "mine") loadMine();
    if (view === "file") $("#sent-number").hidden = true;  // the last confirmation stays until the next report
    window.scrollTo(0, 0);
  }

  // ---------------------------------------------------------------- the report form
  const form = () => $("#report");
  let formPhotos = []; // [{blob, name}]
  let selectedCategory = "";

  function renderMajors() {
    const select = $("#major");
    select.replaceChildren(el("option", { value: "", "data-t": "all_majors" }, t("all_majors")),
      ...ref.majors.map((m) => el("option", { value: m.code }, nameOf(m))));
  }
  function renderCategories() {
    const major = $("#major").value;
    const query = $("#cat-search").value.trim().toLowerCase();
    const matches = ref.categories.filter((c) =>
      (!major || c.major === major) &&
      (!query || [c.name, c.name_en, c.code, c.major_name].some((s) => String(s || "").toLowerCase().includes(query))));
    $("#cat-list").replaceChildren(...matches.map((c) => el("button", {
      type: "button", role: "option", class: "chip" + (c.code === selectedCategory ? " on" : ""),
      "aria-selected": c.code === selectedCategory ? "true" : "false", "data-code": c.code,
      onclick: () => pickCategory(c.code),
    }, nameOf(c), major ? null : el("small", {}, nameOf({ name: c.major_name, name_en: c.major_name_en })))));
  }
  function pickCategory(code) {
    selectedCategory = code;
    $("#category").value = code;
    const c = categoryByCode(code);
    const picked = $("#cat-picked");
    picked.classList.toggle("on", Boolean(c));
    picked.textContent = c ? `${nameOf({ name: c.major_name, name_en: c.major_name_en })} › ${nameOf(c)}` : t("category_pick");
    if (c && !form().dataset.severityTouched) {
      const radio = $(`input[name="severity"][value="${c.default_severity}"]`);
      if (radio) radio.checked = true;
    }
    renderCategories();
    saveDraftSoon();
  }
  function renderGrids() {
    const select = $("#grid");
    const chosen = select.value;
    select.replaceChildren(...ref.grids.map((g) => el("option", { value: g.code }, `${nameOf(g)}${g.community_name ? " · " + g.community_name : ""}`)));
    if (chosen) select.value = chosen;
  }
  function updateCounter() {
    const length = Array.from($("#description").value).length;
    const counter = $("#counter");
    counter.textContent = `${length}/${MAX_DESCRIPTION}`;
    counter.classList.toggle("over", length > MAX_DESCRIPTION);
  }
  function renderThumbs() {
    $("#thumbs").replaceChildren(...formPhotos.map((photo, index) => {
      const url = URL.createObjectURL(photo.blob);
      return el("div", { class: "thumb" },
        el("img", { src: url, alt: photo.name, onload: () => URL.revokeObjectURL(url) }),
        el("button", { type: "button", onclick: () => { formPhotos.splice(index, 1); renderThumbs(); saveDraftSoon(); } }, t("remove")));
    }));
  }
  function addPhotos(files) {
    const room = MAX_PHOTOS - formPhotos.length;
    Array.from(files).slice(0, Math.max(0, room)).forEach((file) => formPhotos.push({ blob: file, name: file.name || "photo.jpg" }));
    if (files.length > room) toast(t("photo_too_many"));
    renderThumbs();
    saveDraftSoon();
  }
  function locate() {
    if (!navigator.geolocation) { $("#located").textContent = t("locate_failed"); return; }
    $("#located").textContent = t("locating");
    navigator.geolocation.getCurrentPosition((position) => {
      form().elements["place.lat"].value = position.coords.latitude.toFixed(6);
      form().elements["place.lon"].value = position.coords.longitude.toFixed(6);
      showLocation();
      suggestGrid(position.coords.longitude, position.coords.latitude);
      saveDraftSoon();
    }, () => { $("#located").textContent = t("locate_failed"); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }
  /** With several grids, the one among them holding the phone's position is chosen (GET /v1/grids/locate);
      outside all of them, or offline, the choice stays the worker's. */
  async function suggestGrid(lon, lat) {
    const select = form().elements.grid;
    if (!select || select.options.length < 2) return;
    try {
      const response = await api(`/v1/grids/locate?lon=${encodeURIComponent(lon)}&lat=${encodeURIComponent(lat)}`);
      if (!response.ok) return;
      const grid = await response.json();
      if (Array.from(select.options).some((o) => o.value === grid.code) && select.value !== grid.code) {
        select.value = grid.code;
        toast(t("grid_suggested"));
      }
    } catch (error) { /* offline: the worker picks */ }
  }
  function showLocation() {
    const lat = form().elements["place.lat"].value;
    const lon = form().elements["place.lon"].value;
    $("#located").textContent = lat ? `${t("located")} ${lat}, ${lon}` : "";
    $("#unlocate").hidden = !lat;
  }
  function formFields() {
    const f = form().elements;
    const value = (name) => (f[name] ? f[name].value : "");
    return {
      category: selectedCategory,
      grid: value("grid"),
      description: value("description"),
      severity: (form().querySelector('input[name="severity"]:checked') || {}).value || "minor",
      "place.building": value("place.building"),
      "place.unit": value("place.unit"),
      "place.address": value("place.address"),
      "place.lat": value("place.lat"),
      "place.lon": value("place.lon"),
      "resident.name": value("resident.name"),
      "resident.phone": value("resident.phone"),
      handled_on_site: f.handled_on_site.checked,
    };
  }
  function fillForm(fields) {
    const f = form().elements;
    Object.entries(fields || {}).forEach(([name, value]) => {
      if (name === "category") return;
      if (name === "severity") { const r = $(`input[name="severity"][value="${value}"]`); if (r) r.checked = true; return; }
      if (name === "handled_on_site") { f.handled_on_site.checked = Boolean(value); return; }
      if (f[name] && value !== undefined && value !== null) f[name].value = value;
    });
    pickCategory(fields && fields.category ? fields.category : "");
    updateCounter();
    showLocation();
  }
  function reportBody(fields, photoUrls) {
    const place = {};
    ["building", "unit", "address"].forEach((k) => { if (fields["place." + k].trim()) place[k] = fields["place." + k].trim(); });
    if (fields["place.lat"] && fields["place.lon"]) { place.lat = Number(fields["place.lat"]); place.lon = Number(fields["place.lon"]); }
    const body = {
      category: fields.category, grid: fields.grid, description: fields.description, severity: fields.severity,
      place, photos: photoUrls, handled_on_site: fields.handled_on_site,
    };
    const name = fields["resident.name"].trim();
    const phone = fields["resident.phone"].trim();
    if (name || phone) body.resident = Object.assign({}, name ? { name } : {}, phone ? { phone } : {});
    return body;
  }
  function resetForm() {
    const grid = $("#grid").value;
    form().reset();
    delete form().dataset.severityTouched;
    $("#grid").value = grid;
    formPhotos = [];
    $("#cat-search").value = "";
    pickCategory("");
    renderThumbs();
    updateCounter();
    showLocation();
    clearErrors(form());
  }

  // Nothing the worker typed is lost by closing the app: the form is kept as a draft.
  let draftTimer = null;
  function saveDraftSoon() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(saveDraft, 300);
  }
  const saveDraft = () => store("drafts", "readwrite", (s) => s.put({ id: "report", fields: formFields(), photos: formPhotos }));
  const clearDraft = () => store("drafts", "readwrite", (s) => s.delete("report"));
  async function restoreDraft() {
    const draft = await store("drafts", "readonly", (s) => s.get("report"));
    if (!draft) return;
    formPhotos = draft.photos || [];
    fillForm(draft.fields);
    renderThumbs();
  }

  async function submitReport(event) {
    event.preventDefault();
    clearErrors(form());
    const fields = formFields();
    const item = {
      id: newKey(), kind: "report", path: "/v1/reports", fields, photos: formPhotos.slice(),
      createdAt: new Date().toISOString(), attempts: 0, nextAt: 0, state: "waiting",
    };
    await outboxPut(item);
    resetForm();
    await clearDraft();
    await refreshQueueBadge();
    if (!navigator.onLine) { toast(t("queued")); return; }
    $("#submit").disabled = true;
    $("#submit").textContent = t("sending");
    try {
      await drain();
    } finally {
      $("#submit").disabled = false;
      $("#submit").textContent = t("submit");
    }
    const after = await outboxGet(item.id);
    if (!after) {
      const number = sentNumbers.get(item.id);
      toast(t("sent"));  // the number stays in the confirmation above 我的上报 (a toast fades)
      show("mine");
      showSentNumber(number);
      return;
    }
    if (after.state === "attention") {
      // Refused by the API: back into the form, with each problem next to its field.
      await outboxDelete(item.id);
      formPhotos = item.photos;
      fillForm(item.fields);
      renderThumbs();
      await saveDraft();
      await refreshQueueBadge();
      showProblem(form(), after.problem);
      toast(t("fix_fields"));
      return;
    }
    toast(t("queued"));
  }

  // ---------------------------------------------------------------- the outbox
  let draining = null;
  let drainTimer = null;
  function drain() {
    if (!draining) draining = drainOnce().finally(() => { draining = null; });
    return draining;
  }
  async function drainOnce() {
    if (!signedIn()) return;
    const items = (await outboxAll()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const item of items) {
      if (!navigator.onLine) break;
      if (item.state === "attention" || item.nextAt > Date.now()) continue;
      await sendItem(item);
    }
    await refreshQueueBadge();
    if (current === "queue") renderQueue();
    scheduleDrain();
  }
  async function scheduleDrain() {
    clearTimeout(drainTimer);
    const waiting = (await outboxAll()).filter((i) => i.state !== "attention");
    if (!waiting.length) return;
    const next = Math.min(...waiting.map((i) => i.nextAt || 0));
    drainTimer = setTimeout(drain, Math.max(500, next - Date.now()));
  }
  let sendingId = null;
  async function sendItem(item) {
    sendingId = item.id;
    try {
      if (!(await outboxGet(item.id))) return "gone"; // taken out to be edited meanwhile
      // Photos first, each with its own key derived from the report's, so a retry never uploads twice.
      for (let i = 0; i < item.photos.length; i++) {
        const photo = item.photos[i];
        if (photo.url) continue;
        const data = new FormData();
        data.append("file", photo.blob, photo.name);
        const response = await api("/v1/photos", { method: "POST", body: data, headers: { "Idempotency-Key": `${item.id}.photo.${i}` } });
        const outcome = verdict(response);
        if (outcome !== "ok") return settle(item, outcome, response, "photos");
        photo.url = (await response.json()).url;
        await outboxPut(item);
      }
      const urls = item.photos.map((p) => p.url);
      const body = item.kind === "report" ? reportBody(item.fields, urls) : Object.assign({}, item.body, { photos: urls });
      if (item.kind === "feedback") delete body.photos;
      const response = await api(item.path, {
        method: "POST", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "Idempotency-Key": item.id },
      });
      return settle(item, verdict(response), response);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      return settle(item, "retry", null);
    } finally {
      sendingId = null;
    }
  }
  // The number each report got when intake accepted it (item id → number): the confirmation says it.
  const sentNumbers = new Map();
  async function settle(item, outcome, response, field) {
    if (outcome === "ok") {
      if (item.kind === "report" && response) {
        try { const filed = await response.clone().json(); if (filed.number) sentNumbers.set(item.id, filed.number); } catch (error) { /* no body: no number */ }
      }
      await outboxDelete(item.id);
      return "ok";
    }
    item.attempts += 1;
    if (outcome === "retry") {
      item.state = "retry";
      item.nextAt = Date.now() + retryDelay(item.attempts, response);
      item.lastError = response ? `HTTP ${response.status}` : "network";
      if (response && response.status === 401) {
        item.lastError = t(token() ? "token_expired" : "session_expired");
        // The sign-in has ended: the queue stays in IndexedDB and is sent after the next sign-in.
        if (!token() && kept()) {
          localStorage.removeItem(SESSION_KEY);
          signInOffered = sessionEnded = true;
          setTimeout(showSignedIn, 0);
        }
      }
    } else {
      item.state = "attention";
      const problem = await C.problemOf(response);
      if (field && !(problem.errors && problem.errors.length)) problem.errors = [{ field, message: problem.detail || problem.title }];
      item.problem = problem;
    }
    await outboxPut(item);
    return outcome;
  }
  async function refreshQueueBadge() {
    const count = (await outboxAll()).length;
    const badge = $("#queue-count");
    badge.textContent = String(count);
    badge.hidden = count === 0;
  }
  async function renderQueue() {
    const items = (await outboxAll()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    $("#queue-empty").hidden = items.length > 0;
    $("#queue").replaceChildren(...items.map((item) => {
      const state = item.state === "attention" ? "attention" : item.state === "retry" ? "retry" : "waiting";
      const label = { attention: t("queue_attention"), retry: t("queue_retry"), waiting: t("queue_waiting") }[state];
      const title = item.kind === "report"
        ? nameOf(categoryByCode(item.fields.category)) || t("kind_report")
        : t("kind_" + item.kind);
      const text = item.kind === "report" ? item.fields.description : (item.body.note || item.body.comment || "");
      const problem = item.problem
        ? el("p", { class: "err", title: item.problem.detail || "" }, (item.problem.errors || []).map((e) => problemMessage(item.problem, e.message)).join("；") || problemMessage(item.problem, item.problem.detail))
        : null;
      return el("li", { class: "item queued " + state, "data-id": item.id },
        el("h3", {}, el("span", {}, title), el("span", { class: "badge " + state }, label)),
        el("p", { class: "desc" }, text),
        el("p", {}, `${when(item.createdAt)} · ${item.kind === "report" ? gridName(item.fields.grid) : ""}${item.photos.length ? ` · ${t("photo_count")} ${item.photos.length}` : ""}`),
        item.attempts ? el("p", {}, `${t("attempts")} ${item.attempts}${item.state === "retry" ? " · " + t("next_try") + " " + when(new Date(item.nextAt).toISOString()) : ""}${item.lastError ? " · " + item.lastError : ""}`) : null,
        problem,
        el("div", { class: "actions" },
          editable(item) ? el("button", { type: "button", class: "secondary small", onclick: () => editQueued(item) }, t("edit")) : null,
          el("button", { type: "button", class: "danger small", onclick: () => discardQueued(item) }, t("discard"))));
    }));
  }
  /** A report can be edited while it is surely not filed: refused by the API, or never tried. One tried and
      unanswered may have arrived; it keeps its key and is only retried, so it is still filed once. */
  const editable = (item) => item.kind === "report" && (item.state === "attention" || (!item.attempts && !item.photos.some((p) => p.url)));
  async function editQueued(item) {
    if (sendingId === item.id) { toast(t("sending")); return; }
    // Out of the outbox first (its sender re-reads the item before sending), then back in as a new report.
    await outboxDelete(item.id);
    formPhotos = item.photos.map((p) => ({ blob: p.blob, name: p.name }));
    fillForm(item.fields);
    renderThumbs();
    await saveDraft();
    await refreshQueueBadge();
    show("file");
    if (item.problem) showProblem(form(), item.problem);
  }
  async function discardQueued(item) {
    if (!confirm(t("discard_confirm"))) return;
    await outboxDelete(item.id);
    await refreshQueueBadge();
    renderQueue();
  }

  // ---------------------------------------------------------------- 我的上报
  let mineCursor = null;
  let mineItems = [];
  let pollTimer = null;
  async function loadMine(more = false) {
    clearTimeout(pollTimer);
    const note = $("#mine-note");
    try {
      const response = await api("/v1/reports?limit=20" + (more && mineCursor ? "&cursor=" + encodeURIComponent(mineCursor) : ""));
      if (!response.ok) throw new NetworkError("HTTP " + response.status);
      const page = await response.json();
      mineItems = more ? mineItems.concat(page.items) : page.items;
      mineCursor = page.next_cursor;
      if (!more) localStorage.setItem("chuishao.mine", JSON.stringify(page.items));
      note.hidden = true;
    } catch (error) {
      if (!more) mineItems = JSON.parse(localStorage.getItem("chuishao.mine") || "[]");
      note.textContent = t("load_failed");
      note.hidden = false;
    }
    renderMine();
    // While the list is open, follow the cases as dispatch moves them.
    // A report dispatch has not opened a case for yet is looked at again soon; the rest less often.
    const waiting = mineItems.some((r) => !r.case_status && Date.now() - Date.parse(r.created_at) < 120000);
    if (current === "mine") pollTimer = setTimeout(() => { if (current === "mine" && navigator.onLine) loadMine(); }, waiting ? FAST_POLL_MS : POLL_MS);
  }
  function leadOf(report) {
    const assignments = (report.case && report.case.assignments) || [];
    const lead = assignments.find((a) => a.role === "lead") || assignments[0];
    return lead ? departmentName(lead.department) : "";
  }
  function deadlineOf(report, labelled = true) {
    const due = report.case && report.case.resolve_due_at;
    if (!due) return null;
    const late = report.case.overdue || V.isOverdue(report.case_status, due);
    return el("span", {}, `${labelled ? t("deadline") + " " : ""}${when(due)} `, late ? el("span", { class: "badge overdue" }, V.word("overdue", lang)) : null);
  }
  /** The confirmation after sending: the number to give the resident, kept above the list (a toast fades). */
  function showSentNumber(number) {
    const box = $("#sent-number");
    if (!number) { box.hidden = true; return; }
    box.replaceChildren(el("p", {}, t("sent_number").replace("{number}", ""), el("b", { class: "number" }, number)),
      el("p", { class: "muted" }, t("sent_number_hint")));
    box.hidden = false;
  }
  /** A report's short number, or its id where it has none (filed before numbers existed). */
  const numberLine = (report) => el("p", { class: "number-line" }, `${t("number")} `,
    el("b", { class: "number" }, report.number || String(report.id).slice(0, 8)));
  /** Reports still in the outbox come first, marked as waiting to be sent; a tap opens them in 待发送. */
  function waitingReport(item) {
    const label = item.state === "attention" ? t("queue_attention") : item.state === "retry" ? t("queue_retry") : t("queue_waiting");
    return el("li", { class: "item link report queued", "data-id": item.id, "data-status": "queued", onclick: () => show("queue") },
      el("h3", {}, el("span", {}, nameOf(categoryByCode(item.fields.category)) || t("kind_report")),
        el("span", { class: "badge " + (item.state === "attention" ? "attention" : item.state === "retry" ? "retry" : "waiting") }, label)),
      el("p", { class: "desc" }, item.fields.description),
      el("p", { class: "number-line" }, `${t("number")} `, el("b", { class: "number pending" }, t("number_pending"))),
      el("p", {}, `${when(item.createdAt)} · ${gridName(item.fields.grid)}`));
  }
  async function renderMine() {
    let queued = [];
    try {
      queued = (await outboxAll()).filter((i) => i.kind === "report").sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    } catch (error) { /* no IndexedDB: the filed ones only */ }
    $("#mine-empty").hidden = mineItems.length + queued.length > 0;
    $("#more").hidden = !mineCursor;
    $("#mine").replaceChildren(...queued.map(waitingReport), ...mineItems.map((report) => {
      const lead = leadOf(report);
      return el("li", { class: "item link report", "data-id": report.id, "data-status": statusKey(report), onclick: () => openDetail(report.id) },
        el("h3", {}, el("span", {}, nameOf(categoryByCode(report.category)) || report.category), statusBadge(report)),
        el("p", { class: "desc" }, report.description),
        numberLine(report),
        el("p", {}, `${when(report.created_at)} · ${gridName(report.grid)}`),
        lead || deadlineOf(report) ? el("p", {}, lead ? `${t("department")} ${lead} ` : "", deadlineOf(report)) : null);
    }));
  }

  // ---------------------------------------------------------------- a report's detail, 核查 and 回访
  async function photoImage(url) {
    const own = url.startsWith(location.origin + "/v1/photos/");
    if (!own) return el("a", { href: url, target: "_blank", rel: "noopener" }, url);
    const img = el("img", { alt: "", loading: "lazy" });
    api(url + "/thumbnail").then((r) => (r.ok ? r.blob() : null)).then((blob) => { if (blob) img.src = URL.createObjectURL(blob); }).catch(() => {});
    return img;
  }
  async function openDetail(id) {
    show("detail");
    const box = $("#detail");
    box.replaceChildren(el("p", { class: "muted" }, t("loading")));
    let report = mineItems.find((r) => r.id === id);
    try {
      const response = await api("/v1/reports/" + encodeURIComponent(id));
      if (response.ok) report = await response.json();
    } catch (error) { /* offline: show the last copy */ }
    if (!report) { box.replaceChildren(el("p", { class: "err" }, t("load_failed"))); return; }
    renderDetail(report);
  }
  async function renderDetail(report) {
    const box = $("#detail");
    const c = categoryByCode(report.category);
    const place = report.place || {};
    const caseView = report.case;
    const facts = el("dl", { class: "facts" },
      el("dt", {}, t("number")), el("dd", { class: "number" }, report.number || report.id),
      el("dt", {}, t("status")), el("dd", {}, statusBadge(report)),
      el("dt", {}, t("category")), el("dd", {}, c ? `${nameOf({ name: c.major_name, name_en: c.major_name_en })} › ${nameOf(c)}` : report.category),
      el("dt", {}, t("grid")), el("dd", {}, gridName(report.grid)),
      el("dt", {}, t("place")), el("dd", {}, [place.building, place.unit, place.address].filter(Boolean).join(" ") || "—"),
      el("dt", {}, t("severity")), el("dd", {}, V.severity(report.severity, lang)),
      el("dt", {}, t("filed_at")), el("dd", {}, when(report.created_at)),
      caseView && caseView.assignments.length ? [el("dt", {}, t("department")), el("dd", {}, caseView.assignments.map((a) => `${departmentName(a.department)}（${V.role(a.role, lang)}）`).join("、"))] : null,
      caseView && caseView.resolve_due_at ? [el("dt", {}, t("deadline")), el("dd", {}, deadlineOf(report, false))] : null,
      caseView && caseView.escalation_level ? [el("dt", {}, t("escalated")), el("dd", {}, el("span", { class: `grade grade-${caseView.escalation_level}` }, V.level(caseView.escalation_level, lang)))] : null,
      report.resident && (report.resident.name || report.resident.phone) ? [el("dt", {}, t("resident_name")), el("dd", {}, `${report.resident.name || ""} ${report.resident.phone || ""}`, el("small", { class: "lock" }, t("private")))] : null);
    const photos = el("div", { class: "detail-photos" }, ...(await Promise.all((report.photos || []).map(photoImage))));
    const timeline = (report.timeline || []).length
      ? [el("h3", {}, t("timeline")), el("ol", { class: "timeline" }, ...report.timeline.map((e) => {
        const said = sentence(e);
        return el("li", { "data-type": e.type },
          el("time", {}, when(e.at)),
          el("b", { title: said.title }, said.text),
          said.note ? el("div", {}, said.note) : null);
      }))]
      : null;
    box.replaceChildren(el("article", { class: "card", "data-id": report.id },
      el("h2", {}, nameOf(c) || report.category),
      el("p", {}, report.description), photos, facts, timeline,
      report.verification ? el("p", { class: "sub" }, `${t("verification_done")}${colon()}${t(report.verification.result)} ${report.verification.note || ""}`) : null,
      report.feedback ? el("p", { class: "sub" }, `${t("feedback_done")}${colon()}${t(report.feedback.satisfaction)} ${report.feedback.comment || ""}`) : null,
      canVerify(report) ? verifyForm(report) : null,
      canFeedback(report) ? feedbackForm(report) : null));
  }
  /** A timeline entry as one plain sentence in the reader's language; codes (the rule, its explanation, a
      reason code) only on hover. Entries recorded before the sentence facts existed fall back to the event's
      word and its departments. */
  function sentence(e) {
    const depts = (list) => (list || []).map(departmentName).join("、");
    const dept = departmentName(e.actor_department || (e.departments || [])[0] || "") || t("tl_department");
    const fill = (key, extra = {}) => t(key).replace(/\{(\w+)\}/g, (_, k) => (k in extra ? extra[k] : k === "dept" ? dept : ""));
    const word = V.event(e.type, lang);
    const title = [e.rule ? `${e.rule}` : "", e.explanation || "", e.reason_code || "", `${e.type}`].filter(Boolean).join(" · ");
    let text = "";
    if (e.type === "dispatched" && e.lead) {
      text = fill(e.routed_by === "rule" ? "tl_dispatched_rule" : "tl_dispatched", { lead: departmentName(e.lead) })
        + (e.assist && e.assist.length ? fill("tl_assist", { assist: depts(e.assist) }) : "");
    } else if (e.type === "triaged") {
      text = t(TEXT["tl_triaged_" + e.reason_code] ? "tl_triaged_" + e.reason_code : "tl_triaged");
    } else if (e.type === "extended" && e.step) {
      text = fill("tl_extended_" + e.step, { until: e.until ? when(e.until) : "" });
    } else if (TEXT["tl_" + e.type] && (e.actor_department || (e.departments || []).length || !t("tl_" + e.type).includes("{dept}"))) {
      text = fill("tl_" + e.type, { depts: depts(e.departments) });
    } else {
      text = word + ((e.departments || []).length ? " · " + depts(e.departments) : "");
    }
    // The words a person typed; not a rule's explanation, a code, or the action's own name again (派遣 · 派遣).
    let note = e.type === "dispatched" ? (e.routed_by === "dispatcher" ? e.reason || "" : "")
      : ["triaged", "escalated"].includes(e.type) || e.step === "approved" ? "" : e.note || ""; // an approval repeats the request's reason
    // A code where words were expected (结案's resolution "fixed"): its words when the app has them, else nothing.
    if (/^[a-z][a-z_]*$/.test(note)) note = TEXT[note] ? t(note) : "";
    const names = [V.event(e.type, "zh"), V.event(e.type, "en")].map((w) => String(w).toLowerCase());
    if (names.includes(String(note).trim().toLowerCase())) note = "";
    return { text, note, title };
  }
  /** This round's 核查: one recorded after the case's last 办结 (a reopened case comes back resolved again). */
  function currentVerification(report) {
    const v = report.verification;
    if (!v) return null;
    const resolves = (report.timeline || []).filter((e) => e.type === "resolved");
    const last = resolves.length ? resolves[resolves.length - 1].at : null;
    return !last || !v.at || Date.parse(v.at) >= Date.parse(last) ? v : null;
  }
  /** 核查 once per 办结; 回访 once, and never on a case found not fixed (it goes back to the department). */
  const canVerify = (report) => report.case_status === "resolved" && !currentVerification(report);
  function canFeedback(report) {
    if (report.feedback) return false;
    if (report.case_status === "closed") return true;
    const v = currentVerification(report);
    return report.case_status === "resolved" && !!v && v.result === "fixed";
  }
  function choice(name, values, checked) {
    return el("div", { class: "segmented" }, ...values.map((v) => el("label", {},
      el("input", { type: "radio", name, value: v, checked: v === checked }), el("span", {}, t(v)))));
  }
  function verifyForm(report) {
    let photos = [];
    const thumbs = el("div", { class: "thumbs" });
    const picker = el("input", { type: "file", accept: "image/*", multiple: true, hidden: true, onchange: (e) => {
      photos = photos.concat(Array.from(e.target.files).map((f) => ({ blob: f, name: f.name }))).slice(0, MAX_PHOTOS);
      thumbs.replaceChildren(...photos.map((p) => el("div", { class: "thumb" }, el("img", { src: URL.createObjectURL(p.blob), alt: "" }))));
    } });
    const box = el("form", { class: "sub", id: "verify", novalidate: true },
      el("h3", {}, t("verify")), el("p", { class: "muted" }, t("verify_help")),
      el("p", { class: "err", "data-err": "_" }),
      el("div", { class: "field" }, choice("result", ["fixed", "not_fixed"], "fixed"), el("p", { class: "err", "data-err": "result" })),
      el("label", { class: "field" }, el("span", {}, t("note")), el("textarea", { name: "note", rows: 3 }), el("p", { class: "err", "data-err": "note" })),
      el("div", { class: "field" }, thumbs, el("label", { class: "button secondary" }, t("take_photo") + " / " + t("from_gallery"), picker), el("p", { class: "err", "data-err": "photos" })),
      el("button", { type: "submit", class: "primary" }, t("verify_submit")));
    box.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(box);
      followUp(box, report, "verification", { result: data.get("result"), note: data.get("note") || "" }, photos);
    });
    return box;
  }
  function feedbackForm(report) {
    const box = el("form", { class: "sub", id: "feedback", novalidate: true },
      el("h3", {}, t("feedback")), el("p", { class: "muted" }, t("feedback_help")),
      el("p", { class: "err", "data-err": "_" }),
      el("div", { class: "field" }, choice("satisfaction", ["satisfied", "basically_satisfied", "unsatisfied"], "satisfied"), el("p", { class: "err", "data-err": "satisfaction" })),
      el("label", { class: "field" }, el("span", {}, t("comment")), el("textarea", { name: "comment", rows: 2 }), el("p", { class: "err", "data-err": "comment" })),
      el("button", { type: "submit", class: "primary" }, t("feedback_submit")));
    box.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(box);
      followUp(box, report, "feedback", { satisfaction: data.get("satisfaction"), comment: data.get("comment") || "" }, []);
    });
    return box;
  }
  /** 核查 and 回访 go through the same outbox as reports: kept offline, sent once with their key. */
  async function followUp(box, report, kind, body, photos) {
    clearErrors(box);
    const item = {
      id: newKey(), kind, path: `/v1/reports/${report.id}/${kind}`, body, photos,
      createdAt: new Date().toISOString(), attempts: 0, nextAt: 0, state: "waiting",
    };
    await outboxPut(item);
    await refreshQueueBadge();
    if (!navigator.onLine) { toast(t("queued")); return; }
    $("button[type=submit]", box).disabled = true;
    await drain();
    const after = await outboxGet(item.id);
    $("button[type=submit]", box).disabled = false;
    if (after && after.state === "attention") {
      await outboxDelete(item.id);
      await refreshQueueBadge();
      showProblem(box, after.problem);
      return;
    }
    toast(after ? t("queued") : t(kind + "_sent"));
    if (!after) openDetail(report.id);
  }

  // ---------------------------------------------------------------- start
  function showSignedIn() {
    const c = claims();
    const ok = signedIn();
    $("#signin").hidden = ok;
    $("#tabs").hidden = !ok;
    $("#signout").hidden = !ok;
    $("#who").hidden = !ok;
    if (!ok) {
      ["file", "queue", "mine", "detail"].forEach((v) => { $("#view-" + v).hidden = true; });
      $("#signin-help").textContent = c || sessionEnded ? t(token() ? "token_expired" : "session_expired")
        : signInOffered ? t("sign_in_offered") : t("sign_in_help");
      $("#signin-go").hidden = !signInOffered;
      outboxAll().then((items) => { $("#signin-queue").hidden = !items.length; }).catch(() => {});
      return false;
    }
    // The worker's name (the token id only on hover), and their grids in one short line: all of them on hover.
    $("#who [data-t=signed_in_as]").hidden = !c.name;
    $("#who-sub").textContent = c.name || t("grid_worker");
    $("#who-sub").title = c.sub || "";
    const grids = ref.grids.length ? ref.grids.map(nameOf) : (c.grids || []);
    const shown = grids.length > 2 ? `${grids[0]} ${t("and_more").replace("{n}", String(grids.length)).replace("{more}", String(grids.length - 1))}` : grids.join("、");
    $("#who-grids").textContent = `${t("grids")}${colon()}${shown}`;
    $("#who-grids").title = grids.join("、");
    return true;
  }
  function updateNetwork() {
    $("#net").hidden = navigator.onLine;
    if (navigator.onLine) drain();
  }
  function wire() {
    $("#lang").addEventListener("click", () => {
      lang = lang === "en" ? "zh" : "en";
      localStorage.setItem("chuishao.lang", lang);
      applyLanguage();
      renderMajors();
      renderCategories();
      renderGrids();
      pickCategory(selectedCategory);
      showSignedIn();
      if (current === "queue") renderQueue();
      if (current === "mine") renderMine();
      const open = current === "detail" && $("#detail article[data-id]");
      if (open) openDetail(open.dataset.id); // the case in the new language, sentences and all
    });
    $("#signout").addEventListener("click", async () => {
      const session = !token() && kept();
      // The last copies of the lists hold residents' contacts: they go with the token.
      [TOKEN_KEY, SESSION_KEY, "chuishao.mine", "chuishao.grids", "chuishao.categories", "chuishao.departments"].forEach((k) => localStorage.removeItem(k));
      if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("sign-out");
      if (session) {
        const end = await C.signOutSession();
        signInOffered = true;
        if (end) { location.assign(end); return; }
      }
      showSignedIn();
    });
    $("#signin-go").addEventListener("click", () => C.signIn("/app/"));
    $$("#tabs button").forEach((b) => b.addEventListener("click", () => show(b.dataset.view)));
    $("#back").addEventListener("click", () => show("mine"));
    $("#refresh").addEventListener("click", () => loadMine());
    $("#more").addEventListener("click", () => loadMine(true));
    $("#send-now").addEventListener("click", async () => {
      (await outboxAll()).filter((i) => i.state === "retry").forEach((i) => { i.nextAt = 0; outboxPut(i); });
      setTimeout(drain, 50);
    });
    $("#major").addEventListener("change", renderCategories);
    $("#cat-search").addEventListener("input", renderCategories);
    $("#description").addEventListener("input", updateCounter);
    $$('input[name="severity"]').forEach((r) => r.addEventListener("change", () => { form().dataset.severityTouched = "1"; }));
    $("#camera").addEventListener("change", (e) => { addPhotos(e.target.files); e.target.value = ""; });
    $("#gallery").addEventListener("change", (e) => { addPhotos(e.target.files); e.target.value = ""; });
    $("#locate").addEventListener("click", locate);
    $("#unlocate").addEventListener("click", () => { form().elements["place.lat"].value = ""; form().elements["place.lon"].value = ""; showLocation(); saveDraftSoon(); });
    form().addEventListener("input", saveDraftSoon);
    form().addEventListener("submit", submitReport);
    window.addEventListener("online", updateNetwork);
    window.addEventListener("offline", updateNetwork);
    document.addEventListener("visibilitychange", () => { if (!document.hidden) drain(); });
  }
  async function start() {
    if (C.takeToken(localStorage, TOKEN_KEY)) localStorage.removeItem(SESSION_KEY);
    if (!token()) await refreshSession();
    const words = C.loadVocabulary();
    applyLanguage();
    wire();
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {});
    if (!showSignedIn()) { document.body.dataset.ready = "signin"; return; }
    [V] = await Promise.all([words, loadReference()]);
    showSignedIn();
    renderMajors();
    renderCategories();
    renderGrids();
    await restoreDraft();
    updateCounter();
    show("file");
    $("#net").hidden = navigator.onLine;
    await refreshQueueBadge();
    document.body.dataset.ready = "yes";
    drain();
  }
  start();
})();
