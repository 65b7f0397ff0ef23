// The live slide of the sentence editor: a text box and a 16:9 preview that re-fits on every
// keystroke in the browser (no round trip to the kernel), with the same font and the same
// layout rules as activities/sentence_editor/fitting.py, which stays the reference.
// Learner text only ever goes into textContent, .value or setAttribute: never into HTML.
//
// Hooks for tests and benchmarks: the text box is `textarea.lc-sentence-input`
// (data-testid="sentence-input"); the preview is `.lc-slide` (role="img",
// data-testid="sentence-slide") whose data-font-size, data-chars (length of the text shown),
// data-fits and data-legible change in the same input event; its lines are `.lc-slide-line`.
// The editor's root `.lc-sentence` gets data-ready="true" once the font has loaded.

const FAMILY = "LearningCirclesDejaVuSans";
const WORD_GAP = /[ \t\f\v]+/;
const LABEL_LIMIT = 2000;
// Up to this length the preview is re-fitted inside the keystroke's own event. Longer texts
// (a fit takes tens of milliseconds or more) are re-fitted once per burst of keys instead.
const SYNC_LIMIT = 5000;

let fontLoading = null;

function fontBuffer(data) {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  return null;
}

// Load DejaVu Sans (sent by Python, the same file Pillow measures) once per page.
function loadFont(model) {
  if (!fontLoading) {
    const buffer = fontBuffer(model.get("font_data"));
    if (!buffer || typeof FontFace === "undefined") {
      fontLoading = Promise.resolve(false);
    } else {
      const face = new FontFace(FAMILY, buffer);
      fontLoading = face.load().then((loaded) => { document.fonts.add(loaded); return true; },
                                     () => false);
    }
  }
  return fontLoading;
}

function normalise(text) {
  return text.replace(/\r\n|[\r\x1c\x1d\x1e\x85\u2029]/g, "\n");
}

function paragraphs(text) {
  return normalise(text).split("\n").map((p) => p.split(WORD_GAP).filter((w) => w.length > 0));
}

// Widths at each size, every distinct string measured once (kept across keystrokes).
class Measurer {
  constructor() {
    this.ctx = document.createElement("canvas").getContext("2d");
    this.caches = new Map();
    this.size = null;
  }
  at(size) {
    if (!this.caches.has(size)) this.caches.set(size, new Map());
    const cache = this.caches.get(size);
    return (text) => {
      if (text === "") return 0;
      let width = cache.get(text);
      if (width === undefined) {
        if (this.size !== size) {
          this.ctx.font = `${size}px ${FAMILY}`;
          this.size = size;
        }
        width = this.ctx.measureText(text).width;
        cache.set(text, width);
      }
      return width;
    };
  }
}

function cut(word, measure, maxWidth) {
  const pieces = [];
  let piece = "", width = 0;
  for (const char of word) {
    const charWidth = measure(char);
    if (piece && width + charWidth > maxWidth) {
      pieces.push(piece);
      piece = ""; width = 0;
    }
    piece += char; width += charWidth;
  }
  pieces.push(piece);
  return pieces;
}

function wrap(text, measure, maxWidth) {
  const lines = [];
  const space = measure(" ");
  for (const words of paragraphs(text)) {
    let line = "", width = 0;
    for (const word of words) {
      const wordWidth = measure(word);
      if (wordWidth > maxWidth) {
        if (line) lines.push(line);
        const pieces = cut(word, measure, maxWidth);
        for (const piece of pieces.slice(0, -1)) lines.push(piece);
        line = pieces[pieces.length - 1]; width = measure(line);
      } else if (!line) {
        line = word; width = wordWidth;
      } else if (width + space + wordWidth <= maxWidth) {
        line = `${line} ${word}`; width += space + wordWidth;
      } else {
        lines.push(line);
        line = word; width = wordWidth;
      }
    }
    lines.push(line);
  }
  return lines;
}

function layoutAt(text, size, cfg, measurer) {
  const measure = measurer.at(size);
  const lines = wrap(text, measure, cfg.box_width);
  const widths = lines.map((line) => measure(line));
  const lineHeight = size * cfg.height_ratio * cfg.line_spacing;
  let widest = 0;  // a loop, not Math.max(...widths): 100,000 lines would overflow the call stack
  for (const width of widths) if (width > widest) widest = width;
  const fits = widest <= cfg.box_width && lines.length * lineHeight <= cfg.box_height;
  return { size, lines, widths, lineHeight, fits };
}

// Largest size in [min_size, max_size] that fits (binary search, as in fitting.fit).
function fit(text, cfg, measurer) {
  const best = layoutAt(text, cfg.max_size, cfg, measurer);
  if (best.fits) return best;
  let low = layoutAt(text, cfg.min_size, cfg, measurer);
  if (!low.fits) return low;
  let high = cfg.max_size;
  while (high - low.size > 1) {
    const middle = layoutAt(text, Math.floor((low.size + high) / 2), cfg, measurer);
    if (middle.fits) low = middle; else high = middle.size;
  }
  return low;
}

function statusText(layout, cfg) {
  if (!layout.fits) {
    return "This sentence is too long to fit on one slide even at the smallest size. " +
           "Nothing is lost: all of it is kept. Try cutting it down.";
  }
  if (layout.size < cfg.min_legible_size) {
    return `The text is now ${layout.size} px high, smaller than ${cfg.min_legible_size} px: people at ` +
           "the back of the room will struggle to read it. All of it is kept; try saying it in fewer words.";
  }
  return `Text size ${layout.size} px: the whole sentence fits on the slide.`;
}

function element(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// JupyterLab's notebook takes Enter, arrows and letters from focused controls in an output
// (run cell, next cell, insert cell). Lumino skips its shortcuts for an element marked
// data-lm-suppress-shortcuts, so every control of this activity's output gets the mark on focus.
function keepKeysInOutput(el, tries = 0) {
  const area = el.closest(".jp-OutputArea, .jp-Cell-outputArea, .output_area");
  if (!area) {
    if (tries < 50) setTimeout(() => keepKeysInOutput(el, tries + 1), 100);
    return;
  }
  if (area.dataset.lcSentenceKeys) return;
  area.dataset.lcSentenceKeys = "true";
  area.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && target.matches("select, button, input, textarea, [tabindex]")) {
      target.setAttribute("data-lm-suppress-shortcuts", "true");
    }
  });
}

let counter = 0;

function render({ model, el }) {
  const cfg = model.get("config");
  const id = `lc-sentence-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const measurer = new Measurer();
  let fontReady = false;
  let lastStatus = null;

  const root = element("div", "lc-sentence");
  const label = element("label", "lc-sentence-label", { for: `${id}-input` });
  label.textContent = model.get("label");
  const input = element("textarea", "lc-sentence-input", {
    id: `${id}-input`, rows: "3", spellcheck: "true", "aria-describedby": `${id}-status`,
    "data-testid": "sentence-input", "data-lm-suppress-shortcuts": "true",
  });
  input.value = model.get("text");

  const frame = element("div", "lc-slide-frame");
  const slide = element("div", "lc-slide", { role: "img", "data-testid": "sentence-slide" });
  slide.style.width = `${cfg.slide_width}px`;
  slide.style.height = `${cfg.slide_height}px`;
  const box = element("div", "lc-slide-box");
  Object.assign(box.style, {
    left: `${cfg.padding}px`, top: `${cfg.padding}px`,
    width: `${cfg.box_width}px`, height: `${cfg.box_height}px`, fontFamily: `${FAMILY}, sans-serif`,
  });
  slide.append(box);
  frame.append(slide);

  const status = element("div", "lc-slide-status", { id: `${id}-status`, "aria-live": "polite" });
  const projector = element("button", "lc-projector-button", {
    type: "button", "aria-pressed": "false", "data-lm-suppress-shortcuts": "true",
  });
  projector.textContent = "Projector mode";
  projector.title = "Show one big slide for the room; the person typing keeps the text box";
  const bar = element("div", "lc-slide-bar");
  bar.append(projector, status);
  root.append(label, input, frame, bar);
  el.append(root);
  keepKeysInOutput(el);

  function scale() {
    const projecting = root.classList.contains("lc-projector");
    const available = (projecting ? root.clientWidth - 32 : root.clientWidth) || cfg.slide_width / 2.5;
    let k = available / cfg.slide_width;
    if (projecting) {
      const roomForSlide = window.innerHeight - input.offsetHeight - bar.offsetHeight - 80;
      k = Math.max(0.1, Math.min(k, roomForSlide / cfg.slide_height));
    }
    slide.style.transform = `scale(${k})`;
    frame.style.width = projecting ? `${cfg.slide_width * k}px` : "";
    frame.style.height = `${cfg.slide_height * k}px`;
  }

  function show(text) {
    const flat = normalise(text).split(/\s+/).join(" ").trim();
    const shown = flat.length > LABEL_LIMIT ? `${flat.slice(0, LABEL_LIMIT)}…` : flat;
    slide.setAttribute("aria-label", `Slide preview: ${shown || "(empty)"}`);
    if (!fontReady) return;
    const layout = fit(text, cfg, measurer);
    const lines = layout.lines.map((line) => {
      const div = element("div", "lc-slide-line", { dir: "auto" });
      div.style.height = div.style.lineHeight = `${layout.lineHeight}px`;
      div.textContent = line;
      return div;
    });
    box.style.fontSize = `${layout.size}px`;
    box.replaceChildren(...lines);
    slide.dataset.fontSize = String(layout.size);
    slide.dataset.chars = String(text.length);  // lets a benchmark see which keystroke is shown
    slide.dataset.fits = String(layout.fits);
    slide.dataset.legible = String(layout.size >= cfg.min_legible_size);
    const message = statusText(layout, cfg);
    if (message !== lastStatus) {  // a live region that changes on every key would be noise
      status.textContent = message;
      status.classList.toggle("lc-warning", !layout.fits || layout.size < cfg.min_legible_size);
      lastStatus = message;
    }
  }

  let queued = null;
  function showSoon(text) {
    if (text.length <= SYNC_LIMIT) {
      if (queued !== null) { clearTimeout(queued); queued = null; }
      show(text);
      return;
    }
    if (queued === null) queued = setTimeout(() => { queued = null; show(input.value); }, 30);
  }

  input.addEventListener("input", () => {
    showSoon(input.value);  // the preview first, in this same event: no kernel involved
    try {
      model.set("text", input.value);
      model.save_changes();
    } catch (error) {
      // A static book page has no kernel to sync with; the preview still works there.
    }
  });
  const onText = () => {
    const text = model.get("text");
    if (input.value !== text) {
      input.value = text;
      show(text);
    }
  };
  model.on("change:text", onText);

  function setProjector(on) {
    root.classList.toggle("lc-projector", on);
    projector.setAttribute("aria-pressed", String(on));
    projector.textContent = on ? "Leave projector mode" : "Projector mode";
    scale();
  }
  projector.addEventListener("click", () => {
    const on = !root.classList.contains("lc-projector");
    setProjector(on);
    if (on && root.requestFullscreen) root.requestFullscreen().catch(() => {});
    if (!on && document.fullscreenElement === root) document.exitFullscreen().catch(() => {});
    input.focus();
  });
  const onFullscreen = () => {
    if (document.fullscreenElement !== root && root.classList.contains("lc-projector")) setProjector(false);
    else scale();
  };
  document.addEventListener("fullscreenchange", onFullscreen);

  const observer = typeof ResizeObserver !== "undefined" ? new ResizeObserver(scale) : null;
  if (observer) observer.observe(root);
  window.addEventListener("resize", scale);
  scale();
  show(input.value);
  loadFont(model).then((ok) => {
    fontReady = true;
    if (!ok) status.textContent = "The slide font could not be loaded; sizes may differ from the export.";
    root.dataset.ready = "true";
    show(input.value);
    scale();
  });

  return () => {
    model.off("change:text", onText);
    document.removeEventListener("fullscreenchange", onFullscreen);
    window.removeEventListener("resize", scale);
    if (observer) observer.disconnect();
  };
}

export default { render };
