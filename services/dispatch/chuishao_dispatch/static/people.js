// 人员名录 (the directory) for admins, inside the departments' console: find people, add and change them
// with their roles and scopes, deactivate them, read each one's audit, and import a CSV / XLSX file with
// a dry run first. Every write asks why (the audit keeps it). Words come from the console's dictionary.
(function () {
  "use strict";
  const C = window.Chuishao;
  const h = C.el;
  const ROLES = ["grid_worker", "liaison", "dispatcher", "admin", "ops", "community_staff", "volunteer", "unit_contact"];
  const SCOPE = {
    grid_worker: "grids", liaison: "department", dispatcher: "jurisdiction", admin: null, ops: null,
    community_staff: "community", volunteer: "community", unit_contact: "unit",
  };

  function People(ctx) {
    const { api, w, say, plain, departments } = ctx;
    const root = h("section", { class: "people" });
    const state = { q: "", department: "", items: [], next: null, open: null, report: null };

    const en = () => ctx.config.lang === "en";
    const dname = (d) => (en() && d.name_en) || d.name;
    const deptName = (code) => { const d = departments().find((x) => x.code === code); return d ? dname(d) : code; };
    const roleWord = (r) => w[`role_${r}`] || r;
    function scopeText(g) {
      const s = SCOPE[g.role];
      if (!s) return roleWord(g.role);
      const v = s === "grids" ? (g.grids || []).join("、") : s === "department" ? deptName(g.department) : g[s];
      return `${roleWord(g.role)} · ${v}`;
    }

    async function search(more) {
      const params = new URLSearchParams({ limit: "50" });
      if (state.q) params.set("q", state.q);
      if (state.department) params.set("department", state.department);
      if (more && state.next) params.set("cursor", state.next);
      try {
        const page = await api("GET", `/v1/people?${params}`);
        state.items = more ? state.items.concat(page.items) : page.items;
        state.next = page.next_cursor;
      } catch (e) { say(plain(e), "error"); }
      draw();
    }

    // --- one role row of the person form: the role, then the scope that role needs
    function roleRow(grant, onRemove) {
      const select = h("select", { name: "role", "aria-label": w.p_role },
        ROLES.map((r) => h("option", { value: r, selected: r === grant.role }, roleWord(r))));
      const scopeBox = h("span", { class: "scope" });
      function drawScope() {
        const s = SCOPE[select.value];
        let control = null;
        if (s === "department") {
          control = h("select", { name: "department", "aria-label": w.p_scope_department },
            h("option", { value: "" }, w.p_choose),
            departments().map((d) => h("option", { value: d.code, selected: d.code === grant.department }, `${dname(d)} (${d.code})`)));
        } else if (s) {
          const value = s === "grids" ? (grant.grids || []).join(", ") : grant[s] || "";
          control = h("input", { name: s, value, placeholder: w[`p_scope_${s}`], "aria-label": w[`p_scope_${s}`] });
        }
        scopeBox.replaceChildren(control || h("span", { class: "muted" }, w.p_no_scope));
      }
      select.addEventListener("change", drawScope);
      drawScope();
      const row = h("div", { class: "role-row" }, select, scopeBox,
        h("button", { type: "button", class: "link", onclick: () => { row.remove(); onRemove(); } }, w.p_remove_role));
      row.read = () => {
        const g = { role: select.value };
        const s = SCOPE[g.role];
        const input = scopeBox.querySelector("input, select");
        if (s === "grids") g.grids = (input.value || "").split(/[\s,，;；、]+/).filter(Boolean);
        else if (s) g[s] = input.value.trim();
        return g;
      };
      return row;
    }

    function personForm(person) {
      const p = person || { roles: [{ role: "liaison" }] };
      const input = (name, label, extra) => h("label", { class: "field" }, h("span", null, label),
        h("input", Object.assign({ name, value: p[name] || "" }, extra || {})));
      const roles = h("div", { class: "roles" });
      const addRole = (g) => roles.append(roleRow(g, () => {}));
      p.roles.forEach(addRole);
      const errors = h("ul", { class: "errors" });
      const form = h("form", { class: "person-form", novalidate: true },
        h("h3", null, person ? `${w.p_edit} · ${person.name}` : w.p_add),
        h("div", { class: "grid2" },
          input("name", w.p_name, { required: true, maxlength: 100 }),
          input("subject", w.p_subject, { required: true, readonly: !!person, title: person ? w.p_subject_fixed : null }),
          input("phone", w.p_phone, { inputmode: "tel" }),
          input("wecom_user_id", w.p_wecom),
          input("dingtalk_user_id", w.p_dingtalk)),
        h("fieldset", null, h("legend", null, w.p_roles), roles,
          h("button", { type: "button", class: "link", onclick: () => addRole({ role: "grid_worker" }) }, `+ ${w.p_add_role}`)),
        h("label", { class: "field wide" }, h("span", null, w.p_reason),
          h("input", { name: "reason", required: true, placeholder: w.p_reason_hint })),
        errors,
        h("div", { class: "buttons" },
          h("button", { type: "submit", class: "primary" }, w.submit),
          h("button", { type: "button", onclick: () => { state.open = null; draw(); } }, w.close)));
      form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const f = new FormData(form);
        const body = { reason: f.get("reason"), roles: [...roles.children].map((r) => r.read()) };
        for (const k of ["name", "phone", "wecom_user_id", "dingtalk_user_id"]) body[k] = (f.get(k) || "").trim() || null;
        if (!person) body.subject = (f.get("subject") || "").trim();
        body.name = body.name || "";
        try {
          if (person) await api("PATCH", `/v1/people/${person.id}`, body);
          else await api("POST", "/v1/people", body);
          say(w.done_ok);
          state.open = null;
          await search(false);
        } catch (e) {
          const list = (e.problem && e.problem.errors) || [];
          errors.replaceChildren(...list.map((x) => h("li", null, `${fieldWord(x.field)}：${x.message}`)));
          if (!list.length) say(plain(e), "error");
        }
      });
      return form;
    }

    function fieldWord(pointer) {
      const parts = String(pointer).split("/").filter(Boolean);
      const last = parts[parts.length - 1];
      const word = w[`p_${last}`] || w[`p_scope_${last}`] || last;
      if (parts[0] === "rows") return `${w.p_row.replace("{n}", parts[1])} · ${parts.length > 2 ? word : ""}`;
      if (parts[0] === "columns") return `${w.p_columns} ${parts[1]}`;
      if (parts[0] === "roles") return `${w.p_roles} ${Number(parts[1]) + 1} · ${word}`;
      return word;
    }

    function deactivateForm(person) {
      const form = h("form", { class: "inline-form" },
        h("label", { class: "field" }, h("span", null, `${w.p_deactivate_why} · ${person.name}`),
          h("input", { name: "reason", required: true, placeholder: w.p_reason_hint })),
        h("button", { type: "submit", class: "danger" }, w.p_deactivate),
        h("button", { type: "button", onclick: () => { state.open = null; draw(); } }, w.close));
      form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          await api("POST", `/v1/people/${person.id}/deactivate`, { reason: new FormData(form).get("reason") });
          say(w.p_deactivated);
          state.open = null;
          await search(false);
        } catch (e) { say(plain(e), "error"); }
      });
      return form;
    }

    async function auditView(person) {
      const box = h("div", { class: "audit" }, h("p", { class: "muted" }, w.loading));
      try {
        const a = await api("GET", `/v1/people/${person.id}/audit`);
        box.replaceChildren(h("h3", null, `${w.p_audit} · ${person.name}`), h("table", null,
          h("thead", null, h("tr", null, [w.p_when, w.p_who, w.p_what, w.p_reason].map((t) => h("th", null, t)))),
          h("tbody", null, a.items.map((x) => h("tr", null,
            h("td", null, new Date(x.at).toLocaleString(en() ? "en-GB" : "zh-CN")),
            h("td", null, x.actor), h("td", null, w[`p_action_${x.action}`] || x.action), h("td", null, x.reason))))),
          h("button", { type: "button", onclick: () => { state.open = null; draw(); } }, w.close));
      } catch (e) { box.replaceChildren(h("p", { class: "error" }, plain(e))); }
      return box;
    }

    // Kept across redraws: after a dry run the same file (and reason) is imported with one tap.
    const file = h("input", { type: "file", name: "file", accept: ".csv,.xlsx,text/csv" });
    const reason = h("input", { name: "reason", placeholder: w.p_reason_hint });
    function importPanel() {
      async function send(dry) {
        if (!file.files.length) { say(w.p_choose_file, "error"); return; }
        const data = new FormData();
        data.append("file", file.files[0]);
        data.append("reason", reason.value);
        try {
          state.report = await ctx.upload(`/v1/people/import${dry ? "?dry_run=true" : ""}`, data);
          if (!dry) { say(w.p_imported); await search(false); }
        } catch (e) {
          const p = e.problem || {};
          state.report = { dry_run: dry, valid: false, errors: p.errors || [], failed: true, rows: 0 };
          if (!p.errors) say(plain(e), "error");
        }
        draw();
      }
      const r = state.report;
      return h("details", { class: "import", open: !!r },
        h("summary", null, w.p_import),
        h("p", { class: "muted" }, w.p_import_hint),
        h("div", { class: "import-row" }, file, reason,
          h("button", { type: "button", onclick: () => send(true) }, w.p_dry_run),
          h("button", { type: "button", class: "primary", onclick: () => send(false) }, w.p_apply)),
        r ? h("div", { class: `report ${r.valid ? "ok" : "bad"}` },
          h("p", null, r.failed ? w.p_import_refused
            : `${r.dry_run ? w.p_dry_run_result : w.p_apply_result}：${w.p_rows} ${r.rows} · ${w.p_created} ${r.created} · ${w.p_changed} ${r.changed} · ${w.p_unchanged} ${r.unchanged}`),
          r.errors.length ? h("table", null,
            h("thead", null, h("tr", null, [w.p_where, w.p_problem].map((t) => h("th", null, t)))),
            h("tbody", null, r.errors.map((x) => h("tr", null, h("td", null, fieldWord(x.field)), h("td", null, x.message)))))
            : h("p", null, r.valid ? w.p_all_valid : "")) : null);
    }

    function table() {
      if (!state.items.length) return h("p", { class: "muted" }, w.p_none);
      return h("table", { class: "people-table" },
        h("thead", null, h("tr", null, [w.p_name, w.p_subject, w.p_roles, w.p_phone, w.p_state, ""].map((t) => h("th", null, t)))),
        h("tbody", null, state.items.map((p) => h("tr", { class: p.active ? "" : "inactive" },
          h("td", null, p.name), h("td", { class: "mono" }, p.subject),
          h("td", null, p.roles.map((g) => h("span", { class: "rolechip" }, scopeText(g)))),
          h("td", { class: "mono" }, p.phone || "—"),
          h("td", null, h("span", { class: `badge ${p.active ? "on" : "off"}` }, p.active ? w.p_active : w.p_inactive)),
          h("td", { class: "row-actions" },
            h("button", { type: "button", class: "link", onclick: () => { state.open = { kind: "edit", p }; draw(); } }, w.p_edit),
            p.active ? h("button", { type: "button", class: "link danger", onclick: () => { state.open = { kind: "deactivate", p }; draw(); } }, w.p_deactivate) : null,
            h("button", { type: "button", class: "link", onclick: () => { state.open = { kind: "audit", p }; draw(); } }, w.p_audit))))));
    }

    function toolbar() {
      const q = h("input", { type: "search", name: "q", value: state.q, placeholder: w.p_search, "aria-label": w.p_search });
      const dept = h("select", { name: "department", "aria-label": w.p_scope_department },
        h("option", { value: "" }, w.p_all_departments),
        departments().map((d) => h("option", { value: d.code, selected: d.code === state.department }, dname(d))));
      const form = h("form", { class: "toolbar" }, q, dept, h("button", { type: "submit" }, w.p_find),
        h("button", { type: "button", class: "primary", onclick: () => { state.open = { kind: "add" }; draw(); } }, `+ ${w.p_add}`));
      form.addEventListener("submit", (ev) => { ev.preventDefault(); state.q = q.value.trim(); state.department = dept.value; search(false); });
      return form;
    }

    async function draw() {
      let panel = null;
      const o = state.open;
      if (o && o.kind === "add") panel = personForm(null);
      else if (o && o.kind === "edit") panel = personForm(o.p);
      else if (o && o.kind === "deactivate") panel = deactivateForm(o.p);
      else if (o && o.kind === "audit") panel = await auditView(o.p);
      // The other admin screen: reference data change sets (reference.js).
      const refLink = h("a", { class: "reference-link", href: `/console/reference${en() ? "?lang=en" : ""}` },
        en() ? "Reference data changes →" : "参考数据变更 →");
      root.replaceChildren(...[h("h2", null, w.nav_people, " ", refLink), toolbar(), panel, table(),
        state.next ? h("button", { type: "button", class: "more", onclick: () => search(true) }, w.p_more) : null,
        importPanel()].filter(Boolean));
    }

    search(false);
    return root;
  }

  window.ChuishaoPeople = People;
})();
