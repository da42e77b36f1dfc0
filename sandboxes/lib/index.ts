// Public API of sandboxes/lib for the site build, the engines and CI (Node side).
export { listLabs, listLabIds, loadLab, materializeLab, writeTree, LabError, LABS_DIR, MATERIALIZED_DIR } from './labs.ts';
export type { FileTree, LabMeta, LabSummary, LabVariant, LoadedLab } from './labs.ts';
export { runChecks, startLab, createNodeCheckContext, loadChecks, findFreePorts, rewriteEnv, typeStrippingNode, PORT_RANGE } from './node-runner.ts';
export type { RunningLab, StartOptions } from './node-runner.ts';
export { CheckFailure, CheckSocketRecorder, assertCheck, runCheckList, parseBody } from './checks-core.ts';
export { diffTrees } from './make-overlay.ts';
export type { Check, CheckContext, CheckRequestInit, CheckResponse, CheckResult, CheckSocket, CheckSocketClose, CheckSocketInit } from './checks-types.ts';
