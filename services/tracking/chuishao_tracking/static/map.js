/* 民情一张图: open matters per grid on the grids' own outlines (GET /v1/board/map), drawn with the vendored
   Leaflet; words and tones from the shared vocabulary (Chuishao.loadVocabulary), shades from map.css.
   No tiles unless the city configured its own; nothing is fetched from outside the deployment.
   The community side's public layers (the wish wall's open needs per grid, the co-building resources with
   their life circles) are drawers in ChuishaoMap.layers[name] = (map, featureCollection, context) => L.Layer;
   the API's `layers` feeds them. */
"use strict";
(function () {
  const C = window.Chuishao;
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const lang = config.lang, words = config.words, en = lang === "en";
  const REFRESH_MS = 30000;
  const css = getComputedStyle(document.documentElement);
  const shade = (tone) => css.getPropertyValue("--" + tone).trim() || "#8ea4c2";
  const GRADES = ["red", "yellow", "blue"];
  const layers = {};
  window.ChuishaoMap = { layers };

  const map = L.map("map", { zoomSnap: 0.25, zoomControl: !config.wall, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet");
  if (config.tiles) L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  let drawn = L.layerGroup().addTo(map);
  let fitted = false;

  function style(p, vocab) {
    const tone = p.grade || (p.open ? "grey" : null);
    return {
      color: p.overdue ? shade("red") : "#5d7ea8",
      weight: p.overdue ? 3 : p.grid_level > 1 ? 1 : 1.5,
      dashArray: p.overdue ? "8 5" : p.grid_level > 1 ? "3 3" : null,
      fillColor: tone ? (tone === "grey" ? "#3a5272" : shade(tone)) : "#0d1b2e",
      fillOpacity: tone ? (tone === "grey" ? 0.55 : 0.6) : 0.35,
    };
  }

  function label(p, vocab) {
    if (p.grid_level > 1) return C.el("div", {}, C.el("span", { class: "n" }, String(p.open)));  // the list names it
    const name = en ? p.label_en : p.label;
    return C.el("div", {},
      C.el("span", { class: "n" }, String(p.open)),
      C.el("span", { class: "nm" }, name),
      p.overdue ? C.el("span", { class: "late" }, `${vocab.word("overdue", lang)} ${p.overdue}`) : null);
  }

  function totals(t, vocab) {
    const list = document.getElementById("totals");
    if (!list) return;  // the wall's panel has none
    const item = (n, text, tone) => C.el("li", { class: tone ? `tone-${tone}` : null }, C.el("b", {}, String(n)), C.el("span", {}, text));
    list.replaceChildren(
      item(t.open, words.open),
      item(t.overdue, vocab.word("overdue", lang), "red"),
      ...GRADES.map((g) => item(t[g], vocab.grade(g, lang), g)));
  }

  function legend(vocab) {
    const swatch = (cls, text) => C.el("li", {}, C.el("span", { class: `swatch ${cls}` }), text);
    document.getElementById("legend").replaceChildren(
      ...GRADES.map((g) => swatch(`tone-${g}`, vocab.grade(g, lang))),
      swatch("tone-grey", `${words.open} · ${words.no_escalation}`),
      swatch("none", words.none_open),
      swatch("late", vocab.word("overdue", lang)),
      C.el("li", {}, C.el("span", { class: "swatch wish" }, "♥"), words.wishes),
      C.el("li", {}, C.el("span", { class: "swatch resource" }), `${words.resources} · ${words.circles}`));
  }

  function gridList(features, vocab) {
    if (!document.getElementById("grid-list")) return;
    const sorted = features.slice().sort((a, b) => b.properties.open - a.properties.open || a.id.localeCompare(b.id));
    document.getElementById("grid-list").replaceChildren(...sorted.map((f) => {
      const p = f.properties;
      const tone = p.grade ? `tone-${p.grade}` : p.open ? "" : "none";
      const grades = GRADES.filter((g) => p[g]).map((g) => `${vocab.grade(g, lang)} ${p[g]}`).join(" · ");
      return C.el("li", { dataset: { grid: p.code } },
        C.el("span", { class: `bar ${tone}` }),
        C.el("span", {}, en ? p.name_en : p.name, grades ? C.el("small", {}, grades) : null),
        C.el("span", { class: "n" }, String(p.open), p.overdue ? C.el("span", { class: "late" }, `${vocab.word("overdue", lang)} ${p.overdue}`) : null));
    }));
  }

  function draw(body, vocab) {
    if (!config.community && config.busiest) {  // the wall's panel: the community with the most open matters
      const top = body.communities.features.filter((f) => f.geometry)
        .sort((a, b) => b.properties.open - a.properties.open || a.id.localeCompare(b.id))[0];
      if (top) {
        config.community = top.id;
        const title = document.getElementById("map-community");
        if (title) title.textContent = en ? top.properties.name_en : top.properties.name;
      }
    }
    const community = config.community;
    const mine = (f) => !community || f.properties.community === community || f.id === community;
    const grids = body.grids.features.filter(mine);
    const outlines = body.communities.features.filter(mine);
    for (const f of body.communities.features) {
      const count = document.querySelector(`[data-count="${f.id}"]`);
      if (count) count.textContent = String(f.properties.open);
    }
    const group = L.layerGroup();
    const shapes = grids.filter((f) => f.geometry).sort((a, b) => a.properties.grid_level - b.properties.grid_level);
    const parents = new Set(shapes.map((f) => f.properties.parent));
    for (const f of shapes) {
      const p = f.properties;
      const layer = L.geoJSON(f, { style: () => style(p, vocab), interactive: false });
      group.addLayer(layer);
      if (p.grid_level === 1 || p.open) {
        const box = layer.getBounds();
        // a grid holding sub-grids keeps its label clear of theirs: low in its outline
        const at = parents.has(p.code) ? L.latLng(box.getSouth() + (box.getNorth() - box.getSouth()) * 0.17, box.getCenter().lng)
          : box.getCenter();
        group.addLayer(L.tooltip({ permanent: true, direction: "center", className: `grid-label${p.grid_level > 1 ? " sub" : ""}`, interactive: false })
          .setLatLng(at).setContent(label(p, vocab)));
      }
    }
    for (const f of outlines.filter((o) => o.geometry)) {
      group.addLayer(L.geoJSON(f, { style: () => ({ color: "#cfe0ff", weight: 3, fill: false }), interactive: false }));
    }
    for (const [name, collection] of Object.entries(body.layers || {})) {
      const shown = { ...collection, features: (collection.features || []).filter((f) => !community || !f.properties.community
        || f.properties.community === community) };
      if (layers[name]) group.addLayer(layers[name](map, shown, { lang, vocab, community }));
    }
    drawn.remove();
    drawn = group.addTo(map);
    const box = L.geoJSON({ type: "FeatureCollection", features: shapes }).getBounds();
    const panel = document.getElementById("map").parentElement;
    if (!box.isValid()) {
      if (!panel.querySelector(".empty")) panel.append(C.el("p", { class: "empty" }, words.no_map));
    } else if (!fitted) {
      // the legend floats bottom-left on a desk or wall: keep the grids clear of it
      const legendBox = document.getElementById("legend");
      const clear = legendBox && getComputedStyle(legendBox).position === "absolute" ? legendBox.offsetWidth + 16 : 24;
      map.fitBounds(box, { paddingTopLeft: [clear, 24], paddingBottomRight: [24, 24] });
      fitted = true;
    }
    totals(outlines.reduce((t, f) => { for (const k of ["open", "overdue", ...GRADES]) t[k] += f.properties[k]; return t; },
      { open: 0, overdue: 0, red: 0, yellow: 0, blue: 0 }), vocab);
    gridList(grids, vocab);
    const updated = document.getElementById("updated");
    if (updated) updated.textContent =
      `${words.updated} ${new Date(body.as_of).toLocaleTimeString(en ? "en-GB" : "zh-CN", { hour12: false })}`;
  }

  async function refresh(vocab) {
    try {
      draw(await C.call("/v1/board/map"), vocab);
      if (!document.body.dataset.drawn) {
        document.body.dataset.drawn = "1";
        performance.mark("map-drawn");
      }
    } catch (error) {
      const updated = document.getElementById("updated");
      if (updated) updated.textContent = String(error.message || error);
    }
  }

  // The community side's public layers (GET /v1/board/map `layers`).
  const KIND_TONES = { venue: "#36c37a", material: "#f6c344", service: "#58c4ff", expertise: "#c58bff" };
  // Co-building resources: a point each, with its 5/10/15-minute circles (GB 50180-2018: about 300 m,
  // 500 m, 1 km), the resource's own tier drawn stronger.
  layers.resources = (m, collection) => {
    const group = L.layerGroup();
    for (const f of collection.features) {
      const p = f.properties, [lon, lat] = f.geometry.coordinates, tone = KIND_TONES[p.kind] || "#58c4ff";
      for (const [minutes, metres] of Object.entries(p.circles_m || {}).sort((a, b) => b[1] - a[1])) {
        const own = Number(minutes) === p.life_circle;
        group.addLayer(L.circle([lat, lon], { radius: metres, color: tone, weight: own ? 2 : 1, opacity: own ? 0.9 : 0.45,
          dashArray: own ? null : "4 6", fill: own, fillOpacity: 0.08, interactive: false, className: "life-circle" }));
      }
      const who = p.provider === "unit" ? words.unit : words.community_own;
      const tier = en ? `${p.life_circle}${words.minutes}` : `${p.life_circle}${words.minutes}`;
      const text = `${en ? p.kind_name_en : p.kind_name} · ${who} · ${tier}` +
        (p.capacity ? ` · ${words.capacity} ${p.capacity}` : "");
      group.addLayer(L.circleMarker([lat, lon], { radius: 7, color: "#07111f", weight: 2, fillColor: tone, fillOpacity: 1,
        className: "resource-point" }).bindTooltip(text, { className: "resource-tip" }));
    }
    return group;
  };
  // The wish wall's open needs: a count per grid beside the grid's label, never a need's place.
  layers.needs = (m, collection) => {
    const group = L.layerGroup();
    for (const f of collection.features) {
      const p = f.properties, [lon, lat] = f.geometry.coordinates;
      const badge = C.el("div", {}, C.el("span", { class: "heart" }, "♥"), C.el("b", {}, String(p.open)),
        p.urgent ? C.el("small", {}, `${words.urgent} ${p.urgent}`) : null);
      group.addLayer(L.tooltip({ permanent: true, direction: "right", offset: [34, -26], className: "need-badge",
        interactive: false }).setLatLng([lat, lon]).setContent(badge));
    }
    return group;
  };

  C.loadVocabulary().then((vocab) => {
    legend(vocab);
    refresh(vocab);
    setInterval(() => refresh(vocab), REFRESH_MS);
  });
})();
