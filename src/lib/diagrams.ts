// Mermaid sources generated from course data, so diagrams never drift from the YAML.
import type { Block } from '../content/schemas.ts';
import type { Topic } from './course.ts';

const escapeLabel = (text: string) => text.replace(/"/g, '#quot;');

/** The seed's block flowchart: one node per block listing its topics, chained in order. */
export function blocksFlowchart(blocks: Block[], topics: Topic[]): string {
  const lines = ['flowchart TB'];
  blocks.forEach((block, index) => {
    const topicLines = block.topics
      .map((number) => topics.find((topic) => topic.number === number))
      .filter((topic): topic is Topic => topic !== undefined)
      .map((topic) => `${topic.number}. ${escapeLabel(topic.shortTitle)}`);
    const label = [`<b>${block.icon} ${escapeLabel(block.label)}</b>`, escapeLabel(block.title), ...topicLines].join('<br/>');
    lines.push(`  B${index + 1}["${label}"]`);
  });
  lines.push(`  ${blocks.map((_, index) => `B${index + 1}`).join(' --> ')}`);
  return lines.join('\n');
}
