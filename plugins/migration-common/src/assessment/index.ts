export * from './values';
export * from './assessmentSchema';
export * from './businessCaseSchema';
export * from './assessmentPages';
