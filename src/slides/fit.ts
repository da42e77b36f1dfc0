// Lessons are written for reading, so a section can be taller than a 16:9 slide. Rather than cut
// it off, the slide's content is zoomed out until it fits its box, down to MIN_ZOOM (still
// legible on a projector); beyond that the box scrolls. Heights are compared as rendered
// rectangles, so the stage's own scale() cancels out.
const MIN_ZOOM = 0.6;

export function fit(box: HTMLElement, content: HTMLElement): number {
  content.style.removeProperty('zoom');
  let zoom = 1;
  // Zooming out also widens the layout, so text re-wraps: a few passes converge.
  for (let pass = 0; pass < 3; pass++) {
    const available = box.getBoundingClientRect().height;
    const needed = content.getBoundingClientRect().height;
    if (available === 0 || needed <= available + 1 || zoom <= MIN_ZOOM) break;
    zoom = Math.max(MIN_ZOOM, (zoom * available) / needed);
    content.style.setProperty('zoom', zoom.toFixed(3));
  }
  content.dataset.zoom = zoom.toFixed(2);
  return zoom;
}
