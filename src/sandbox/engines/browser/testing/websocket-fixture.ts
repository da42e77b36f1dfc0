// A lab with WebSockets for the sandbox UI's e2e test and the benchmark: the conformance suite's
// chat and relay services (real @hono/node-ws code), with the suggested connections a lab.yaml
// `connections:` would declare.
import { websocketServices, websocketTree } from '../../../contract/conformance/websocket-fixture.ts';
import type { LabData } from '../../../ui/app/lab-data.ts';

export const websocketFixtureLab: LabData = {
  id: 'dev-websocket',
  meta: {
    title: 'Chat en directo con WebSockets',
    services: websocketServices,
    open: ['chat-service/src/server.ts'],
    requests: [{ label: 'Salud de chat', service: 'chat', method: 'GET', path: '/health', headers: {} }],
    connections: [
      {
        label: 'Chat con token',
        service: 'chat',
        path: '/private?user=ana',
        headers: { Authorization: 'Bearer secreto' },
        protocols: ['chat.v1'],
        messages: ['hola', 'bye'],
      },
      { label: 'Chat sin token', service: 'chat', path: '/private', headers: {}, protocols: [], messages: [] },
      { label: 'Chat abierto', service: 'chat', path: '/ws?user=invitado', headers: {}, protocols: [], messages: ['hola'] },
    ],
  },
  start: websocketTree,
  solution: websocketTree,
  checks: 'export default [];\n',
};
