import { describe, expect, it } from 'vitest';
import { splitSlides } from './split.ts';

const split = (html: string) => splitSlides(html, { fallbackTitle: 'Tema de prueba' });

describe('splitSlides', () => {
  it('starts a slide at every h2 and keeps the content that follows it', () => {
    const slides = split('<h2 id="uno">Uno</h2><p>a</p><h2 id="dos">Dos</h2><p>b</p><ul><li>c</li></ul>');
    expect(slides.map((slide) => slide.title)).toEqual(['Uno', 'Dos']);
    expect(slides[0]!.html).toContain('<p>a</p>');
    expect(slides[0]!.html).not.toContain('Dos');
    expect(slides[1]!.html).toContain('<ul><li>c</li></ul>');
  });

  it('gives the content before the first h2 its own slide, titled with the fallback', () => {
    const slides = split('<p>Intro</p><h2>Primera</h2><p>x</p>');
    expect(slides.map((slide) => slide.title)).toEqual(['Tema de prueba', 'Primera']);
    expect(slides[0]!.html).toBe('<p>Intro</p>');
  });

  it('splits at a top-level hr, drops the hr and lets the new slide continue the title', () => {
    const slides = split('<h2>Largo</h2><p>parte 1</p><hr><p>parte 2</p><h3>Detalle</h3>');
    expect(slides).toHaveLength(2);
    expect(slides.map((slide) => slide.title)).toEqual(['Largo', 'Detalle']);
    expect(slides.some((slide) => slide.html.includes('<hr'))).toBe(false);
    const continued = split('<h2>Largo</h2><p>parte 1</p><hr><p>parte 2</p>');
    expect(continued[1]!.title).toBe('Largo');
  });

  it('does not carry a title across a deck boundary hr', () => {
    const slides = split('<h2>Objetivos</h2><ul><li>o</li></ul><hr data-deck-boundary><p>Intro de la lección</p>');
    expect(slides.map((slide) => slide.title)).toEqual(['Objetivos', 'Tema de prueba']);
  });

  it('never produces empty slides (consecutive breaks, a break before an h2, trailing break)', () => {
    const slides = split('<h2>A</h2><p>a</p><hr>\n<hr><h2>B</h2><p>b</p><hr>');
    expect(slides.map((slide) => slide.title)).toEqual(['A', 'B']);
  });

  it('starts a slide at an h2 inside a component, and does not split at h3 inside components', () => {
    const html =
      '<h2>Antes</h2><p>x</p>' +
      '<section class="sandbox"><header><h3 id="lab">Laboratorio</h3></header><p>pasos</p></section>' +
      '<aside class="aviso"><div><h2 id="dentro">Dentro de un componente</h2></div><p>y</p></aside><p>z</p>';
    const slides = split(html);
    expect(slides.map((slide) => slide.title)).toEqual(['Antes', 'Dentro de un componente']);
    expect(slides[0]!.html).toContain('Laboratorio');
    expect(slides[1]!.html).toMatch(/^<aside class="aviso">/);
    expect(slides[1]!.html).toContain('<p>z</p>');
  });

  it('uses the first heading of a headless slide (h3 inside a component) as its title', () => {
    const slides = split('<p>intro</p><hr><section><h3>Laboratorio 1</h3></section>');
    expect(slides[1]!.title).toBe('Laboratorio 1');
  });

  it('marks the heading that receives focus', () => {
    const [slide] = split('<h2 id="uno">Uno <code>app.route</code></h2><p>a</p>');
    expect(slide!.title).toBe('Uno app.route');
    expect(slide!.html).toMatch(/<h2 id="uno" tabindex="-1" data-slide-heading(="")?>/);
  });

  it('moves notes out of the slide into the slide’s notes, from any depth', () => {
    const html =
      '<h2>Uno</h2><p>visible</p>' +
      '<details class="notas" data-notas><summary>Notas del instructor</summary><div data-notas-body><p>Pregunta a la sala.</p></div></details>' +
      '<div class="wrap"><details data-notas><summary>Notas</summary><div data-notas-body><p>Segunda <strong>nota</strong>.</p></div></details></div>' +
      '<h2>Dos</h2><p>sin notas</p>';
    const [first, second] = split(html);
    expect(first!.html).not.toContain('Pregunta');
    expect(first!.html).not.toContain('data-notas');
    expect(first!.html).toContain('<div class="wrap"></div>');
    expect(first!.notes).toBe('<p>Pregunta a la sala.</p>\n<p>Segunda <strong>nota</strong>.</p>');
    expect(second!.notes).toBe('');
  });

  it('does not let notes alone make a slide', () => {
    const slides = split('<h2>Uno</h2><p>a</p><hr><details data-notas><div data-notas-body><p>n</p></div></details>');
    expect(slides).toHaveLength(1);
    expect(slides[0]!.notes).toBe('<p>n</p>');
  });

  it('numbers steps in document order, per slide', () => {
    const html =
      '<h2>Uno</h2><div class="paso" data-paso><p>a</p></div><div data-paso><p>b</p><div data-paso><p>c</p></div></div>' +
      '<h2>Dos</h2><p>sin pasos</p>' +
      '<h2>Tres</h2><div data-paso><p>d</p></div>';
    const slides = split(html);
    expect(slides.map((slide) => slide.steps)).toEqual([3, 0, 1]);
    expect(slides[0]!.html).toContain('<div class="paso" data-paso="" data-step="1"><p>a</p></div>');
    expect(slides[0]!.html).toMatch(/data-step="2"><p>b<\/p><div data-paso="" data-step="3">/);
    expect(slides[2]!.html).toContain('data-step="1"');
  });

  it('numbers each list item of a <Paso lista>', () => {
    const [slide] = split('<h2>Lista</h2><div data-paso="lista"><ul><li>uno</li><li>dos<ul><li>dos.a</li></ul></li></ul></div>');
    expect(slide!.steps).toBe(3);
    expect(slide!.html).toContain('<li data-step="1">uno</li>');
    expect(slide!.html).toContain('<li data-step="2">dos<ul><li data-step="3">dos.a</li></ul></li>');
    expect(slide!.html).not.toMatch(/data-paso="lista" data-step/);
  });

  it('ignores headings and markup inside <template> (mermaid sources)', () => {
    const html = '<h2>Diagrama</h2><p>x</p><figure data-mermaid><template data-mermaid-source><h2>no</h2>flowchart LR\n A --&gt; B</template></figure>';
    const slides = split(html);
    expect(slides).toHaveLength(1);
    expect(slides[0]!.html).toMatch(/<template data-mermaid-source="?"?><h2>no<\/h2>flowchart LR\n A --(&#x3E;|&gt;|>) B<\/template>/);
  });

  it('keeps scripts with the slides instead of making script-only slides', () => {
    const slides = split('<h2>A</h2><p>a</p><hr><script type="module" src="/x.js"></script>');
    expect(slides).toHaveLength(1);
    expect(slides[0]!.html).toContain('<script type="module" src="/x.js"></script>');
  });

  it('returns no slides for empty input', () => {
    expect(split('')).toEqual([]);
    expect(split('  \n ')).toEqual([]);
  });
});
