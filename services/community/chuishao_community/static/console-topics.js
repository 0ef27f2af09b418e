// 社区工作台, 议事 (four parties, five steps): the topics by step, and each topic's five screens — collect
// (the evidence; set the topic), set (the participants per party; hold a meeting), deliberate (meetings
// with attendance per party and the party missing for quorum, votes, minutes to print, decisions),
// implement (actions: a case filed through intake, a need, a task; progress only from what happened)
// and review — with the topic's whole timeline. The step is never chosen here: it follows the API.
(function () {
  "use strict";
  const K = window.CommunityConsole;
  const { h, w } = K;
  const STEPS = ["collect", "topic", "deliberate", "implement", "review"];
  const PARTIES = ["committee", "party_member", "resident", "stakeholder"];
  const stepWord = (s) => w[`step_${s}`] || s;
  const party = (p) => w[`party_${p}`] || p;
  const names = (text) => text.split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean);
  const person = (p, who) => (who.startsWith("@") ? { party: p, person: who.slice(1) } : { party: p, name: who });
  const label = (p) => p.name || p.person;
  const pct = (x) => `${Math.round((x || 0) * 100)}%`;
  const topicState = { step: "" };

  K.screens.topics = async function () {
    const page = await K.api("GET", "/v1/topics?limit=200");
    const count = (s) => page.items.filter((t) => t.step === s).length;
    const shown = page.items.filter((t) => !topicState.step || t.step === topicState.step);
    const tabs = [["", w.all, page.items.length], ...[...STEPS, "closed"].map((s) => [s, stepWord(s), count(s)])];
    const card = (t) => h("article", { class: "card", dataset: { topicId: t.id } }, h("a", { class: "card-main", href: `#/topic/${t.id}` },
      h("div", { class: "line" }, h("b", { class: "cat" }, t.title), K.badge(stepWord(t.step), t.step === "closed" ? "green" : "blue", `step-${t.step}`),
        t.origin && t.origin !== "staff" ? h("span", { class: "sev" }, w[`origin_${t.origin}`] || t.origin) : null),
      h("p", { class: "desc" }, t.question)),
    h("div", { class: "card-side" }, h("div", { class: "progress small" }, h("span", { dataset: { share: t.progress } })), h("small", { class: "muted" }, pct(t.progress))));
    const title = K.input("title", { required: true }), question = h("textarea", { name: "question", rows: 2, required: true });
    const evidence = K.input("evidence", { placeholder: w.evidence_hint });
    const form = K.form("new-topic", w.new_topic, [h("div", { class: "grid2" }, K.field(w.f_title, title), K.field(w.evidence, evidence)),
      K.field(w.question, question)], async () => {
      const ev = names(evidence.value).map((e) => { const [type, ...id] = e.split(":"); return { type, id: id.join(":") }; });
      const t = await K.api("POST", "/v1/topics", { title: title.value, question: question.value, community: K.me.community, evidence: ev });
      K.say(w.done_ok, "ok");
      location.hash = `#/topic/${t.id}/collect`;
    }, w.collect);
    const section = h("section", {}, h("div", { class: "bar" }, h("h2", {}, w.nav_topics, h("span", { class: "n" }, page.items.length))),
      K.tabs(tabs, topicState.step, (key) => { topicState.step = key; K.render(); }), form,
      h("div", { class: "cards" }, shown.length ? shown.map(card) : K.empty()));
    widths(section);
    return section;
  };
  function widths(root) {
    root.querySelectorAll(".progress span").forEach((s) => { s.style.width = `${Math.round(Number(s.dataset.share || 0) * 100)}%`; });
  }

  // The printable minutes need the staff's token: fetched, then opened from a blob in a new tab.
  function minutesButton(t, m) {
    return h("button", { type: "button", class: "btn", dataset: { action: "minutes" }, onclick: async () => {
      const win = window.open("", "_blank");
      try {
        const r = await K.C.request(`/v1/topics/${t.id}/meetings/${m.id}/minutes`, { token: K.token });
        if (!r.ok) throw new K.C.ApiError(r.status, await K.C.problemOf(r));
        const url = URL.createObjectURL(new Blob([await r.text()], { type: "text/html" }));
        if (win) win.location = url; else location.assign(url);
      } catch (e) {
        if (win) win.close();
        K.say(K.plain(e), "error");
      }
    } }, w.print_minutes);
  }

  const post = (t, tail, body) => K.api("POST", `/v1/topics/${encodeURIComponent(t.id)}/${tail}`, body);
  const go = (t, step) => { K.say(w.done_ok, "ok"); const target = `#/topic/${t.id}/${step}`; if (location.hash === target) K.render(); else location.hash = target; };

  // -------------------------------------------------------------------- the five screens
  const screen = {
    collect(t) {
      const ev = h("ul", { class: "plain evidence" }, t.evidence.map((e) => h("li", {}, h("span", { class: "sev" }, w[`ev_${e.type}`] || e.type), ` ${e.id}`)));
      const parts = [h("dl", {}, h("dt", {}, w.question), h("dd", {}, t.question), h("dt", {}, w.origin),
        h("dd", {}, w[`origin_${t.origin}`] || t.origin), h("dt", {}, w.evidence), h("dd", {}, t.evidence.length ? ev : "—"))];
      if (t.step !== "collect") return parts;
      const question = h("textarea", { name: "question", rows: 2 }, t.question);
      const boxes = PARTIES.map((p) => K.field(party(p), K.input(`participants-${p}`, { placeholder: w.names_hint, dataset: { party: p } })));
      parts.push(K.form("set", w.set_topic, [K.field(w.question, question), h("p", { class: "muted small" }, w.participants_hint),
        h("div", { class: "grid2" }, boxes)], async () => {
        const participants = PARTIES.flatMap((p) => names(boxes[PARTIES.indexOf(p)].querySelector("input").value).map((who) => person(p, who)));
        const updated = await post(t, "set", { question: question.value, participants });
        go(updated, "topic");
      }, w.set_topic));
      return parts;
    },
    topic(t) {
      const parts = [h("div", { class: "parties" }, PARTIES.map((p) => h("div", { class: "party-box" }, h("h4", {}, party(p)),
        h("p", {}, t.participants.filter((x) => x.party === p).map(label).join("、") || "—"))))];
      if (["topic", "deliberate"].includes(t.step)) parts.push(meetingForm(t));
      return parts;
    },
    deliberate(t) {
      const quorate = t.meetings.filter((m) => m.quorate);
      const meeting = (m) => h("article", { class: `panel meeting${m.quorate ? " quorate" : " not-quorate"}`, dataset: { meetingId: m.id } },
        h("div", { class: "line" }, h("b", {}, `${K.when(m.at)} · ${m.place}`),
          m.quorate ? K.badge(w.quorate, "green", "quorum") : K.badge(w.not_quorate, "red", "quorum"), minutesButton(t, m)),
        m.quorate ? null : h("p", { class: "missing" }, K.fill(w.missing_parties, { parties: m.missing.map(party).join("、") })),
        h("table", { class: "list compact" }, h("tbody", {}, PARTIES.map((p) => h("tr", { class: m.missing.includes(p) ? "absent" : "" },
          h("td", {}, party(p)), h("td", { class: "num" }, m.present[p] || 0),
          h("td", {}, m.attendance.filter((x) => x.party === p).map(label).join("、") || w.absent))))),
        h("p", { class: "muted small" }, `${w.agenda}: ${m.agenda.join("；")}`),
        m.options.length ? h("p", { class: "small" }, `${w.votes}: ${m.options.map((o) => `${o.option} ${o.votes}`).join("；")}`) : null);
      const parts = [t.meetings.length ? t.meetings.map(meeting) : K.empty(w.no_meetings)];
      if (t.decisions.length) parts.push(h("h3", {}, w.decisions), decisionsTable(t));
      if (t.step === "deliberate" || t.step === "implement") {
        if (quorate.length) parts.push(decisionForm(t, quorate));
        else parts.push(h("p", { class: "missing" }, w.why_no_quorate_meeting));
        if (t.step === "deliberate") parts.push(meetingForm(t));
      }
      if (t.decisions.length && t.step === "deliberate") parts.push(h("a", { class: "btn primary", href: `#/topic/${t.id}/implement`, dataset: { action: "to-implement" } }, `${stepWord("implement")} →`));
      return parts;
    },
    implement(t) {
      const parts = [h("div", { class: "topic-progress" }, h("b", {}, `${w.progress} ${pct(t.progress)}`),
        h("div", { class: "progress" }, h("span", { dataset: { share: t.progress } })), h("small", { class: "muted" }, w.progress_rule))];
      const action = (a) => h("tr", { class: `action ac-${a.status}${a.overdue ? " overdue" : ""}`, dataset: { actionId: a.id } },
        h("td", {}, h("span", { class: "sev" }, w[`ak_${a.kind}`])), h("td", {}, actionWhat(a, t)), h("td", {}, a.owner),
        h("td", {}, K.day(a.due)), h("td", {}, K.badge(a.status === "done" ? w.action_done : a.overdue ? w.overdue : w.action_open,
          a.status === "done" ? "green" : a.overdue ? "red" : "blue")),
        h("td", { class: "row-actions" }, a.kind === "task" && a.status !== "done" && t.step === "implement"
          ? K.action(w.mark_done, "task-done", async () => {
            const u = await post(t, `actions/${a.id}/done`, {});
            if (u.step !== t.step) location.hash = `#/topic/${t.id}/${u.step === "closed" ? "review" : u.step}`;
          }, true) : null));
      parts.push(t.actions.length ? h("table", { class: "list actions-table" }, h("thead", {}, h("tr", {},
        [w.kind, w.what, w.owner, w.due, w.status, ""].map((x) => h("th", {}, x)))), h("tbody", {}, t.actions.map(action))) : K.empty(w.no_actions));
      if (t.decisions.length && ["deliberate", "implement"].includes(t.step)) parts.push(actionForm(t));
      return parts;
    },
    review(t) {
      if (t.review) {
        return [h("dl", { class: "review" }, h("dt", {}, w.result), h("dd", {}, w[`result_${t.review.result}`] || t.review.result),
          h("dt", {}, w.f_satisfaction), h("dd", {}, t.review.satisfaction ? w[`sat_${t.review.satisfaction}`] : "—"),
          h("dt", {}, w.f_note), h("dd", {}, t.review.note || "—"), h("dt", {}, w.closed), h("dd", {}, K.when(t.closed_at)))];
      }
      const result = h("select", { name: "result" }, ["resolved", "partly", "not"].map((r) => h("option", { value: r }, w[`result_${r}`])));
      const sat = h("select", { name: "satisfaction" }, h("option", { value: "" }, "—"),
        ["satisfied", "basically_satisfied", "unsatisfied"].map((s) => h("option", { value: s }, w[`sat_${s}`])));
      const note = h("textarea", { name: "note", rows: 2 });
      return [h("p", {}, `${w.progress} ${pct(t.progress)} · ${K.fill(w.actions_done, { n: t.actions.filter((a) => a.status === "done").length, of: t.actions.length })}`),
        K.form("review", w.review, [h("div", { class: "grid2" }, K.field(w.result, result), K.field(w.f_satisfaction, sat)), K.field(w.f_note, note)],
          async () => { const u = await post(t, "review", { result: result.value, satisfaction: sat.value || null, note: note.value }); go(u, "review"); }, w.review)];
    },
  };

  function actionWhat(a, t) {
    const d = a.detail || {};
    const decided = (t.decisions.find((x) => x.id === a.decision_id) || {}).decision || "";
    const what = a.kind === "case" ? `${d.category || ""} · ${d.description || ""}` : a.kind === "need" ? (d.title || (d.need && d.need.title) || "") : d.description || decided;
    const link = a.case_id ? ` · ${w.case} ${a.case_id}` : a.report_id ? ` · ${w.report} ${a.report_id}` : a.need_id ? "" : "";
    return h("span", {}, what, link, a.need_id ? h("a", { href: `#/need/${a.need_id}` }, ` · ${w.need}`) : null);
  }

  function decisionsTable(t) {
    return h("table", { class: "list compact decisions" }, h("thead", {}, h("tr", {}, [w.item, w.decision, w.owner, w.due, w.review_at, w.dissent].map((x) => h("th", {}, x)))),
      h("tbody", {}, t.decisions.map((d) => h("tr", {}, h("td", {}, d.item), h("td", {}, d.decision), h("td", {}, d.owner),
        h("td", {}, K.day(d.due)), h("td", {}, K.day(d.review_at)), h("td", {}, d.dissent || "—")))));
  }

  function meetingForm(t) {
    const at = h("input", { type: "datetime-local", name: "at", value: K.local(new Date()) });
    const place = K.input("place", { required: true, value: w.default_place });
    const agenda = h("textarea", { name: "agenda", rows: 2, required: true }, t.title);
    const boxes = PARTIES.map((p) => {
      const invited = t.participants.filter((x) => x.party === p);
      return h("fieldset", { class: "party-box", dataset: { party: p } }, h("legend", {}, party(p)),
        invited.map((x) => h("label", { class: "check" }, h("input", { type: "checkbox", name: `present-${p}`, value: JSON.stringify(x), checked: true }), label(x))),
        K.input(`extra-${p}`, { placeholder: w.others_present }));
    });
    const options = K.input("options", { placeholder: w.options_hint });
    return K.form("meeting", w.hold_meeting, [h("div", { class: "grid3" }, K.field(w.when, at), K.field(w.place, place), K.field(w.votes, options)),
      K.field(w.agenda, agenda), h("p", { class: "muted small" }, w.attendance_hint), h("div", { class: "parties" }, boxes)], async () => {
      const attendance = boxes.flatMap((box) => {
        const p = box.dataset.party;
        const ticked = [...box.querySelectorAll("input[type=checkbox]:checked")].map((i) => JSON.parse(i.value));
        return [...ticked, ...names(box.querySelector("input[type=text]").value).map((who) => person(p, who))];
      });
      const opts = names(options.value).map((o) => { const m = /^(.*?)[:：]\s*(\d+)$/.exec(o); return m ? { option: m[1], votes: Number(m[2]) } : { option: o, votes: 0 }; });
      const held = await post(t, "meetings", { at: K.iso(at.value), place: place.value, agenda: agenda.value.split("\n").map((s) => s.trim()).filter(Boolean),
        attendance, options: opts });
      go(t, "deliberate");
      if (!held.quorate) K.say(K.fill(w.missing_parties, { parties: held.missing.map(party).join("、") }), "error");
    }, w.record_meeting);
  }

  function decisionForm(t, quorate) {
    const item = K.input("item", { required: true, value: (quorate[quorate.length - 1].agenda || [""])[0] });
    const decision = h("textarea", { name: "decision", rows: 2, required: true });
    const owner = K.input("owner", { required: true });
    const due = h("input", { type: "date", name: "due", value: new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10) });
    const review = h("input", { type: "date", name: "review_at" });
    const dissent = K.input("dissent");
    const meeting = h("select", { name: "meeting" }, quorate.slice().reverse().map((m) => h("option", { value: m.id }, `${K.when(m.at)} · ${m.place}`)));
    return K.form("decision", w.new_decision, [h("div", { class: "grid3" }, K.field(w.item, item), K.field(w.owner, owner), K.field(w.meeting, meeting),
      K.field(w.due, due), K.field(w.review_at, review), K.field(w.dissent, dissent)), K.field(w.decision, decision)], async () => {
      const u = await post(t, "decisions", { item: item.value, decision: decision.value, owner: owner.value, due: K.iso(`${due.value}T18:00`),
        review_at: review.value ? K.iso(`${review.value}T18:00`) : null, dissent: dissent.value, meeting: meeting.value });
      go(u, "deliberate");
    }, w.record_decision);
  }

  function actionForm(t) {
    const kind = h("select", { name: "kind" }, ["task", "case", "need"].map((k) => h("option", { value: k }, w[`ak_${k}`])));
    const decision = h("select", { name: "decision" }, t.decisions.slice().reverse().map((d) => h("option", { value: d.id }, d.item)));
    const owner = K.input("owner", { value: t.decisions.length ? t.decisions[t.decisions.length - 1].owner : "" });
    const due = h("input", { type: "date", name: "due", value: new Date(Date.now() + 14 * 86400e3).toISOString().slice(0, 10) });
    const category = K.input("category", { placeholder: w.category_hint }), grid = K.input("grid", { placeholder: w.f_grid });
    const description = h("textarea", { name: "description", rows: 2 });
    const resident = K.input("resident_name", { placeholder: w.resident_name });
    const about = K.field(w.f_description, description);
    const byKind = { task: [K.field(w.owner, owner), K.field(w.due, due)], case: [K.field(w.f_category, category), K.field(w.f_grid, grid), about],
      need: [K.field(w.f_grid, grid), K.field(w.resident_name, resident), K.field(w.due, due), about] };
    const extra = h("div", { class: "grid3" });
    const draw = () => extra.replaceChildren(K.field(w.decision, decision), ...byKind[kind.value]);
    kind.addEventListener("change", draw);
    draw();
    return K.form("action", w.new_action, [h("div", { class: "grid3" }, K.field(w.kind, kind)), extra], async () => {
      const body = { kind: kind.value, decision: decision.value };
      if (kind.value === "task") Object.assign(body, { owner: owner.value, due: K.iso(`${due.value}T18:00`) });
      if (kind.value === "case") Object.assign(body, { category: category.value, grid: grid.value, description: description.value });
      if (kind.value === "need") {
        body.need = { kind: [...K.kinds.keys()][0] || "wish", title: description.value.slice(0, 100) || t.title, description: description.value,
          grid: grid.value, resident: { name: resident.value || w.resident }, wanted_by: K.iso(`${due.value}T18:00`) };
      }
      const u = await post(t, "actions", body);
      go(u, "implement");
    }, w.split_action);
  }

  function timeline(t) {
    const say = (e) => {
      if (e.type === "topic.moved") return K.fill(w.ev_moved, { to: stepWord(e.to_step) });
      return w[`tl_${e.type.replace(".", "_")}`] || K.V.event(e.type, K.lang);
    };
    return h("ol", { class: "timeline" }, t.timeline.slice().reverse().map((e) => h("li", { dataset: { type: e.type } },
      h("small", { class: "muted" }, K.when(e.at)), " ", h("b", {}, say(e)),
      e.quorate === false ? h("span", { class: "why" }, ` ${w.not_quorate}`) : null)));
  }

  let poll = null;
  K.screens.topic = async function (id, asked) {
    clearTimeout(poll);
    const t = await K.api("GET", `/v1/topics/${encodeURIComponent(id)}`);
    const current = t.step === "closed" ? "review" : t.step;
    const shown = STEPS.includes(asked) ? asked : current;
    const reached = STEPS.indexOf(current);
    const stepper = h("ol", { class: "stepper" }, STEPS.map((s, i) => h("li", { class: `${i < reached || t.step === "closed" ? "past" : ""}${s === current ? " current" : ""}${s === shown ? " shown" : ""}` },
      h("a", { href: `#/topic/${t.id}/${s}`, dataset: { step: s } }, h("span", { class: "n" }, i + 1), stepWord(s)))));
    const section = h("section", { class: "topic", dataset: { topicId: t.id, step: t.step, screen: shown } },
      h("a", { class: "back", href: "#/topics" }, `← ${w.nav_topics}`),
      h("div", { class: "case-head" }, h("div", {}, h("h2", {}, t.title), K.badge(stepWord(t.step), t.step === "closed" ? "green" : "blue", "topic-step"))),
      stepper,
      h("div", { class: "grid2 wide-left" }, h("div", { class: "panel step-screen", dataset: { screen: shown } }, h("h3", {}, stepWord(shown)), screen[shown](t)),
        h("div", { class: "panel" }, h("h3", {}, w.timeline), timeline(t))));
    widths(section);
    // Live progress: an implementing topic is read again every 10 s while no form is being filled in.
    if (t.step === "implement") {
      poll = setTimeout(() => {
        const r = K.route();
        if (r.name === "topic" && r.args[0] === t.id && !document.activeElement.closest("form")) K.render();
      }, 10000);
    }
    return section;
  };
})();
