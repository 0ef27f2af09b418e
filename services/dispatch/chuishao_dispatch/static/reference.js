// 参考数据变更 (/console/reference) for admins: write a change set against the version in force — SLA times,
// holidays and 调休 days, a rule's departments, a category's names or a new 小类 — see its refusal per field,
// its diff and its dry run, then approve it (now or at a stated time) or withdraw it; restore an earlier
// version. Signed in like the console: the session cookie, or the token in this tab's session storage.
(function () {
  "use strict";
  const C = window.Chuishao;
  const h = C.el;
  const config = JSON.parse(document.getElementById("reference-config").textContent);
  const w = config.words, en = config.lang === "en";
  const TOKEN_KEY = "chuishao.console.token";
  C.takeToken(sessionStorage, TOKEN_KEY);
  const token = sessionStorage.getItem(TOKEN_KEY);
  const view = document.getElementById("view");
  const notice = document.getElementById("notice");
  const SEVERITIES = ["minor", "major", "emergency"];
  const state = { current: null, draft: null, versions: [], changesets: [], open: null, dry: null, errors: [] };

  const api = (method, path, json) => C.call(path, { method, json, token: token || undefined, key: C.newKey() });
  const say = (text, kind) => { notice.textContent = text || ""; notice.className = `notice ${kind || "info"}`; notice.hidden = !text; };
  const plain = (e) => (e && e.problem ? e.problem.detail || e.message : String(e));
  const copy = (x) => JSON.parse(JSON.stringify(x));
  const fmt = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
  const when = (iso) => (iso ? new Date(iso).toLocaleString(en ? "en-GB" : "zh-CN", { hour12: false }) : "");
  const pct = (v) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);
  const depts = () => state.current.content.departments.items;
  const deptName = (code) => {
    if (code === "triage") return w.triage;
    const d = depts().find((x) => x.code === code);
    return d ? (en ? d.name_en : d.name) : code;
  };
  const minors = (content) => content.categories.items.flatMap((m) => m.children.map((c) => Object.assign({ major: m.code }, c)));

  // --- the editor: every input names the field an error would name (data-field)
  function field(name, input) {
    const errs = state.errors.filter((e) => e.field === name || e.field.startsWith(name + "."));
    if (errs.length) input.classList.add("invalid");
    input.dataset.field = name;
    return h("span", { class: "field" }, input, errs.map((e) => h("small", { class: "field-error" }, e.message)));
  }

  function slaSection() {
    const policies = state.draft.sla_policies.items;
    const rows = policies.map((p) => h("tr", {},
      h("th", { scope: "row" }, p.name, h("div", { class: "mono muted" }, p.code)),
      ...["acknowledge_within_minutes", "resolve_within_minutes"].flatMap((limit) => SEVERITIES.map((s) => {
        const input = h("input", { type: "number", step: "1", value: p[limit][s], name: `${p.code}.${limit}.${s}`,
          "aria-label": `${p.name} ${limit === "acknowledge_within_minutes" ? w.ack : w.resolve} ${w[s]}` });
        input.addEventListener("change", () => { p[limit][s] = Number(input.value); });
        return h("td", {}, field(`sla_policies.${p.code}.${limit}.${s}`, input));
      }))));
    return h("section", { class: "panel sla" }, h("h3", {}, w.sla), h("div", { class: "scroll" },
      h("table", {}, h("thead", {},
        h("tr", {}, h("th", { rowspan: 2 }, w.policy), h("th", { colspan: 3 }, w.ack), h("th", { colspan: 3 }, w.resolve)),
        h("tr", {}, [...SEVERITIES, ...SEVERITIES].map((s) => h("th", {}, w[s])))), h("tbody", {}, rows))));
  }

  function calendarSection() {
    const sla = state.draft.sla_policies;
    const days = [...(sla.holidays || []).map((d) => ["holidays", d]), ...(sla.makeup_workdays || []).map((d) => ["makeup_workdays", d])]
      .sort((a, b) => a[1].localeCompare(b[1]));
    const date = h("input", { type: "date", name: "day", "aria-label": w.add_day });
    const kind = h("select", { name: "day_kind", "aria-label": w.calendar },
      h("option", { value: "holidays" }, w.holiday), h("option", { value: "makeup_workdays" }, w.makeup));
    const add = h("button", { type: "button", class: "add-day", onclick: () => {
      if (!date.value) return;
      sla[kind.value] = [...new Set([...(sla[kind.value] || []), date.value])].sort();
      draw();
    } }, w.add_day);
    const list = days.length ? h("ul", { class: "days" }, days.map(([k, d]) => h("li", { class: k },
      h("span", { class: "mono" }, d), " ", h("span", { class: "badge" }, k === "holidays" ? w.holiday : w.makeup), " ",
      h("button", { type: "button", class: "link", onclick: () => { sla[k] = sla[k].filter((x) => x !== d); draw(); } }, w.remove))))
      : h("p", { class: "muted" }, w.no_days);
    const errs = state.errors.filter((e) => e.field.startsWith("sla_policies.calendar"));
    return h("section", { class: "panel calendar" }, h("h3", {}, w.calendar),
      h("div", { class: "row" }, date, kind, add), errs.map((e) => h("small", { class: "field-error" }, e.message)), list);
  }

  function rulesSection() {
    const rules = state.draft.routing_rules.rules;
    const chosen = state.rule || rules[0].id;
    const rule = rules.find((r) => r.id === chosen) || rules[0];
    const pick = h("select", { name: "rule", "aria-label": w.rule }, rules.map((r) =>
      h("option", { value: r.id, selected: r.id === rule.id }, `${r.id} · ${r.category} @ ${r.scope}`)));
    pick.addEventListener("change", () => { state.rule = pick.value; draw(); });
    const lead = h("select", { name: "lead", "aria-label": w.lead }, depts().map((d) =>
      h("option", { value: d.code, selected: d.code === rule.lead }, `${en ? d.name_en : d.name} (${d.code})`)));
    if (!depts().some((d) => d.code === rule.lead)) lead.prepend(h("option", { value: rule.lead, selected: true }, rule.lead));
    lead.addEventListener("change", () => { rule.lead = lead.value; });
    const assist = h("input", { name: "assist", value: (rule.assist || []).join(", "), placeholder: w.assist_help, "aria-label": w.assist });
    assist.addEventListener("change", () => { rule.assist = assist.value.split(/[,，\s]+/).filter(Boolean); });
    return h("section", { class: "panel rules" }, h("h3", {}, w.rules),
      h("label", {}, w.rule, pick),
      h("label", {}, w.lead, field(`routing_rules.${rule.id}.lead`, lead)),
      h("label", {}, w.assist, field(`routing_rules.${rule.id}.assist`, assist)));
  }

  function categoriesSection() {
    const all = minors(state.draft);
    const chosen = all.find((c) => c.code === state.category) || all[0];
    const target = () => state.draft.categories.items.find((m) => m.code === chosen.major).children.find((c) => c.code === chosen.code);
    const pick = h("select", { name: "category", "aria-label": w.category }, all.map((c) =>
      h("option", { value: c.code, selected: c.code === chosen.code }, `${en ? c.name_en : c.name} (${c.code})`)));
    pick.addEventListener("change", () => { state.category = pick.value; draw(); });
    const named = (key) => {
      const input = h("input", { name: key, value: target()[key], "aria-label": w[key] });
      input.addEventListener("change", () => { target()[key] = input.value; });
      return field(`categories.${chosen.code}.${key}`, input);
    };
    const fresh = state.fresh || (state.fresh = { major: state.draft.categories.items[0].code, code: "", name: "", name_en: "",
      kind: "event", default_severity: "minor", sla_policy: "standard" });
    const inp = (key, attrs) => { const i = h("input", Object.assign({ name: `new_${key}`, value: fresh[key], "aria-label": w[key] }, attrs || {}));
      i.addEventListener("input", () => { fresh[key] = i.value; }); return i; };
    const sel = (key, options) => { const s = h("select", { name: `new_${key}`, "aria-label": w[key === "major" ? "major_cat" : key] },
      options.map(([v, t]) => h("option", { value: v, selected: v === fresh[key] }, t))); s.addEventListener("change", () => { fresh[key] = s.value; }); return s; };
    const addNew = h("button", { type: "button", class: "add-category", onclick: () => {
      if (!fresh.code) return;
      const major = state.draft.categories.items.find((m) => m.code === fresh.major);
      const { major: _m, ...child } = fresh;
      major.children.push(Object.assign({}, child, { code: fresh.code.trim().toUpperCase() }));
      state.category = child.code.trim().toUpperCase();
      state.fresh = null;
      draw();
    } }, w.add_category);
    return h("section", { class: "panel categories" }, h("h3", {}, w.categories),
      h("label", {}, w.category, pick),
      h("div", { class: "row" }, h("label", {}, w.name, named("name")), h("label", {}, w.name_en, named("name_en"))),
      h("details", { class: "new-category" }, h("summary", {}, w.add_category),
        h("div", { class: "grid" },
          h("label", {}, w.major_cat, sel("major", state.draft.categories.items.map((m) => [m.code, `${en ? m.name_en : m.name} (${m.code})`]))),
          h("label", {}, w.code, inp("code", { placeholder: "ENV-GRAFFITI" })),
          h("label", {}, w.name, inp("name")), h("label", {}, w.name_en, inp("name_en")),
          h("label", {}, w.kind, sel("kind", [["event", w.kind_event], ["asset", w.kind_asset]])),
          h("label", {}, w.severity, sel("default_severity", SEVERITIES.map((s) => [s, w[s]]))),
          h("label", {}, w.policy, sel("sla_policy", state.draft.sla_policies.items.map((p) => [p.code, p.name])))),
        addNew));
  }

  function editor() {
    const reason = h("input", { name: "reason", value: state.reason || "", "aria-label": w.reason, placeholder: w.reason });
    reason.addEventListener("input", () => { state.reason = reason.value; });
    const refused = state.errors.length ? h("div", { class: "errors", role: "alert" }, h("p", {}, w.refused),
      h("ul", {}, state.errors.map((e) => h("li", {}, h("span", { class: "mono" }, e.field), " — ", e.message)))) : null;
    const form = h("form", { class: "changeset-form" },
      h("h2", {}, `${w.new_changeset} · ${fmt(w.against, { v: state.current.version })}`),
      refused, slaSection(), calendarSection(), rulesSection(), categoriesSection(),
      h("div", { class: "submit" }, field("reason", reason), h("button", { type: "submit", class: "primary" }, w.propose)));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const made = await api("POST", "/v1/reference/changesets", { reason: state.reason || "", content: state.draft });
        state.errors = [];
        say("");
        await openChangeset(made.id);
      } catch (e) {
        state.errors = (e.problem && e.problem.errors) || [];
        if (state.errors.length) say(""); else say(plain(e), "error"); // the refusal is shown in the form
        draw();
      }
    });
    return form;
  }

  // --- the review: diff, dry run, approve
  const ORDER = ["code", "name", "category", "scope", "lead", "assist"]; // an added entry's fields, others after
  const rank = (f) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  function diffTable(diff) {
    if (!diff || !diff.length) return h("p", { class: "muted" }, w.nothing);
    const shown = (v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : v === undefined || v === null ? "—" : String(v));
    const isMap = (v) => v && typeof v === "object" && !Array.isArray(v);
    // A changed map (an SLA's minutes by severity) shows only the keys that changed: `acknowledge….minor: 60 → 45`.
    const deltas = (f, v) => (isMap(v.from) && isMap(v.to)
      ? Object.keys(Object.assign({}, v.from, v.to)).filter((k) => JSON.stringify(v.from[k]) !== JSON.stringify(v.to[k]))
        .map((k) => [`${f}.${k}`, { from: v.from[k], to: v.to[k] }])
      : [[f, v]]);
    return h("table", { class: "diff" }, h("thead", {}, h("tr", {}, [w.document, w.entry, w.change].map((t) => h("th", {}, t)))),
      h("tbody", {}, diff.map((d) => h("tr", { class: d.change },
        h("td", { class: "mono" }, d.document), h("td", { class: "mono" }, d.entry),
        h("td", {}, h("span", { class: `badge ${d.change}` }, w[d.change]),
          Object.entries(d.fields || {}).flatMap(([f, v]) => deltas(f, v)).map(([f, v]) => h("div", { class: "delta" },
            h("span", { class: "mono" }, f), ": ", h("del", {}, shown(v.from)), " → ", h("ins", {}, shown(v.to)))),
          // An added entry shows what it holds (a dispatcher's proposed rule: its lead and assisting departments).
          d.change === "added" && isMap(d.value) && !String(d.entry).startsWith("calendar.") ? Object.entries(d.value).filter(([f]) => f !== "id")
            .sort(([a], [b]) => rank(a) - rank(b)).map(([f, v]) =>
            h("div", { class: "delta" }, h("span", { class: "mono" }, f), ": ", h("ins", {},
              d.document === "routing_rules" && (f === "lead" || f === "assist")
                ? [].concat(v).map((code) => `${deptName(code)} (${code})`).join("、") || "—" : shown(v)))) : null)))));
  }

  function dryTable(dry) {
    const moved = dry.departments.filter((r) => r.gained || r.lost || r.led_before !== r.led_after ||
      r.response_rate_before !== r.response_rate_after || r.on_time_rate_before !== r.on_time_rate_after);
    const rows = (moved.length ? moved : dry.departments).slice(0, 40);
    const rate = (a, b) => h("span", { class: a === b ? "" : b > a ? "up" : "down" }, `${pct(a)} → ${pct(b)}`);
    return h("div", { class: "dry" },
      h("p", {}, fmt(w.dry_cases, { n: dry.cases, m: dry.cases_moved })),
      h("table", {}, h("thead", {}, h("tr", {}, [w.department, w.cases, w.gained, w.lost, w.response_rate, w.on_time_rate].map((t) => h("th", {}, t)))),
        h("tbody", {}, rows.map((r) => h("tr", {},
          h("td", {}, deptName(r.department), h("div", { class: "mono muted" }, r.department)),
          h("td", {}, `${r.cases_before} → ${r.cases_after}`),
          h("td", { class: r.gained ? "up" : "" }, r.gained ? `+${r.gained}` : "0"),
          h("td", { class: r.lost ? "down" : "" }, r.lost ? `−${r.lost}` : "0"),
          h("td", {}, rate(r.response_rate_before, r.response_rate_after)),
          h("td", {}, rate(r.on_time_rate_before, r.on_time_rate_after)))),
        h("tr", { class: "totals" }, h("td", {}, w.totals), h("td", {}), h("td", {}), h("td", {}),
          h("td", {}, rate(dry.totals.response_rate_before, dry.totals.response_rate_after)),
          h("td", {}, rate(dry.totals.on_time_rate_before, dry.totals.on_time_rate_after))))));
  }

  function review() {
    const cs = state.open;
    const days = h("input", { type: "number", name: "days", value: state.days || 30, min: 1, max: 366, "aria-label": w.days });
    const run = h("button", { type: "button", class: "run", onclick: async () => {
      run.disabled = true; run.textContent = w.running;
      try {
        state.days = Number(days.value);
        state.dry = await api("POST", `/v1/reference/changesets/${cs.id}/dry-run`, { days: state.days });
        say("");
      } catch (e) { say(plain(e), "error"); }
      draw();
    } }, w.run);
    const effective = h("input", { type: "datetime-local", name: "effective_at", "aria-label": w.effective_at });
    const approve = h("button", { type: "button", class: "primary approve", onclick: async () => {
      try {
        const body = effective.value ? { effective_at: new Date(effective.value).toISOString() } : {};
        const done = await api("POST", `/v1/reference/changesets/${cs.id}/approve`, body);
        say(fmt(w.approved, { v: done.version }), "info");
        await load(cs.id);
      } catch (e) { say(plain(e), "error"); }
    } }, w.approve);
    const why = h("input", { name: "withdraw_reason", placeholder: w.withdraw_reason, "aria-label": w.withdraw_reason });
    const withdraw = h("button", { type: "button", class: "danger", onclick: async () => {
      try { await api("POST", `/v1/reference/changesets/${cs.id}/withdraw`, { reason: why.value }); await load(cs.id); }
      catch (e) { say(plain(e), "error"); }
    } }, w.withdraw);
    const proposed = cs.status === "proposed";
    return h("section", { class: "panel review" },
      h("h2", {}, `${w.review} · ${w[`status_${cs.status}`] || cs.status}`),
      h("dl", { class: "facts" }, h("dt", {}, w.author), h("dd", {}, cs.author), h("dt", {}, w.why), h("dd", {}, cs.reason),
        h("dt", {}, w.version), h("dd", {}, cs.version ? `${cs.version} (${when(cs.effective_at)})` : `${w.in_force} ${cs.in_force_version}`)),
      cs.stale ? h("p", { class: "notice error" }, w.stale) : null,
      proposed ? [h("h3", {}, w.diff), diffTable(cs.diff),
        h("h3", {}, w.dry_run), h("div", { class: "row" }, h("label", {}, w.days, days), run),
        state.dry && state.dry.changeset_id === cs.id ? dryTable(state.dry) : null,
        h("div", { class: "row actions" }, h("label", {}, w.effective_at, effective), approve, why, withdraw)] : null);
  }

  // --- the side: versions (restore) and change sets
  function side() {
    const restoreWhy = h("input", { name: "restore_reason", placeholder: w.restore_reason, "aria-label": w.restore_reason });
    return h("aside", { class: "side" },
      h("h3", {}, w.versions),
      h("ol", { class: "versions" }, state.versions.map((v) => h("li", { class: v.in_force ? "on" : "" },
        h("b", {}, `v${v.version}`), " ", v.in_force ? h("span", { class: "badge on" }, w.in_force) : v.pending ? h("span", { class: "badge" }, w.pending) : null,
        h("div", { class: "muted" }, `${v.created_by} · ${when(v.created_at)}${v.pending ? ` → ${when(v.effective_at)}` : ""}`),
        h("div", {}, v.reason),
        v.in_force ? null : h("button", { type: "button", class: "link", onclick: async () => {
          try { const made = await api("POST", `/v1/reference/versions/${v.version}/restore`, { reason: restoreWhy.value }); await openChangeset(made.id); }
          catch (e) { say(plain(e), "error"); }
        } }, w.restore)))),
      restoreWhy,
      h("h3", {}, w.changesets),
      h("button", { type: "button", class: "link", onclick: () => { state.open = null; state.dry = null; draw(); } }, w.new_changeset),
      h("ol", { class: "changesets" }, state.changesets.map((cs) => h("li", {},
        h("button", { type: "button", class: "link", onclick: () => openChangeset(cs.id) }, cs.reason),
        h("div", { class: "muted" }, `${w[`status_${cs.status}`] || cs.status} · ${cs.author} · ${when(cs.created_at)}`)))));
  }

  async function openChangeset(id) {
    try { state.open = await api("GET", `/v1/reference/changesets/${id}`); } catch (e) { say(plain(e), "error"); }
    await refreshLists();
    draw();
  }

  async function refreshLists() {
    const [versions, changesets] = await Promise.all([api("GET", "/v1/reference/versions"), api("GET", "/v1/reference/changesets")]);
    state.versions = versions.items;
    state.changesets = changesets.items;
  }

  async function load(openId) {
    state.current = await api("GET", "/v1/reference/versions/current");
    state.draft = copy(state.current.content);
    state.errors = [];
    if (openId) await openChangeset(openId); else { await refreshLists(); draw(); }
  }

  function draw() {
    const main = state.open ? review() : editor();
    view.replaceChildren(h("div", { class: "layout" }, main, side()));
  }

  async function start() {
    let who = null;
    if (token) who = C.claims(token);
    else {
      try { const found = await C.loadSession(); who = found.session; } catch (e) { /* offline */ }
    }
    if (!who) { view.replaceChildren(h("p", { class: "notice error" }, w.sign_in)); return; }
    if (who.role !== "admin") { view.replaceChildren(h("p", { class: "notice error" }, w.admin_only)); return; }
    document.getElementById("who").textContent = who.name || who.sub;
    try { await load(null); } catch (e) { say(plain(e), "error"); }
  }
  start();
})();
