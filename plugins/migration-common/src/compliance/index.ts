export * from './controls';
export * from './ports';
export * from './residency';
export * from './regions';
