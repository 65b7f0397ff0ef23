function render({ el }) {
  // JupyterLab's notebook takes arrow keys (go to the next cell), A/B (insert a cell), Enter...
  // from a focused drop-down or button in an output, so those controls could not be used by
  // keyboard. Lumino skips its shortcuts for a focused element that has
  // data-lm-suppress-shortcuts, so every control that gets focus in this output area gets it.
  let tries = 0;
  const mark = () => {
    const area = el.closest('.jp-OutputArea, .jp-Cell-outputArea, .output_area');
    if (!area) { if (tries++ < 100) setTimeout(mark, 100); return; }
    const keep = (target) => {
      if (target instanceof HTMLElement && area.contains(target)
          && target.matches('select, button, input, textarea, [tabindex]')) {
        target.setAttribute('data-lm-suppress-shortcuts', 'true');
      }
    };
    area.addEventListener('focusin', (event) => keep(event.target));
    keep(document.activeElement);
    area.setAttribute('data-lc-keyboard-friendly', 'true');
  };
  mark();
}
export default { render };
