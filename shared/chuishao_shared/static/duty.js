/* The duty view: who is on duty now and next per level, a week of every level's shifts with overrides and
   gaps, and a case's escalation chain. One script for two pages (chuishao_shared/pages.py serves it):
   - notify's /duty/ (entrypoints/duty_page.py) reads notify's API with the bearer token a `#token=` link left
     in this tab's storage, and starts itself (`autostart` in its #duty-config);
   - the console's /console/duty (dispatch, entrypoints/console_duty.py) reads dispatch's /v1/duty/… — which
     asks notify for the signed-in person — and is started by console_duty.js with the console's token (or
     none: the session cookie goes with the same-origin requests).
   #duty-config: {paths: {people, on_duty, week, chains} with {owner}/{case}, owners: {code: name}, autostart}.
   Text only, never HTML from the API; a member's mobile is never shown. */
"use strict";
(function (global) {
  // The DOM helper as in the shared page module (chuishao.js), which notify does not serve: data is always
  // set as text, never parsed as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function takeToken(storage, key) {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!match) return;
    storage.setItem(key, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  const CONFIG = JSON.parse(document.getElementById("duty-config")?.textContent || "{}");
  // notify's own API (its page); the console's page names dispatch's.
  const PATHS = Object.assign({
    people: "/v1/rosters/{owner}", on_duty: "/v1/rosters/{owner}/on-duty", week: "/v1/rosters/{owner}/week",
    chains: "/v1/escalation-chains/{case}",
  }, CONFIG.paths || {});
  const path = (name, values) => PATHS[name].replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(values[k]));
  const lang = document.body.dataset.lang === "en" ? "en" : "zh";
  const T = {
    zh: {
      owner: "值班表（部门或值班台代码）", case: "案件编号", show: "查看", now_h: "现在值班",
      week_h: "本周值班", chain_h: "案件升级链", k_shift: "排班", k_override: "替班", k_gap: "空档（无人值班）", gap_short: "空档",
      level: (n) => `第${n}级`, now: "现在", next: "接下来", until: "至", from: (t) => `${t} 起`, gap: "空档：无人值班",
      none_next: "之后无排班", override: "替班", no_token: "请先登录（或使用带令牌的链接）。",
      forbidden: "无权查看该值班表。", not_found: "未找到。", failed: "读取失败",
      unavailable: "值班服务暂时无法连接，值班与催办链无法显示。", sign_in_again: "登录已过期，请重新登录后查看值班。",
      days: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], gaps_in_week: (n) => `本周有 ${n} 处空档`,
      no_gaps: "本周无空档", pick_case: "输入案件编号查看升级链。", no_chain: "该案件还没有升级链。",
      version: (v) => (v ? `策略第 ${v} 版` : "默认策略"), step: (n) => `第${n + 1}步`,
      kinds: { level: (l) => `值班第${l}级`, head: () => "部门负责人", desk: () => "值班台" },
      skipped: "无人值班，跳过", told: "通知", status: {
        running: "升级中", acknowledged: "已签收", stopped: "已停止", exhausted: "已走完（未签收）" },
      notice: { pending: "待发送", sent: "已送达", failed: "发送失败", unreachable: "无法联系" },
      acked_at: (t) => `签收于 ${t}`, next_at: (t) => `下一步 ${t}`, started: (t) => `开始于 ${t}`,
    },
    en: {
      owner: "Roster (department or desk code)", case: "Case id", show: "Show", now_h: "On duty now",
      week_h: "This week", chain_h: "A case's escalation chain", k_shift: "Shift", k_override: "Override",
      k_gap: "Gap (nobody on duty)", gap_short: "gap", level: (n) => `Level ${n}`, now: "Now", next: "Next", until: "until",
      from: (t) => `from ${t}`, gap: "Gap: nobody on duty", none_next: "nothing scheduled after", override: "override",
      no_token: "Sign in first (or open a link with a token).", forbidden: "You may not read this roster.",
      not_found: "Not found.", failed: "Could not load",
      unavailable: "The duty service cannot be reached right now: rosters and chains cannot be shown.",
      sign_in_again: "Your sign-in has expired: sign in again to see the duty view.",
      days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], gaps_in_week: (n) => `${n} gap(s) this week`,
      no_gaps: "No gaps this week", pick_case: "Enter a case id to see its escalation chain.",
      no_chain: "This case has no escalation chain yet.",
      version: (v) => (v ? `policy version ${v}` : "default policy"), step: (n) => `Step ${n + 1}`,
      kinds: { level: (l) => `on duty, level ${l}`, head: () => "department head", desk: () => "duty desk" },
      skipped: "nobody on duty: skipped", told: "told", status: {
        running: "escalating", acknowledged: "acknowledged", stopped: "stopped", exhausted: "ran out (no 签收)" },
      notice: { pending: "pending", sent: "delivered", failed: "failed", unreachable: "unreachable" },
      acked_at: (t) => `acknowledged at ${t}`, next_at: (t) => `next step ${t}`, started: (t) => `started ${t}`,
    },
  }[lang];
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = T[node.dataset.t];

  let token = () => null;
  const form = document.getElementById("pick");
  const langLink = document.getElementById("lang");

  const fmt = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
  });
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false });
  // Beijing time as "12-07 08:00" in both languages (no day/month ambiguity).
  function when(iso) {
    if (!iso) return "";
    const p = Object.fromEntries(fmt.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    return `${p.month}-${p.day} ${p.hour === "24" ? "00" : p.hour}:${p.minute}`;
  }

  function notice(text) {
    const box = document.getElementById("notice");
    box.textContent = text;
    box.hidden = !text;
  }

  async function get(path) {
    const headers = { Accept: "application/json" };
    if (token()) headers.Authorization = "Bearer " + token();
    const response = await fetch(path, { headers, credentials: "same-origin", cache: "no-store" });
    if (response.status === 401) throw new Error(T.no_token);
    if (response.status === 403) throw new Error(T.forbidden);
    if (response.status === 404) throw new Error(T.not_found);
    if (!response.ok) throw new Error(`${T.failed} (${response.status})`);
    const body = await response.json();
    // The console's: notify did not answer, or this sign-in can no longer be passed on to it.
    if (body.available === false) throw new Error(body.cause === "sign_in" ? T.sign_in_again : T.unavailable);
    return body;
  }

  // Department and duty desk names in the page's language (the page carries them): "五阳物业服务公司（XY-WQ-WY-WY）".
  const OWNERS = CONFIG.owners || {};
  const ownerName = (code) => (OWNERS[code] ? (lang === "en" ? `${OWNERS[code]} (${code})` : `${OWNERS[code]}（${code}）`) : code);

  const names = {};
  function who(member, owner) {
    return (names[owner] && names[owner][member]) || member;
  }
  async function loadNames(owner) {
    if (names[owner]) return;
    try {
      const roster = await get(path("people", { owner }));
      names[owner] = Object.fromEntries(roster.people.map((p) => [p.member, p.name]));
    } catch (error) {
      names[owner] = {}; // another desk's roster this reader may not read: member ids then
    }
  }

  function shiftLine(label, shift, isNow) {
    if (!shift) return el("p", { class: "shift none" }, el("b", {}, label), " ", T.none_next);
    if (shift.gap) {
      return el("p", { class: "shift gap" }, el("b", {}, label), " ", T.gap,
        shift.ends ? ` · ${T.until} ${when(shift.ends)}` : "");
    }
    return el("p", { class: `shift${shift.override ? " override" : ""}` }, el("b", {}, label), " ",
      el("span", { class: "who" }, shift.name || shift.member),
      shift.override ? el("span", { class: "tag" }, T.override) : null,
      isNow ? (shift.ends ? ` · ${T.until} ${when(shift.ends)}` : "") : ` · ${T.from(when(shift.starts))}`);
  }

  function renderNow(data) {
    const box = document.querySelector("#now .levels");
    box.replaceChildren(...data.levels.map((l) =>
      el("article", { class: `level${l.now.gap ? " has-gap" : ""}`, dataset: { level: l.level } },
        el("h3", {}, T.level(l.level)), shiftLine(T.now, l.now, true), shiftLine(T.next, l.next, false))));
  }

  function renderWeek(data, start) {
    const box = document.querySelector("#week .days");
    const dayMs = 86400000;
    const rows = [];
    let gaps = 0;
    for (let d = 0; d < 7; d++) {
      const dayStart = start + d * dayMs;
      const dayEnd = dayStart + dayMs;
      const date = new Date(dayStart + 8 * 3600000); // its Shanghai calendar date, read with the UTC getters
      const label = `${T.days[(date.getUTCDay() + 6) % 7]} ${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
      const bars = data.levels.map((l) => {
        const parts = [];
        for (const s of l.shifts) {
          const a = Math.max(Date.parse(s.starts), dayStart);
          const b = Math.min(s.ends ? Date.parse(s.ends) : dayEnd, dayEnd);
          if (b <= a) continue;
          const left = ((a - dayStart) / dayMs) * 100;
          const width = ((b - a) / dayMs) * 100;
          const text = s.gap ? T.k_gap : (s.name || s.member);
          const span = `${hm.format(new Date(a))}–${b === dayEnd ? "24:00" : hm.format(new Date(b))}`;
          const seg = el("span", {
            class: `seg ${s.gap ? "gap" : s.override ? "override" : "shift"}`,
            title: `${T.level(l.level)} · ${span} · ${text}`,
          }, width > 9 ? (s.gap ? T.gap_short : text) : "");
          // Through the CSSOM: the pages' Content-Security-Policy refuses inline style attributes.
          seg.style.left = `${left.toFixed(3)}%`;
          seg.style.width = `${width.toFixed(3)}%`;
          parts.push(seg);
        }
        return el("div", { class: "bar", dataset: { level: l.level } },
          el("span", { class: "lv" }, T.level(l.level)), el("div", { class: "track" }, parts));
      });
      rows.push(el("div", { class: "day" }, el("h3", {}, label), bars));
    }
    for (const l of data.levels) gaps += l.shifts.filter((s) => s.gap).length;
    const summary = el("p", { class: gaps ? "summary warn" : "summary" }, gaps ? T.gaps_in_week(gaps) : T.no_gaps);
    const hours = el("div", { class: "hours", "aria-hidden": "true" },
      el("span", { class: "lv" }), el("div", { class: "ticks" }, ["00", "06", "12", "18", "24"].map((h) => el("span", {}, h))));
    box.replaceChildren(summary, hours, ...rows);
  }

  async function renderChain(caseId) {
    const box = document.querySelector("#chain .chains");
    box.replaceChildren();
    if (!caseId) {
      box.replaceChildren(el("p", { class: "muted" }, T.pick_case));
      return;
    }
    const data = await get(path("chains", { case: caseId }));
    if (!data.chains.length) {
      box.replaceChildren(el("p", { class: "muted" }, T.no_chain));
      return;
    }
    for (const chain of data.chains) for (const s of chain.steps) await loadNames(s.owner);
    box.replaceChildren(...data.chains.map((chain) => {
      const status = el("span", { class: `status ${chain.status}` }, T.status[chain.status] || chain.status);
      const meta = [T.version(chain.policy_version), T.started(when(chain.started_at))];
      if (chain.status === "acknowledged" && chain.stopped_at) meta.push(T.acked_at(when(chain.stopped_at)));
      if (chain.next_at) meta.push(T.next_at(when(chain.next_at)));
      const steps = chain.steps.map((s) => el("li", { class: s.skipped ? "step skipped" : "step" },
        el("span", { class: "when" }, when(s.taken_at)),
        el("span", { class: "what" }, `${T.step(s.position)} · ${T.kinds[s.kind] ? T.kinds[s.kind](s.level) : s.kind}`),
        s.skipped ? el("span", { class: "told gap" }, T.skipped)
          : el("span", { class: "told" }, `${T.told} `, s.told.map((m, i) => el("span", { class: "person" },
            who(m, s.owner), el("small", { class: `n ${s.notices[i] || ""}` }, T.notice[s.notices[i]] || s.notices[i] || ""))))));
      if (chain.status === "acknowledged") {
        steps.push(el("li", { class: "step acked" }, el("span", { class: "when" }, when(chain.stopped_at)),
          el("span", { class: "what" }, T.status.acknowledged)));
      }
      return el("article", { class: "chain" }, el("h3", {}, ownerName(chain.department), " ", status),
        el("p", { class: "muted" }, meta.join(" · ")), el("ol", { class: "steps" }, steps));
    }));
  }

  async function show() {
    const owner = form.owner.value.trim();
    const caseId = form.case.value.trim();
    const query = new URLSearchParams();
    if (owner) query.set("owner", owner);
    if (caseId) query.set("case", caseId);
    if (lang === "en") query.set("lang", "en");
    history.replaceState(null, "", "?" + query.toString());
    const other = new URLSearchParams(query);
    if (lang === "en") other.delete("lang"); else other.set("lang", "en");
    langLink.href = "?" + other.toString();
    notice("");
    // The roster and the chain load apart: a refusal of one (another desk's roster) leaves the other shown.
    const errors = [];
    // Each refusal or outage is said where it applies, and once in the notice (the page's alert).
    const settle = (work, box) => work.catch((error) => {
      document.querySelector(box).replaceChildren(el("p", { class: "problem" }, error.message));
      if (!errors.includes(error.message)) errors.push(error.message);
    });
    await Promise.all([settle(showRoster(owner), "#now .levels"), settle(renderChain(caseId), "#chain .chains")]);
    notice(errors.join(" "));
  }

  async function showRoster(owner) {
    document.getElementById("now-h").textContent = owner ? `${T.now_h} · ${ownerName(owner)}` : T.now_h;
    document.querySelector("#now .levels").replaceChildren();
    document.querySelector("#week .days").replaceChildren();
    if (!owner) return;
    // The week from today 00:00 in Asia/Shanghai (UTC+8, no daylight saving).
    const nowSh = Date.now() + 8 * 3600000;
    const start = nowSh - (nowSh % 86400000) - 8 * 3600000;
    const [now, week] = await Promise.all([
      get(path("on_duty", { owner })),
      get(`${path("week", { owner })}?start=${encodeURIComponent(new Date(start).toISOString())}&days=7`),
      loadNames(owner),
    ]);
    renderNow(now);
    renderWeek(week, start);
  }

  /** Shows the form's roster and case now, and again on every submit; `options.token`: a function giving
      the bearer token to send (none: the session cookie goes with the same-origin requests). */
  function start(options) {
    token = (options && options.token) || (() => null);
    const params = new URLSearchParams(location.search);
    const asked = params.get("owner");
    // A roster named in the address but not offered by the console's list is still asked for: the API
    // decides, and a refusal is shown as one.
    if (asked && form.owner.tagName === "SELECT" && ![...form.owner.options].some((o) => o.value === asked)) {
      form.owner.append(el("option", { value: asked }, ownerName(asked)));
    }
    if (asked) form.owner.value = asked;
    form.case.value = params.get("case") || "";
    form.addEventListener("submit", (event) => { event.preventDefault(); show(); });
    form.owner.addEventListener("change", () => { if (form.owner.tagName === "SELECT") show(); });
    return show();
  }
  global.ChuishaoDuty = { start, say: notice };

  if (CONFIG.autostart) {
    const KEY = "chuishao.duty.token";
    takeToken(sessionStorage, KEY);
    start({ token: () => sessionStorage.getItem(KEY) || sessionStorage.getItem("chuishao.console.token") });
  }
})(window);
