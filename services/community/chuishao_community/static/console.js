// 社区工作台: the community staff's console. Signs in from the `#token=` link (or, where the service
// offers it, the city's sign-in through the shared module's loadSession — the hook the other pages use),
// then talks only to the public API with the bearer token. Every action carries an Idempotency-Key made
// when its form opens, so a double tap or a retry is one action. The shared page module (Chuishao) gives
// the API wrapper, the session, the element builder and the vocabulary; this file the screens' frame,
// the needs board and the members; console-forces.js and console-topics.js add the other screens.
(function () {
  "use strict";
  const C = window.Chuishao;
  const h = C.el;
  const config = JSON.parse(document.getElementById("console-config").textContent);
  const w = config.words, lang = config.lang;
  const TOKEN_KEY = "chuishao.community-console.token";
  C.takeToken(sessionStorage, TOKEN_KEY, "#/needs");
  const token = sessionStorage.getItem(TOKEN_KEY);

  const K = { C, h, w, lang, token, me: token ? C.claims(token) : null, V: C.Vocabulary(null), screens: {},
    skills: new Map(), kinds: new Map() };
  window.CommunityConsole = K;
  const view = document.getElementById("view");
  const notice = document.getElementById("notice");

  // One Idempotency-Key per (path, body) until it succeeds: a double tap or a retry replays, never repeats;
  // the same action asked again afterwards is a new one.
  const keys = new Map();
  K.api = async (method, path, body) => {
    if (method === "GET") return C.call(path, { token });
    const k = path + JSON.stringify(body || {});
    if (!keys.has(k)) keys.set(k, C.newKey());
    const answer = await C.call(path, { method, json: body, token, key: keys.get(k) });
    keys.delete(k);
    return answer;
  };
  K.fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => (values[k] !== undefined ? values[k] : ""));

  // A problem from the API in the page's language: the reason, the field, never the server's English.
  K.plain = function (error) {
    if (!(error instanceof C.ApiError)) {
      console.error(error); // a fault of this page, not a problem from the API
      return w.err_page;
    }
    const p = (error && error.problem) || {};
    const first = (p.errors || [])[0];
    const fieldName = first ? String(first.field || "").replace(/^body\./, "") : "";
    const fieldWord = (name) => w[`f_${name.split(".")[0]}`] || name;
    const why = p.reason && w[`why_${String(p.reason).replace(/-/g, "_")}`];
    if (why) return why;
    switch (error.status) {
      case 0: return w.err_network;
      case 401: return w.err_unauthorized;
      case 403: return fieldName ? K.fill(w.err_forbidden_field, { field: fieldWord(fieldName) }) : w.err_forbidden;
      case 404: return fieldName ? K.fill(w.err_not_found_field, { field: fieldWord(fieldName) }) : w.err_not_found;
      case 409:
        if (p.current_status) return K.fill(w.err_conflict_status, { status: K.needStatus(p.current_status) });
        return fieldName ? K.fill(w.err_conflict_field, { field: fieldWord(fieldName) }) : w.err_conflict;
      case 422: return fieldName ? K.fill(w.err_invalid, { field: fieldWord(fieldName) }) : w.err_invalid_any;
      case 429: return w.err_rate;
      default: return K.fill(w.err_other, { status: error.status });
    }
  };

  let noticeTimer = null, noticeAt = 0;
  /** Moving to another screen clears a "done" that is not about this move. */
  K.settle = () => { if (notice.classList.contains("ok") && Date.now() - noticeAt > 1000) notice.hidden = true; };
  K.say = function (text, kind) {
    noticeAt = Date.now();
    notice.textContent = text;
    notice.className = `notice ${kind || "info"}`;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, kind === "error" ? 8000 : 3000);
  };

  K.when = (iso) => (iso ? new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", { hour12: false,
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }) : "");
  K.day = (iso) => (iso ? new Date(iso).toLocaleDateString(lang === "en" ? "en-GB" : "zh-CN") : "");
  K.local = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60e3).toISOString().slice(0, 16);
  K.iso = (local) => (local ? new Date(local).toISOString() : "");
  K.term = (map, code) => { const t = map.get(code); return t ? (lang === "en" ? t.name_en : t.name) : code; };
  K.skill = (code) => K.term(K.skills, code);
  K.kind = (code) => K.term(K.kinds, code);
  K.needStatus = (code) => w[`ns_${code}`] || code;
  K.badge = (word, tone, extra) => h("span", { class: `status tone-${tone}${extra ? " " + extra : ""}` }, word);
  K.field = (label, control) => h("label", { class: "field" }, h("span", {}, label), control);
  K.input = (name, attrs) => h("input", Object.assign({ type: "text", name }, attrs || {}));
  K.empty = (text) => h("p", { class: "empty" }, text || w.empty);

  /** A form: `build(parts)` fills it, `send()` posts and returns the answer; errors show on the form. */
  K.form = function (name, title, parts, send, submitLabel) {
    const error = h("p", { class: "error", role: "alert" });
    const submit = h("button", { class: "btn primary", type: "submit" }, submitLabel || w.submit);
    const form = h("form", { class: "sheet", dataset: { form: name } }, title ? h("h3", {}, title) : null, parts, error,
      h("div", { class: "row" }, submit));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = "";
      try {
        await send();
      } catch (e) {
        error.textContent = K.plain(e);
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  };
  /** A button that posts, says "done" and refreshes the screen; a problem goes to the notice. */
  K.action = (label, dataAction, run, primary) => h("button", { type: "button", class: `btn${primary ? " primary" : ""}`,
    dataset: { action: dataAction }, onclick: async (e) => {
      e.target.disabled = true;
      try { await run(); K.say(w.done_ok, "ok"); K.render(); } catch (err) { K.say(K.plain(err), "error"); }
      finally { e.target.disabled = false; }
    } }, label);
  K.tabs = (options, current, onpick) => h("div", { class: "filters", role: "tablist" }, options.map(([key, label, n]) =>
    h("button", { type: "button", role: "tab", class: `chip${current === key ? " on" : ""}`, dataset: { filter: key },
      "aria-selected": current === key ? "true" : "false", onclick: () => onpick(key) }, label,
    n === undefined ? null : h("span", { class: "n" }, n))));

  // --------------------------------------------------------------------------- the needs board
  const needState = { status: "live", kind: "", grid: "", skill: "" };
  const LIVE = config.needs.live; // the shared vocabulary's (NEED_LIVE)
  const urgencyRank = (n) => (n.urgency === "urgent" ? 0 : 1);
  const byUrgency = (a, b) => urgencyRank(a) - urgencyRank(b) || Date.parse(a.wanted_by) - Date.parse(b.wanted_by);
  const pendingClaim = (n) => (n.claims || []).find((c) => c.status === "pending");
  K.needBadge = (status) => K.badge(K.needStatus(status), config.needs.tones[status] || "grey", `st-${status}`);

  async function loadNeeds() {
    const q = new URLSearchParams({ limit: "200" });
    const asked = needState.status === "claims" ? "claimed" : needState.status; // 认领待确认: claimed, waiting for staff
    if (asked !== "live") q.set("status", asked);
    for (const f of ["kind", "grid", "skill"]) if (needState[f]) q.set(f, needState[f]);
    const page = await K.api("GET", `/v1/needs?${q}`);
    return page.items.filter((n) => (asked !== "live" || LIVE.includes(n.status)) && (needState.status !== "claims" || pendingClaim(n)))
      .sort(byUrgency);
  }

  function needCard(n) {
    const pending = pendingClaim(n);
    const late = Date.parse(n.wanted_by) < Date.now() && LIVE.includes(n.status);
    return h("article", { class: `card${n.urgency === "urgent" ? " urgent" : ""}${late ? " late" : ""}`, dataset: { needId: n.id } },
      h("a", { class: "card-main", href: `#/need/${n.id}` },
        h("div", { class: "line" }, n.urgency === "urgent" ? h("span", { class: "sev sev-emergency" }, w.urgent) : null,
          h("span", { class: "sev" }, K.kind(n.kind)), h("b", { class: "cat" }, n.title), K.needBadge(n.status),
          pending ? K.badge(w.claim_waiting, "yellow", "waiting") : null),
        h("div", { class: "place" }, [n.grid, n.building].filter(Boolean).join(" · "),
          n.skills.length ? ` · ${n.skills.map(K.skill).join("、")}` : ""),
        h("p", { class: "desc" }, n.description || "")),
      h("div", { class: "card-side" }, h("div", { class: "due" }, h("small", {}, w.wanted_by),
        h("span", { class: `when${late ? " late" : ""}` }, K.when(n.wanted_by)))));
  }

  K.screens.needs = async function () {
    const items = await loadNeeds();
    const statuses = [["live", w.f_live], ["claims", w.claim_waiting], ...config.needs.all.map((s) => [s, K.needStatus(s)])];
    const select = (name, options) => h("select", { name, "aria-label": w[`f_${name}`], onchange: (e) => { needState[name] = e.target.value; K.render(); } },
      h("option", { value: "" }, `${w[`f_${name}`]} · ${w.all}`),
      options.map(([v, label]) => h("option", { value: v, selected: needState[name] === v }, label)));
    const grid = h("input", { type: "search", name: "grid", placeholder: w.f_grid, value: needState.grid,
      onchange: (e) => { needState.grid = e.target.value.trim(); K.render(); } });
    return h("section", { class: "needs" },
      h("div", { class: "bar" }, h("h2", {}, w.nav_needs, h("span", { class: "n" }, items.length)),
        h("a", { class: "btn primary", href: "#/new-need", dataset: { action: "new-need" } }, w.new_need)),
      K.tabs(statuses, needState.status, (key) => { needState.status = key; K.render(); }),
      h("div", { class: "row filters-more" }, select("kind", [...K.kinds.keys()].map((k) => [k, K.kind(k)])),
        select("skill", [...K.skills.keys()].map((k) => [k, K.skill(k)])), grid),
      h("p", { class: "muted small" }, w.needs_order),
      h("div", { class: "cards" }, items.length ? items.map(needCard) : K.empty()));
  };

  K.screens["new-need"] = async function () {
    const g = (name, attrs) => K.input(name, attrs);
    const title = g("title", { required: true }), grid = g("grid", { required: true, value: K.me.grids ? K.me.grids[0] || "" : "" });
    const building = g("building"), name = g("resident_name", { required: true }), phone = g("resident_phone", { type: "tel" });
    const address = g("resident_address"), description = h("textarea", { name: "description", rows: 3 });
    const kind = h("select", { name: "kind" }, [...K.kinds.keys()].map((k) => h("option", { value: k }, K.kind(k))));
    const urgency = h("select", { name: "urgency" }, h("option", { value: "normal" }, w.normal), h("option", { value: "urgent" }, w.urgent));
    const wanted = h("input", { type: "datetime-local", name: "wanted_by", value: K.local(new Date(Date.now() + 3 * 86400e3)) });
    const hours = h("input", { type: "number", name: "hours_wanted", min: "0.25", max: "24", step: "0.25", value: "2" });
    const privacy = h("select", { name: "privacy" }, h("option", { value: "staff_confirms" }, w.privacy_staff_confirms),
      h("option", { value: "open" }, w.privacy_open));
    const skills = h("div", { class: "checks" }, [...K.skills.keys()].map((k) => h("label", {}, h("input", { type: "checkbox", value: k, name: "skills" }), K.skill(k))));
    return h("section", {}, h("a", { class: "back", href: "#/needs" }, `← ${w.nav_needs}`),
      K.form("need", w.new_need, [h("div", { class: "grid3" }, K.field(w.f_kind, kind), K.field(w.f_title, title), K.field(w.f_urgency, urgency),
        K.field(w.f_grid, grid), K.field(w.f_building, building), K.field(w.wanted_by, wanted),
        K.field(w.resident_name, name), K.field(w.resident_phone, phone), K.field(w.resident_address, address),
        K.field(w.f_hours_wanted, hours), K.field(w.f_privacy, privacy)), K.field(w.f_description, description), K.field(w.f_skills, skills)],
      async () => {
        const body = { kind: kind.value, title: title.value, description: description.value, grid: grid.value.trim(),
          building: building.value || null, urgency: urgency.value, wanted_by: K.iso(wanted.value), privacy: privacy.value,
          hours_wanted: hours.value ? Number(hours.value) : null,
          skills: [...skills.querySelectorAll("input:checked")].map((i) => i.value),
          resident: { name: name.value, phone: phone.value || null, address: address.value || null } };
        const need = await K.api("POST", "/v1/needs", body);
        K.say(w.done_ok, "ok");
        location.hash = `#/need/${need.id}`;
      }, w.record));
  };

  K.screens.need = async function (id) {
    const n = await K.api("GET", `/v1/needs/${encodeURIComponent(id)}`);
    const people = await K.memberNames((n.claims || []).filter((c) => c.claimant_kind === "member").map((c) => c.claimant));
    const live = ["open", "claimed", "in_progress", "expired"].includes(n.status);
    const sheets = h("div", {});
    const open = (form) => sheets.replaceChildren(form);
    const path = (tail) => `/v1/needs/${encodeURIComponent(n.id)}/${tail}`;
    const claims = (n.claims || []).map((c) => h("li", { class: `claim cl-${c.status}`, dataset: { claimId: c.id } },
      h("b", {}, c.claimant_kind === "unit" ? `${w.unit} ${c.claimant}` : `${w.member} ${people.get(c.claimant) || c.claimant}`),
      K.badge(w[`cs_${c.status}`] || c.status, c.status === "pending" ? "yellow" : "blue"),
      h("small", {}, K.when(c.claimed_at)),
      c.status === "pending" ? K.action(w.confirm_claim, "confirm-claim", () => K.api("POST", path(`claims/${encodeURIComponent(c.id)}/confirm`), {}), true) : null));
    const satisfaction = h("select", { name: "satisfaction" }, ["satisfied", "basically_satisfied", "unsatisfied"]
      .map((s) => h("option", { value: s }, w[`sat_${s}`])));
    const confirmForm = () => K.form("confirm", w.confirm_done, [K.field(w.f_satisfaction, satisfaction),
      K.field(w.f_note, h("textarea", { name: "note", rows: 2 }))], async () => {
      await K.api("POST", path("confirm"), { satisfaction: satisfaction.value, note: sheets.querySelector("textarea").value });
      K.say(w.done_ok, "ok"); K.render();
    }, w.confirm_done);
    const cancelForm = () => K.form("cancel", w.cancel, [K.field(w.f_reason, h("textarea", { name: "reason", rows: 2, required: true }))], async () => {
      await K.api("POST", path("cancel"), { reason: sheets.querySelector("textarea").value });
      K.say(w.done_ok, "ok"); K.render();
    }, w.cancel);
    const whistleForm = () => {
      const category = K.input("category", { required: true, placeholder: w.category_hint });
      const description = h("textarea", { name: "description", rows: 2, required: true }, n.title);
      return K.form("whistle", w.whistle, [h("p", { class: "muted" }, w.whistle_hint), K.field(w.f_category, category),
        K.field(w.f_description, description)], async () => {
        await K.api("POST", path("whistle"), { category: category.value, description: description.value });
        K.say(w.done_ok, "ok"); K.render();
      }, w.whistle);
    };
    const r = n.resident || {};
    return h("section", { class: "need", dataset: { needId: n.id } }, h("a", { class: "back", href: "#/needs" }, `← ${w.nav_needs}`),
      h("div", { class: "case-head" }, h("div", {}, h("span", { class: "sev" }, K.kind(n.kind)), h("h2", {}, n.title),
        h("span", { id: "need-status" }, K.needBadge(n.status)))),
      h("div", { class: "actions" },
        n.status === "done" ? h("button", { type: "button", class: "btn primary", dataset: { action: "confirm" }, onclick: () => open(confirmForm()) }, w.confirm_done) : null,
        live ? h("button", { type: "button", class: "btn", dataset: { action: "cancel" }, onclick: () => open(cancelForm()) }, w.cancel) : null,
        live ? h("button", { type: "button", class: "btn whistle", dataset: { action: "whistle" }, onclick: () => open(whistleForm()) }, w.whistle) : null),
      sheets,
      h("div", { class: "grid2" },
        h("div", { class: "panel" }, h("h3", {}, w.need_detail), h("dl", {},
          h("dt", {}, w.f_description), h("dd", { class: "description" }, n.description || "—"),
          h("dt", {}, w.place), h("dd", {}, [n.community, n.grid, n.building].filter(Boolean).join(" · ")),
          h("dt", {}, w.wanted_by), h("dd", {}, K.when(n.wanted_by)),
          h("dt", {}, w.f_urgency), h("dd", {}, n.urgency === "urgent" ? w.urgent : w.normal),
          h("dt", {}, w.f_skills), h("dd", {}, n.skills.map(K.skill).join("、") || "—"),
          h("dt", {}, w.f_hours_wanted), h("dd", {}, n.hours_wanted ?? "—"),
          h("dt", {}, w.f_privacy), h("dd", {}, w[`privacy_${n.privacy}`]),
          h("dt", {}, w.counted), h("dd", {}, K.fill(w.counts, { released: n.release_count, lapsed: n.lapse_count })),
          n.done_note ? [h("dt", {}, w.done_note), h("dd", {}, n.done_note)] : null,
          n.hours_reported ? [h("dt", {}, w.hours_reported), h("dd", {}, n.hours_reported)] : null,
          n.satisfaction ? [h("dt", {}, w.f_satisfaction), h("dd", {}, w[`sat_${n.satisfaction}`])] : null,
          n.report_id ? [h("dt", {}, w.whistled_report), h("dd", {}, n.case_id || n.report_id)] : null)),
        h("div", { class: "panel" }, h("h3", {}, w.resident), h("p", { class: "muted small" }, w.resident_private),
          h("dl", { class: "resident" }, h("dt", {}, w.resident_name), h("dd", {}, r.name || "—"),
            h("dt", {}, w.resident_phone), h("dd", {}, r.phone || "—"), h("dt", {}, w.resident_address), h("dd", {}, r.address || "—")),
          h("h3", {}, w.claims), (n.claims || []).length ? h("ul", { class: "claims" }, claims) : K.empty(w.no_claims))));
  };

  /** Members' names by id (staff read their community's members); an id not found stays an id. */
  K.memberNames = async function (ids) {
    const found = await Promise.all([...new Set(ids)].map((m) => K.api("GET", `/v1/members/${encodeURIComponent(m)}`).catch(() => null)));
    return new Map(found.filter(Boolean).map((m) => [m.id, m.name]));
  };

  // --------------------------------------------------------------------------- members
  const memberState = { filter: "applied" };
  const memberTone = { applied: "yellow", active: "green", paused: "grey", left: "grey" };
  K.screens.members = async function () {
    const f = memberState.filter;
    const q = f === "behind" ? "behind=true" : `status=${f}`;
    const page = await K.api("GET", `/v1/members?${q}&limit=200`);
    const row = (m) => h("tr", { dataset: { memberId: m.id } },
      h("td", {}, h("b", {}, m.name), m.party_member ? h("span", { class: "party" }, w.party_member) : null),
      h("td", {}, m.phone), h("td", {}, m.work_unit || "—"), h("td", {}, m.grid),
      h("td", {}, m.skills.map(K.skill).join("、")),
      h("td", { class: "num" }, m.hours_this_year ?? "—"),
      h("td", {}, K.badge(w[`ms_${m.status}`] || m.status, memberTone[m.status] || "grey")),
      h("td", { class: "row-actions" },
        m.status === "applied" ? K.action(w.confirm_member, "confirm-member", () => K.api("POST", `/v1/members/${m.id}/confirm`, {}), true) : null,
        m.status === "active" ? K.action(w.pause, "pause", () => K.api("POST", `/v1/members/${m.id}/pause`, {})) : null,
        ["applied", "active", "paused"].includes(m.status) ? K.action(w.leave, "leave", () => K.api("POST", `/v1/members/${m.id}/leave`, {})) : null));
    const tabs = [["applied", w.ms_applied], ["active", w.ms_active], ["behind", w.behind], ["paused", w.ms_paused], ["left", w.ms_left]];
    return h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_members, h("span", { class: "n" }, page.items.length))),
      K.tabs(tabs, f, (key) => { memberState.filter = key; K.render(); }),
      f === "behind" ? h("p", { class: "muted small" }, w.behind_hint) : null,
      page.items.length ? h("div", { class: "table-wrap" }, h("table", { class: "list" },
        h("thead", {}, h("tr", {}, [w.name, w.resident_phone, w.work_unit, w.f_grid, w.f_skill, w.hours_year, w.status, ""].map((t) => h("th", {}, t)))),
        h("tbody", {}, page.items.map(row)))) : K.empty());
  };

  // --------------------------------------------------------------------------- frame
  K.route = function () {
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    return { name: parts[0] || "needs", args: parts.slice(1) };
  };
  const NAV_OF = { need: "needs", "new-need": "needs", activity: "activities", qr: "activities", topic: "topics", "new-topic": "topics" };
  let rendering = 0;
  K.render = async function () {
    const r = K.route();
    const ticket = ++rendering;
    const screen = K.screens[r.name] || K.screens.needs;
    document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("on", a.dataset.nav === (NAV_OF[r.name] || r.name)));
    document.body.classList.toggle("fullscreen", r.name === "qr");
    let content;
    try {
      content = await screen(...r.args);
    } catch (error) {
      if (error.status === 401) { K.signOut(w.signed_out); return; }
      content = h("p", { class: "notfound" }, K.plain(error));
    }
    if (ticket !== rendering) return; // a newer screen was asked for meanwhile
    const y = window.scrollY;
    view.replaceChildren(content);
    window.scrollTo(0, y);
    view.dataset.screen = r.name;
  };
})();
