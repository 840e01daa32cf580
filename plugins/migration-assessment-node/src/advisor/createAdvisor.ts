import type { Config } from '@backstage/config';
import { AnthropicAdvisor } from './AnthropicAdvisor';
import { OpenAiAdvisor } from './OpenAiAdvisor';
import { RulesOnlyAdvisor } from './RulesOnlyAdvisor';
import type { Advisor } from './types';

/** Default deadline of one advisor call. */
export const DEFAULT_ADVISOR_TIMEOUT_MS = 30_000;

/**
 * Builds the advisor chosen by `migration.ai.provider` (`openai`, `anthropic` or `none`, the
 * default) with `model`, `apiKey`, `baseUrl` and `timeoutMs`.
 *
 * @throws Error naming the config key when a required one is missing or invalid.
 * @public
 */
export function createAdvisorFromConfig(config: Config): Advisor {
  const ai = config.getOptionalConfig('migration.ai');
  const provider = ai?.getOptionalString('provider') ?? 'none';
  if (provider === 'none') return new RulesOnlyAdvisor();
  if (provider !== 'openai' && provider !== 'anthropic') {
    throw new Error(
      `Invalid config migration.ai.provider: must be openai, anthropic or none, got "${provider}"`,
    );
  }
  const model = ai!.getOptionalString('model');
  if (!model) {
    throw new Error(
      `Missing config migration.ai.model: required when migration.ai.provider is ${provider}`,
    );
  }
  const timeoutMs =
    ai!.getOptionalNumber('timeoutMs') ?? DEFAULT_ADVISOR_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 100) {
    throw new Error(
      `Invalid config migration.ai.timeoutMs: must be a number of at least 100, got ${timeoutMs}`,
    );
  }
  const apiKey = ai!.getOptionalString('apiKey') || undefined;
  const baseUrl = ai!.getOptionalString('baseUrl') || undefined;
  if (provider === 'openai') {
    if (!apiKey && !baseUrl) {
      throw new Error(
        'Missing config migration.ai.apiKey: required for the OpenAI API (only an OpenAI-compatible migration.ai.baseUrl may go without)',
      );
    }
    return new OpenAiAdvisor({ model, apiKey, baseUrl, timeoutMs });
  }
  if (!apiKey) {
    throw new Error(
      'Missing config migration.ai.apiKey: required when migration.ai.provider is anthropic',
    );
  }
  return new AnthropicAdvisor({ model, apiKey, baseUrl, timeoutMs });
}
