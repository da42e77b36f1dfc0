// Components available inside every lesson's MDX without an import (passed to <Content>).
// Lesson issues add theirs here (Sandbox, Probar, Notas, Paso, Quiz…).
import Mermaid from '../Mermaid.astro';

export const lessonComponents = {
  Mermaid,
};
