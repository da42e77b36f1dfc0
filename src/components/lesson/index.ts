// Components available inside every lesson's MDX without an import (passed to <Content>).
import Mermaid from '../Mermaid.astro';
import Aviso from './Aviso.astro';
import Comparar from './Comparar.astro';
import Cuaderno from './Cuaderno.astro';
import LabCode from './LabCode.astro';
import Notas from './Notas.astro';
import Paso from './Paso.astro';
import Probar from './Probar.astro';
import Sandbox from './Sandbox.astro';

export const lessonComponents = {
  Mermaid,
  Aviso,
  Comparar,
  Cuaderno,
  LabCode,
  Notas,
  Paso,
  Probar,
  Sandbox,
};
