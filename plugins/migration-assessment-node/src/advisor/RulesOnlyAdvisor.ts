import { AdvisorFailure, type Advisor, type AdvisorAnswer } from './types';

/**
 * The `none` advisor: the assessment stands on the rules alone.
 *
 * @public
 */
export class RulesOnlyAdvisor implements Advisor {
  readonly provider = 'none' as const;
  readonly timeoutMs = 0;

  async advise(): Promise<AdvisorAnswer> {
    throw new AdvisorFailure(
      'no advisor is configured (migration.ai.provider is none)',
    );
  }
}
