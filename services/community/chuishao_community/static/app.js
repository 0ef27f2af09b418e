/* Chuishao member app (志愿者手机端). Plain script, no build, no CDN.
   A volunteer reports in (报到), sees the needs near them that match their skills, claims, starts and
   reports them done with photos, signs up to activities and checks in and out by the organiser's QR
   code, and reads their hours and certificates. Every action goes through the shared offline outbox
   (outbox.js): kept in IndexedDB with its Idempotency-Key, sent once when the network is there.
   The API wrapper, the token's claims and the element builder come from the shared page module
   (Chuishao); the statuses' words from the shared vocabulary (in the page's config). */
"use strict";
(() => {
  const C = window.Chuishao;
  const el = C.el;
  const CONFIG = JSON.parse(document.getElementById("config").textContent);
  const TEXT = CONFIG.text;
  const WORDS = CONFIG.statuses;
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const MAX_PHOTOS = 9;
  const REQUEST_TIMEOUT_MS = 15000;
  const OPEN_CLAIMS = new Set(WORDS.claim_mine); // the vocabulary's open claims, and those reported done
  const RELEASABLE = new Set(WORDS.claim_open);

  // ---------------------------------------------------------------- language
  let lang = localStorage.getItem("chuishao.lang") === "en" ? "en" : "zh";
  const t = (key) => (TEXT[key] ? TEXT[key][lang === "en" ? 1 : 0] : key);
  const say = (table, code) => { const w = (WORDS[table] || {})[code]; return w ? w[lang === "en" ? 1 : 0] : String(code || ""); };
  const nameOf = (item) => (item ? (lang === "en" ? item.name_en || item.name : item.name) : "");
  function applyLanguage() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    $$("[data-t]").forEach((node) => { node.textContent = t(node.dataset.t); });
    $$("[data-tp]").forEach((node) => { node.placeholder = t(node.dataset.tp); });
    document.title = t("app_name");
  }

  // ---------------------------------------------------------------- sign-in
  // Today: the `#token=` link, kept in this phone's storage, as the grid worker's app does.
  // Hook: once the community service offers the city's sign-in (/auth/login, chuishao_shared.signin),
  // `C.loadSession` finds the cookie session and the app sends no bearer token (the shared request()
  // then adds the CSRF token to every write).
  const TOKEN_KEY = "chuishao.member.token";
  const MEMBER_KEY = "chuishao.member.me";
  const CACHE_KEYS = [MEMBER_KEY, "chuishao.member.needs", "chuishao.member.claims", "chuishao.member.activities", "chuishao.member.hours"];
  let session = null; // the cookie session's claims, when signed in that way
  const token = () => localStorage.getItem(TOKEN_KEY);
  const claims = () => session || (token() ? C.claims(token()) : null);
  const signedIn = () => {
    const c = claims();
    return Boolean(c && c.role === "volunteer" && c.community && !C.expired(c));
  };
  async function findSession() {
    if (token() || !C.loadSession) return false;
    try {
      const found = await C.loadSession();
      if (found.session && found.session.role === "volunteer") session = found.session;
      $("#signin-go").hidden = !found.offered;
    } catch (error) { /* offline, or this service offers no sign-in yet */ }
    return Boolean(session);
  }

  // ---------------------------------------------------------------- HTTP and the outbox
  const api = (path, options = {}) => C.request(path, Object.assign({ token: session ? null : token(), timeoutMs: REQUEST_TIMEOUT_MS }, options));
  async function getJson(path, cacheKey) {
    try {
      const response = await api(path);
      if (response.ok) {
        const body = await response.json();
        if (cacheKey) localStorage.setItem(cacheKey, JSON.stringify(body));
        return { body, fresh: true, status: 200 };
      }
      if (!cacheKey || response.status === 404) return { body: null, fresh: true, status: response.status };
    } catch (error) { /* offline: the last copy */ }
    return { body: cacheKey ? JSON.parse(localStorage.getItem(cacheKey) || "null") : null, fresh: false, status: 0 };
  }
  const uploadPhoto = (blob, name, key) => {
    const data = new FormData();
    data.append("file", blob, name);
    return api(`${CONFIG.photo_origin}/v1/photos`, { method: "POST", body: data, key, timeoutMs: 60000 });
  };
  const outbox = window.ChuishaoOutbox({
    db: "chuishao-member",
    request: api,
    upload: uploadPhoto,
    ready: signedIn,
    onChange: () => { refreshQueue(); },
    onSent: (item, answer) => {
      if (item.kind === "register" && answer) setMember(answer);
      refreshSoon();
    },
  });

  // ---------------------------------------------------------------- reference data
  const ref = { skills: [], kinds: [] };
  async function loadReference() {
    const [skills, kinds] = await Promise.all([getJson("/v1/skills", "chuishao.member.skills"), getJson("/v1/need-kinds", "chuishao.member.kinds")]);
    ref.skills = (skills.body && skills.body.items) || [];
    ref.kinds = (kinds.body && kinds.body.items) || [];
  }
  const skillName = (code) => nameOf(ref.skills.find((s) => s.code === code)) || code;
  const kindName = (code) => nameOf(ref.kinds.find((k) => k.code === code)) || code;
  const gridName = (code) => nameOf(CONFIG.grids.find((g) => g.code === code)) || code || "";
  const communityName = (code) => nameOf(CONFIG.communities.find((c) => c.code === code)) || code || "";

  // ---------------------------------------------------------------- small UI helpers
  let toastTimer = null;
  function toast(message) {
    const box = $("#toast");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 3000);
  }
  function when(iso, withYear = false) {
    if (!iso) return "";
    const options = { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" };
    if (withYear) options.year = "numeric";
    return new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", options);
  }
  const day = (iso) => (iso ? new Date(iso).toLocaleDateString(lang === "en" ? "en-GB" : "zh-CN") : "");
  const badge = (table, code, tone) => el("span", { class: `badge st-${code} tone-${tone || "blue"}` }, say(table, code));
  const needBadge = (need) => badge("need", need.status, (WORDS.need_tone || {})[need.status]);
  const waitingBadge = () => el("span", { class: "badge tone-yellow waiting" }, t("waiting_to_send"));
  function localMessage(message) {
    const text = String(message || "");
    const most = /at most (\d+) characters?/i.exec(text);
    if (most) return t("msg_max_chars").replace("{n}", most[1]);
    if (/Field required|at least 1 character|must not be blank/i.test(text)) return t("msg_required");
    return text;
  }
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

  /** Queue an action and try it now; a refusal is shown in `box` (or as a toast). */
  async function act(kind, path, body, options = {}) {
    const { box, ...stored } = options; // the form stays here: only data goes to IndexedDB
    const result = await outbox.send(Object.assign({ kind, path, body, label: t("act_" + kind) }, stored));
    if (result.outcome === "ok") { toast(t("sent")); return "ok"; }
    if (result.outcome === "attention") {
      await outbox.remove(result.item.id);
      const problem = result.item.problem;
      if (box) showProblem(box, problem);
      else toast((problem.errors || []).map((e) => localMessage(e.message)).join("；") || problem.detail);
      return "refused";
    }
    toast(t("queued"));
    return "queued";
  }
  let refreshTimer = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { loadMe(); renderCurrent(); }, 100);
  }

  // ---------------------------------------------------------------- views
  let current = "needs";
  const VIEWS = ["register", "needs", "need", "activities", "queue", "me"];
  function show(view) {
    current = view;
    VIEWS.forEach((v) => { $("#view-" + v).hidden = v !== view; });
    $$("#tabs button").forEach((b) => b.classList.toggle("on", b.dataset.view === view || (view === "need" && b.dataset.view === "needs") || (view === "register" && b.dataset.view === "me")));
    renderCurrent();
    window.scrollTo(0, 0);
  }
  function renderCurrent() {
    if (current === "needs") loadNeeds();
    if (current === "need" && openNeedId) openNeed(openNeedId, false);
    if (current === "activities") loadActivities();
    if (current === "queue") renderQueue();
    if (current === "me") renderMe();
  }

  // ---------------------------------------------------------------- me: the registration
  let member = JSON.parse(localStorage.getItem(MEMBER_KEY) || "null");
  let certificates = [];
  function setMember(body) {
    member = body;
    certificates = (body && body.certificates) || certificates;
    if (body) localStorage.setItem(MEMBER_KEY, JSON.stringify(body));
    showWho();
  }
  async function loadMe() {
    const found = await getJson("/v1/members/me", MEMBER_KEY);
    if (found.fresh && found.status === 404) { member = null; localStorage.removeItem(MEMBER_KEY); }
    else if (found.body) setMember(found.body);
    showWho();
    return member;
  }
  const isActive = () => Boolean(member && member.status === "active");
  function showWho() {
    const c = claims();
    $("#who-name").textContent = (member && member.name) || (c && (c.name || c.sub)) || "";
    $("#who-status").replaceChildren(member ? badge("member", member.status, member.status === "active" ? "green" : "yellow") : "");
  }

  // ---------------------------------------------------------------- 报到
  function renderRegister() {
    const c = claims() || {};
    const communitySelect = $("#community");
    communitySelect.replaceChildren(el("option", { value: c.community }, communityName(c.community)));
    const grid = $("#grid");
    const chosen = grid.value;
    grid.replaceChildren(...CONFIG.grids.filter((g) => g.community === c.community).map((g) => el("option", { value: g.code }, nameOf(g))));
    if (chosen) grid.value = chosen;
    const picked = new Set($$("#skills input:checked").map((i) => i.value));
    $("#skills").replaceChildren(...ref.skills.map((s) => el("label", { class: "chip-check" },
      el("input", { type: "checkbox", name: "skills", value: s.code, checked: picked.has(s.code) }), el("span", {}, nameOf(s)))));
  }
  async function submitRegister(event) {
    event.preventDefault();
    const form = $("#register");
    clearErrors(form);
    const f = form.elements;
    const body = {
      name: f.name.value.trim(), phone: f.phone.value.trim(), work_unit: f.work_unit.value.trim(),
      party_member: f.party_member.checked, community: (claims() || {}).community, grid: f.grid.value,
      skills: $$("#skills input:checked").map((i) => i.value),
    };
    if (body.party_member && f.branch.value.trim()) body.branch = f.branch.value.trim();
    const missing = ["name", "phone"].filter((k) => !body[k]);
    if (missing.length) { showProblem(form, { errors: missing.map((field) => ({ field, message: t("msg_required") })) }); return; }
    $("#register-submit").disabled = true;
    try {
      const outcome = await act("register", "/v1/members", body, { box: form });
      if (outcome === "refused") return;
      if (outcome === "queued") setMember(Object.assign({ id: null, status: "applied", skills: body.skills }, body));
      await loadMe();
      toast(t("registered"));
      show("me");
    } finally {
      $("#register-submit").disabled = false;
    }
  }

  // ---------------------------------------------------------------- needs near me
  let needsCache = {};
  const mine = (need) => member && member.id ? (need.claims || []).find((c) => c.claimant === member.id && OPEN_CLAIMS.has(c.status)) : null;
  const matchesSkills = (need) => !need.skills.length || need.skills.some((s) => (member && member.skills || []).includes(s));
  async function loadNeeds() {
    $("#not-active").hidden = isActive() || !member;
    const gridOnly = $("#only-grid").checked && member && member.grid;
    const query = (status) => `/v1/needs?status=${status}&limit=50${gridOnly ? "&grid=" + encodeURIComponent(member.grid) : ""}`;
    const [open, ...claimed] = await Promise.all([
      getJson(query("open"), "chuishao.member.needs"),
      ...["claimed", "in_progress", "done"].map((s) => getJson(`/v1/needs?status=${s}&limit=50`, "chuishao.member.claims." + s)),
    ]);
    $("#needs-note").hidden = open.fresh;
    $("#needs-note").textContent = t("load_failed");
    const openItems = ((open.body && open.body.items) || []).filter((n) => !$("#only-skills").checked || matchesSkills(n));
    const myItems = claimed.flatMap((r) => (r.body && r.body.items) || []).filter(mine);
    [...openItems, ...myItems].forEach((n) => { needsCache[n.id] = n; });
    const queued = await queuedByRef();
    $("#claims").replaceChildren(...myItems.map((n) => needCard(n, queued)));
    $("#claims-empty").hidden = myItems.length > 0;
    $("#needs").replaceChildren(...openItems.map((n) => needCard(n, queued)));
    $("#needs-empty").hidden = openItems.length > 0;
  }
  async function queuedByRef() {
    const map = {};
    (await outbox.all()).forEach((i) => { if (i.ref) (map[i.ref] = map[i.ref] || []).push(i); });
    return map;
  }
  function needCard(need, queued) {
    const claim = mine(need);
    const waiting = (queued[need.id] || []).length > 0;
    return el("li", { class: "item link need" + (need.urgency === "urgent" ? " urgent" : ""), "data-id": need.id, onclick: () => openNeed(need.id) },
      el("h3", {}, el("span", {}, need.title), el("span", { class: "badges" },
        need.urgency === "urgent" ? el("span", { class: "badge tone-red" }, t("urgent")) : null,
        claim ? badge("claim", claim.status, claim.status === "pending" ? "yellow" : "blue") : needBadge(need),
        waiting ? waitingBadge() : null)),
      el("p", { class: "desc" }, need.description),
      el("p", {}, `${kindName(need.kind)} · ${gridName(need.grid)}${need.building ? " " + need.building : ""}`),
      el("p", {}, `${t("wanted_by")} ${when(need.wanted_by)}`, need.skills.length ? " · " + need.skills.map(skillName).join("、") : ""));
  }

  // ---------------------------------------------------------------- one need
  let openNeedId = null;
  async function openNeed(id, navigate = true) {
    openNeedId = id;
    if (navigate) { show("need"); return; }
    const box = $("#need");
    if (!needsCache[id]) box.replaceChildren(el("p", { class: "muted" }, t("loading")));
    const found = await getJson("/v1/needs/" + encodeURIComponent(id));
    if (found.body) needsCache[id] = found.body;
    const need = needsCache[id];
    if (!need) { box.replaceChildren(el("p", { class: "err" }, t("load_failed"))); return; }
    renderNeed(need, (await queuedByRef())[id] || []);
  }
  function renderNeed(need, queued) {
    const claim = mine(need);
    const r = need.resident;
    const facts = el("dl", { class: "facts" },
      el("dt", {}, t("status")), el("dd", {}, needBadge(need),
        claim && say("claim", claim.status) !== say("need", need.status) ? [" ", badge("claim", claim.status, claim.status === "pending" ? "yellow" : "blue")] : null),
      el("dt", {}, t("kind")), el("dd", {}, kindName(need.kind)),
      el("dt", {}, t("place")), el("dd", {}, `${gridName(need.grid)}${need.building ? " · " + need.building : ""}`),
      el("dt", {}, t("wanted_by")), el("dd", {}, when(need.wanted_by)),
      el("dt", {}, t("helpers")), el("dd", {}, String(need.helpers)),
      need.hours_wanted ? [el("dt", {}, t("hours_wanted")), el("dd", {}, `${need.hours_wanted} ${t("hours_unit")}`)] : null,
      need.skills.length ? [el("dt", {}, t("needs_skills")), el("dd", {}, need.skills.map(skillName).join("、"))] : null);
    // The API gives the resident only to a confirmed claimant (and staff); the app shows what it is given.
    const resident = r
      ? el("div", { class: "resident", id: "resident" }, el("h3", {}, t("resident"), " ", el("small", { class: "lock" }, t("private"))),
        el("p", {}, r.name || ""), r.phone ? el("p", {}, el("a", { href: "tel:" + r.phone, class: "button secondary" }, r.phone)) : null,
        r.address ? el("p", {}, r.address) : null)
      : el("p", { class: "resident locked", id: "resident-locked" }, t("resident_locked"));
    const waiting = queued.length
      ? el("ul", { class: "waiting-list" }, ...queued.map((i) => el("li", {}, waitingBadge(), " ", i.label, i.state === "retry" ? ` · ${t("queue_retry")}` : "")))
      : null;
    const busy = queued.length > 0;
    const actions = [];
    if (!busy) {
      if (need.status === "open" && !claim) {
        actions.push(el("button", { type: "button", class: "primary", id: "claim", disabled: !isActive(), onclick: () => needAct(need, "claim", {}) }, t("claim")));
        if (!isActive()) actions.push(el("p", { class: "muted" }, t("not_active")));
      }
      if (claim && claim.status === "pending") actions.push(el("p", { class: "notice" }, t("claim_pending")));
      if (claim && claim.status === "confirmed") actions.push(el("button", { type: "button", class: "primary", id: "start", onclick: () => needAct(need, "start", {}) }, t("start")));
      if (claim && claim.status === "started") {
        // A redraw (the list refreshed, a queued action sent) keeps what is typed and picked.
        const existing = $("#done");
        actions.push(existing && existing.dataset.need === need.id ? existing : doneForm(need));
      }
      if (claim && claim.status === "done") actions.push(el("p", { class: "notice" }, t("done_waiting")));
      if (claim && RELEASABLE.has(claim.status)) {
        actions.push(el("button", { type: "button", class: "danger", id: "release", onclick: () => { if (confirm(t("release_confirm"))) needAct(need, "release", { reason: "" }); } }, t("release")));
      }
    }
    if (need.status === "confirmed" && need.hours_credited) actions.push(el("p", { class: "notice ok" }, `${t("credited")} ${need.hours_credited} ${t("hours_unit")}`));
    $("#need").replaceChildren(el("article", { class: "card", "data-id": need.id, "data-status": need.status },
      el("h2", {}, need.title, need.urgency === "urgent" ? el("span", { class: "badge tone-red" }, t("urgent")) : null),
      el("p", {}, need.description), facts, resident, waiting,
      need.done_note ? el("p", { class: "sub" }, `${t("note")}：${need.done_note}`) : null,
      need.photos.length && CONFIG.photo_origin ? el("div", { class: "detail-photos" }, ...need.photos.map(photoThumb)) : null,
      el("div", { class: "actions-col" }, ...actions)));
  }
  /** A done photo's thumbnail from intake (readable by its uploader: this member). */
  function photoThumb(sha256) {
    const img = el("img", { alt: "", loading: "lazy", "data-photo": sha256 });
    api(`${CONFIG.photo_origin}/v1/photos/${encodeURIComponent(sha256)}/thumbnail`)
      .then((r) => (r.ok ? r.blob() : null))
      .then((blob) => { if (blob) img.src = URL.createObjectURL(blob); })
      .catch(() => {});
    return img;
  }
  async function needAct(need, kind, body, extra = {}) {
    await act(kind, `/v1/needs/${need.id}/${kind === "done" ? "done" : kind}`, body, Object.assign({ ref: need.id }, extra));
    openNeed(need.id, false);
  }
  function doneForm(need) {
    let photos = [];
    const thumbs = el("div", { class: "thumbs" });
    const redraw = () => thumbs.replaceChildren(...photos.map((p, index) => {
      const url = URL.createObjectURL(p.blob);
      return el("div", { class: "thumb" }, el("img", { src: url, alt: p.name }),
        el("button", { type: "button", onclick: () => { photos.splice(index, 1); redraw(); } }, t("remove")));
    }));
    const add = (files) => {
      const list = Array.from(files);
      if (photos.length + list.length > MAX_PHOTOS) toast(t("photo_too_many"));
      photos = photos.concat(list.map((f) => ({ blob: f, name: f.name || "photo.jpg" }))).slice(0, MAX_PHOTOS);
      redraw();
    };
    const picker = (attrs) => el("input", Object.assign({ type: "file", hidden: true, onchange: (e) => { add(e.target.files); e.target.value = ""; } }, attrs));
    const box = el("form", { class: "sub", id: "done", novalidate: true, "data-need": need.id },
      el("h3", {}, t("done_title")),
      el("p", { class: "err", "data-err": "_" }),
      el("label", { class: "field" }, el("span", {}, t("note")), el("textarea", { name: "note", rows: 3, maxlength: 2000, placeholder: t("note_hint") }), el("p", { class: "err", "data-err": "note" })),
      el("label", { class: "field" }, el("span", {}, t("hours_spent"), " ", el("i", { class: "req" }, "*")),
        el("input", { name: "hours", type: "number", inputmode: "decimal", min: "0.25", max: "24", step: "0.25", value: need.hours_wanted || "" }),
        el("p", { class: "err", "data-err": "hours" })),
      CONFIG.photo_origin ? el("div", { class: "field" }, el("span", {}, t("photos")), thumbs,
        el("div", { class: "row" },
          el("label", { class: "button secondary" }, el("span", {}, t("take_photo")), picker({ accept: "image/*", capture: "environment", id: "done-camera" })),
          el("label", { class: "button secondary" }, el("span", {}, t("from_gallery")), picker({ accept: "image/jpeg,image/png,image/webp", multiple: true, id: "done-photos" }))),
        el("p", { class: "err", "data-err": "photos" })) : null,
      el("button", { type: "submit", class: "primary", id: "done-submit" }, t("done")));
    box.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(box);
      const data = new FormData(box);
      const hours = Number(data.get("hours"));
      if (!hours) { showProblem(box, { errors: [{ field: "hours", message: t("msg_required") }] }); return; }
      $("#done-submit", box).disabled = true;
      await needAct(need, "done", { note: String(data.get("note") || ""), hours }, { photos: photos.slice(), photoField: "photos", box });
    });
    return box;
  }

  // ---------------------------------------------------------------- activities
  async function loadActivities() {
    const found = await getJson("/v1/activities?limit=50", "chuishao.member.activities");
    $("#activities-note").hidden = found.fresh;
    $("#activities-note").textContent = t("load_failed");
    const items = (found.body && found.body.items) || [];
    const queued = await queuedByRef();
    $("#activities").replaceChildren(...items.map((a) => activityCard(a, queued[a.id] || [])));
    $("#activities-empty").hidden = items.length > 0;
  }
  function activityCard(activity, queued) {
    const mineUp = member && member.id ? activity.signups.find((s) => s.member === member.id) : null;
    const ended = Date.parse(activity.ends_at) < Date.now();
    const started = Date.parse(activity.starts_at) < Date.now();
    const busy = queued.length > 0;
    const slots = el("ul", { class: "slots" }, ...activity.slots.map((s) => {
      const skillOk = !s.skill || (member && member.skills || []).includes(s.skill);
      const can = isActive() && !mineUp && !busy && !started && s.free > 0 && skillOk;
      return el("li", { "data-slot": s.code },
        el("span", {}, s.skill ? skillName(s.skill) : s.code, el("small", {}, ` ${s.taken}/${s.capacity}`)),
        mineUp && mineUp.slot === s.code ? el("span", { class: "badge tone-green" }, t("signed_up"))
          : s.free <= 0 ? el("span", { class: "badge tone-grey" }, t("full"))
            : el("button", { type: "button", class: "secondary small", disabled: !can, onclick: () => activityAct(activity, "signup", { slot: s.code }) }, t("sign_up")));
    }));
    const check = [];
    if (mineUp && !busy && !activity.closed_at) {
      if (!mineUp.checked_in_at && !ended) check.push(el("button", { type: "button", class: "primary", "data-act": "checkin", onclick: () => scan(activity, "checkin") }, t("check_in")));
      if (mineUp.checked_in_at && !mineUp.checked_out_at) check.push(el("button", { type: "button", class: "primary", "data-act": "checkout", onclick: () => scan(activity, "checkout") }, t("check_out")));
    }
    const state = mineUp ? [mineUp.checked_in_at ? el("span", { class: "badge tone-blue" }, `${t("checked_in")} ${when(mineUp.checked_in_at)}`) : null,
      mineUp.checked_out_at ? el("span", { class: "badge tone-green" }, `${t("checked_out")} · ${mineUp.hours} ${t("hours_unit")}`) : null] : [];
    return el("li", { class: "item activity", "data-id": activity.id },
      el("h3", {}, el("span", {}, activity.title), el("span", { class: "badges" }, ended ? el("span", { class: "badge tone-grey" }, t("ended")) : null, busy ? waitingBadge() : null)),
      activity.description ? el("p", { class: "desc" }, activity.description) : null,
      el("p", {}, `${when(activity.starts_at)} – ${when(activity.ends_at).split(" ").pop()} · ${activity.place.name || ""}`),
      el("p", { class: "state" }, ...state),
      el("div", { class: "field" }, el("b", { class: "slots-head" }, t("slots")), slots),
      check.length ? el("div", { class: "actions-col" }, ...check) : null);
  }
  async function activityAct(activity, kind, body, extra = {}) {
    const path = `/v1/activities/${activity.id}/${kind === "signup" ? "signups" : kind}`;
    const outcome = await act(kind, path, body, Object.assign({ ref: activity.id }, extra));
    if (current === "activities") loadActivities();
    return outcome;
  }

  // The organiser's QR code: the camera with the browser's BarcodeDetector where there is one; a typed
  // code always works (the code is printed under the organiser's QR).
  let scanStream = null;
  let scanTimer = null;
  function stopCamera() {
    clearTimeout(scanTimer);
    if (scanStream) scanStream.getTracks().forEach((track) => track.stop());
    scanStream = null;
    $("#scan-video").hidden = true;
  }
  async function startCamera() {
    const video = $("#scan-video");
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      $("#scan-unsupported").hidden = false;
      return;
    }
    try {
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      scanStream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = scanStream;
      video.hidden = false;
      await video.play();
      const look = async () => {
        if (!scanStream) return;
        try {
          const found = await detector.detect(video);
          if (found.length && found[0].rawValue) {
            $("#scan-code").value = found[0].rawValue;
            $("#scan-form").requestSubmit();
            return;
          }
        } catch (error) { /* a frame not ready */ }
        scanTimer = setTimeout(look, 300);
      };
      look();
    } catch (error) {
      stopCamera();
      $("#scan-unsupported").hidden = false;
    }
  }
  let scanning = null;
  function scan(activity, kind) {
    scanning = { activity, kind };
    const dialog = $("#scanner");
    $("#scan-title").textContent = t(kind === "checkin" ? "check_in" : "check_out");
    $("#scan-code").value = "";
    $("#scan-unsupported").hidden = true;
    clearErrors(dialog);
    dialog.showModal();
    startCamera();
  }
  async function submitScan(event) {
    event.preventDefault();
    const code = $("#scan-code").value.trim();
    const dialog = $("#scanner");
    if (!code) { showProblem(dialog, { errors: [{ field: "code", message: t("msg_required") }] }); return; }
    stopCamera();
    const { activity, kind } = scanning;
    const outcome = await activityAct(activity, kind, { code }, { box: dialog });
    if (outcome === "refused") return;
    dialog.close();
  }

  // ---------------------------------------------------------------- the outbox's list
  async function refreshQueue() {
    const items = await outbox.all();
    const count = items.length;
    const badgeNode = $("#queue-count");
    badgeNode.textContent = String(count);
    badgeNode.hidden = count === 0;
    const pending = $("#pending");
    pending.hidden = count === 0;
    pending.textContent = `${t("waiting_to_send")}：${count}`;
    if (current === "queue") renderQueue();
  }
  async function renderQueue() {
    const items = await outbox.all();
    $("#queue-empty").hidden = items.length > 0;
    $("#queue").replaceChildren(...items.map((item) => {
      const state = item.state === "attention" ? "attention" : item.state === "retry" ? "retry" : "waiting";
      const label = { attention: t("queue_attention"), retry: t("queue_retry"), waiting: t("queue_waiting") }[state];
      const subject = item.ref && needsCache[item.ref] ? needsCache[item.ref].title : "";
      return el("li", { class: "item queued " + state, "data-id": item.id, "data-kind": item.kind },
        el("h3", {}, el("span", {}, item.label), el("span", { class: "badge " + state }, label)),
        subject ? el("p", { class: "desc" }, subject) : null,
        el("p", {}, when(item.createdAt), item.photos.length ? ` · ${t("photos")} ${item.photos.length}` : "",
          item.attempts ? ` · ${t("attempts")} ${item.attempts}${item.lastError ? " · " + item.lastError : ""}` : ""),
        item.problem ? el("p", { class: "err" }, (item.problem.errors || []).map((e) => `${e.field}: ${localMessage(e.message)}`).join("；") || item.problem.detail) : null,
        el("div", { class: "actions" }, el("button", { type: "button", class: "danger small", onclick: async () => {
          if (!confirm(t("discard_confirm"))) return;
          await outbox.remove(item.id);
        } }, t("discard"))));
    }));
  }

  // ---------------------------------------------------------------- 我的: registration, hours, certificates
  async function renderMe() {
    await loadMe(); // the status and the certificates as staff left them (the last copy offline)
    if (!member) { show("register"); return; }
    const c = claims() || {};
    $("#me").replaceChildren(...[
      el("div", { class: "list-head" }, el("h2", {}, t("me_title")), badge("member", member.status, member.status === "active" ? "green" : "yellow")),
      el("dl", { class: "facts" },
        el("dt", {}, t("name")), el("dd", {}, member.name || ""),
        el("dt", {}, t("phone")), el("dd", {}, member.phone || "", " ", el("small", { class: "lock" }, t("private"))),
        member.work_unit ? [el("dt", {}, t("work_unit")), el("dd", {}, member.work_unit)] : null,
        el("dt", {}, t("community")), el("dd", {}, communityName(member.community || c.community)),
        el("dt", {}, t("grid")), el("dd", {}, gridName(member.grid)),
        el("dt", {}, t("skills")), el("dd", {}, (member.skills || []).map(skillName).join("、") || "—")),
      member.status === "applied" ? el("p", { class: "notice" }, t("registered")) : null].filter(Boolean));
    if (!member.id) return;
    const found = await getJson(`/v1/members/${encodeURIComponent(member.id)}/hours`, "chuishao.member.hours");
    const hours = found.body || { total_hours: 0, entries: [] };
    $("#hours-total").textContent = String(hours.total_hours);
    $("#hours").replaceChildren(...hours.entries.slice().reverse().map((e) => el("li", { "data-source": e.source },
      el("span", {}, el("b", {}, say("hours_source", e.source)), " ", el("small", {}, day(e.at)),
        e.source === "need" && needsCache[e.ref] ? el("small", { class: "muted" }, " · " + needsCache[e.ref].title) : null),
      el("b", { class: "h" }, `${e.hours} ${t("hours_unit")}`))));
    $("#hours-empty").hidden = hours.entries.length > 0;
    $("#certificates").replaceChildren(...certificates.map((cert) => el("li", {},
      el("span", {}, el("b", {}, cert.number), el("br"), el("small", {}, `${day(cert.issued_on)} · ${cert.hours} ${t("hours_unit")}`)),
      el("a", { href: `/v1/certificates/${encodeURIComponent(cert.number)}/page`, target: "_blank", rel: "noopener", class: "button secondary small" }, t("certificate_open")))));
    $("#certificates-empty").hidden = certificates.length > 0;
  }

  // ---------------------------------------------------------------- start
  function showSignedIn() {
    const ok = signedIn();
    $("#signin").hidden = ok;
    $("#tabs").hidden = !ok;
    $("#signout").hidden = !ok;
    $("#who").hidden = !ok;
    if (!ok) {
      VIEWS.forEach((v) => { $("#view-" + v).hidden = true; });
      $("#signin-help").textContent = claims() ? t("token_expired") : t("sign_in_help");
    }
    return ok;
  }
  function updateNetwork() {
    $("#net").hidden = navigator.onLine;
    if (navigator.onLine) outbox.drain();
  }
  function wire() {
    $("#lang").addEventListener("click", () => {
      lang = lang === "en" ? "zh" : "en";
      localStorage.setItem("chuishao.lang", lang);
      applyLanguage();
      if (signedIn()) { renderRegister(); showWho(); renderCurrent(); refreshQueue(); }
    });
    $("#signout").addEventListener("click", async () => {
      const waiting = (await outbox.all()).length;
      if (waiting && !confirm(t("sign_out_confirm").replace("{n}", String(waiting)))) return;
      // The last copies hold the member's own data and the needs' details: they go with the sign-in.
      [TOKEN_KEY, ...CACHE_KEYS].forEach((k) => localStorage.removeItem(k));
      Object.keys(localStorage).filter((k) => k.startsWith("chuishao.member.claims")).forEach((k) => localStorage.removeItem(k));
      await outbox.clear();
      if (session && C.signOutSession) { const to = await C.signOutSession(); session = null; if (to) { location.assign(to); return; } }
      if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("sign-out");
      member = null;
      needsCache = {};
      showSignedIn();
    });
    $("#signin-go").addEventListener("click", () => C.signIn && C.signIn("/app/"));
    $$("#tabs button").forEach((b) => b.addEventListener("click", () => show(b.dataset.view)));
    $("#back").addEventListener("click", () => show("needs"));
    $("#refresh-needs").addEventListener("click", loadNeeds);
    $("#refresh-activities").addEventListener("click", loadActivities);
    $("#only-grid").addEventListener("change", loadNeeds);
    $("#only-skills").addEventListener("change", loadNeeds);
    $("#send-now").addEventListener("click", () => outbox.retryNow());
    $("#party_member").addEventListener("change", (e) => { $("#branch-field").hidden = !e.target.checked; });
    $("#register").addEventListener("submit", submitRegister);
    $("#scan-form").addEventListener("submit", submitScan);
    $("#scan-cancel").addEventListener("click", () => { stopCamera(); $("#scanner").close(); });
    $("#scanner").addEventListener("close", stopCamera);
    window.addEventListener("online", updateNetwork);
    window.addEventListener("offline", updateNetwork);
  }
  async function start() {
    C.takeToken(localStorage, TOKEN_KEY);
    applyLanguage();
    wire();
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {});
    if (!signedIn()) await findSession();
    if (!showSignedIn()) { document.body.dataset.ready = "signin"; return; }
    await Promise.all([loadReference(), loadMe()]);
    renderRegister();
    $("#net").hidden = navigator.onLine;
    await refreshQueue();
    show(member ? "needs" : "register");
    document.body.dataset.ready = "yes";
    outbox.drain();
  }
  start();
})();
