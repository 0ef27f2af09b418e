// 心愿墙: the server renders every card; this script ticks the wanted-by countdowns and the clock with the
// shared module (Chuishao, /static/shared/chuishao.js) and reloads the cards and counts every
// config.refresh_seconds (a wall screen keeps the page open), with the same filters.
(function () {
  "use strict";
  const C = window.Chuishao;
  const config = JSON.parse(document.getElementById("needs-config").textContent);
  const lang = config.lang;
  let vocab = C.Vocabulary(null);
  C.loadVocabulary().then((v) => { vocab = v; tick(); }).catch(() => {});

  function tick() {
    if (vocab.loaded) C.tickCountdowns(vocab, lang, document.getElementById("needs"));
    document.getElementById("clock").textContent = new Date().toLocaleString(lang === "en" ? "en-GB" : "zh-CN",
      { hour12: false, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZone: config.tz });
  }

  async function refresh() {
    try {
      const response = await fetch(location.href, { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const id of ["needs", "summary", "community-side"]) {
        const fresh = next.getElementById(id);
        if (fresh) document.getElementById(id).replaceWith(document.adoptNode(fresh));
      }
      tick();
    } catch (error) { /* offline: keep what is shown, try again next time */ }
  }

  tick();
  setInterval(tick, 1000);
  setInterval(refresh, (config.refresh_seconds || 30) * 1000);
})();
