/*
 * Result shapes of the execution phases (build, transfer, validate, optimize, support) and of the
 * final migration report. They are stored as artifacts (`transfer.json`, `validation.json`, ...)
 * and returned by the execution routes.
 */
export * from './build';
export * from './transfer';
export * from './validation';
export * from './optimization';
export * from './support';
export * from './report';
