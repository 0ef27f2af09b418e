// 部门报到 console: signs in from the `#token=` link, then talks only to the public API with the bearer
// token. Live: a short-lived stream ticket (POST /v1/stream/tickets) opens an EventSource; no bearer
// token ever goes into a URL. Every action carries an Idempotency-Key made when its form opens, so a
// double tap or a retry is one action. The API wrapper, the session, the element builder, the countdown
// and the words of statuses come from the shared page module (Chuishao, /static/shared/chuishao.js).
(function () {
  "use strict";
  const C = window.Chuishao;
  const h = C.el, newKey = C.newKey, ApiError = C.ApiError;
  const config = JSON.parse(document.getElementById("console-config").textContent);
  const w = config.words, lang = config.lang;
  const TOKEN_KEY = "chuishao.console.token";
  let V = C.Vocabulary(null); // GET /v1/vocabulary, loaded at start

  // --- sign-in: take the token out of the address bar before anything else runs
  C.takeToken(sessionStorage, TOKEN_KEY, "#/");
  const token = sessionStorage.getItem(TOKEN_KEY);
  const view = document.getElementById("view");
  const notice = document.getElementById("notice");
  const liveBadge = document.getElementById("live");

  // Without a `#token=` link (a development convenience) the console signs in through the city's identity
  // provider: /auth/session names the person and the CSRF token chuishao.js sends with every write.
  let me = token ? C.claims(token) : null;
  let signInOffered = false;
  const AUTO_SIGN_IN_KEY = "chuishao.console.auto-sign-in";
  // search, grid: the queue's server-side query; next: the cursor of the page after the loaded ones.
  const state = { cases: new Map(), departments: [], filter: "open", overdue: null, loaded: false,
    search: "", grid: "", next: null, loadingMore: false, grids: [] };
  const PAGE = 200; // the API's largest page; "加载更多" fetches the next one by its cursor

  // --- the API: JSON back, or an ApiError with the problem (status 0: no answer)
  const api = (method, path, body, key) => C.call(path, { method, json: body, key, token });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, k) => (values[k] !== undefined ? values[k] : ""));
  }

  // A problem from the API in plain words.
  function plain(error) {
    const p = error.problem || {};
    switch (error.status) {
      case 0: return w.err_network;
      case 401: return w.err_unauthorized;
      case 403: return w.err_forbidden;
      case 404: return w.not_found;
      case 409:
        return p.current_status ? fill(w.err_conflict, { status: V.status(p.current_status, lang) })
          : fill(w.err_other, { detail: p.detail || p.title });
      case 422: {
        const first = (p.errors || [])[0];
        const field = first ? String(first.field).split(".")[0] : "";
        if (w[`err_field_${field}`]) return w[`err_field_${field}`];
        if (first) return fill(w.err_invalid, { field: w[field] || field, message: first.message });
        return fill(w.err_other, { detail: p.detail || p.title });
      }
      case 429: return w.err_rate;
      default: return fill(w.err_other, { detail: p.detail || p.title || error.status });
    }
  }

  let noticeTimer = null;
  function say(text, kind, ms) {
    notice.textContent = text;
    notice.className = `notice ${kind || "info"}`;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, ms || (kind === "error" ? 8000 : 3000));
  }

  // --- what a case means to this reader
  const isOpen = (c) => V.isOpen(c.status);
  function mine(c) {
    if (!me || me.role !== "liaison") return null;
    const own = c.assignments.filter((a) => a.department === me.department);
    return own.find((a) => a.status !== "returned") || own[own.length - 1] || null;
  }
  function inQueue(c) {
    if (me.role !== "liaison") return true;
    const a = mine(c);
    return !!a && a.status !== "returned";
  }
  function deadlineOf(c) {
    if (!isOpen(c)) return null;
    if (c.status === "triage") return c.triage_due_at ? { at: c.triage_due_at, kind: "triage" } : null;
    if (me.role === "liaison") {
      const a = mine(c);
      if (a && a.status === "pending") return { at: a.ack_due_at, kind: "ack" };
      return c.resolve_due_at ? { at: c.resolve_due_at, kind: "resolve" } : null;
    }
    // The earliest acknowledgement still owed, with the department that owes it (lateness is per assignment).
    const acks = c.assignments.filter((a) => a.status === "pending" && a.ack_due_at)
      .sort((x, y) => Date.parse(x.ack_due_at) - Date.parse(y.ack_due_at));
    if (acks.length) return { at: acks[0].ack_due_at, kind: "ack", department: acks[0].department };
    return c.resolve_due_at ? { at: c.resolve_due_at, kind: "resolve" } : null;
  }
  function isLate(c) {
    const d = deadlineOf(c);
    // A liaison's case is late by their own department's deadline, not by another department's lateness.
    if (me.role === "liaison") return V.isOverdue(c.status, d && d.at);
    return Boolean(c.overdue) || V.isOverdue(c.status, d && d.at);
  }
  const FILTERS = {
    open: (c) => isOpen(c) && (me.role !== "liaison" || mine(c).status !== "done"),
    pending: (c) => isOpen(c) && (me.role === "liaison" ? mine(c).status === "pending" : c.status === "dispatched"),
    working: (c) => isOpen(c) && (me.role === "liaison" ? ["acknowledged", "in_progress"].includes(mine(c).status)
      : ["acknowledged", "in_progress", "reopened"].includes(c.status)),
    done: (c) => ["resolved", "closed"].includes(c.status) || (me.role === "liaison" && mine(c).status === "done"),
    overdue: isLate,
  };
  function byUrgency(a, b) {
    const la = isLate(a), lb = isLate(b);
    if (la !== lb) return la ? -1 : 1;
    const da = deadlineOf(a), db = deadlineOf(b);
    if (da && db) return Date.parse(da.at) - Date.parse(db.at);
    if (da || db) return da ? -1 : 1;
    return (b.opened_at || "").localeCompare(a.opened_at || "");
  }

  const countdownText = (seconds) => C.countdown(seconds, lang, V);
  /** How long a case has waited, to the minute, in the vocabulary's units (五 小时 12 分 → 5时12分). */
  function waitedText(since) {
    const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 60000));
    const d = Math.floor(minutes / 1440), hh = Math.floor((minutes % 1440) / 60), m = minutes % 60;
    const u = (key) => V.word(key, lang), sep = lang === "en" ? " " : "";
    return d ? `${d}${u("day")}${sep}${hh}${u("hour")}` : hh ? `${hh}${u("hour")}${sep}${m}${u("minute")}` : `${m}${u("minute")}`;
  }
  const tick = () => {
    C.tickCountdowns(V, lang);
    document.querySelectorAll(".waited[data-since]").forEach((node) => { node.textContent = waitedText(node.dataset.since); });
  };

  const name = (c, field) => (lang === "en" ? c[`${field}_en`] : c[field]) || c[field] || "";
  function deptName(code) {
    const d = state.departments.find((x) => x.code === code);
    return d ? (lang === "en" ? d.name_en : d.name) : code;
  }
  function when(iso) {
    return iso ? new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", { hour12: false,
      month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }) : "";
  }
  // Explanations are written "中文 / English": show the reader's half.
  function explanation(text) {
    if (!text) return "";
    const parts = text.split(" / ");
    return lang === "en" ? parts.slice(1).join(" / ") || parts[0] : parts[0];
  }
  const place = (c) => [name(c, "community_name"), name(c, "grid_name"), c.building].filter(Boolean).join(" · ");
  // The short number to read out (五阳-1205-0012); a case opened before numbers shows its id.
  const numberOf = (c) => h("span", { class: "case-no", title: c.number ? c.id : "" }, c.number || c.id);

  /** A routing entry (or the case's last one) as a sentence in the reader's language: the category's,
   * the community's and the departments' names; the rule's id, version and coded explanation on hover. */
  function routedWords(c, t) {
    if (!t || !t.lead) return null;
    const list = (codes) => codes.map(deptName).join(lang === "en" ? ", " : "、");
    const assist = (t.assist || []).length ? fill(w.routed_assist, { names: list(t.assist) }) : "";
    const values = { category: name(c, "category_name") || c.category, community: name(c, "community_name") || c.community,
      lead: deptName(t.lead), assist };
    const byRule = t.routed_by !== "dispatcher" && t.rule_id;
    const codes = byRule ? [`${w.rule} ${t.rule_id} · ${w.rule_version} ${t.rule_version}`, explanation(t.explanation)]
      : [explanation(t.explanation)];
    return h("span", { class: "routed", title: codes.filter(Boolean).join("\n") },
      fill(byRule ? w.routed_rule : w.routed_hand, values));
  }
  const lastRouting = (c) => (c.timeline || []).filter((t) => t.type === "case.dispatched" && t.lead).pop();

  function deadlineBox(c) {
    // A case in triage owes no department yet: how long it has waited, and the dispatcher's triage deadline.
    if (c.status === "triage" && c.opened_at) {
      const grade = c.escalation_level ? h("span", { class: `grade grade-${c.escalation_level}` },
        V.level(c.escalation_level, lang)) : null;
      return h("div", { class: "due" }, h("small", { class: "due-label" }, w.waiting),
        h("span", { class: "waited", dataset: { since: c.opened_at } }, waitedText(c.opened_at)),
        c.triage_due_at ? [h("small", { class: "due-label" }, w.deadline_triage),
          h("span", { class: "countdown", dataset: { deadline: c.triage_due_at } },
            countdownText((Date.parse(c.triage_due_at) - Date.now()) / 1000))] : null,
        grade);
    }
    const d = deadlineOf(c);
    const grade = c.escalation_level ? h("span", { class: `grade grade-${c.escalation_level}` },
      V.level(c.escalation_level, lang)) : null;
    if (!d) return h("div", { class: "due" }, grade);
    const whose = d.department && me.role !== "liaison" ? ` · ${deptName(d.department)}` : "";
    return h("div", { class: "due" }, h("small", { class: "due-label" }, `${d.kind === "ack" ? w.deadline_ack : w.deadline_resolve}${whose}`),
      h("span", { class: "countdown", dataset: { deadline: d.at } }, countdownText((Date.parse(d.at) - Date.now()) / 1000)),
      grade);
  }

  function card(c) {
    const a = mine(c);
    const ack = a && a.status === "pending" && isOpen(c)
      ? h("button", { class: "btn primary", type: "button", dataset: { action: "acknowledge" },
        onclick: (e) => { e.preventDefault(); act(c.id, "acknowledge", {}, actionKey(c.id, "acknowledge"), e.target); } },
      w.a_acknowledge) : null;
    return h("article", { class: `card lvl-${Math.min(c.escalation_level, 3)}${isLate(c) ? " late" : ""}`,
      dataset: { caseId: c.id } },
    h("a", { class: "card-main", href: `#/case/${c.id}` },
      h("div", { class: "line" }, h("span", { class: `sev sev-${c.severity}` }, V.severity(c.severity, lang)),
        h("b", { class: "cat" }, name(c, "category_name") || c.category), V.badge(c.status, lang), numberOf(c)),
      h("div", { class: "place" }, place(c)),
      h("p", { class: "desc" }, c.description || "")),
    h("div", { class: "card-side" }, deadlineBox(c), ack));
  }

  // One key per (case, action) until that action succeeds: a double tap or a retry replays, not repeats.
  const keys = new Map();
  function actionKey(caseId, action) {
    const k = `${caseId}:${action}`;
    if (!keys.has(k)) keys.set(k, newKey());
    return keys.get(k);
  }
  const busy = new Set();

  async function act(caseId, action, body, key, button, errorLine) {
    if (busy.has(key)) return null;
    busy.add(key);
    if (button) button.disabled = true;
    try {
      const updated = await api("POST", `/v1/cases/${encodeURIComponent(caseId)}/${action}`, body, key);
      for (const [k, v] of keys) if (v === key) keys.delete(k);
      upsert(updated);
      say(w.done_ok, "ok");
      render();
      return updated;
    } catch (error) {
      const text = plain(error);
      if (errorLine) errorLine.textContent = text;
      else say(text, "error");
      if (error.status === 409 || error.status === 404) refreshCase(caseId);
      return null;
    } finally {
      busy.delete(key);
      if (button) button.disabled = false;
    }
  }

  function upsert(c) {
    const old = state.cases.get(c.id);
    if (old && old._extra) c._extra = true;
    state.cases.set(c.id, c);
  }

  /** Asks in a real dialog (<dialog>, modal) before what cannot be undone; true when confirmed. */
  function confirmDialog(title, text, yes) {
    return new Promise((resolve) => {
      const dialog = h("dialog", { class: "confirm-dialog", "aria-labelledby": "confirm-title" },
        h("form", { method: "dialog" },
          h("h3", { id: "confirm-title" }, title),
          h("p", {}, text),
          h("div", { class: "row" },
            h("button", { type: "submit", value: "yes", class: "btn danger", dataset: { confirm: "yes" } }, yes),
            h("button", { type: "submit", value: "no", class: "btn", dataset: { confirm: "no" }, autofocus: true }, w.dialog_keep))));
      dialog.addEventListener("close", () => { resolve(dialog.returnValue === "yes"); dialog.remove(); });
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  async function refreshCase(id) {
    try { upsert(await api("GET", `/v1/cases/${encodeURIComponent(id)}`)); render(); } catch (e) { /* shown elsewhere */ }
  }

  const filtered = () => Boolean(state.search || state.grid);
  function queuePath(extra) {
    const p = new URLSearchParams({ limit: String(PAGE), ...extra });
    if (state.search) p.set("q", state.search);
    if (state.grid) p.set("grid", state.grid);
    return `/v1/cases?${p}`;
  }

  async function loadCases() {
    const page = await api("GET", queuePath());
    const cases = new Map(page.items.map((c) => [c.id, c]));
    // Late cases are never left on a later page: they come with the first, within the same search.
    const late = await api("GET", queuePath({ overdue: "true" }));
    for (const c of late.items) if (!cases.has(c.id)) cases.set(c.id, c);
    // The desk's triage column is not cut off by the newest 200 nor by the queue's search.
    if (me.role === "dispatcher") {
      const triage = await api("GET", `/v1/cases?limit=${PAGE}&status=triage`);
      for (const c of triage.items) if (!cases.has(c.id)) { c._extra = true; cases.set(c.id, c); }
    }
    state.cases = cases;
    state.next = page.next_cursor;
    state.loaded = true;
  }

  async function loadMore(button) {
    if (!state.next || state.loadingMore) return;
    state.loadingMore = true;
    if (button) button.disabled = true;
    try {
      const page = await api("GET", queuePath({ cursor: state.next }));
      for (const c of page.items) { delete c._extra; state.cases.set(c.id, c); }
      state.next = page.next_cursor;
    } catch (e) {
      say(plain(e), "error");
    } finally {
      state.loadingMore = false;
      render();
    }
  }

  /** A new search or grid: the queue is fetched again from the first page. */
  const QUERY_KEY = "chuishao.console.query"; // kept in this tab across a language switch or a reload
  try {
    const kept = JSON.parse(sessionStorage.getItem(QUERY_KEY) || "{}");
    if (typeof kept.search === "string") state.search = kept.search;
    if (typeof kept.grid === "string") state.grid = kept.grid;
  } catch (e) { /* none kept */ }
  async function requery(search, grid) {
    state.search = search.trim();
    state.grid = grid;
    sessionStorage.setItem(QUERY_KEY, JSON.stringify({ search: state.search, grid: state.grid }));
    state.loaded = false;
    render();
    await reload();
  }


  // One bar across live re-renders (what is typed and not yet searched stays), rebuilt when the query
  // or the grid list changes.
  let bar = null, barKey = "";
  function queueBar() {
    const key = `${state.grids.length}|${state.search}|${state.grid}`;
    if (bar && key === barKey) return bar;
    barKey = key;
    // Typed and not yet searched stays, unless the search itself changed (a search made or cleared).
    const typed = bar && bar.dataset.search === state.search ? bar.querySelector('input[name="q"]').value : state.search;
    const search = h("input", { type: "search", name: "q", class: "search", value: typed, maxlength: 100,
      placeholder: w.q_search, "aria-label": w.q_search });
    const groups = new Map();
    for (const g of state.grids) {
      if (!groups.has(g.community)) groups.set(g.community, { name: name(g, "community_name"), grids: [] });
      groups.get(g.community).grids.push(g);
    }
    const grid = h("select", { name: "grid", "aria-label": w.q_grid, hidden: !groups.size,
      onchange: () => requery(search.value, grid.value) },
      h("option", { value: "" }, w.q_all_grids),
      [...groups.values()].map((group) => h("optgroup", { label: group.name },
        group.grids.map((g) => h("option", { value: g.code, selected: g.code === state.grid }, name(g, "name"))))));
    bar = h("form", { class: "queue-bar", role: "search", dataset: { search: state.search }, onsubmit: (e) => { e.preventDefault(); requery(search.value, grid.value); } },
      search, grid, h("button", { type: "submit", class: "btn" }, w.q_go),
      filtered() ? h("button", { type: "button", class: "btn", dataset: { clear: "1" }, onclick: () => requery("", "") }, w.q_clear) : null);
    return bar;
  }

  function moreBar() {
    const count = [...state.cases.values()].filter((c) => !c._extra).length;
    return h("div", { class: "more-bar" }, h("span", { class: "muted", id: "loaded-count" }, fill(w.q_shown, { n: count })),
      state.next ? h("button", { type: "button", class: "btn", id: "load-more", disabled: state.loadingMore,
        onclick: (e) => loadMore(e.target) }, w.q_more) : h("span", { class: "muted" }, w.q_end));
  }

  // --- views
  function queueView() {
    const all = [...state.cases.values()].filter((c) => !c._extra).filter(inQueue);
    const tabs = [["open", w.f_open], ["pending", w.f_pending], ["working", w.f_working], ["done", w.f_done],
      ["overdue", w.f_overdue]];
    const shown = all.filter(FILTERS[state.filter]).sort(byUrgency);
    return h("section", { class: "queue" },
      h("div", { class: "filters", role: "tablist" }, tabs.map(([key, label]) => h("button", {
        type: "button", role: "tab", class: `chip${state.filter === key ? " on" : ""}`, dataset: { filter: key },
        "aria-selected": state.filter === key ? "true" : "false",
        onclick: () => { state.filter = key; render(); },
      }, label, h("span", { class: "n" }, all.filter(FILTERS[key]).length)))),
      queueBar(),
      h("div", { class: "cards", id: "cards" }, shown.length ? shown.map(card) : h("p", { class: "empty" }, w.empty)),
      moreBar());
  }

  function field(label, control) {
    return h("label", { class: "field" }, h("span", {}, label), control);
  }

  /** [[code, label], …] of the reasons a resolve may have no photo (the domain's fixed list). */
  function noPhotoReasons() {
    return w.no_photo_reasons.split("|").map((pair) => pair.split("="));
  }

  function photoPicker(photos) {
    if (!config.photo_origin) return null;
    const list = h("div", { class: "thumbs" });
    const input = h("input", { type: "file", accept: "image/*", capture: "environment", class: "file",
      onchange: async () => {
        for (const file of input.files) {
          const status = h("span", { class: "muted" }, w.photo_uploading);
          list.append(status);
          try {
            const form = new FormData();
            form.append("file", file);
            const data = await C.call(`${config.photo_origin}/v1/photos`, { method: "POST", body: form, token, key: newKey(), timeoutMs: 60000 });
            photos.push(data.url);
            status.replaceWith(photoImg(data.thumbnail_url || data.url));
          } catch (error) {
            status.textContent = plain(error instanceof ApiError ? error : new ApiError(0, {}));
          }
        }
        input.value = "";
      } });
    return h("div", { class: "field" }, h("span", {}, w.photos), list, h("label", { class: "btn" }, w.add_photo, input));
  }

  // Photos on our intake need the bearer token: fetched and shown through blob URLs.
  function photoImg(url) {
    const img = h("img", { class: "photo", alt: w.photos, loading: "lazy" });
    if (config.photo_origin && url.startsWith(config.photo_origin)) {
      C.request(url, { token })
        .then((r) => (r.ok ? r.blob() : Promise.reject(r.status)))
        .then((b) => { img.src = URL.createObjectURL(b); })
        .catch(() => { img.alt = "×"; });
      return img;
    }
    return h("a", { class: "photo-link", href: url, target: "_blank", rel: "noreferrer noopener" }, url.split("/").pop());
  }

  // A dispatcher routes to the departments of their own jurisdiction (codes nest: XY ⊃ XY-WQ ⊃ XY-WQ-WY).
  function inMyJurisdiction(d) {
    const j = me.jurisdiction;
    return !j || d.jurisdiction === j || d.jurisdiction.startsWith(`${j}-`);
  }

  /** Departments to route to or summon: the picks stay listed above the search (a search never hides
      them); on a route the dispatcher chooses which one leads (the first in `chosen`), the others assist. */
  function deptPicker(chosen, suggested, withLead) {
    const search = h("input", { type: "search", class: "search", placeholder: w.search_departments,
      "aria-label": w.search_departments });
    const list = h("div", { class: "dept-list" });
    const picked = h("div", { class: "picked", id: "picked" });
    const leadName = `lead-${Math.random().toString(36).slice(2)}`;
    function set(code, on) {
      const i = chosen.indexOf(code);
      if (on && i < 0) chosen.push(code);
      if (!on && i >= 0) chosen.splice(i, 1);
      draw();
    }
    function drawPicked() {
      picked.replaceChildren(h("h4", {}, w.picked, h("span", { class: "n" }, chosen.length)),
        chosen.length ? h("ul", {}, chosen.map((code, i) => h("li", { class: `pick${withLead && i === 0 ? " lead" : ""}`, dataset: { code } },
          withLead ? h("label", { class: "lead-choice" }, h("input", { type: "radio", name: leadName, dataset: { lead: code }, checked: i === 0,
            "aria-label": `${w.make_lead} ${deptName(code)}`,
            onchange: () => { chosen.splice(chosen.indexOf(code), 1); chosen.unshift(code); draw(); } }),
          h("span", { class: "role-tag" }, V.role(i === 0 ? "lead" : "assist", lang))) : null,
          h("span", { class: "pick-name" }, h("b", {}, deptName(code)), " ", h("small", {}, code)),
          h("button", { type: "button", class: "btn link", dataset: { remove: code }, "aria-label": `${w.remove} ${deptName(code)}`,
            onclick: () => set(code, false) }, "×"))))
          : h("p", { class: "muted" }, w.picked_none),
        withLead && chosen.length > 1 ? h("p", { class: "muted hint" }, w.lead_hint) : "");
    }
    function draw() {
      const q = search.value.trim().toLowerCase();
      drawPicked();
      list.replaceChildren(...state.departments
        .filter(inMyJurisdiction)
        .filter((d) => !q || `${d.name} ${d.name_en} ${d.code}`.toLowerCase().includes(q))
        .slice(0, 60)
        .map((d) => h("label", { class: "dept" }, h("input", { type: "checkbox", value: d.code,
          checked: chosen.includes(d.code), onchange: (e) => set(d.code, e.target.checked) }),
        lang === "en" ? d.name_en : d.name, h("small", {}, d.code))));
    }
    search.addEventListener("input", draw);
    draw();
    return h("div", { class: "picker" }, suggested, picked, search, list);
  }

  // Each action's form; `submit` gets the body or null when the form is not complete.
  function actionForm(c, action, close) {
    const key = actionKey(c.id, action);
    const error = h("p", { class: "error", role: "alert" });
    const photos = [];
    const parts = [];
    let body = () => ({});
    let path = action;
    let saveRule = null;
    if (action === "progress") {
      const note = h("textarea", { rows: 3, name: "note" });
      parts.push(field(w.note, note), photoPicker(photos));
      body = () => ({ note: note.value, photos });
    } else if (action === "resolve") {
      // 办结 needs evidence: a photo, or a reason from the fixed list why there can be none.
      const note = h("textarea", { rows: 3, name: "note" });
      const noPhoto = h("select", { name: "no_photo_reason" }, h("option", { value: "" }, w.no_photo_none),
        noPhotoReasons().map(([code, label]) => h("option", { value: code }, label)));
      parts.push(field(w.note_resolve, note), photoPicker(photos), field(w.no_photo_reason, noPhoto),
        h("p", { class: "muted hint" }, w.evidence_hint));
      body = () => {
        if (!photos.length && !noPhoto.value) return null;
        return noPhoto.value && !photos.length ? { note: note.value, photos, no_photo_reason: noPhoto.value } : { note: note.value, photos };
      };
    } else if (action === "return") {
      const reasons = w.return_reasons.split("|");
      const select = h("select", { name: "reason" }, reasons.map((r) => h("option", { value: r }, r)));
      const more = h("textarea", { rows: 2, name: "details" });
      parts.push(field(w.reason, select), field(w.reason_more, more));
      body = () => ({ reason: more.value.trim() ? `${select.value}：${more.value.trim()}` : select.value });
    } else if (action === "extension") {
      const base = new Date(Math.max(Date.parse(c.resolve_due_at || "") || 0, Date.now()) + 24 * 3600e3);
      const local = new Date(base.getTime() - base.getTimezoneOffset() * 60e3).toISOString().slice(0, 16);
      const until = h("input", { type: "datetime-local", name: "until", value: local });
      const reason = h("textarea", { rows: 2, name: "reason" });
      parts.push(field(w.until_label, until), field(w.reason, reason));
      body = () => ({ until: until.value ? new Date(until.value).toISOString() : "", reason: reason.value });
    } else if (action === "route" || action === "whistle") {
      const chosen = [];
      const suggestion = h("div", { class: "suggest" });
      if (action === "route") {
        api("POST", "/v1/routing/preview", { category: c.category, grid: c.grid }).then((p) => {
          if (!p.decision) { suggestion.textContent = w.preview_none; return; }
          const codes = [p.decision.lead, ...(p.decision.assist || [])];
          const assists = (p.decision.assist || []).map(deptName).join("、");
          // The rule's id and version on hover only (issue 27 item 2): the words are the departments' names.
          suggestion.title = `${w.rule} ${p.decision.rule_id} · ${w.rule_version} ${p.rule_version}`;
          suggestion.replaceChildren(h("b", {}, `${w.preview}: `),
            `${V.role("lead", lang)} ${deptName(p.decision.lead)}${assists ? `${lang === "en" ? "; " : "；"}${V.role("assist", lang)} ${assists}` : ""} `,
            h("button", { type: "button", class: "btn", onclick: () => {
              chosen.splice(0, chosen.length, ...codes);
              picker.replaceWith(picker = deptPicker(chosen, suggestion, true));
            } }, w.use_suggestion));
        }).catch((e) => { suggestion.textContent = plain(e); });
      }
      let picker = deptPicker(chosen, suggestion, action === "route");
      // No words put in the dispatcher's mouth: the reason goes into the case's record as written.
      const reason = h("input", { type: "text", name: "reason", value: "",
        placeholder: action === "route" ? w.reason_route : w.reason_whistle });
      parts.push(h("div", {}, picker), field(w.reason, reason));
      if (action === "route") {
        // "Save as a rule": proposed to an admin after the case is routed; the reason goes with it.
        saveRule = h("input", { type: "checkbox", name: "save_rule" });
        parts.push(h("label", { class: "save-rule" }, saveRule, h("span", {}, h("b", {}, w.save_rule),
          h("small", {}, fill(w.save_rule_hint, { community: name(c, "community_name") || c.community,
            category: name(c, "category_name") || c.category })))));
      }
      body = () => ({ departments: chosen.slice(), reason: reason.value });
    } else if (action === "hand-to-community") {
      // 点单响应: one button, confirmed here (the reason goes to the community's staff with the need).
      const reason = h("textarea", { rows: 2, name: "reason" });
      parts.push(h("p", { class: "confirm", role: "note" }, w.hand_confirm), field(w.hand_reason, reason));
      body = () => ({ community: c.community, reason: reason.value });
    } else if (action === "extension/reject" || action === "cancel") {
      const reason = h("textarea", { rows: 2, name: "reason" });
      parts.push(field(w.reason, reason));
      body = () => ({ reason: reason.value });
    } else if (action === "merge") {
      const list = h("div", { class: "dupes" }, w.loading);
      const reason = h("input", { type: "text", name: "reason", value: "" });
      api("GET", `/v1/cases/${encodeURIComponent(c.id)}/duplicates`).then((d) => {
        const likely = d.items.filter((x) => x.likely);
        const items = likely.length ? likely : d.items;
        list.replaceChildren(...(items.length ? items.map((x) => h("div", { class: "dupe" },
          card(x.case), h("small", {}, `${w.similarity} ${Math.round(x.similarity * 100)}%`),
          h("button", { type: "button", class: "btn primary", dataset: { into: x.case.id }, onclick: async (e) => {
            // A merge cannot be undone: asked in a dialog first.
            const button = e.target;
            if (!await confirmDialog(w.merge_title, fill(w.merge_text, { into: x.case.id }), w.confirm_merge)) return;
            act(c.id, "merge", { into: x.case.id, reason: reason.value }, key, button, error).then((r) => r && close());
          } }, w.merge_into))) : [h("p", { class: "empty" }, w.no_duplicates)]));
      }).catch((e) => { list.textContent = plain(e); });
      parts.push(h("h3", {}, w.duplicates), list, field(w.reason, reason));
      return h("div", { class: "sheet", dataset: { form: action } }, parts, error,
        h("div", { class: "row" }, h("button", { type: "button", class: "btn", onclick: close }, w.close)));
    }
    const submit = h("button", { type: "submit", class: "btn primary" }, w.submit);
    return h("form", { class: "sheet", dataset: { form: action }, oninput: () => { error.textContent = ""; }, onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = "";
      const payload = body();
      if (payload === null) { error.textContent = w.evidence_needed; return; }
      if ((action === "route" || action === "whistle") && !payload.departments.length) {
        error.textContent = w.picked_none;
        return;
      }
      if (Object.prototype.hasOwnProperty.call(payload, "reason") && !String(payload.reason).trim()) {
        error.textContent = w.err_field_reason;
        return;
      }
      // 作废 cannot be undone: asked in a dialog first.
      if (action === "cancel" && !await confirmDialog(w.cancel_title, fill(w.cancel_text, { reason: payload.reason }), w.confirm_cancel)) return;
      const done = await act(c.id, path, payload, key, submit, error);
      if (done) close();
      // The case is routed whatever becomes of the rule: the proposal is sent only after the route.
      if (done && saveRule && saveRule.checked) proposeRule(c, payload);
      // 退单: the case is no longer this department's to work; back to the queue with a word why.
      if (done && action === "return") { location.hash = "#/"; say(w.returned_ok, "ok"); }
    } }, parts, error, h("div", { class: "row" }, submit, h("button", { type: "button", class: "btn", onclick: close }, w.close)));
  }

  // "Save as a rule" (issue 27): the rule this route makes, proposed as a change set an admin approves.
  // What became of it stays on the case's screen for this visit (ruleProposals: case id → line).
  const ruleProposals = new Map();
  /** Why a proposal was refused, in the page's language: the department named (lead or assisting) serves
      another area (403), does not exist or is named twice, or the rule in force already routes so (422). */
  function ruleProblem(error) {
    const first = ((error.problem || {}).errors || [])[0];
    const field = first ? String(first.field).split(".")[0] : "";
    if (!["lead", "assist"].includes(field)) return plain(error);
    if (error.status === 403) return fill(w.rule_out_of_area, { field: w[field].toLowerCase() });
    if (/already routes/.test(first.message)) return w.rule_same;
    return fill(w.rule_bad_department, { field: w[field].toLowerCase() });
  }

  async function proposeRule(c, payload) {
    const body = { lead: payload.departments[0], assist: payload.departments.slice(1), reason: payload.reason };
    const rule = `${name(c, "community_name") || c.community} · ${name(c, "category_name") || c.category} → ` +
      `${V.role("lead", lang)} ${deptName(body.lead)}` +
      (body.assist.length ? `${lang === "en" ? "; " : "；"}${V.role("assist", lang)} ${body.assist.map(deptName).join("、")}` : "");
    try {
      await api("POST", `/v1/cases/${encodeURIComponent(c.id)}/rule-proposal`, body, actionKey(c.id, "rule-proposal"));
      keys.delete(`${c.id}:rule-proposal`);
      ruleProposals.set(c.id, { kind: "ok", text: fill(w.rule_proposed, { rule }) });
      say(w.rule_proposed_notice, "ok", 10000);
    } catch (error) {
      ruleProposals.set(c.id, { kind: "error", text: fill(w.rule_refused, { problem: ruleProblem(error) }) });
      say(w.rule_refused_notice, "error");
    }
    render();
  }

  function actionsFor(c) {
    const open = isOpen(c);
    const list = [];
    if (me.role === "liaison") {
      const a = mine(c);
      if (open && a && a.status === "pending") list.push(["acknowledge", w.a_acknowledge, true]);
      if (open && a && ["acknowledged", "in_progress"].includes(a.status)) {
        list.push(["progress", w.a_progress], ["resolve", w.a_resolve]);
      }
      if (open && a && V.assignmentLive(a.status)) {
        list.push(["extension", w.a_extension], ["return", w.a_return]);
      }
    } else if (me.role === "dispatcher") {
      if (c.status === "triage") list.push(["route", w.a_route]);
      if (open && c.status !== "triage") list.push(["whistle", w.a_whistle]);
      if (c.pending_extension) list.push(["extension/approve", w.a_approve, true], ["extension/reject", w.a_reject]);
      const handed = c.community_handover && c.community_handover.status === "handed";
      if (open && !handed && c.status !== "resolved") list.push(["hand-to-community", w.a_hand]);
      if (open) list.push(["merge", w.a_merge], ["cancel", w.a_cancel]);
    }
    return list;
  }

  let openForm = null; // {caseId, action}: survives live re-renders of the case page

  /** A department that never reported in on a case no longer at work: said so, not 待签收 nor done. */
  function unacknowledgedAfter(c, a) {
    if (a.status !== "pending" || V.atWork(c.status) || c.status === "triage") return "";
    return ["merged", "cancelled"].includes(c.status) ? w.closed_with_case : w.never_acknowledged;
  }

  // How to reach the grid worker who reported (GET /v1/cases/{id}/reporter): asked once per case and kept
  // in memory only (a staff member's phone is for staff eyes: never stored or logged by the page).
  const contacts = new Map();
  function reporterLine(c) {
    const known = contacts.get(c.id);
    if (known === undefined) {
      contacts.set(c.id, null);
      api("GET", `/v1/cases/${encodeURIComponent(c.id)}/reporter`)
        .then((r) => { contacts.set(c.id, r); render(); })
        .catch((e) => { contacts.set(c.id, { error: plain(e) }); render(); });
      return w.loading;
    }
    if (known === null) return w.loading;
    if (known.error) return known.error;
    if (!known.registered) return h("span", { class: "muted" }, w.reporter_unknown);
    return [h("b", {}, known.name || ""), " ",
      known.phone ? h("a", { class: "tel", href: `tel:${known.phone.replace(/[^0-9+]/g, "")}` }, known.phone)
        : h("small", { class: "muted" }, w.reporter_no_phone)];
  }

  function caseView(c) {
    const slot = h("div", { class: "sheet-slot" });
    const buttons = actionsFor(c).map(([action, label, oneTap]) => h("button", {
      type: "button", class: `btn${oneTap ? " primary" : ""}${openForm && openForm.action === action ? " on" : ""}`,
      dataset: { action },
      onclick: (e) => {
        if (oneTap) { act(c.id, action, {}, actionKey(c.id, action), e.target); return; }
        openForm = { caseId: c.id, action };
        render();
      },
    }, label));
    if (openForm && openForm.caseId === c.id && actionsFor(c).some(([a]) => a === openForm.action)) {
      // The same form element across live re-renders: what the user typed stays.
      openForm.el = openForm.el || actionForm(c, openForm.action, () => { openForm = null; render(); });
      slot.append(openForm.el);
    }
    const ext = c.pending_extension;
    return h("section", { class: `case lvl-${Math.min(c.escalation_level, 3)}`, dataset: { caseId: c.id } },
      h("a", { class: "back", href: me.role === "dispatcher" && location.hash.includes("from=desk") ? "#/desk" : "#/" }, `← ${w.back}`),
      h("header", { class: "case-head" },
        h("div", {}, h("span", { class: `sev sev-${c.severity}` }, V.severity(c.severity, lang)),
          h("h2", {}, name(c, "category_name") || c.category),
          h("span", { class: "case-number" }, h("small", {}, `${w.number} `), numberOf(c)),
          h("span", { class: `status st-${c.status} tone-${V.tone(c.status)}`, id: "case-status" }, V.status(c.status, lang)),
          c.merged_into ? h("a", { class: "merged-into", href: `#/case/${c.merged_into}` }, `${w.merged_into_case} ${(state.cases.get(c.merged_into) || {}).number || c.merged_into}`) : null),
        deadlineBox(c)),
      h("div", { class: "actions" }, buttons),
      slot,
      ruleProposals.has(c.id) ? h("p", { class: `rule-proposal ${ruleProposals.get(c.id).kind}`, role: "status" },
        ruleProposals.get(c.id).text) : null,
      ext ? h("p", { class: "ext" }, `${w.pending_extension}: ${deptName(ext.department)} ${w.until} ${when(ext.until)} — ${ext.reason}`) : null,
      h("div", { class: "grid2" },
        h("div", { class: "panel" },
          h("dl", {},
            h("dt", {}, w.place), h("dd", {}, place(c)),
            c.unit ? [h("dt", {}, w.unit), h("dd", { class: "unit" }, c.unit)] : null,
            c.address ? [h("dt", {}, w.address), h("dd", { class: "address" }, c.address)] : null,
            h("dt", {}, w.located), h("dd", { class: "located" },
              typeof c.lat === "number" && typeof c.lon === "number" ? `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)} ` : "— ",
              h("a", { class: "map-link", href: `/console/map?case=${encodeURIComponent(c.id)}&state=all${lang === "en" ? "&lang=en" : ""}` }, w.on_map)),
            h("dt", {}, w.reporter), h("dd", { class: "reporter" }, reporterLine(c)),
            h("dt", {}, w.description), h("dd", { class: "description" }, c.description || "—"),
            h("dt", {}, w.routing), h("dd", { class: "routing" }, routedWords(c, lastRouting(c))
              || (c.routing_explanation ? h("span", { class: "routed", title: c.rule_id ? `${w.rule} ${c.rule_id} · ${w.rule_version} ${c.rule_version}` : "" }, explanation(c.routing_explanation)) : "—")),
            (c.report_numbers || []).length ? [h("dt", {}, w.number_also), h("dd", { class: "report-numbers" }, c.report_numbers.map((n) => h("span", { class: "case-no" }, n)))] : null,
            h("dt", {}, w.whistles), h("dd", {}, c.whistle_count),
            (c.topic_ids || []).length ? [h("dt", {}, w.topic), h("dd", { class: "topics" },
              c.topic_ids.map((id) => h("span", { class: "topic", title: id }, `${w.topic_decision} ${id.slice(0, 8)}`)))] : null,
            c.community_handover ? [h("dt", {}, w.handover), h("dd", { class: "handover" },
              w[`handover_${c.community_handover.status}`] || c.community_handover.status,
              c.community_handover.need_id ? h("small", {}, ` ${c.community_handover.need_id}`) : null)] : null,
            (c.report_photos || []).length ? [h("dt", {}, w.photos),
              h("dd", {}, h("div", { class: "thumbs" }, c.report_photos.map(photoImg)))] : null),
          h("h3", {}, w.assignments),
          h("ul", { class: "assignments" }, c.assignments.map((a) => h("li", { class: `as-${a.status}${unacknowledgedAfter(c, a) ? " as-never" : ""}` },
            h("b", {}, deptName(a.department)), h("small", {}, ` ${V.role(a.role, lang)}`),
            h("span", { class: "as" }, unacknowledgedAfter(c, a) || V.assignment(a.status, lang)),
            a.acknowledged_at ? h("small", {}, ` ${when(a.acknowledged_at)}`) : null,
            a.status === "pending" && a.ack_due_at && V.atWork(c.status)
              ? h("small", { class: "ack-due" }, `${w.deadline_ack} `, h("span", { class: "countdown", dataset: { deadline: a.ack_due_at } },
                countdownText((Date.parse(a.ack_due_at) - Date.now()) / 1000))) : null,
            a.returned_reason ? h("small", { class: "why" }, ` ${a.returned_reason}`) : null))),
          // Who was told, step by step, and who is on duty now (the duty view reads notify for this reader).
          h("a", { class: "duty-link", href: `/console/duty?case=${encodeURIComponent(c.id)}${lang === "en" ? "&lang=en" : ""}` }, w.duty_chain)),
        h("div", { class: "panel" }, h("h3", {}, w.timeline),
          h("ol", { class: "timeline" }, c.timeline.slice().reverse().map((t) => h("li", {},
            h("time", { datetime: t.at }, when(t.at)),
            h("b", {}, V.event(t.type, lang)),
            h("span", { class: "actor" }, ` ${t.department ? deptName(t.department) : ""} ${w[`actor_${t.actor_role}`] || t.actor_role} ${t.actor_role === "system" ? "" : t.actor}`),
            t.type === "case.dispatched" && t.lead ? h("p", { class: "routed-line" }, routedWords(c, t)) : null,
            t.type === "case.dispatched" && t.routed_by === "dispatcher" && (t.reason || t.note) ? h("p", {}, fill(w.routed_why, { reason: t.reason || t.note })) : null,
            t.note && !(t.type === "case.dispatched" && t.routed_by === "dispatcher") ? h("p", {}, t.note) : null,
            t.type === "case.merged" && t.number ? h("p", { class: "joined-number" }, fill(w.joined_number, { number: t.number })) : null,
            t.topic_id ? h("p", { class: "topic", title: t.topic_id }, `${w.topic_decision} ${t.topic_id.slice(0, 8)}`) : null,
            t.no_photo_reason ? h("p", { class: "no-photo" }, `${w.no_photo_reason}${lang === "en" ? ": " : "："}${(noPhotoReasons().find(([k]) => k === t.no_photo_reason) || [0, t.no_photo_reason])[1]}`) : null,
            (t.photos || []).length ? h("div", { class: "thumbs" }, t.photos.map(photoImg)) : null))))));
  }

  function deskView() {
    const all = [...state.cases.values()];
    // The longest waiting first.
    const triage = all.filter((c) => c.status === "triage").sort((a, b) => (a.opened_at || "").localeCompare(b.opened_at || ""));
    const extensions = all.filter((c) => c.pending_extension && isOpen(c));
    const o = state.overdue;
    const link = (c) => { const el = card(c); el.querySelector(".card-main").href = `#/case/${c.id}?from=desk`; return el; };
    return h("section", { class: "desk" },
      h("div", { class: "col" }, h("h2", {}, w.triage, h("span", { class: "n" }, triage.length)),
        h("div", { class: "cards", id: "triage" }, triage.length ? triage.map(link) : h("p", { class: "empty" }, w.empty)),
        h("h2", {}, w.extensions, h("span", { class: "n" }, extensions.length)),
        h("div", { class: "cards", id: "extensions" }, extensions.length ? extensions.map(link) : h("p", { class: "empty" }, w.empty))),
      h("div", { class: "col" }, h("h2", {}, w.overdue_list, h("span", { class: "n" }, o ? o.items.length : "…")),
        h("div", { class: "cards", id: "overdue" }, o && o.items.length ? o.items.map((c) => link(state.cases.get(c.id) || c))
          : h("p", { class: "empty" }, o ? w.empty : w.loading))),
      h("div", { class: "col" }, h("h2", {}, w.by_department),
        h("table", { class: "counts", id: "counts" }, h("thead", {}, h("tr", {}, h("th", {}, w.col_department),
          h("th", {}, w.col_open), h("th", {}, w.col_overdue))),
        h("tbody", {}, (o ? o.by_department : []).map((d) => h("tr", { class: d.overdue ? "late" : "" },
          h("td", {}, lang === "en" ? d.name_en : d.name), h("td", {}, d.open), h("td", {}, d.overdue)))))));
  }

  let overdueTimer = null;
  function refreshOverdue() {
    if (me.role !== "dispatcher" || overdueTimer) return;
    overdueTimer = setTimeout(async () => {
      overdueTimer = null;
      try { state.overdue = await api("GET", "/v1/overdue"); if (route().name === "desk") render(); } catch (e) { /* retried on the next change */ }
    }, 300);
  }

  function route() {
    const m = /^#\/case\/([^?]+)/.exec(location.hash);
    if (m) return { name: "case", id: decodeURIComponent(m[1]) };
    if (location.hash.startsWith("#/desk")) return { name: "desk" };
    if (location.hash.startsWith("#/people")) return { name: "people" };
    return { name: "queue" };
  }

  const missing = new Set();
  let people = null;
  function render() {
    if (!me) return;
    const r = route();
    document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("on", a.dataset.nav === r.name));
    let content;
    if (r.name === "case") {
      const c = state.cases.get(r.id);
      if (c && (me.role !== "liaison" || mine(c))) content = caseView(c);
      else if (missing.has(r.id)) content = h("p", { class: "notfound" }, w.not_found);
      else {
        content = h("p", { class: "muted" }, w.loading);
        api("GET", `/v1/cases/${encodeURIComponent(r.id)}`).then((found) => { upsert(found); render(); })
          .catch((e) => { if (e.status === 404) missing.add(r.id); else say(plain(e), "error"); render(); });
      }
    } else if (r.name === "desk" && me.role === "dispatcher") {
      content = deskView();
    } else if (me.role === "admin") {
      // Admins keep the directory (people.js), not cases.
      people = people || window.ChuishaoPeople({
        api, w, say, plain, config, departments: () => state.departments,
        upload: (path, data) => C.call(path, { method: "POST", body: data, token }),
      });
      content = people;
    } else {
      content = state.loaded ? queueView() : h("p", { class: "muted" }, w.loading);
    }
    const y = window.scrollY;
    // A field kept across re-renders (the queue's search, an open form) keeps the focus and the caret.
    const active = document.activeElement;
    const caret = active && typeof active.selectionStart === "number" ? active.selectionStart : null;
    view.replaceChildren(content);
    if (active && active !== document.body && active !== document.activeElement && view.contains(active)) {
      active.focus({ preventScroll: true });
      if (caret !== null) try { active.setSelectionRange(caret, caret); } catch (e) { /* not a text field */ }
    }
    window.scrollTo(0, y);
    tick();
  }

  // --- live: a fresh ticket for every (re)connection; missed changes are caught by a reload
  let source = null, retry = 1000, signedOut = false;
  async function connect() {
    if (signedOut) return;
    try {
      const t = await api("POST", "/v1/stream/tickets", undefined, newKey());
      source = new EventSource(t.stream_url);
      source.addEventListener("hello", async () => {
        retry = 1000;
        liveBadge.className = "live on";
        liveBadge.textContent = liveBadge.dataset.on;
        await reload();
      });
      source.addEventListener("case", (e) => {
        const c = JSON.parse(e.data);
        missing.delete(c.id);
        // With a search or a grid chosen the server decides what belongs: a case not found stays out.
        if (filtered() && !state.cases.has(c.id) && c.status !== "triage") return;
        if (filtered() && !state.cases.has(c.id)) c._extra = true;
        upsert(c);
        refreshOverdue();
        const r = route();
        if (r.name !== "case" || r.id === c.id) render();
      });
      source.addEventListener("resync", () => reload());
      source.onerror = () => {
        source.close();
        offline();
      };
    } catch (error) {
      if (error.status === 401) { signOut(token ? w.signed_out : w.session_expired); return; }
      offline();
    }
  }
  function offline() {
    liveBadge.className = "live off";
    liveBadge.textContent = liveBadge.dataset.off;
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 15000);
  }
  async function reload() {
    try { await loadCases(); refreshOverdue(); render(); } catch (e) {
      if (e.status === 401) signOut(token ? w.signed_out : w.session_expired); else say(plain(e), "error");
    }
  }

  function signOut(message) {
    signedOut = true;
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(QUERY_KEY);
    if (source) source.close();
    document.getElementById("nav").hidden = true;
    document.querySelectorAll("#who, #live, #sign-out").forEach((el) => { el.hidden = true; });
    const box = h("div", { class: "signin" }, h("p", null, message || (signInOffered ? w.sign_in_offered : w.sign_in_needed)));
    if (signInOffered) {
      box.append(h("button", { type: "button", class: "btn primary", id: "sign-in", onclick: () => C.signIn(`/console/${location.hash}`) }, w.sign_in));
    }
    view.replaceChildren(box);
  }

  /** Who is signed in by the session cookie, when no token was given; sent to sign in at once on a first
      visit (not again within a minute, so a refused cookie cannot loop). */
  async function fromSession() {
    let found = { session: null, offered: false };
    try { found = await C.loadSession(); } catch (e) { /* offline: no session to find */ }
    signInOffered = found.offered;
    if (found.session) return found.session;
    const tried = Number(sessionStorage.getItem(AUTO_SIGN_IN_KEY) || 0);
    if (signInOffered && Date.now() - tried > 60000) {
      sessionStorage.setItem(AUTO_SIGN_IN_KEY, String(Date.now()));
      C.signIn(`/console/${location.hash}`);
    }
    return null;
  }

  async function leave() {
    if (token) { signOut(w.sign_in_needed); return; }
    const end = await C.signOutSession();
    sessionStorage.setItem(AUTO_SIGN_IN_KEY, String(Date.now()));
    if (end) location.assign(end); else signOut(w.sign_in_offered);
  }

  async function start() {
    if (!token) me = await fromSession();
    if (C.expired(me)) { signOut(me ? w.signed_out : null); return; }
    const words = C.loadVocabulary();
    document.getElementById("nav").hidden = false;
    if (me.role === "dispatcher") {
      document.querySelector('[data-nav="desk"]').hidden = false;
      document.querySelector('[data-nav="queue"]').textContent = w.nav_all;
    }
    const out = h("button", { type: "button", class: "lang", id: "sign-out", onclick: leave },
      w.sign_out);
    document.querySelector(".meta").append(out);
    const dept = me.department ? ` · ${me.department}` : me.jurisdiction ? ` · ${me.jurisdiction}` : "";
    document.getElementById("who").textContent = `${w[`role_${me.role}`] || me.role}${dept}`;
    try {
      const d = await api("GET", "/v1/departments");
      state.departments = d.items;
      if (me.department) document.getElementById("who").textContent = `${w[`role_${me.role}`]} · ${deptName(me.department)}`;
    } catch (e) {
      if (e.status === 401) { signOut(token ? w.signed_out : w.session_expired); return; }
    }
    // The grids of the reader's area, for the queue's grid filter.
    if (me.role !== "admin") {
      api("GET", "/v1/grids")
        .then((d) => { state.grids = d.items; if (route().name === "queue") render(); })
        .catch(() => { /* no grid filter without the list; the search still works */ });
    }
    // Keep the language switch on the same view (the token stays in this tab's session storage).
    document.getElementById("lang").addEventListener("click", (e) => {
      e.preventDefault();
      location.href = `${location.pathname}?lang=${w.switch_lang}${location.hash}`;
    });
    window.addEventListener("hashchange", () => {
      openForm = null;
      if (route().name === "desk") refreshOverdue();
      render();
    });
    V = await words;
    if (me.role === "admin") {
      liveBadge.hidden = true; // no case stream for the directory's keepers
      document.querySelector('[data-nav="queue"]').hidden = true;
      document.querySelector('[data-nav="people"]').hidden = false;
      if (!location.hash.startsWith("#/people")) location.hash = "#/people";
      render();
      return;
    }
    await reload();
    connect();
    setInterval(tick, 1000);
  }

  start();
})();
