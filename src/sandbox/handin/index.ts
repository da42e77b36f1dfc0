// The hand-in, loaded on demand by lab mode's «Descargar repositorio» / «Importar repositorio».
export { buildRepository, repositoryName, MANIFEST_PATH, STARTUP_TEST_PATH, type HandinLab, type HandinManifest } from './repository.ts';
export { zipRepository, readZip, IMPORT_LIMITS } from './zip.ts';
export { importRepository, type ImportOutcome } from './import.ts';
