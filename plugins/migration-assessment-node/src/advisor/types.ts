import { RISK_LEVEL_VALUES } from '@sirsi-nexus/plugin-migration-common';
import { z } from 'zod';

/**
 * What an advisor may say about an assessment: notes only. It has no field that could change a
 * figure, a wave or an approval.
 *
 * @public
 */
export const adviceSchema = z.strictObject({
  executiveSummary: z.string().trim().min(1).max(4000),
  waveNotes: z
    .array(
      z.strictObject({
        wave: z.number().int().min(1),
        note: z.string().trim().min(1).max(1000),
      }),
    )
    .max(200),
  extraRisks: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(200),
        detail: z.string().trim().min(1).max(2000),
        severity: z.enum(RISK_LEVEL_VALUES),
        resourceIds: z.array(z.string()).max(50),
      }),
    )
    .max(50),
});

/** @public */
export type Advice = z.infer<typeof adviceSchema>;

/**
 * JSON schema of {@link Advice} for structured output (OpenAI `json_schema` strict mode, Anthropic
 * tool input). Written out by hand so it stays within what strict mode accepts.
 *
 * @public
 */
export const ADVICE_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['executiveSummary', 'waveNotes', 'extraRisks'],
  properties: {
    executiveSummary: {
      type: 'string',
      description:
        'Three to six sentences for a decision maker: what moves, the main risks and what to do first.',
    },
    waveNotes: {
      type: 'array',
      description:
        'At most one note per wave, only where there is something useful to add.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['wave', 'note'],
        properties: {
          wave: { type: 'integer', description: 'Wave number from the data.' },
          note: { type: 'string' },
        },
      },
    },
    extraRisks: {
      type: 'array',
      description:
        'Risks the rules did not already list, each tied to resource ids from the data.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'detail', 'severity', 'resourceIds'],
        properties: {
          title: { type: 'string' },
          detail: { type: 'string' },
          severity: { type: 'string', enum: RISK_LEVEL_VALUES },
          resourceIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/**
 * Token usage of one advisor call.
 *
 * @public
 */
export interface AdvisorUsage {
  input: number;
  output: number;
}

/**
 * The raw answer of an advisor call, before it is checked against the assessment.
 *
 * @public
 */
export interface AdvisorAnswer {
  advice: Advice;
  usage?: AdvisorUsage;
  /** The model that answered, as the API reports it. */
  model?: string;
}

/**
 * Raised by an advisor when it cannot give advice; `reason` is safe to store and show (no
 * secrets), `usage` what the failed call consumed when known.
 *
 * @public
 */
export class AdvisorFailure extends Error {
  readonly name = 'AdvisorFailure';
  constructor(readonly reason: string, readonly usage?: AdvisorUsage) {
    super(reason);
  }
}

/**
 * Writes advisory notes on a deterministic assessment. Implementations: `openai` (any
 * OpenAI-compatible server), `anthropic`, and `none` (rules only).
 *
 * @public
 */
export interface Advisor {
  readonly provider: 'none' | 'openai' | 'anthropic';
  readonly model?: string;
  /** The deadline of one `advise` call, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Asks for notes on a compact, redacted summary (see `summarizeForAdvisor`).
   *
   * @throws AdvisorFailure when there is no usable answer.
   */
  advise(
    summary: AdvisorSummary,
    options: { signal: AbortSignal },
  ): Promise<AdvisorAnswer>;
}

/**
 * The compact, redacted view of an assessment sent to an advisor. Names and tags are untrusted.
 *
 * @public
 */
export interface AdvisorSummary {
  target: { provider: string; region: string };
  complianceProfile: string;
  riskTolerance?: string;
  totals: {
    resources: number;
    waves: number;
    dataGiB: number;
    currency: string;
    monthlyCostOnDemand?: number;
    monthlyCostCommit3y?: number;
    migrationRiskScore: number;
    migrationRiskLevel: string;
    endOfLifeSystems: number;
  };
  complianceFindings: Array<{
    check: string;
    status: string;
    resources: number;
  }>;
  waves: Array<{
    wave: number;
    resources: number;
    dataGiB: number;
    cutoverMinutes: number;
    dependsOnWaves: number[];
    resourceIds: string[];
  }>;
  sharedServices: Array<{
    id: string;
    name: string;
    fanIn: number;
    recommendation: string;
  }>;
  resources: Array<{
    id: string;
    name: string;
    kind: string;
    wave: number;
    os?: string;
    strategy: string;
    rule: string;
    instanceType?: string;
    riskScore: number;
    riskFactors: string[];
    tags: Record<string, string>;
  }>;
  /** How many resources were left out to keep the prompt small. */
  resourcesOmitted: number;
}
