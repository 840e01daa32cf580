export * from './values';
export * from './taskTypes';
export * from './artifacts';
export * from './schemas';
