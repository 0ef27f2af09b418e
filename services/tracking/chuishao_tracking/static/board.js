// 督办墙 live updates: the server renders every row; this script only keeps the wall current.
// `case` events from /v1/board/stream fetch that case's row fragment; `resync` reloads all rows.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("board-config").textContent);
  const lang = config.lang, w = config.words;
  const tbody = document.getElementById("case-rows");
  const live = document.getElementById("live");
  let sideTimer = null;

  function fragment(html) {
    const t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content;
  }

  function countdownText(seconds) {
    const total = Math.floor(Math.abs(seconds));
    const d = Math.floor(total / 86400), h = Math.floor(total % 86400 / 3600);
    const m = Math.floor(total % 3600 / 60), s = total % 60, pad = (n) => String(n).padStart(2, "0");
    const sep = lang === "en" ? " " : "";
    const parts = d ? `${d}${w.day}${sep}${h}${w.hour}` : h ? `${h}${w.hour}${sep}${pad(m)}${w.minute}`
      : `${m}${w.minute}${sep}${pad(s)}${w.second}`;
    if (lang === "en") return seconds < 0 ? `${w.overdue_by} ${parts}` : `${parts} ${w.left}`;
    return `${seconds < 0 ? w.overdue_by : w.left} ${parts}`;
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll(".countdown[data-deadline]").forEach((el) => {
      const seconds = (Date.parse(el.dataset.deadline) - now) / 1000;
      el.textContent = countdownText(seconds);
      el.classList.toggle("late", seconds < 0);
      el.closest("tr").classList.toggle("overdue", seconds < 0);
    });
    document.getElementById("clock").textContent = new Date().toLocaleString(lang === "en" ? "en-GB" : "zh-CN",
      { hour12: false, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
        timeZone: config.tz });  // the jurisdiction's clock, whatever the screen's machine is set to
  }

  // Same order as the server (service.urgency): overdue, higher escalation, nearest deadline, newest.
  function urgency(row) {
    const deadline = row.dataset.deadline ? Date.parse(row.dataset.deadline) : Infinity;
    return [deadline < Date.now() ? 0 : 1, -Number(row.dataset.level || 0), deadline, -Date.parse(row.dataset.opened)];
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
  }

  async function reloadRows() {
    const response = await fetch(`/board/rows?lang=${lang}`, { cache: "no-store" });
    if (response.ok) { tbody.replaceChildren(fragment(await response.text())); tick(); }
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
    refreshCase(data.id);
    refreshSideSoon();
  });
  stream.addEventListener("resync", () => { reloadRows(); refreshSideSoon(); });
  stream.onerror = () => setLive(false);

  tick();
  setInterval(tick, 1000);
})();
