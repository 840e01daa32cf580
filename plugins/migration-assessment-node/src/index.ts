/**
 * Assessment library of SirsiNexus Migrate: resource facts, rightsizing, pricing catalogs, risk,
 * 7R strategy, compliance, dependency waves and schedule; the optional AI advisor (OpenAI,
 * Anthropic); optimisation and carbon recommendations; the migration report.
 *
 * @packageDocumentation
 */

export * from './assessment';
export * from './advisor';
export * from './optimization';
export * from './report';
