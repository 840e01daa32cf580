import Anthropic from '@anthropic-ai/sdk';
import { advisorClientOptions, callAdvisorApi } from './advisorCall';
import { parseAdvice } from './parseAdvice';
import {
  ADVICE_TOOL_NAME,
  ADVISOR_SYSTEM_PROMPT,
  buildAdvisorUserMessage,
} from './prompt';
import {
  ADVICE_JSON_SCHEMA,
  AdvisorFailure,
  type Advisor,
  type AdvisorAnswer,
  type AdvisorSummary,
  type AdvisorUsage,
} from './types';

/**
 * Options of {@link AnthropicAdvisor}.
 *
 * @public
 */
export interface AnthropicAdvisorOptions {
  model: string;
  apiKey: string;
  baseUrl?: string;
  timeoutMs: number;
  /** Most tokens of the answer (default 2048). */
  maxOutputTokens?: number;
  maxRetries?: number;
}

/**
 * Advisor on the Anthropic Messages API, answering through a forced tool call whose input schema
 * is the advice schema.
 *
 * @public
 */
export class AnthropicAdvisor implements Advisor {
  readonly provider = 'anthropic' as const;
  readonly model: string;
  readonly timeoutMs: number;
  readonly #client: Anthropic;
  readonly #secret: string;
  readonly #maxOutputTokens: number;

  constructor(options: AnthropicAdvisorOptions) {
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.#secret = options.apiKey;
    this.#maxOutputTokens = options.maxOutputTokens ?? 2048;
    this.#client = new Anthropic({
      apiKey: options.apiKey,
      ...advisorClientOptions(options),
    });
  }

  async advise(
    summary: AdvisorSummary,
    options: { signal: AbortSignal },
  ): Promise<AdvisorAnswer> {
    const message = await callAdvisorApi(
      signal =>
        this.#client.messages.create(
          {
            model: this.model,
            max_tokens: this.#maxOutputTokens,
            system: ADVISOR_SYSTEM_PROMPT,
            messages: [
              { role: 'user', content: buildAdvisorUserMessage(summary) },
            ],
            tools: [
              {
                name: ADVICE_TOOL_NAME,
                description:
                  'Record advisory notes on the migration assessment. This only stores text; it changes nothing.',
                input_schema:
                  ADVICE_JSON_SCHEMA as unknown as Anthropic.Tool.InputSchema,
              },
            ],
            tool_choice: { type: 'tool', name: ADVICE_TOOL_NAME },
          },
          { signal },
        ),
      {
        signal: options.signal,
        provider: 'Anthropic',
        timeoutMs: this.timeoutMs,
        secret: this.#secret,
      },
    );
    const usage: AdvisorUsage | undefined = message.usage
      ? {
          input: message.usage.input_tokens,
          output: message.usage.output_tokens,
        }
      : undefined;
    const call = message.content?.find(
      (block): block is Anthropic.ToolUseBlock =>
        block.type === 'tool_use' && block.name === ADVICE_TOOL_NAME,
    );
    if (!call) {
      throw new AdvisorFailure(
        `the answer has no ${ADVICE_TOOL_NAME} tool call (stop reason ${message.stop_reason})`,
        usage,
      );
    }
    return {
      advice: parseAdvice(call.input, usage),
      usage,
      model: message.model,
    };
  }
}
