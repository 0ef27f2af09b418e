// 社区工作台: sign-in and start. A `#token=` link (development, and the links the demo prints) or — where
// the service offers the city's sign-in (chuishao_shared.signin, /auth/*) — the session cookie found by
// the shared module's loadSession(); this page builds no sign-in of its own.
(function () {
  "use strict";
  const K = window.CommunityConsole;
  const { C, h, w } = K;
  const view = document.getElementById("view");
  let offered = false;

  K.signOut = function (message) {
    sessionStorage.removeItem("chuishao.community-console.token");
    document.getElementById("nav").hidden = true;
    const box = h("div", { class: "signin" }, h("p", null, message || (offered ? w.sign_in_offered : w.sign_in_needed)));
    if (offered) box.append(h("button", { type: "button", class: "btn primary", id: "sign-in", onclick: () => C.signIn(`/console/${location.hash}`) }, w.sign_in));
    view.replaceChildren(box);
  };

  async function fromSession() {
    try {
      const found = await C.loadSession();
      offered = found.offered;
      return found.session;
    } catch (e) {
      return null;
    }
  }

  async function start() {
    if (!K.me) K.me = await fromSession();
    if (C.expired(K.me)) { K.signOut(K.me ? w.signed_out : null); return; }
    if (K.me.role !== "community_staff") { K.signOut(w.staff_only); return; }
    document.getElementById("nav").hidden = false;
    document.getElementById("who").textContent = `${w.role_staff} · ${K.me.community || ""}`;
    const out = h("button", { type: "button", class: "lang", id: "sign-out", onclick: async () => {
      if (K.token) { K.signOut(w.sign_in_needed); return; }
      const end = await C.signOutSession();
      if (end) location.assign(end); else K.signOut(w.sign_in_offered);
    } }, w.sign_out);
    document.querySelector(".meta").append(out);
    // The language link keeps the screen (the fragment) the reader is on.
    const langLink = document.getElementById("lang");
    langLink.addEventListener("click", (e) => { e.preventDefault(); location.assign(langLink.getAttribute("href") + location.hash); });
    const [vocabulary, skills, kinds] = await Promise.all([C.loadVocabulary(),
      C.call("/v1/skills").catch(() => ({ items: [] })), C.call("/v1/need-kinds").catch(() => ({ items: [] }))]);
    K.V = vocabulary;
    skills.items.forEach((t) => K.skills.set(t.code, t));
    kinds.items.forEach((t) => K.kinds.set(t.code, t));
    window.addEventListener("hashchange", () => { window.scrollTo(0, 0); K.settle(); K.render(); });
    if (!location.hash || location.hash === "#" || location.hash === "#/") history.replaceState(null, "", "#/needs");
    K.render();
  }
  start();
})();
