/* Chuishao's offline outbox for the installable apps: an action is written to IndexedDB first, with its
   Idempotency-Key and its photos, and sent from there — at once when online, else when the network
   returns or the app starts. The same key is reused on every retry (and each photo's key is derived
   from it), so an action is applied exactly once however often it is sent. Served at
   /static/shared/outbox.js (chuishao_shared/pages.py). The grid worker's app (intake /app/) keeps its
   own copy of this logic for now; the member's app (community /app/) uses this module.

   const box = ChuishaoOutbox({ db: "chuishao-member", request, upload, onChange, ready });
   await box.add({ path, body, photos: [{blob, name}], photoField: "photos", label, detail });
   item.state: "waiting" | "retry" | "attention" (refused: `problem` holds the RFC 9457 details).

   - request(path, options) → Response, or throws Chuishao.NetworkError (the page's API wrapper);
   - upload(blob, name, key) → Response of a photo upload; its JSON's `photoRef` field (default
     "sha256") is what goes into the body's photoField;
   - ready() → false while nobody is signed in (nothing is sent);
   - onChange() after every change, to redraw a badge or a list. */
"use strict";
(function (global) {
  const MAX_BACKOFF_MS = 60000;

  /** "ok", "retry" (time-outs, 5xx, 429, 408, an expired sign-in) or "attention" (refused). */
  function verdict(response) {
    if (response.ok) return "ok";
    if (response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 401) return "retry";
    return "attention";
  }

  function Outbox(options) {
    const C = global.Chuishao;
    const dbName = options.db;
    const photoRef = options.photoRef || "sha256";
    const ready = options.ready || (() => true);
    const onChange = options.onChange || (() => {});
    let dbPromise = null;
    let draining = null;
    let timer = null;

    function db() {
      if (!dbPromise) {
        dbPromise = new Promise((resolve, reject) => {
          const opened = indexedDB.open(dbName, 1);
          opened.onupgradeneeded = () => { opened.result.createObjectStore("outbox", { keyPath: "id" }); };
          opened.onsuccess = () => resolve(opened.result);
          opened.onerror = () => reject(opened.error);
        });
      }
      return dbPromise;
    }
    async function store(mode, work) {
      const database = await db();
      return new Promise((resolve, reject) => {
        const tx = database.transaction("outbox", mode);
        const request = work(tx.objectStore("outbox"));
        tx.oncomplete = () => resolve(request ? request.result : undefined);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    }
    const all = async () => ((await store("readonly", (s) => s.getAll())) || []).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const get = (id) => store("readonly", (s) => s.get(id));
    const put = (item) => store("readwrite", (s) => s.put(item));
    const remove = async (id) => { await store("readwrite", (s) => s.delete(id)); onChange(); };

    function retryDelay(attempts, response) {
      const asked = C.retryAfterMs(response);
      if (asked) return asked;
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 6));
      return backoff / 2 + Math.random() * (backoff / 2);
    }

    /** Queue an action; sent at once when online. Resolves to the stored item (with its id). */
    async function add(action) {
      const item = Object.assign({
        method: "POST", body: {}, photos: [], photoField: null, label: "", detail: "",
      }, action, {
        id: action.id || C.newKey(), createdAt: new Date().toISOString(), attempts: 0, nextAt: 0, state: "waiting",
      });
      await put(item);
      onChange();
      return item;
    }
    /** Add, then try to send now: "ok", "queued" (offline or to retry) or the refused item (attention). */
    async function send(action) {
      const item = await add(action);
      if (!global.navigator.onLine) return { outcome: "queued", item };
      await drain();
      const after = await get(item.id);
      if (!after) return { outcome: "ok", item };
      if (after.state === "attention") return { outcome: "attention", item: after };
      return { outcome: "queued", item: after };
    }

    function drain() {
      if (!draining) draining = drainOnce().finally(() => { draining = null; });
      return draining;
    }
    async function drainOnce() {
      if (!ready()) return;
      for (const item of await all()) {
        if (!global.navigator.onLine) break;
        if (item.state === "attention" || item.nextAt > Date.now()) continue;
        await sendItem(item);
      }
      onChange();
      schedule();
    }
    async function schedule() {
      clearTimeout(timer);
      const waiting = (await all()).filter((i) => i.state !== "attention");
      if (!waiting.length) return;
      const next = Math.min(...waiting.map((i) => i.nextAt || 0));
      timer = setTimeout(drain, Math.max(500, next - Date.now()));
    }
    async function sendItem(item) {
      try {
        // Photos first, each with a key derived from the action's: a retry never uploads twice.
        for (let i = 0; i < item.photos.length; i++) {
          const photo = item.photos[i];
          if (photo.ref) continue;
          const response = await options.upload(photo.blob, photo.name, `${item.id}.photo.${i}`);
          const outcome = verdict(response);
          if (outcome !== "ok") return settle(item, outcome, response, item.photoField || "photos");
          photo.ref = (await response.json())[photoRef];
          await put(item);
        }
        const body = Object.assign({}, item.body);
        if (item.photoField) body[item.photoField] = item.photos.map((p) => p.ref);
        const response = await options.request(item.path, { method: item.method, json: body, key: item.id });
        return settle(item, verdict(response), response);
      } catch (error) {
        if (!(error instanceof C.NetworkError)) throw error;
        return settle(item, "retry", null);
      }
    }
    async function settle(item, outcome, response, field) {
      if (outcome === "ok") {
        await store("readwrite", (s) => s.delete(item.id));
        if (options.onSent) {
          let answer = null;
          try { answer = await response.json(); } catch (error) { /* no body */ }
          options.onSent(item, answer);
        }
        return "ok";
      }
      item.attempts += 1;
      if (outcome === "retry") {
        item.state = "retry";
        item.nextAt = Date.now() + retryDelay(item.attempts, response);
        item.lastError = response ? `HTTP ${response.status}` : "network";
      } else {
        item.state = "attention";
        const problem = await C.problemOf(response);
        if (field && !(problem.errors && problem.errors.length)) problem.errors = [{ field, message: problem.detail || problem.title }];
        item.problem = problem;
      }
      await put(item);
      return outcome;
    }
    /** Every item waiting to retry goes now. */
    async function retryNow() {
      for (const item of await all()) {
        if (item.state === "retry") { item.nextAt = 0; await put(item); }
      }
      return drain();
    }
    /** Forget everything queued (signing out: the actions are the signed-in person's). */
    async function clear() {
      await store("readwrite", (s) => s.clear());
      onChange();
    }

    global.addEventListener("online", () => drain());
    global.document.addEventListener("visibilitychange", () => { if (!global.document.hidden) drain(); });
    return Object.freeze({ add, send, drain, all, get, remove, retryNow, clear });
  }

  global.ChuishaoOutbox = Outbox;
  global.ChuishaoOutbox.verdict = verdict;
})(window);
