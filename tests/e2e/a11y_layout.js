() => {
  /* Run by the accessibility sweep on every page at 375 and 1280 px (a11y_pages.LAYOUT_JS);
     returns a list of problems: sideways scrolling, tables cut off by their container,
     scrolling regions out of the keyboard's reach, and tap targets under WCAG 2.5.8's 24 by
     24 px. Small targets pass when they are links in a sentence, or when a 24 px circle
     around their centre touches no other target (nor the circle of another small one): the
     criterion's inline and spacing exceptions. */
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => {
    const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '')
      .trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
      (typeof el.className === 'string' && el.className
        ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
      ` "${label}"`;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > vw) {
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (['auto', 'scroll', 'hidden', 'clip'].includes(overflow)) return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => !clipped(el) && (el.getBoundingClientRect().right > vw + 0.5 ||
        el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible'))
      .filter((el) => el.tagName !== 'MAIN').slice(-3).map(name);
    problems.push(`scrolls sideways: scrollWidth ${scrollWidth} > ${vw}; ` +
                  `widest: ${wide.join(' | ')}`);
  }
  // A table wider than a container that hides its overflow is cut off with no way to see the
  // rest (a scrolling wrapper is fine: it is checked for keyboard access below).
  for (const table of document.body.querySelectorAll('table')) {
    for (let p = table.parentElement; p && p !== document.body; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowX;
      if (['auto', 'scroll'].includes(overflow)) break;
      if (['hidden', 'clip'].includes(overflow) && p.scrollWidth > p.clientWidth + 1) {
        problems.push(`table cut off: ${name(table).slice(0, 60)} in ${name(p).slice(0, 40)}`);
        break;
      }
    }
  }
  // A region that scrolls must be reachable by keyboard: focusable, or holding a control.
  const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
  for (const el of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    const scrolls = (overflow, content, box) =>
      ['auto', 'scroll'].includes(overflow) && content > box + 1;
    const scrollsX = scrolls(s.overflowX, el.scrollWidth, el.clientWidth);
    const scrollsY = scrolls(s.overflowY, el.scrollHeight, el.clientHeight);
    if ((scrollsX || scrollsY) && el.tabIndex < 0 && !el.querySelector(focusable)) {
      problems.push(`scrollable region without keyboard access: ${name(el).slice(0, 60)}`);
    }
  }
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
    '[role=button], [tabindex]:not([tabindex="-1"])';
  const shown = (el) => {
    if (el.closest('[aria-hidden=true]') || el.tabIndex < 0 && !el.matches('main')) return false;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
      s.visibility !== 'hidden';
  };
  const targets = [...document.querySelectorAll(selector)].filter(shown);
  const rects = new Map(targets.map((el) => [el, el.getBoundingClientRect()]));
  const small = (r) => r.width < 23.95 || r.height < 23.95;
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const toRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                           Math.max(r.top - y, 0, y - r.bottom));
  const block = (el) => {
    let p = el.parentElement;
    while (p && getComputedStyle(p).display.startsWith('inline')) p = p.parentElement;
    return p;
  };
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const parent = block(el);
    const rest = parent ? parent.innerText.replace(el.innerText, '') : '';
    return /[\p{L}\p{N}]/u.test(rest);
  };
  for (const el of targets) {
    const r = rects.get(el);
    if (!small(r) || inSentence(el)) continue;
    const c = centre(r);
    const crowded = targets.some((other) => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      const o = rects.get(other);
      const [ox, oy] = centre(o);
      return toRect(c, o) < 12 || (small(o) && Math.hypot(c[0] - ox, c[1] - oy) < 24);
    });
    if (crowded) {
      const size = `${Math.round(r.width)}x${Math.round(r.height)} px`;
      problems.push(`tap target ${size}, too close to another: ${name(el)}`);
    }
  }
  return problems;
}
