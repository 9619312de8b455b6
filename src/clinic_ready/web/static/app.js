// clinic-ready in a browser: the screens (start, question, urgent, review, summary) over the Python
// engine that runs in worker.js.  Every word shown after loading comes from the engine, in the
// person's language; every decision (which question is next, what an answer means, what is urgent,
// the report) is the engine's.  The page keeps a draft in this browser's localStorage, and only there.

const KEY = "clinic-ready:";
const CHECKLISTS = ["ketamine-clinic", "ketamine-clinic-self-audit"];
const params = new URLSearchParams(location.search);
const timings = { start: performance.now() };
const $ = (sel, root = document) => root.querySelector(sel);

let lang = ["en", "es"].includes(params.get("lang")) ? params.get("lang") : (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en";
let checklist = CHECKLISTS.includes(params.get("checklist")) ? params.get("checklist") : CHECKLISTS[0];
const paper = /^(en-us|en-ca|es-us|fr-ca)$/i.test(navigator.language || "") ? "letter" : "a4";

let S = null;             // the engine's state (bridge.Page.state)
let current = null;       // the question on screen
let reviewing = false;    // answering from the review screen
let note = "";            // a calm note to show with the next question (an answer opened more)

// ---------------------------------------------------------------- the loading screen, at once
document.documentElement.lang = lang;
for (const el of document.querySelectorAll("#loading [data-lang]")) el.hidden = el.dataset.lang !== lang;
const bar = $("#load-bar");
const status = $("#load-status");
const LOADING = { en: ["Starting the engine", "Unpacking the questionnaire", "Almost ready"],
                  es: ["Iniciando el motor", "Preparando el cuestionario", "Casi listo"] };
status.textContent = LOADING[lang][0] + "…";

// ---------------------------------------------------------------- the engine (worker.js)
const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
let seq = 0;
const waiting = new Map();
worker.onmessage = (event) => {
  const m = event.data;
  if (m.progress) {
    const { step, of, what, ms } = m.progress;
    (timings.boot = timings.boot || []).push(`${what} ${step}/${of} at ${ms} ms`);
    bar.value = Math.max(5, Math.round((100 * step) / of));
    const words = LOADING[lang][step === 1 ? 0 : step < of ? 1 : 2];
    status.textContent = `${words}… (${bar.value}%)`;
    return;
  }
  const w = waiting.get(m.id);
  waiting.delete(m.id);
  if (!w) return;
  if (m.failed) w.reject(new Error(m.failed));
  else if ("reply" in m) {
    const r = JSON.parse(m.reply);
    if ("error" in r) w.reject(new Error(r.error));
    else w.resolve(r.value);
  } else w.resolve(m.value);
};
function send(request) {
  return new Promise((resolve, reject) => {
    const id = ++seq;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, request });
  });
}
const py = (method, ...args) => send(JSON.stringify({ method, args }));
const engineReady = send(null);
window.clinicReady = { py, ready: engineReady, timings, state: () => S, restart: (id, l) => switchTo(id, l) };

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("sw.js", { scope: "./" }).catch(() => {});
}

// ---------------------------------------------------------------- small helpers
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
const t = (key) => S.ui[key];
function say(text) { const a = $("#announce"); a.textContent = ""; setTimeout(() => { a.textContent = text; }, 50); }
function show(...nodes) {
  const screen = $("#screen");
  screen.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  screen.hidden = false;
  $("#loading").hidden = true;
}
function focusFirst(selector) {
  const target = $(selector, $("#screen"));
  if (target) target.focus();
}
function today() { return new Date().toISOString().slice(0, 10); }
function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------- the draft (this browser only)
const draftKey = () => `${KEY}draft:${checklist}`;
function loadDraft() {
  try { return JSON.parse(localStorage.getItem(draftKey()) || "null"); } catch { return null; }
}
async function saveDraft() {
  const draft = await py("draft");
  try {
    localStorage.setItem(draftKey(), JSON.stringify({ v: 1, checklist, lang, current, saved: new Date().toISOString(), draft }));
  } catch { /* storage full or refused: the run goes on */ }
}
function forgetAll() {
  for (const store of [localStorage, sessionStorage]) {
    for (const k of Object.keys(store)) if (k.startsWith(KEY)) store.removeItem(k);
  }
}

// ---------------------------------------------------------------- frame: header tools and footer
function frame() {
  const tools = $("#tools");
  tools.replaceChildren(
    el("span", { class: "meta", text: t("privacy_short") }),
    el("button", { type: "button", id: "forget", onclick: onForget }, t("forget")),
  );
  tools.hidden = false;
  $(".skip").textContent = t("skip_link");
  const foot = $("#footer");
  foot.replaceChildren(
    el("section", { class: "crisis", "aria-labelledby": "crisis-h" },
      el("h2", { id: "crisis-h", text: S.crisis_heading }),
      el("ul", { class: "crisis-list" }, S.crisis.map(([who, how]) => el("li", {}, el("strong", { text: `${who}: ` }), how)))),
    el("p", { class: "meta", text: S.notice }),
    el("p", { class: "meta", text: t("privacy") }),
  );
}
async function onForget() {
  if (!confirm(t("forget_confirm"))) return;
  forgetAll();
  S = await py("open", checklist, lang, paper);
  start(t("forget_done"));
}

// ---------------------------------------------------------------- start
function start(message = "") {
  frame();
  const draft = loadDraft();
  const who = S.respondent;
  const form = el("form", { id: "start-form", onsubmit: (e) => { e.preventDefault(); begin(false); } },
    el("label", { class: "select", for: "lang" }, t("language")),
    el("select", { id: "lang", onchange: (e) => switchTo(checklist, e.target.value) },
      el("option", { value: "en", lang: "en", selected: lang === "en" }, "English"),
      el("option", { value: "es", lang: "es", selected: lang === "es" }, "Español")),
    el("fieldset", { id: "checklist" },
      el("legend", { text: t("checklist") }),
      CHECKLISTS.map((id) => el("label", { class: "choice" },
        el("input", { type: "radio", name: "checklist", value: id, checked: id === checklist, onchange: () => switchTo(id, lang) }),
        t(`checklist_${id}`)))),
    el("fieldset", { id: "who" },
      el("legend", { text: t("who_question") }),
      el("label", { class: "choice" }, el("input", { type: "radio", name: "who", value: "patient", checked: who !== "supporter" }), t("who_patient")),
      el("label", { class: "choice" }, el("input", { type: "radio", name: "who", value: "supporter", checked: who === "supporter" }), t("who_supporter"))),
    el("p", { id: "range", text: S.range || "" }),
    el("div", { class: "row" },
      el("button", { type: "submit", class: "primary", id: "begin" }, t("start")),
      draft ? el("button", { type: "button", id: "resume", onclick: () => begin(true) }, t("continue_draft")) : null),
  );
  const file = el("input", { type: "file", id: "answers-file", "aria-labelledby": "file-h", accept: ".yaml,.yml,.json,application/json,text/yaml", onchange: openFile,
    "aria-describedby": "file-hint" });
  show(
    el("h1", { tabindex: "-1", id: "title", text: S.checklist.title }),
    message ? el("p", { class: "note", role: "status", text: message }) : null,
    el("p", { text: S.checklist.intro }),
    S.checklist.balance ? el("p", { text: S.checklist.balance }) : null,
    el("p", { class: "meta", text: S.checklist.currency }),
    form,
    el("h2", { id: "file-h", text: t("open_file") }),
    el("p", { class: "meta", id: "file-hint", text: t("open_file_hint") }),
    file,
    el("div", { id: "file-result" }),
  );
  focusFirst("#title");
  if (!S.range) {
    const shown = S;
    py("question_range").then((text) => {
      shown.range = text;
      const where = $("#range");
      if (where && S === shown) where.textContent = text;
    }).catch(() => {});
  }
}
async function switchTo(id, newLang) {
  checklist = id;
  lang = newLang;
  const url = new URL(location.href);
  url.searchParams.set("lang", lang);
  url.searchParams.set("checklist", checklist);
  history.replaceState(null, "", url);
  S = await py("open", checklist, lang, paper);
  document.documentElement.lang = lang;
  start();
}
async function begin(resume) {
  const who = ($("input[name=who]:checked") || {}).value || "patient";
  if (resume) {
    const kept = loadDraft();
    S = await py("restore", kept.draft);
    current = S.next;  // as the terminal resumes: at the first question without an answer
  } else {
    S = await py("set_respondent", who);
    current = S.next;
  }
  reviewing = false;
  if (S.respondent === "supporter") note = t("supporter_note");
  current ? question(current) : review();
}
async function openFile(event) {
  const f = event.target.files[0];
  if (!f) return;
  const text = await f.text();
  const r = await py("load_text", text, f.name);
  const box = $("#file-result");
  if (!r.ok) {
    box.replaceChildren(el("div", { class: "error", role: "alert" }, el("p", { text: t("file_problems") }),
      el("ul", {}, r.problems.map((p) => el("li", { text: p })))));
    return;
  }
  S = r;
  note = [r.loaded, ...r.warnings].join(" ");
  await saveDraft();
  current = S.next;
  current ? question(current) : review();
}

// ---------------------------------------------------------------- one question
function question(qid) {
  const q = S.questions.find((x) => x.id === qid);
  if (!q) { current = S.next; return current ? question(current) : review(); }
  current = qid;
  const a = q.answer;
  const inputs = [];
  const described = "err" + (q.help ? " why-text" : "");
  if (q.type === "yes_no") {
    for (const [value, label] of [["yes", t("yes")], ["no", t("no")]]) {
      inputs.push(el("label", { class: "choice" },
        el("input", { type: "radio", name: "v", value, checked: a && a.state === "answered" && a.value === value }), label));
    }
  } else if (q.type === "choice" || q.type === "multi_choice") {
    const multi = q.type === "multi_choice";
    if (multi) inputs.push(el("p", { class: "meta", id: "multi-hint", text: t("choose_all") }));
    for (const c of q.choices) {
      const chosen = a && a.state === "answered" && (multi ? (a.value || []).includes(c.value) : a.value === c.value);
      inputs.push(el("label", { class: "choice" }, el("input", { type: multi ? "checkbox" : "radio", name: "v", value: c.value, checked: chosen }), c.label));
    }
  } else {
    const number = q.type === "number";
    inputs.push(el("input", { type: "text", inputmode: number ? "decimal" : null, id: "v", name: "v", autocomplete: "off",
      "aria-labelledby": "prompt" + (number && q.unit ? " unit" : ""), value: a && a.state === "answered" ? String(a.value) : "",
      "aria-describedby": "err" }));
    if (number && q.unit) inputs.push(el("span", { id: "unit", class: "meta", text: ` ${q.unit}` }));
  }
  const sectionChanged = !S._lastSection || S._lastSection !== q.section_id;
  S._lastSection = q.section_id;
  const form = el("form", { id: "qform", "data-qid": q.id, novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(q); } },
    el("fieldset", { "aria-describedby": described },
      el("legend", {}, el("span", { class: "meta", id: "progress", style: "display:block;font-size:0.95rem;font-weight:400" },
        `${q.progress} · ${q.section_title}`), el("span", { id: "prompt", text: q.prompt })),
      q.hint ? el("p", { class: "meta", id: "hint", text: q.hint }) : null,
      q.skip_means ? el("p", { class: "meta", text: t("skip_means").replace("{answer}", q.skip_means) })
        : q.required ? null : el("p", { class: "meta", text: t("optional") }),
      inputs,
      el("p", { id: "err", class: "error", role: "alert", hidden: true })),
    a ? el("p", { class: "meta", id: "current", text: `${t("current_answer")} ${a.words}` }) : null,
    q.help ? el("details", { id: "why" }, el("summary", { text: t("why") }), el("p", { id: "why-text", text: q.help }),
      q.sources.length ? el("p", { class: "meta" }, `${t("sources")}: `, q.sources.join(" ")) : null) : null,
    el("div", { class: "row" },
      el("button", { type: "submit", class: "primary", id: "next" }, t("next")),
      el("button", { type: "button", id: "back", onclick: () => goBack(q) }, t("back")),
      q.required && !q.skip_means ? null : el("button", { type: "button", id: "skip", onclick: () => send_(q, "skip") }, t("skip"))),
    el("div", { class: "row special", role: "group", "aria-label": t("cannot_answer") },
      el("button", { type: "button", id: "unsure", onclick: () => send_(q, "unsure") }, t("unsure")),
      el("button", { type: "button", id: "declined", onclick: () => send_(q, "declined") }, t("declined"))),
  );
  const heading = sectionChanged
    ? [el("h1", { id: "section-title", tabindex: "-1", text: q.section_title }), q.section_intro ? el("p", { text: q.section_intro }) : null]
    : [el("h1", { id: "section-title", tabindex: "-1", class: "sr-only", text: q.section_title })];
  const shownNote = note ? el("p", { class: "note", role: "status", id: "note", text: note }) : null;
  note = "";
  show(...heading, shownNote, form);
  if (!timings.firstQuestion) timings.firstQuestion = performance.now() - timings.start;
  timings.lastQuestion = performance.now();
  const first = $("#qform input:checked") || $("#qform input");
  (first || $("#next")).focus();
}
function valueOf(q) {
  if (q.type === "multi_choice") return [...document.querySelectorAll("#qform input[name=v]:checked")].map((i) => i.value);
  if (q.type === "yes_no" || q.type === "choice") { const c = $("#qform input[name=v]:checked"); return c ? c.value : null; }
  return $("#v").value;
}
function submit(q) {
  const value = valueOf(q);
  const empty = value === null || (typeof value === "string" && !value.trim()) || (Array.isArray(value) && value.length === 0 && q.type !== "multi_choice");
  if (empty) {
    if (q.answer) return py("next_after", q.id).then((n) => after(q, S, n));  // Enter keeps the answer
    if (!q.required || q.skip_means) return send_(q, "skip");  // Enter skips, as in the terminal
    return showError(t("answer_first"));
  }
  return send_(q, "value", value);
}
function showError(text) {
  const err = $("#err");
  err.textContent = text;
  err.hidden = false;
  for (const i of document.querySelectorAll("#qform input")) i.setAttribute("aria-invalid", "true");
  ($("#qform input") || $("#next")).focus();
}
async function send_(q, kind, value = null) {
  const r = await py("answer", q.id, kind, value);
  if (!r.ok) return showError(r.error);
  S = Object.assign(r, { _lastSection: S._lastSection });
  await saveDraft();
  if (r.opened) { note = r.opened; }
  if (r.urgent) return urgent(r.urgent, () => after(q, S, r.next));
  return after(q, S, r.next);
}
function after(q, state, next) {
  if (reviewing) next = state.next;  // from the review: only what a change opened, then the review again
  return next ? question(next) : review();
}
async function goBack(q) {
  const prev = await py("previous", q.id);
  if (prev === null) { note = t("first_question"); return question(q.id); }
  return question(prev);
}

// ---------------------------------------------------------------- the urgent interruption
function urgent(u, onContinue) {
  show(
    el("section", { class: "urgent", role: "alert", "aria-labelledby": "urgent-h" },
      el("h1", { id: "urgent-h", tabindex: "-1", text: u.heading }),
      u.concerns.map((c) => [el("h2", { text: c.title }), el("p", { text: c.action })]),
      u.supporter ? el("p", { text: u.supporter }) : null,
      el("h2", { text: u.what_now }),
      el("ul", {}, u.lines.map((line) => el("li", { text: line }))),
      el("p", { text: u.come_back })),
    el("div", { class: "row" },
      el("button", { type: "button", class: "primary", id: "continue", onclick: () => { S._lastSection = null; onContinue(); } }, t("continue_questions")),
      el("button", { type: "button", id: "stop", onclick: stopped }, t("stop_here"))),
  );
  focusFirst("#urgent-h");
}
function stopped() {
  show(el("h1", { tabindex: "-1", id: "stopped-h", text: S.crisis_heading }),
    el("ul", { class: "crisis-list" }, S.crisis.map(([who, how]) => el("li", {}, el("strong", { text: `${who}: ` }), how))),
    el("p", { class: "note", text: t("stopped") }),
    el("div", { class: "row" }, el("button", { type: "button", class: "primary", onclick: () => start() }, t("start_over"))));
  focusFirst("#stopped-h");
}

// ---------------------------------------------------------------- review
function review() {
  reviewing = true;
  const items = [];
  let list = null;
  let section = null;
  for (const q of S.questions) {
    if (q.section_id !== section) {
      section = q.section_id;
      list = el("ul", { class: "review-list" });
      items.push(el("h2", { text: q.section_title }), list);
    }
    list.append(el("li", {},
      el("span", { class: "q", text: `${q.number}. ${q.prompt}` }),
      el("span", { class: "a" }, q.answer ? q.answer.words : `— ${t("not_answered")}`,
        el("button", { type: "button", class: "link", "aria-label": `${t("change")}: ${q.number}. ${q.prompt}`,
          onclick: () => { S._lastSection = null; question(q.id); } }, t("change")))));
  }
  show(el("h1", { tabindex: "-1", id: "review-h", text: t("review") }),
    el("p", { class: "meta", text: t("review_hint") }),
    el("div", { class: "row" }, el("button", { type: "button", class: "primary", id: "to-summary", onclick: summary }, t("see_summary"))),
    items,
    el("div", { class: "row" }, el("button", { type: "button", class: "primary", id: "to-summary-end", onclick: summary }, t("see_summary"))));
  focusFirst("#review-h");
}

// ---------------------------------------------------------------- summary and downloads
async function summary() {
  const html = await py("output", "html");
  localStorage.removeItem(draftKey());  // the run is complete: as in the terminal, the draft goes
  const frameEl = el("iframe", { class: "report", id: "report", title: t("summary_frame"), sandbox: "allow-same-origin allow-modals" });
  frameEl.srcdoc = html;
  show(el("h1", { tabindex: "-1", id: "summary-h", text: t("summary") }),
    el("p", { class: "note", text: t("draft_removed") }),
    el("div", { class: "row" },
      el("button", { type: "button", class: "primary", id: "print", onclick: () => frameEl.contentWindow.print() }, t("print")),
      el("button", { type: "button", id: "dl-answers", onclick: async () => download(await py("output", "answers"), `clinic-ready-answers-${today()}.yaml`, "application/yaml") }, t("download_answers")),
      el("button", { type: "button", id: "dl-fhir", onclick: async () => download(await py("output", "fhir"), `clinic-ready-fhir-${today()}.json`, "application/fhir+json") }, t("download_fhir")),
      el("button", { type: "button", id: "dl-html", onclick: () => download(html, `clinic-ready-report-${today()}.html`, "text/html") }, t("download_report")),
      el("button", { type: "button", id: "again", onclick: async () => { S = await py("open", checklist, lang, paper); start(); } }, t("start_over"))),
    el("p", { class: "meta", text: t("no_pdf") }),
    frameEl);
  focusFirst("#summary-h");
}

// ---------------------------------------------------------------- go
(async () => {
  try {
    const info = await engineReady;
    timings.engine = info.ms;
    S = await py("open", checklist, lang, paper);
    timings.ready = performance.now() - timings.start;
    $("#loading").setAttribute("aria-busy", "false");
    start();
  } catch (error) {
    status.textContent = (lang === "es" ? "No se pudo iniciar el cuestionario: " : "The questionnaire could not start: ") + error.message;
    status.setAttribute("role", "alert");
  }
})();
