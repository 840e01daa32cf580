export {
  adviceSchema,
  ADVICE_JSON_SCHEMA,
  AdvisorFailure,
  type Advice,
  type Advisor,
  type AdvisorAnswer,
  type AdvisorSummary,
  type AdvisorUsage,
} from './types';
export { OpenAiAdvisor, type OpenAiAdvisorOptions } from './OpenAiAdvisor';
export {
  AnthropicAdvisor,
  type AnthropicAdvisorOptions,
} from './AnthropicAdvisor';
export { RulesOnlyAdvisor } from './RulesOnlyAdvisor';
export {
  createAdvisorFromConfig,
  DEFAULT_ADVISOR_TIMEOUT_MS,
} from './createAdvisor';
export { annotateAssessment, runAdvisor } from './annotateAssessment';
export { summarizeForAdvisor } from './summarizeForAdvisor';
export { ADVISOR_SYSTEM_PROMPT, buildAdvisorUserMessage } from './prompt';
