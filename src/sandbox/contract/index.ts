// The one thing the sandbox UI imports about engines: the engine interface, its optional
// capabilities with their type guards, the request/response encoding and the timeouts.
export * from './engine.ts';
export * from './capabilities.ts';
export * from './http.ts';
export * from './timeouts.ts';
export * from './infrastructure.ts';
export * from './websocket.ts';
export * from './replicas.ts';
export * from './tests.ts';
