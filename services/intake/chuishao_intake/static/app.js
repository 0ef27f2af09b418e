/* Chuishao grid worker app (网格员手机端). Plain script, no build, no CDN.
   Reports go to an IndexedDB outbox first, each with its Idempotency-Key and its photos, and are
   sent from there: at once when online, else when the network returns or the app starts. The same
   key is reused on every retry, so a report is filed exactly once. */
"use strict";
(() => {
  const TEXT = JSON.parse(document.getElementById("text").textContent);
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
  const TOKEN_KEY = "chuishao.token";
  function claimsOf(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const json = decodeURIComponent(escape(atob(part + "===".slice((part.length + 3) % 4))));
      return JSON.parse(json);
    } catch (error) {
      return null;
    }
  }
  function takeTokenFromLink() {
    const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    if (match) {
      localStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      // The token must not stay in the address bar, the history or a screenshot.
      history.replaceState(null, "", location.pathname + location.search);
    }
  }
  const token = () => localStorage.getItem(TOKEN_KEY);
  const claims = () => (token() ? claimsOf(token()) : null);
  const signedIn = () => {
    const c = claims();
    return Boolean(c && c.role === "grid_worker" && (!c.exp || c.exp * 1000 > Date.now()));
  };

  // ---------------------------------------------------------------- HTTP
  class NetworkError extends Error {}
  async function api(path, options = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    const headers = Object.assign({ Authorization: "Bearer " + token() }, options.headers || {});
    try {
      return await fetch(path, Object.assign({}, options, { headers, signal: controller.signal }));
    } catch (error) {
      throw new NetworkError(String(error));
    } finally {
      clearTimeout(timer);
    }
  }
  async function problemOf(response) {
    try {
      return await response.json();
    } catch (error) {
      return { status: response.status, title: response.statusText, detail: response.statusText };
    }
  }
  /** What to do after an answer: "ok", "retry" (time-outs, 5xx, 429, 408, an expired sign-in) or "attention". */
  function verdict(response) {
    if (response.ok) return "ok";
    if (response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 401) return "retry";
    return "attention";
  }
  function retryDelay(attempts, response) {
    const header = response && response.headers.get("Retry-After");
    if (header) {
      const seconds = Number(header);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
      if (ms > 0) return ms;
    }
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 6));
    return backoff / 2 + Math.random() * (backoff / 2);
  }
  const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : "k-" + Date.now() + "-" + Math.random().toString(16).slice(2));

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
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    children.flat().forEach((c) => { if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c)); });
    return node;
  }
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
  const statusBadge = (report) => el("span", { class: "badge " + statusKey(report) }, t("st_" + statusKey(report)));

  /** The API's messages are English; the common ones are said in the worker's language. */
  function localMessage(message) {
    const text = String(message || "");
    const most = /at most (\d+) characters?/i.exec(text);
    if (most) return t("msg_max_chars").replace("{n}", most[1]);
    if (/Field required|at least 1 character|must not be blank/i.test(text)) return t("msg_required");
    return text;
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
      slot.textContent = (slot.textContent ? slot.textContent + "；" : "") + localMessage(e.message);
      const input = $(`[name="${CSS.escape(field)}"]`, root);
      (input || slot.closest(".field") || slot).classList.add("invalid");
    });
    const first = $(".err:not(:empty)", root);
    if (first) first.scrollIntoView({ block: "center" });
  }
  function clearErrors(root) {
    $$(".err", root).forEach((e) => { e.textContent = ""; });
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
      saveDraftSoon();
    }, () => { $("#located").textContent = t("locate_failed"); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
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
    if (!after) { toast(t("sent")); show("mine"); return; }
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
  async function sendItem(item) {
    try {
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
    }
  }
  async function settle(item, outcome, response, field) {
    if (outcome === "ok") { await outboxDelete(item.id); return "ok"; }
    item.attempts += 1;
    if (outcome === "retry") {
      item.state = "retry";
      item.nextAt = Date.now() + retryDelay(item.attempts, response);
      item.lastError = response ? `HTTP ${response.status}` : "network";
      if (response && response.status === 401) item.lastError = t("token_expired");
    } else {
      item.state = "attention";
      const problem = await problemOf(response);
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
        ? el("p", { class: "err" }, (item.problem.errors || []).map((e) => `${e.field}: ${e.message}`).join("；") || item.problem.detail)
        : null;
      return el("li", { class: "item queued " + state, "data-id": item.id },
        el("h3", {}, el("span", {}, title), el("span", { class: "badge " + state }, label)),
        el("p", { class: "desc" }, text),
        el("p", {}, `${when(item.createdAt)} · ${item.kind === "report" ? gridName(item.fields.grid) : ""}${item.photos.length ? ` · ${t("photo_count")} ${item.photos.length}` : ""}`),
        item.attempts ? el("p", {}, `${t("attempts")} ${item.attempts}${item.state === "retry" ? " · " + t("next_try") + " " + when(new Date(item.nextAt).toISOString()) : ""}${item.lastError ? " · " + item.lastError : ""}`) : null,
        problem,
        el("div", { class: "actions" },
          item.state === "attention" && item.kind === "report" ? el("button", { type: "button", class: "secondary small", onclick: () => editQueued(item) }, t("edit")) : null,
          el("button", { type: "button", class: "danger small", onclick: () => discardQueued(item) }, t("discard"))));
    }));
  }
  async function editQueued(item) {
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
    const open = !["resolved", "closed", "cancelled", "merged"].includes(report.case_status);
    const late = open && new Date(due) < new Date();
    return el("span", {}, `${labelled ? t("deadline") + " " : ""}${when(due)} `, late ? el("span", { class: "badge overdue" }, t("overdue")) : null);
  }
  function renderMine() {
    $("#mine-empty").hidden = mineItems.length > 0;
    $("#more").hidden = !mineCursor;
    $("#mine").replaceChildren(...mineItems.map((report) => {
      const lead = leadOf(report);
      return el("li", { class: "item link report", "data-id": report.id, "data-status": statusKey(report), onclick: () => openDetail(report.id) },
        el("h3", {}, el("span", {}, nameOf(categoryByCode(report.category)) || report.category), statusBadge(report)),
        el("p", { class: "desc" }, report.description),
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
      el("dt", {}, t("status")), el("dd", {}, statusBadge(report)),
      el("dt", {}, t("category")), el("dd", {}, c ? `${nameOf({ name: c.major_name, name_en: c.major_name_en })} › ${nameOf(c)}` : report.category),
      el("dt", {}, t("grid")), el("dd", {}, gridName(report.grid)),
      el("dt", {}, t("place")), el("dd", {}, [place.building, place.unit, place.address].filter(Boolean).join(" ") || "—"),
      el("dt", {}, t("severity")), el("dd", {}, t("sev_" + report.severity)),
      el("dt", {}, t("filed_at")), el("dd", {}, when(report.created_at)),
      caseView && caseView.assignments.length ? [el("dt", {}, t("department")), el("dd", {}, caseView.assignments.map((a) => `${departmentName(a.department)}（${t(a.role)}）`).join("、"))] : null,
      caseView && caseView.resolve_due_at ? [el("dt", {}, t("deadline")), el("dd", {}, deadlineOf(report, false))] : null,
      caseView && caseView.escalation_level ? [el("dt", {}, t("escalated")), el("dd", {}, String(caseView.escalation_level))] : null,
      report.resident && (report.resident.name || report.resident.phone) ? [el("dt", {}, t("resident_name")), el("dd", {}, `${report.resident.name || ""} ${report.resident.phone || ""}`, el("small", { class: "lock" }, t("private")))] : null);
    const photos = el("div", { class: "detail-photos" }, ...(await Promise.all((report.photos || []).map(photoImage))));
    const timeline = (report.timeline || []).length
      ? [el("h3", {}, t("timeline")), el("ol", { class: "timeline" }, ...report.timeline.map((e) => el("li", {},
        el("time", {}, when(e.at)),
        el("b", {}, t("ev_" + e.type)), e.departments && e.departments.length ? " · " + e.departments.map(departmentName).join("、") : "",
        e.note ? el("div", {}, e.note) : null)))]
      : null;
    box.replaceChildren(el("article", { class: "card", "data-id": report.id },
      el("h2", {}, nameOf(c) || report.category),
      el("p", {}, report.description), photos, facts, timeline,
      report.verification ? el("p", { class: "sub" }, `${t("verification_done")}${colon()}${t(report.verification.result)} ${report.verification.note || ""}`) : null,
      report.feedback ? el("p", { class: "sub" }, `${t("feedback_done")}${colon()}${t(report.feedback.satisfaction)} ${report.feedback.comment || ""}`) : null,
      report.case_status === "resolved" ? verifyForm(report) : null,
      ["resolved", "closed"].includes(report.case_status) && !report.feedback ? feedbackForm(report) : null));
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
    toast(after ? t("queued") : t("sent"));
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
      $("#signin-help").textContent = c ? t("token_expired") : t("sign_in_help");
      return false;
    }
    $("#who-sub").textContent = c.name || c.sub;
    $("#who-grids").textContent = `${t("grids")}${colon()}${ref.grids.map(nameOf).join("、") || (c.grids || []).join("、")}`;
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
    });
    $("#signout").addEventListener("click", () => {
      // The last copies of the lists hold residents' contacts: they go with the token.
      [TOKEN_KEY, "chuishao.mine", "chuishao.grids", "chuishao.categories", "chuishao.departments"].forEach((k) => localStorage.removeItem(k));
      if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("sign-out");
      showSignedIn();
    });
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
    takeTokenFromLink();
    applyLanguage();
    wire();
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {});
    if (!showSignedIn()) { document.body.dataset.ready = "signin"; return; }
    await loadReference();
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
