export * from './rules';
export * from './regions';
