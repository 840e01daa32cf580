import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  Assessment,
  AssessmentAdvisor,
} from '@sirsi-nexus/plugin-migration-common';
import { summarizeForAdvisor } from './summarizeForAdvisor';
import {
  AdvisorFailure,
  type Advice,
  type Advisor,
  type AdvisorUsage,
} from './types';

function tokens(usage?: AdvisorUsage) {
  return usage
    ? {
        input: usage.input,
        output: usage.output,
        total: usage.input + usage.output,
      }
    : undefined;
}

/**
 * Keeps only what refers to the assessment: wave notes for existing waves, and resource ids that
 * exist (a risk naming no known resource is dropped unless it named none at all).
 */
function checkAgainst(a: Assessment, advice: Advice) {
  const waves = new Set(a.waves.map(w => w.number));
  const ids = new Set(a.resources.map(r => r.id));
  let discarded = 0;
  const waveNotes = advice.waveNotes.filter(n => {
    const ok = waves.has(n.wave);
    if (!ok) discarded++;
    return ok;
  });
  const extraRisks = advice.extraRisks.flatMap(risk => {
    const known = risk.resourceIds.filter(id => ids.has(id));
    discarded += risk.resourceIds.length - known.length;
    if (risk.resourceIds.length > 0 && known.length === 0) {
      discarded++;
      return [];
    }
    return [{ ...risk, resourceIds: known }];
  });
  return { waveNotes, extraRisks, discarded };
}

/**
 * Asks the advisor for notes on an assessment and returns the `advisor` section. The advisor only
 * annotates: nothing else of the assessment is read back from it. Any failure (API error,
 * timeout, invalid answer) gives `status: 'fallback'` with the reason; a cancelled `signal` is
 * rethrown.
 *
 * @public
 */
export async function runAdvisor(
  assessment: Assessment,
  advisor: Advisor,
  options: { signal?: AbortSignal; logger?: LoggerService } = {},
): Promise<AssessmentAdvisor> {
  if (advisor.provider === 'none') {
    return {
      status: 'disabled',
      provider: 'none',
      reason: 'Rules only (migration.ai.provider is none).',
      waveNotes: [],
      extraRisks: [],
    };
  }
  const signal = options.signal ?? new AbortController().signal;
  const started = performance.now();
  const base = {
    provider: advisor.provider,
    ...(advisor.model ? { model: advisor.model } : {}),
  };
  try {
    const answer = await advisor.advise(summarizeForAdvisor(assessment), {
      signal,
    });
    const checked = checkAgainst(assessment, answer.advice);
    const t = tokens(answer.usage);
    return {
      status: 'ok',
      ...base,
      ...(answer.model ? { model: answer.model } : {}),
      ...(t ? { tokens: t } : {}),
      latencyMs: Math.round(performance.now() - started),
      summary: answer.advice.executiveSummary,
      waveNotes: checked.waveNotes,
      extraRisks: checked.extraRisks,
      ...(checked.discarded > 0 ? { discarded: checked.discarded } : {}),
    };
  } catch (error) {
    if (signal.aborted) throw error;
    const reason =
      error instanceof AdvisorFailure
        ? error.reason
        : `unexpected advisor error: ${String(
            (error as Error)?.message ?? error,
          ).slice(0, 200)}`;
    const t = error instanceof AdvisorFailure ? tokens(error.usage) : undefined;
    options.logger?.warn(
      `Migration advisor (${advisor.provider} ${
        advisor.model ?? ''
      }) fell back to rules only: ${reason}`,
    );
    return {
      status: 'fallback',
      ...base,
      ...(t ? { tokens: t } : {}),
      latencyMs: Math.round(performance.now() - started),
      reason,
      waveNotes: [],
      extraRisks: [],
    };
  }
}

/**
 * The assessment with its `advisor` section filled by {@link runAdvisor}; every other field is the
 * input's, unchanged (a new object is returned; the input is not modified).
 *
 * @public
 */
export async function annotateAssessment(
  assessment: Assessment,
  advisor: Advisor,
  options: { signal?: AbortSignal; logger?: LoggerService } = {},
): Promise<Assessment> {
  return {
    ...assessment,
    advisor: await runAdvisor(assessment, advisor, options),
  };
}
