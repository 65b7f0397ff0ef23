// The course's countdown timer, drawn and counted in the browser: no round trip to the kernel per
// tick. It follows the rules of activities/timer/model.py (the reference, unit-tested there):
// a running timer is its end time (`ends_at`, Date.now() milliseconds), so it keeps time in a
// background tab, while the kernel is busy, or with no kernel at all (the static book).
// Python hears only about what people do: start, pause, resume, add a minute, reset, and the end
// (`status`, `left_ms`, `ends_at`, `finished`). Labels go into textContent only, never into HTML.
//
// Hooks for tests: `.lc-timer` has data-status (ready/running/paused/finished) and
// data-projector; `.lc-timer-digits` shows mm:ss and has data-left-ms; `.lc-timer-live` is the
// screen readers' announcement.

const MINUTE_MS = 60000;
const MAX_MS = 120 * MINUTE_MS;
const TICK_MS = 200;
const SYNCED = ["status", "left_ms", "ends_at", "label", "projector", "sound", "duration_ms"];

let uniqueId = 0;
let audio = null;

function secondsUp(ms) {
  return Math.max(0, Math.ceil(Math.trunc(ms) / 1000));
}

export function mmss(ms) {
  const seconds = secondsUp(ms);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

export function spoken(ms) {
  const total = secondsUp(ms);
  const minutes = Math.floor(total / 60), seconds = total % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (seconds || !minutes) parts.push(`${seconds} second${seconds === 1 ? "" : "s"}`);
  return parts.join(" ");
}

// The Countdown of model.py over the widget's traits.
function remaining(model, now) {
  const status = model.get("status");
  if (status === "running") return Math.max(0, Math.round(model.get("ends_at") - now));
  if (status === "finished") return 0;
  return model.get("left_ms");
}

// Models being changed: their views redraw once, after every trait of the change is set (a
// running status seen before its end time would look like a timer that has run out).
const changing = new WeakSet();

function change(model, values) {
  changing.add(model);
  try {
    for (const [key, value] of Object.entries(values)) if (key !== "status") model.set(key, value);
  } finally {
    changing.delete(model);
  }
  if ("status" in values) model.set("status", values.status);  // last: the views redraw now
  model.save_changes();
}

function beep() {
  if (!audio) return;
  const start = audio.currentTime;
  for (let i = 0; i < 3; i++) {
    const tone = audio.createOscillator(), gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.3, start + i * 0.4);
    gain.gain.setValueAtTime(0, start + i * 0.4 + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.4);
    tone.stop(start + i * 0.4 + 0.3);
  }
}

// Browsers only allow sound after a click: the audio context is made when the box is ticked.
function allowSound() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!audio && Context) audio = new Context();
  if (audio && audio.state === "suspended") audio.resume();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render({ model, el }) {
  const id = `lc-timer-${++uniqueId}-${Math.random().toString(36).slice(2, 8)}`;
  const root = element("div", "lc-timer");
  root.setAttribute("role", "group");
  const label = element("p", "lc-timer-label");
  label.id = `${id}-label`;
  root.setAttribute("aria-labelledby", label.id);
  const digits = element("div", "lc-timer-digits");
  digits.setAttribute("role", "timer");  // a timer region is not read out on every change
  digits.setAttribute("aria-labelledby", label.id);
  const ended = element("p", "lc-timer-end", "Time is up");
  const buttons = element("div", "lc-timer-buttons");
  const main = element("button", "lc-timer-main");
  const add = element("button", "lc-timer-add", "Add a minute");
  const reset = element("button", "lc-timer-reset", "Reset");
  for (const button of [main, add, reset]) {
    button.type = "button";
    buttons.append(button);
  }
  const soundRow = element("div", "lc-timer-sound");
  const sound = element("input");
  sound.type = "checkbox";
  sound.id = `${id}-sound`;
  const soundLabel = element("label", "", "Beep at the end");
  soundLabel.htmlFor = sound.id;
  soundRow.append(sound, soundLabel);
  const live = element("p", "lc-timer-live");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  root.append(label, digits, ended, buttons, soundRow, live);
  el.append(root);

  let lastSecond = null;
  const name = () => model.get("label") || "Timer";
  const say = (text) => { live.textContent = `${name()}: ${text}`; };

  function finish() {
    change(model, { status: "finished", left_ms: 0, finished: true });
    say("time is up.");
    if (model.get("sound")) beep();
  }

  function draw() {
    const now = Date.now();
    let status = model.get("status");
    const left = remaining(model, now);
    if (status === "running" && left === 0) {
      finish();
      status = "finished";
    }
    const second = secondsUp(left);
    if (status === "running" && lastSecond !== null && lastSecond > 60 && second <= 60 && second > 0) {
      say("one minute left.");
    }
    lastSecond = second;
    digits.textContent = mmss(left);
    digits.dataset.leftMs = String(left);
    root.dataset.status = status;
    root.dataset.projector = String(Boolean(model.get("projector")));
    root.classList.toggle("lc-timer--projector", Boolean(model.get("projector")));
    root.classList.toggle("lc-timer--finished", status === "finished");
    ended.hidden = status !== "finished";
    label.textContent = name();
    main.textContent = { running: "Pause", paused: "Resume" }[status] || "Start";
    main.disabled = status === "finished";
    add.disabled = remaining(model, now) + MINUTE_MS > MAX_MS && status !== "finished";
    sound.checked = Boolean(model.get("sound"));
  }

  main.addEventListener("click", () => {
    const now = Date.now();
    const status = model.get("status");
    if (status === "running") {
      const left = remaining(model, now);
      change(model, { status: "paused", left_ms: left });
      say(`paused with ${spoken(left)} left.`);
    } else if (status === "ready" || status === "paused") {
      const left = model.get("left_ms");
      change(model, { status: "running", ends_at: now + left, finished: false });
      say(`${status === "ready" ? "started" : "running again"}, ${spoken(left)} left.`);
    }
    draw();
  });
  add.addEventListener("click", () => {
    const now = Date.now();
    const status = model.get("status");
    if (status === "finished" || (status === "running" && remaining(model, now) === 0)) {
      change(model, { status: "running", left_ms: 0, ends_at: now + MINUTE_MS, finished: false });
    } else if (status === "running") {
      change(model, { ends_at: Math.min(model.get("ends_at") + MINUTE_MS, now + MAX_MS) });
    } else {
      change(model, { left_ms: Math.min(model.get("left_ms") + MINUTE_MS, MAX_MS) });
    }
    say(`one minute added, ${spoken(remaining(model, now))} left.`);
    draw();
  });
  reset.addEventListener("click", () => {
    const duration = model.get("duration_ms");
    change(model, { status: "ready", left_ms: duration, ends_at: 0, finished: false });
    say(`reset to ${spoken(duration)}.`);
    draw();
  });
  sound.addEventListener("change", () => {
    if (sound.checked) allowSound();
    change(model, { sound: sound.checked });
  });

  const redraw = () => { if (!changing.has(model)) draw(); };
  for (const key of SYNCED) model.on(`change:${key}`, redraw);
  // Timers in a background tab may fire rarely; coming back redraws at once from the end time.
  document.addEventListener("visibilitychange", redraw);
  const ticker = setInterval(redraw, TICK_MS);
  draw();
  return () => {
    clearInterval(ticker);
    document.removeEventListener("visibilitychange", redraw);
    for (const key of SYNCED) model.off(`change:${key}`, redraw);
  };
}

export default { render };
