// The console's duty view (/console/duty): signs in like the console (the `#token=` link's token in this tab,
// else the session cookie through /auth/session), lists the rosters this person may pick — a liaison their own
// department; a dispatcher and an admin every department and duty desk, the dispatcher's own desk first —
// then hands over to the shared duty view (duty.js: now and next, the week, a case's chain), which reads
// dispatch's /v1/duty/… with the same token or cookie.
(function () {
  "use strict";
  const C = window.Chuishao;
  const h = C.el;
  const config = JSON.parse(document.getElementById("console-duty-config").textContent);
  const w = config.words;
  const TOKEN_KEY = "chuishao.console.token";
  C.takeToken(sessionStorage, TOKEN_KEY);
  const token = sessionStorage.getItem(TOKEN_KEY);
  const form = document.getElementById("pick");
  const named = new Map([...config.owners.departments, ...config.owners.desks]);
  const label = (code) => (named.has(code) ? `${named.get(code)} · ${code}` : code);

  async function signedIn() {
    if (token) return C.claims(token);
    try {
      return (await C.loadSession()).session;
    } catch (error) {
      return null; // offline: nobody to find
    }
  }

  function refuse(text, offerSignIn) {
    const box = document.getElementById("signin");
    box.replaceChildren(h("p", {}, text), offerSignIn
      ? h("button", { type: "button", class: "btn primary", onclick: () => C.signIn(location.pathname + location.search) }, w.sign_in_button)
      : null);
    box.hidden = false;
  }

  function options(me) {
    const select = form.owner;
    if (me.role === "liaison") {
      select.replaceChildren(h("option", { value: me.department }, label(me.department)));
      return;
    }
    const group = (title, items) => h("optgroup", { label: title }, items.map(([code]) => h("option", { value: code }, label(code))));
    const desks = config.owners.desks.slice().sort(([a], [b]) => (a === me.jurisdiction ? -1 : b === me.jurisdiction ? 1 : 0));
    const departments = config.owners.departments;
    select.replaceChildren(...(me.role === "dispatcher"
      ? [group(w.desks, desks), group(w.departments, departments)]
      : [group(w.departments, departments), group(w.desks, desks)]));
    select.value = me.role === "dispatcher" && me.jurisdiction ? me.jurisdiction : departments.length ? departments[0][0] : "";
  }

  async function start() {
    const me = await signedIn();
    if (!me || C.expired(me)) { refuse(w.sign_in, !token); return; }
    if (!["liaison", "dispatcher", "admin"].includes(me.role)) { refuse(w.not_staff, false); return; }
    const scope = me.department || me.jurisdiction;
    document.getElementById("who").textContent = `${w[`role_${me.role}`] || me.role}${scope ? ` · ${named.get(scope) || scope}` : ""}`;
    options(me);
    form.hidden = false;
    document.getElementById("duty").hidden = false;
    await window.ChuishaoDuty.start({ token: () => token });
  }

  start();
})();
