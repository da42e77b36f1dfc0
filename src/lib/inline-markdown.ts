// The Markdown of lab.yaml texts (summaries, steps) and quiz texts, rendered with the same remark
// pipeline the lessons use (remark-parse + remark-gfm + remark-smartypants → remark-rehype →
// rehype-stringify, as @astrojs/markdown-remark sets it up), synchronously. A hand-written regex
// renderer got `baseDelayMs * 2 ** attempt` inside backticks wrong (its `**` became emphasis);
// CommonMark parses code spans first, as lessons do. Raw HTML in these texts is shown as text.
import type { Root as MdastRoot, Html } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';

/** Raw HTML (`<script>`, `<Sandbox>`) in a lab or quiz text is text, not markup. */
function htmlAsText() {
  return (tree: MdastRoot) => {
    const visit = (node: { type: string; children?: unknown[] }) => {
      if (node.type === 'html') (node as unknown as { type: string }).type = 'text';
      for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
    };
    visit(tree as unknown as { type: string; children?: unknown[] });
    return tree as MdastRoot & { _html?: Html };
  };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkSmartypants).use(htmlAsText).use(remarkRehype).use(rehypeStringify).freeze();

/** Block Markdown (paragraphs, lists) as HTML. */
export function markdown(text: string): string {
  return String(processor.processSync(text)).trim();
}

/** One paragraph of Markdown as inline HTML (no wrapping <p>). */
export function inlineMarkdown(text: string): string {
  const html = markdown(text);
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes('<p>') ? single[1]! : html;
}
