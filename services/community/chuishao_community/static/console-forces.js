// 社区工作台, the community's forces: co-building units and their resources, community orders with the
// units' answers and response rates, activities (slots by skill, the check-in QR code full screen, marked
// attendance, granted hours, closing), projects with their progress, and certificates.
(function () {
  "use strict";
  const K = window.CommunityConsole;
  const { h, w } = K;
  const pct = (x) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);
  const community = () => K.me.community;

  // --------------------------------------------------------------------------- units & resources
  K.screens.units = async function () {
    const [units, resources] = await Promise.all([K.api("GET", "/v1/units"),
      K.api("GET", `/v1/resources?community=${encodeURIComponent(community() || "")}`)]);
    const stats = await Promise.all(units.items.map((u) => K.api("GET", `/v1/units/${encodeURIComponent(u.code)}`).catch(() => u)));
    const inForce = (u) => (u.agreements || []).filter((a) => a.community === community())
      .map((a) => `${a.term_from} – ${a.term_to || w.open_ended}`).join("; ");
    const unitRow = (u) => h("tr", { dataset: { unit: u.code } }, h("td", {}, h("b", {}, u.name), h("small", { class: "muted" }, ` ${u.code}`)),
      h("td", {}, w[`uk_${u.kind}`] || u.kind), h("td", {}, inForce(u) || "—"),
      h("td", {}, u.contact ? `${u.contact.name} ${u.contact.phone || ""}` : "—"),
      h("td", { class: "num" }, u.orders ? `${u.orders.responded}/${u.orders.asked}` : "—"),
      h("td", { class: "num rate" }, u.orders ? pct(u.orders.response_rate) : "—"),
      h("td", { class: "num" }, u.orders && u.orders.median_response_hours != null ? `${u.orders.median_response_hours} h` : "—"));
    const resRow = (r) => h("tr", {}, h("td", {}, h("b", {}, r.name)), h("td", {}, w[`rk_${r.kind}`] || r.kind),
      h("td", {}, r.unit || w.community_own), h("td", {}, r.place && r.place.name), h("td", {}, K.fill(w.life_circle, { n: r.life_circle })),
      h("td", { class: "num" }, r.capacity ?? "—"), h("td", {}, r.status));
    const table = (heads, rows) => (rows.length ? h("div", { class: "table-wrap" }, h("table", { class: "list" },
      h("thead", {}, h("tr", {}, heads.map((t) => h("th", {}, t)))), h("tbody", {}, rows))) : K.empty());
    return h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_units, h("span", { class: "n" }, units.items.length))),
      table([w.unit, w.unit_kind, w.agreement, w.contact, w.orders_answered, w.response_rate, w.response_time], stats.map(unitRow)),
      h("h2", { class: "sub" }, w.resources, h("span", { class: "n" }, resources.items.length)),
      table([w.name, w.resource_kind, w.offered_by, w.place, w.life_circle_h, w.capacity, w.status], resources.items.map(resRow)));
  };

  // --------------------------------------------------------------------------- community orders
  K.screens.orders = async function () {
    const [orders, units] = await Promise.all([K.api("GET", "/v1/orders?limit=100"), K.api("GET", "/v1/units")]);
    const stats = new Map((await Promise.all(units.items.map((u) => K.api("GET", `/v1/units/${encodeURIComponent(u.code)}`).catch(() => u))))
      .map((u) => [u.code, u]));
    const unitName = (code) => (stats.get(code) || {}).name || code;
    const items = (list) => list.map((i) => `${i.name} ${i.quantity}${i.measure || ""}`).join("、");
    const card = (o) => h("article", { class: "panel order", dataset: { orderId: o.id } },
      h("div", { class: "line" }, h("b", { class: "cat" }, o.title), K.badge(w[`os_${o.status}`] || o.status, o.status === "open" ? "yellow" : "grey"),
        h("small", { class: "muted" }, `${w.needed_by} ${K.when(o.needed_by)}`)),
      h("p", { class: "muted" }, items(o.items)),
      h("table", { class: "list compact" }, h("tbody", {}, o.units.map((code) => {
        const answer = o.responses.find((r) => r.unit === code);
        const u = stats.get(code) || {};
        return h("tr", {}, h("td", {}, unitName(code)),
          h("td", {}, answer ? (answer.declined ? w.declined : items(answer.items)) : h("span", { class: "muted" }, w.awaiting)),
          h("td", { class: "num" }, answer ? `${answer.response_hours} h` : ""),
          h("td", { class: "num rate" }, `${w.response_rate} ${pct(u.orders && u.orders.response_rate)}`));
      }))),
      h("div", { class: "row" }, h("small", { class: "muted" }, K.fill(w.answered_of, { n: o.response_count, of: o.units.length })),
        o.status === "open" ? K.action(w.close_order, "close-order", () => K.api("POST", `/v1/orders/${o.id}/close`, {})) : null));
    const title = K.input("title", { required: true }), item = K.input("item", { placeholder: w.item_hint, required: true });
    const needed = h("input", { type: "datetime-local", name: "needed_by", value: K.local(new Date(Date.now() + 3 * 86400e3)) });
    const form = K.form("order", w.new_order, [h("div", { class: "grid3" }, K.field(w.f_title, title), K.field(w.order_items, item),
      K.field(w.needed_by, needed))], async () => {
      const items = item.value.split(/[,，、]/).map((s) => s.trim()).filter(Boolean).map((s) => {
        const m = /^(.*?)\s*(\d+(?:\.\d+)?)\s*(\S*)$/.exec(s);
        return m ? { name: m[1] || s, quantity: Number(m[2]), measure: m[3] } : { name: s, quantity: 1, measure: "" };
      });
      await K.api("POST", "/v1/orders", { title: title.value, items, needed_by: K.iso(needed.value) });
      K.say(w.done_ok, "ok"); K.render();
    }, w.post_order);
    return h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_orders, h("span", { class: "n" }, orders.items.length))),
      form, h("div", { class: "cards" }, orders.items.length ? orders.items.map(card) : K.empty()));
  };

  // --------------------------------------------------------------------------- activities
  K.screens.activities = async function () {
    const page = await K.api("GET", "/v1/activities?limit=100");
    const title = K.input("title", { required: true }), place = K.input("place", { required: true });
    const starts = h("input", { type: "datetime-local", name: "starts_at", value: K.local(new Date(Date.now() + 3600e3)) });
    const ends = h("input", { type: "datetime-local", name: "ends_at", value: K.local(new Date(Date.now() + 3 * 3600e3)) });
    const slotBox = h("div", { class: "slots" });
    const addSlot = () => slotBox.append(h("div", { class: "row slot" }, K.input("slot_code", { placeholder: w.slot_code, value: `slot${slotBox.children.length + 1}` }),
      h("input", { type: "number", name: "slot_capacity", min: "1", value: "5", "aria-label": w.capacity }),
      h("select", { name: "slot_skill", "aria-label": w.f_skills }, h("option", { value: "" }, w.any_skill),
        [...K.skills.keys()].map((k) => h("option", { value: k }, K.skill(k))))));
    addSlot();
    const form = K.form("activity", w.new_activity, [h("div", { class: "grid3" }, K.field(w.f_title, title), K.field(w.place, place),
      K.field(w.starts_at, starts), K.field(w.ends_at, ends)), h("div", { class: "field" }, h("span", {}, w.slots), slotBox,
      h("button", { type: "button", class: "btn", dataset: { action: "add-slot" }, onclick: addSlot }, w.add_slot))], async () => {
      const slots = [...slotBox.querySelectorAll(".slot")].map((s) => ({ code: s.querySelector("[name=slot_code]").value.trim(),
        capacity: Number(s.querySelector("[name=slot_capacity]").value), skill: s.querySelector("[name=slot_skill]").value || null }));
      const a = await K.api("POST", "/v1/activities", { title: title.value, starts_at: K.iso(starts.value), ends_at: K.iso(ends.value),
        place: { name: place.value }, slots });
      K.say(w.done_ok, "ok");
      location.hash = `#/activity/${a.id}`;
    }, w.create);
    const card = (a) => h("article", { class: "card", dataset: { activityId: a.id } }, h("a", { class: "card-main", href: `#/activity/${a.id}` },
      h("div", { class: "line" }, h("b", { class: "cat" }, a.title), a.closed_at ? K.badge(w.closed, "grey") : null),
      h("div", { class: "place" }, `${K.when(a.starts_at)} – ${K.when(a.ends_at)} · ${a.place.name}`),
      h("p", { class: "desc" }, a.slots.map((s) => `${s.code}${s.skill ? `(${K.skill(s.skill)})` : ""} ${s.taken}/${s.capacity}`).join("  "))),
    h("div", { class: "card-side" }, h("span", { class: "big" }, a.signed_up), h("small", { class: "muted" }, w.signed_up)));
    return h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_activities, h("span", { class: "n" }, page.items.length))),
      form, h("div", { class: "cards" }, page.items.length ? page.items.map(card) : K.empty()));
  };

  K.screens.activity = async function (id) {
    const a = await K.api("GET", `/v1/activities/${encodeURIComponent(id)}`);
    const people = await K.memberNames(a.signups.map((s) => s.member));
    const who = (m) => people.get(m) || m;
    const path = (tail) => `/v1/activities/${encodeURIComponent(a.id)}/${tail}`;
    const ended = Date.parse(a.ends_at) <= Date.now();
    const row = (s) => h("tr", { dataset: { member: s.member } }, h("td", {}, who(s.member)), h("td", {}, s.slot),
      h("td", {}, K.when(s.checked_in_at) || "—"), h("td", {}, K.when(s.checked_out_at) || "—"), h("td", { class: "num" }, s.hours),
      h("td", { class: "row-actions" }, a.closed_at ? null : [
        !s.checked_in_at ? K.action(w.mark_in, "mark-in", () => K.api("POST", path("checkin"), { member: s.member })) : null,
        s.checked_in_at && !s.checked_out_at ? K.action(w.mark_out, "mark-out", () => K.api("POST", path("checkout"), { member: s.member })) : null]));
    const member = h("select", { name: "member" }, a.signups.map((s) => h("option", { value: s.member }, who(s.member))));
    const hours = h("input", { type: "number", name: "hours", min: "0.25", step: "0.25", value: "0.5" });
    const reason = K.input("reason", { required: true });
    const grant = K.form("grant", w.grant, [h("div", { class: "grid3" }, K.field(w.member, member), K.field(w.hours, hours), K.field(w.f_reason, reason))],
      async () => { await K.api("POST", path("grants"), { member: member.value, hours: Number(hours.value), reason: reason.value }); K.say(w.done_ok, "ok"); K.render(); }, w.grant);
    const served = h("input", { type: "number", name: "people_served", min: "0", value: "0" });
    const close = K.form("close", w.close_activity, [K.field(w.people_served, served)],
      async () => { await K.api("POST", path("close"), { people_served: Number(served.value) }); K.say(w.done_ok, "ok"); K.render(); }, w.close_activity);
    return h("section", { class: "activity", dataset: { activityId: a.id } }, h("a", { class: "back", href: "#/activities" }, `← ${w.nav_activities}`),
      h("div", { class: "case-head" }, h("div", {}, h("h2", {}, a.title), a.closed_at ? K.badge(w.closed, "grey") : null),
        a.closed_at ? null : h("a", { class: "btn primary", href: `#/qr/${a.id}`, dataset: { action: "show-qr" } }, w.show_qr)),
      h("p", { class: "muted" }, `${K.when(a.starts_at)} – ${K.when(a.ends_at)} · ${a.place.name} · ${K.fill(w.length_h, { n: a.length_hours })}`),
      h("div", { class: "grid2" },
        h("div", { class: "panel" }, h("h3", {}, w.slots), h("ul", { class: "plain" }, a.slots.map((s) => h("li", {},
          h("b", {}, s.code), ` ${s.skill ? K.skill(s.skill) : w.any_skill} · ${s.taken}/${s.capacity}`))),
          h("h3", {}, w.attendance), a.signups.length ? h("table", { class: "list compact" }, h("thead", {}, h("tr", {},
            [w.member, w.slot_code, w.checked_in, w.checked_out, w.hours, ""].map((t) => h("th", {}, t)))), h("tbody", {}, a.signups.map(row)))
            : K.empty(w.no_signups)),
        h("div", { class: "panel" }, a.closed_at
          ? h("dl", {}, h("dt", {}, w.people_served), h("dd", {}, a.people_served), h("dt", {}, w.no_shows), h("dd", {}, a.no_show_count))
          : ended ? [grant, close] : h("p", { class: "muted" }, w.grant_after_end),
        a.grants.length ? [h("h3", {}, w.grants), h("ul", { class: "plain" }, a.grants.map((g) => h("li", {}, `${who(g.member)} +${g.hours} h · ${g.reason}`)))] : null)));
  };

  /** The check-in QR code, full screen, renewed before it expires (10 minutes, signed by the service). */
  let qrTimer = null;
  K.screens.qr = async function (id) {
    clearTimeout(qrTimer);
    const [a, qr] = await Promise.all([K.api("GET", `/v1/activities/${encodeURIComponent(id)}`), K.api("GET", `/v1/activities/${encodeURIComponent(id)}/qr`)]);
    const code = window.qrcode(0, "M");
    code.addData(qr.code);
    code.make();
    const n = code.getModuleCount(), quiet = 4, scale = 12;
    const canvas = h("canvas", { id: "qr", width: (n + 2 * quiet) * scale, height: (n + 2 * quiet) * scale, "aria-label": w.show_qr,
      dataset: { modules: n, code: qr.code } });
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "#000";
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (code.isDark(r, c)) ctx.fillRect((c + quiet) * scale, (r + quiet) * scale, scale, scale);
    const renew = Math.max(Date.parse(qr.expires_at) - Date.now() - 60e3, 30e3);
    qrTimer = setTimeout(() => { if (K.route().name === "qr") K.render(); }, renew);
    return h("section", { class: "qr-screen" }, h("h2", {}, a.title), h("p", { class: "muted" }, w.scan_to_check_in), canvas,
      h("p", { class: "muted small" }, K.fill(w.qr_expires, { at: K.when(qr.expires_at) })),
      h("a", { class: "btn", href: `#/activity/${a.id}` }, w.close_qr));
  };

  // --------------------------------------------------------------------------- projects
  K.screens.projects = async function () {
    const [page, units] = await Promise.all([K.api("GET", "/v1/projects?limit=100"), K.api("GET", "/v1/units").catch(() => ({ items: [] }))]);
    const unitName = (code) => (units.items.find((u) => u.code === code) || {}).name || code;
    const tone = { planned: "yellow", active: "blue", done: "green", cancelled: "grey" };
    const card = (p) => {
      const note = K.input("note", { required: true, placeholder: w.progress_note });
      const served = h("input", { type: "number", name: "people_served", min: "0", value: "0", "aria-label": w.people_served });
      const status = h("select", { name: "status", "aria-label": w.status }, h("option", { value: "" }, w.keep_status),
        ["active", "done", "cancelled"].map((s) => h("option", { value: s }, w[`ps_${s}`])));
      const days = p.period_to ? (Date.parse(p.period_to) - Date.parse(p.period_from)) : 0;
      const share = days > 0 ? Math.min(Math.max((Date.now() - Date.parse(p.period_from)) / days, 0), 1) : null;
      return h("article", { class: "panel project", dataset: { projectId: p.id } },
        h("div", { class: "line" }, h("b", { class: "cat" }, p.title), K.badge(w[`ps_${p.status}`] || p.status, tone[p.status] || "grey"),
          h("small", { class: "muted" }, `${p.period_from} – ${p.period_to || w.open_ended}`)),
        h("p", {}, p.goal),
        share !== null ? h("div", { class: "progress", title: w.period_gone }, h("span", { style: null, dataset: { share } })) : null,
        h("p", { class: "muted small" }, `${w.units}: ${p.units.map(unitName).join("、") || "—"} · ${w.people_served} ${p.people_served}`),
        h("ol", { class: "entries" }, p.progress.map((e) => h("li", {}, h("small", { class: "muted" }, K.day(e.at)), ` ${e.note}`,
          e.people_served ? h("small", { class: "muted" }, ` · +${e.people_served}`) : null))),
        ["done", "cancelled"].includes(p.status) ? null : K.form(`progress-${p.id}`, null, [h("div", { class: "grid3" }, K.field(w.progress_note, note), K.field(w.people_served, served), K.field(w.status, status))],
          async () => {
            await K.api("POST", `/v1/projects/${p.id}/progress`, { note: note.value, people_served: Number(served.value), status: status.value || null });
            K.say(w.done_ok, "ok"); K.render();
          }, w.add_progress));
    };
    const title = K.input("title", { required: true }), goal = K.input("goal", { required: true });
    const from = h("input", { type: "date", name: "period_from", value: new Date().toISOString().slice(0, 10) });
    const to = h("input", { type: "date", name: "period_to" });
    const form = K.form("project", w.new_project, [h("div", { class: "grid3" }, K.field(w.f_title, title), K.field(w.goal, goal),
      K.field(w.period_from, from), K.field(w.period_to, to))], async () => {
      await K.api("POST", "/v1/projects", { title: title.value, goal: goal.value, period_from: from.value, period_to: to.value || null, status: "active" });
      K.say(w.done_ok, "ok"); K.render();
    }, w.create);
    const section = h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_projects, h("span", { class: "n" }, page.items.length))),
      form, h("div", { class: "cards" }, page.items.length ? page.items.map(card) : K.empty()));
    // The period bar's width is set from script (the policy allows no inline style attribute).
    section.querySelectorAll(".progress span").forEach((s) => { s.style.width = `${Math.round(Number(s.dataset.share) * 100)}%`; });
    return section;
  };

  // --------------------------------------------------------------------------- certificates
  const ISSUED_KEY = "chuishao.community-console.certificates";
  const issued = () => JSON.parse(sessionStorage.getItem(ISSUED_KEY) || "[]");
  K.screens.certificates = async function () {
    const members = await K.api("GET", "/v1/members?status=active&limit=200");
    const member = h("select", { name: "member" }, members.items.map((m) => h("option", { value: m.id }, `${m.name} · ${m.hours_this_year ?? 0} h`)));
    const form = K.form("certificate", w.issue_certificate, [K.field(w.member, member)], async () => {
      const c = await K.api("POST", `/v1/members/${encodeURIComponent(member.value)}/certificates`, {});
      sessionStorage.setItem(ISSUED_KEY, JSON.stringify([c, ...issued()].slice(0, 50)));
      K.say(w.done_ok, "ok"); K.render();
    }, w.issue);
    const number = K.input("number", { placeholder: w.certificate_number });
    const result = h("div", {});
    const check = K.form("check", w.check_certificate, [number, result], async () => {
      const c = await K.api("GET", `/v1/certificates/${encodeURIComponent(number.value.trim())}`);
      result.replaceChildren(h("p", { class: "ok" }, `${c.holder} · ${c.hours} h · ${c.issuer} · ${c.issued_on}`));
    }, w.check);
    const row = (c) => h("tr", { dataset: { number: c.number } }, h("td", { class: "mono" }, c.number), h("td", {}, c.holder),
      h("td", { class: "num" }, c.hours), h("td", {}, c.issued_on),
      h("td", {}, h("a", { class: "btn", href: `/v1/certificates/${encodeURIComponent(c.number)}/page`, target: "_blank", rel: "noopener", dataset: { action: "print" } }, w.print)));
    const list = issued();
    return h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_certificates)),
      h("div", { class: "grid2" }, form, check), h("h2", { class: "sub" }, w.issued_here),
      list.length ? h("div", { class: "table-wrap" }, h("table", { class: "list" }, h("thead", {}, h("tr", {},
        [w.certificate_number, w.holder, w.hours, w.issued_on, ""].map((t) => h("th", {}, t)))), h("tbody", {}, list.map(row)))) : K.empty());
  };
})();
