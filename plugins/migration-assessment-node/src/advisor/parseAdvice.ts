import {
  adviceSchema,
  AdvisorFailure,
  type Advice,
  type AdvisorUsage,
} from './types';

/**
 * Validates a model's structured answer against the advice schema.
 *
 * @throws AdvisorFailure naming the first problems when it does not match.
 */
export function parseAdvice(value: unknown, usage?: AdvisorUsage): Advice {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      throw new AdvisorFailure('the answer is not valid JSON', usage);
    }
  }
  const parsed = adviceSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new AdvisorFailure(
      `the answer does not match the schema: ${issues}`,
      usage,
    );
  }
  return parsed.data;
}
