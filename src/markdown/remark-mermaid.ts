// Turns ```mermaid fences in lessons into <Mermaid code="…" label="…" /> so they render as
// diagrams (with the theme-aware, lazy renderer) instead of highlighted code. The label comes from
// the fence's meta: ```mermaid "Monolito frente a microservicios"
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export function remarkMermaid() {
  return (tree: Root) => {
    visit(tree, 'code', (node: Code, index, parent) => {
      if (node.lang !== 'mermaid' || !parent || index === undefined) return;
      const label = node.meta?.match(/"([^"]+)"/)?.[1] ?? 'Diagrama';
      parent.children[index] = {
        type: 'mdxJsxFlowElement',
        name: 'Mermaid',
        attributes: [
          { type: 'mdxJsxAttribute', name: 'code', value: node.value },
          { type: 'mdxJsxAttribute', name: 'label', value: label },
        ],
        children: [],
      } as never;
    });
  };
}
