// Runs `load` once, when the element comes within ~1.5 screens of the viewport (or right away
// where IntersectionObserver does not exist). Keeps quiz code off the network until needed.
export function whenNear(element: Element, load: () => void, margin = '800px 0px'): void {
  if (!('IntersectionObserver' in globalThis)) {
    load();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      load();
    }
  }, { rootMargin: margin });
  observer.observe(element);
}
