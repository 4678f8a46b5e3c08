export * from './system';
export * from './patients';
export * from './appointments';
export * from './settings';
export * from './files';
export * from './audit';
export { TENANT_ROLE } from './tenant-table';
export * from './counters';
export * from './exports';
