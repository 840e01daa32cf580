import OpenAI from 'openai';
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

const ADVICE_SCHEMA = ADVICE_JSON_SCHEMA as unknown as Record<string, unknown>;

/**
 * Options of {@link OpenAiAdvisor}.
 *
 * @public
 */
export interface OpenAiAdvisorOptions {
  model: string;
  apiKey?: string;
  /** An OpenAI-compatible endpoint such as a local vLLM or Ollama (`http://host:11434/v1`). */
  baseUrl?: string;
  timeoutMs: number;
  /** Retries of 429/5xx/connection errors inside the deadline (default 2). */
  maxRetries?: number;
}

/**
 * Advisor on the OpenAI Chat Completions API (or any compatible server), answering through
 * `json_schema` structured output.
 *
 * @public
 */
export class OpenAiAdvisor implements Advisor {
  readonly provider = 'openai' as const;
  readonly model: string;
  readonly timeoutMs: number;
  readonly #client: OpenAI;
  readonly #secret?: string;

  constructor(options: OpenAiAdvisorOptions) {
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.#secret = options.apiKey;
    this.#client = new OpenAI({
      // OpenAI-compatible servers often need no key; the SDK insists on one.
      apiKey: options.apiKey ?? 'not-needed',
      ...advisorClientOptions(options),
    });
  }

  async advise(
    summary: AdvisorSummary,
    options: { signal: AbortSignal },
  ): Promise<AdvisorAnswer> {
    const completion = await callAdvisorApi(
      signal =>
        this.#client.chat.completions.create(
          {
            model: this.model,
            messages: [
              { role: 'system', content: ADVISOR_SYSTEM_PROMPT },
              { role: 'user', content: buildAdvisorUserMessage(summary) },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: {
                name: ADVICE_TOOL_NAME,
                strict: true,
                schema: ADVICE_SCHEMA,
              },
            },
          },
          { signal },
        ),
      {
        signal: options.signal,
        provider: 'OpenAI',
        timeoutMs: this.timeoutMs,
        secret: this.#secret,
      },
    );
    const usage: AdvisorUsage | undefined = completion.usage
      ? {
          input: completion.usage.prompt_tokens,
          output: completion.usage.completion_tokens,
        }
      : undefined;
    const message = completion.choices?.[0]?.message;
    if (!message) throw new AdvisorFailure('the answer has no message', usage);
    if (message.refusal) {
      throw new AdvisorFailure(
        `the model refused: ${message.refusal.slice(0, 200)}`,
        usage,
      );
    }
    if (!message.content) {
      throw new AdvisorFailure('the answer is empty', usage);
    }
    return {
      advice: parseAdvice(message.content, usage),
      usage,
      model: completion.model,
    };
  }
}
