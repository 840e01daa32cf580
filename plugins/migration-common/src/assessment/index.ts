export * from './values';
export * from './assessmentSchema';
