// 督办墙 live updates: the server renders every row; this script only keeps the wall current.
// `case` events from /v1/board/stream fetch that case's row fragment; `resync` reloads all rows.
// A resident's filtered list (config.mode "list") is reloaded whole instead, with the same filters.
// The wall display (config.mode "wall", ?wall=1) holds every open case and shows one screenful at a
// time, turning the page every config.wall_seconds.
// The countdown, the overdue rule and the words come from the shared module (Chuishao, /static/shared/).
(function () {
  "use strict";
  const C = window.Chuishao;
  const config = JSON.parse(document.getElementById("board-config").textContent);
  const lang = config.lang;
  let vocab = C.Vocabulary(null);  // until GET /v1/vocabulary answers, the server's words stay
  const tbody = document.getElementById("case-rows");
  const live = document.getElementById("live");
  let sideTimer = null;
  let listTimer = null;
  const mode = config.mode || "urgent";
  const rowsQuery = new URLSearchParams({ ...(config.query || {}), lang }).toString();

  function fragment(html) {
    const t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content;
  }

  function tick() {
    if (vocab.loaded) {
      C.tickCountdowns(vocab, lang, tbody, (el) => {
        const row = el.closest("tr");
        row.classList.toggle("overdue", vocab.isOverdue(row.dataset.status, el.dataset.deadline));
      });
    }
    document.getElementById("clock").textContent = new Date().toLocaleString(lang === "en" ? "en-GB" : "zh-CN",
      { hour12: false, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
        timeZone: config.tz });  // the jurisdiction's clock, whatever the screen's machine is set to
  }

  // Same order as the server (service.urgency): overdue, higher escalation, nearest deadline, newest.
  function urgency(row) {
    const deadline = row.dataset.deadline ? Date.parse(row.dataset.deadline) : Infinity;
    const late = vocab.loaded ? vocab.isOverdue(row.dataset.status, row.dataset.deadline) : deadline < Date.now();
    return [late ? 0 : 1, -Number(row.dataset.level || 0), deadline, -Date.parse(row.dataset.opened)];
  }

  function before(a, b) {
    const x = urgency(a), y = urgency(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
    return false;
  }

  function rowOf(id) {
    return tbody.querySelector(`tr[data-case-id="${CSS.escape(id)}"]`);
  }

  function place(row) {
    const next = Array.from(tbody.querySelectorAll("tr.case")).find((other) => other !== row && before(row, other));
    tbody.insertBefore(row, next || null);
    const empty = tbody.querySelector("tr.empty");
    if (empty) empty.remove();
  }

  const tickets = new Map();  // case id → number of its latest refresh: older answers are dropped

  async function refreshCase(id) {
    const ticket = (tickets.get(id) || 0) + 1;
    tickets.set(id, ticket);
    const response = await fetch(`/board/rows/${encodeURIComponent(id)}?lang=${lang}`, { cache: "no-store" });
    const html = response.status === 204 ? null : response.ok ? await response.text() : undefined;
    if (tickets.get(id) !== ticket || html === undefined) return;
    // No await from here on: looking the old row up and replacing it cannot interleave with another refresh.
    const old = rowOf(id);
    if (old) old.remove();
    if (html === null) return;  // no longer on the wall
    const row = fragment(html).querySelector("tr");
    place(row);
    row.classList.add("flash");
    setTimeout(() => row.classList.remove("flash"), 1500);
    tick();
    if (mode === "wall") showWallPage(false);
  }

  async function reloadRows() {
    const response = await fetch(`/board/rows?${rowsQuery}`, { cache: "no-store" });
    if (response.ok) {
      tbody.replaceChildren(fragment(await response.text()));
      tick();
      if (mode === "wall") showWallPage(false);
    }
  }

  function reloadListSoon() {
    clearTimeout(listTimer);
    listTimer = setTimeout(reloadRows, 1000);
  }

  // --- the wall display: pages of whole rows that fit the screen, turned on a timer ---------------
  const rowsBox = document.querySelector(".rows");
  const pager = document.getElementById("wall-page");
  let wallIndex = 0;

  function wallPages() {
    const rows = Array.from(tbody.querySelectorAll("tr.case"));
    rows.forEach((r) => r.classList.remove("off-page"));
    const room = rowsBox.clientHeight - tbody.parentElement.tHead.offsetHeight;
    const pages = [];
    let page = [], used = 0;
    for (const r of rows) {
      const h = r.offsetHeight;
      if (page.length && used + h > room) { pages.push(page); page = []; used = 0; }
      page.push(r);
      used += h;
    }
    if (page.length) pages.push(page);
    return pages;
  }

  function showWallPage(advance) {
    const pages = wallPages();
    wallIndex = advance ? wallIndex + 1 : wallIndex;
    if (wallIndex >= pages.length) wallIndex = 0;
    pages.forEach((p, i) => { if (i !== wallIndex) p.forEach((r) => r.classList.add("off-page")); });
    tbody.dataset.page = String(wallIndex + 1);
    tbody.dataset.pages = String(pages.length);
    pager.textContent = pages.length > 1
      ? pager.dataset.format.replace("%d", wallIndex + 1).replace("%d", pages.length) : "";
  }

  if (mode === "wall") {
    showWallPage(false);
    setInterval(() => showWallPage(true), (config.wall_seconds || 12) * 1000);
    window.addEventListener("resize", () => showWallPage(false));
  }

  // Choosing a community or a status applies it at once (the button is for the search words).
  const filters = document.querySelector("form.filters");
  if (filters) {
    filters.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => filters.requestSubmit()));
  }

  function refreshSideSoon() {
    // Figures change with every event; recomputing them once per burst is plenty for a wall.
    clearTimeout(sideTimer);
    sideTimer = setTimeout(async () => {
      const response = await fetch(`/board/side?lang=${lang}`, { cache: "no-store" });
      if (!response.ok) return;
      const parts = fragment(await response.text());
      document.getElementById("summary").replaceChildren(...parts.querySelector('[data-slot="summary"]').childNodes);
      document.getElementById("side").replaceChildren(...parts.querySelector('[data-slot="side"]').childNodes);
    }, 2000);
  }

  function setLive(on) {
    live.classList.toggle("on", on);
    live.classList.toggle("off", !on);
    live.textContent = on ? live.dataset.on : live.dataset.off;
  }

  let connectedOnce = false;
  const stream = new EventSource("/v1/board/stream");
  stream.addEventListener("hello", () => {
    setLive(true);
    if (connectedOnce) { reloadRows(); refreshSideSoon(); }  // changes while away were missed
    connectedOnce = true;
  });
  stream.addEventListener("case", (event) => {
    const data = JSON.parse(event.data);
    if (mode === "list") reloadListSoon(); else refreshCase(data.id);
    refreshSideSoon();
  });
  stream.addEventListener("resync", () => { reloadRows(); refreshSideSoon(); });
  stream.onerror = () => setLive(false);

  C.loadVocabulary().then((loaded) => { vocab = loaded; tick(); });
  tick();
  setInterval(tick, 1000);
})();
