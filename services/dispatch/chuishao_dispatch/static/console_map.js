// 民情一张图 for the departments (/console/map): the grids and buildings as the base (the vendored Leaflet,
// nothing fetched from outside), the caller's cases as points (GET /v1/map: where reported, else at the
// building, else the grid's centre) filtered by state, category and department — a click opens the case
// in the console — and, for a dispatcher, residents' needs with the gap view (GET /v1/map/needs: the
// community service's answer for the dispatcher's own token). Signed in like the console (session storage).
(function () {
  "use strict";
  const C = window.Chuishao;
  const h = C.el;
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const w = config.words, lang = config.lang, en = lang === "en";
  const TOKEN_KEY = "chuishao.console.token";
  C.takeToken(sessionStorage, TOKEN_KEY);
  const token = sessionStorage.getItem(TOKEN_KEY);
  const me = token ? C.claims(token) : null;
  const api = (path) => C.call(path, { token });
  const form = document.getElementById("filters");
  const notice = document.getElementById("notice");
  const TONES = { 3: "#ff4d4f", 2: "#f6c344", 1: "#2f80ff", 0: "#8ea4c2" };
  const KIND_TONES = { venue: "#36c37a", material: "#f6c344", service: "#58c4ff", expertise: "#c58bff" };
  const state = { departments: [], categories: new Map(), needs: null, fitted: false, vocab: C.Vocabulary(null) };

  const focus = new URLSearchParams(location.search).get("case");
  let focused = null, focusDone = false;
  const map = L.map("map", { zoomSnap: 0.25 });
  map.attributionControl.setPrefix("Leaflet");
  let base = L.layerGroup().addTo(map), cases = L.layerGroup().addTo(map), needs = L.layerGroup().addTo(map);
  const name = (p, field) => (en ? p[`${field}_en`] : p[field]) || p[field] || "";
  const say = (text) => { notice.textContent = text; notice.className = "notice error"; notice.hidden = !text; };
  const deptName = (code) => { const d = state.departments.find((x) => x.code === code); return d ? (en ? d.name_en : d.name) : code; };
  const where = (p) => (p.precision === "given" ? w.at_given : p.precision === "building" ? w.at_building : w.at_grid);

  function legend() {
    const dot = (cls, text) => h("li", {}, h("span", { class: `dot ${cls}` }), text);
    document.getElementById("legend").replaceChildren(
      dot("t3", state.vocab.grade("red", lang)), dot("t2", state.vocab.grade("yellow", lang)),
      dot("t1", state.vocab.grade("blue", lang)), dot("t0", w.cases), dot("late", w.overdue),
      dot("need", w.needs), dot("need gap", w.gap), dot("res", w.resources), dot("building", w.buildings));
  }

  function drawBase(body) {
    const group = L.layerGroup();
    group.addLayer(L.geoJSON(body.grids, { interactive: false, style: (f) => ({ color: "#5d7ea8",
      weight: f.properties.grid_level > 1 ? 1 : 1.5, dashArray: f.properties.grid_level > 1 ? "3 3" : null,
      fillColor: "#0d1b2e", fillOpacity: 0.45 }) }));
    for (const f of body.grids.features.filter((g) => g.properties.grid_level === 1)) {
      const box = L.geoJSON(f).getBounds();
      group.addLayer(L.tooltip({ permanent: true, direction: "center", className: "grid-name", interactive: false })
        .setLatLng([box.getNorth() - (box.getNorth() - box.getSouth()) * 0.12, box.getCenter().lng]).setContent(name(f.properties, "label")));
    }
    for (const f of body.buildings.features) {
      const [lon, lat] = f.geometry.coordinates;
      group.addLayer(L.circleMarker([lat, lon], { radius: 4, color: "#5d7ea8", weight: 1, fillColor: "#1d3350", fillOpacity: 1,
        className: "building" }).bindTooltip(name(f.properties, "name")));
    }
    base.remove();
    base = group.addTo(map);
    const box = L.geoJSON(body.grids).getBounds();
    if (!state.fitted && box.isValid()) { map.fitBounds(box, { padding: [20, 20] }); state.fitted = true; }
  }

  function drawCases(body) {
    const group = L.layerGroup();
    for (const f of body.cases.features) {
      const p = f.properties, [lon, lat] = f.geometry.coordinates;
      const tone = TONES[Math.min(p.escalation_level, 3)];
      const marker = L.circleMarker([lat, lon], { radius: 8, color: p.overdue ? "#ffffff" : "#07111f", weight: p.overdue ? 3 : 2,
        fillColor: tone, fillOpacity: 0.95, className: `case-point${p.overdue ? " late" : ""}` });
      const text = [name(p, "category_name") || p.category, state.vocab.status(p.status, lang), name(p, "grid_name"),
        p.building, p.lead ? deptName(p.lead) : "", where(p)].filter(Boolean).join(" · ");
      marker.bindTooltip(`${text} — ${w.open_case}`);
      if (p.id === focus) {
        // Opened from a case (?case=): that case's point, centred and marked.
        marker.setStyle({ radius: 14, weight: 4, color: "#ffffff" });
        marker.unbindTooltip().bindTooltip(`${text} — ${w.open_case}`, { direction: "top", offset: [0, -12] });
        focused = { at: [lat, lon], marker };
      }
      marker.on("click", () => { location.href = `/console/${en ? "?lang=en" : ""}#/case/${encodeURIComponent(p.id)}`; });
      group.addLayer(marker);
    }
    cases.remove();
    cases = group.addTo(map);
    if (focus && !focusDone) {
      focusDone = true;
      if (focused) { map.setView(focused.at, 16); focused.marker.openTooltip(); document.body.dataset.focused = focus; }
      else say(w.focus_missing);
    }
  }

  function drawNeeds(body, gapsOnly) {
    const group = L.layerGroup();
    if (body) {
      const shown = body.needs.features.filter((f) => !gapsOnly || f.properties.gap);
      if (gapsOnly) {
        for (const f of body.resources.features) {
          const [lon, lat] = f.geometry.coordinates, tone = KIND_TONES[f.properties.kind] || "#58c4ff";
          group.addLayer(L.circle([lat, lon], { radius: 1000, color: tone, weight: 1, dashArray: "4 6", fill: true, fillOpacity: 0.05,
            interactive: false, className: "reach" }));
        }
      }
      for (const f of body.resources.features) {
        const [lon, lat] = f.geometry.coordinates, p = f.properties;
        group.addLayer(L.circleMarker([lat, lon], { radius: 6, color: "#07111f", weight: 2, fillColor: KIND_TONES[p.kind] || "#58c4ff",
          fillOpacity: 1, className: "resource-point" }).bindTooltip(`${w.resources} · ${p.kind} · ${p.life_circle}′`));
      }
      for (const f of shown) {
        const p = f.properties, [lon, lat] = f.geometry.coordinates;
        if (p.gap) group.addLayer(L.circleMarker([lat, lon], { radius: 15, color: "#ff4d4f", weight: 2, dashArray: "4 3",
          fill: false, interactive: false, className: "gap-ring" }));
        const marker = L.circleMarker([lat, lon], { radius: p.gap ? 9 : 6, color: p.gap ? "#ff4d4f" : "#07111f", weight: p.gap ? 3 : 2,
          fillColor: "#ff8fb1", fillOpacity: 0.95, dashArray: p.gap ? "3 2" : null, className: `need-point${p.gap ? " gap" : ""}` });
        const near = p.nearest_m == null ? w.none_near : `${Math.round(p.nearest_m)} m`;
        marker.bindTooltip(`${w.needs} · ${name(p, "kind_name")} · ${w[`need_${p.status}`] || p.status}${p.gap ? ` · ${w.gap}` : ""} · ${w.nearest} ${near} · ${where(p)}`);
        group.addLayer(marker);
      }
    }
    needs.remove();
    needs = group.addTo(map);
  }

  function side(body) {
    const gapsOnly = form.gaps.checked;
    const title = document.getElementById("side-title"), list = document.getElementById("side-list");
    document.getElementById("summary").textContent = w.count.replace("{n}", body.cases.features.length);
    if (gapsOnly && state.needs) {
      const gaps = state.needs.needs.features.filter((f) => f.properties.gap);
      title.textContent = `${w.gaps} · ${gaps.length}`;
      list.replaceChildren(...gaps.map((f) => h("li", { class: "gap" }, h("b", {}, name(f.properties, "kind_name")),
        h("span", {}, [name(f.properties, "grid_name"), f.properties.building].filter(Boolean).join(" · ")),
        h("small", {}, f.properties.nearest_m == null ? w.none_near : `${w.nearest} ${Math.round(f.properties.nearest_m)} m`))));
      document.getElementById("side-note").textContent = gaps.length ? w.gap_help : w.no_gaps;
      return;
    }
    title.textContent = w.cases;
    const sorted = body.cases.features.slice().sort((a, b) => b.properties.escalation_level - a.properties.escalation_level
      || Number(b.properties.overdue) - Number(a.properties.overdue));
    list.replaceChildren(...sorted.slice(0, 60).map((f) => {
      const p = f.properties;
      return h("li", { class: p.overdue ? "late" : "" }, h("a", { href: `/console/${en ? "?lang=en" : ""}#/case/${encodeURIComponent(p.id)}` },
        h("span", { class: `dot t${Math.min(p.escalation_level, 3)}` }),
        h("b", {}, name(p, "category_name") || p.category), h("span", {}, name(p, "grid_name")),
        h("small", {}, state.vocab.status(p.status, lang))));
    }));
    document.getElementById("side-note").textContent = "";
  }

  function options(select, items, keep) {
    select.replaceChildren(h("option", { value: "" }, w.any), ...items.map(([v, text]) => h("option", { value: v }, text)));
    select.value = keep;
  }

  async function load() {
    const q = new URLSearchParams({ state: form.state.value });
    if (form.category.value) q.set("category", form.category.value);
    if (form.department.value) q.set("department", form.department.value);
    try {
      const body = await api(`/v1/map?${q}`);
      for (const f of body.cases.features) state.categories.set(f.properties.category, name(f.properties, "category_name"));
      options(form.category, [...state.categories].sort(), form.category.value);
      drawBase(body);
      drawCases(body);
      if (me.role === "dispatcher" && form.needs.checked) {
        try { state.needs = await api("/v1/map/needs"); } catch (e) { state.needs = null; }
        if (!state.needs || state.needs.available === false) say(w.needs_unavailable);
      } else {
        state.needs = null;
        if (me.role !== "dispatcher") document.getElementById("side-note").textContent = w.needs_dispatcher;
      }
      drawNeeds(form.needs.checked ? state.needs : null, form.gaps.checked);
      side(body);
      document.body.dataset.drawn = "1";
    } catch (error) {
      say(error.status === 401 ? w.sign_in : String(error.message || error.status));
    }
  }

  async function start() {
    if (!me || C.expired(me)) { document.querySelector(".map-main").replaceChildren(h("p", { class: "signin" }, w.sign_in)); return; }
    document.getElementById("who").textContent = `${me.role}${me.jurisdiction ? ` · ${me.jurisdiction}` : me.department ? ` · ${me.department}` : ""}`;
    const params = new URLSearchParams(location.search);
    if (params.get("gaps") === "1") form.gaps.checked = true;
    if (["open", "overdue", "all"].includes(params.get("state"))) form.state.value = params.get("state");
    try {
      state.vocab = await C.loadVocabulary();
      state.departments = (await api("/v1/departments")).items;
      options(form.department, state.departments.map((d) => [d.code, en ? d.name_en : d.name]), "");
    } catch (e) { /* the map still draws */ }
    legend();
    form.addEventListener("change", (e) => { if (e.target.name === "gaps" && form.gaps.checked) form.needs.checked = true; load(); });
    await load();
  }
  start();
})();
