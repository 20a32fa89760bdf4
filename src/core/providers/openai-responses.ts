/**
 * OpenAI Responses API with reasoning summaries (also open-weight servers that implement it).
 *
 * - `response.reasoning_summary_text.delta` → reasoning of kind 'summary'. Summary parts
 *   (`summary_index`, or a new reasoning item) are joined with a blank line.
 * - `response.reasoning_text.delta` (open-weight servers: raw chain) → reasoning 'raw'.
 * - `response.output_text.delta` and `response.refusal.delta` → answer.
 * - `response.completed` → usage (`output_tokens_details.reasoning_tokens`) + done
 *   ('completed'); `response.incomplete` → usage + done with the reason (e.g.
 *   'max_output_tokens'); `response.failed` and `event: error` → error. There is no `[DONE]`.
 */
import type { HttpRequest, ReasoningEffort, ReasoningKind, RequestConfig, StreamParser, WireAdapter } from './types';
import { EventSink, bearerHeaders, chatMessages, errorFields, jsonPost, modelIds, modelsRequest, responsesUsage, trimBaseUrl, typedSseParser } from './common';
import { describeHttpError } from './http-errors';
import { num, obj, str } from './sse';

export { responsesUsage };

/** Responses `reasoning.effort`; the API has no 'max', so it maps to 'high'. */
export function responsesEffort(effort: ReasoningEffort | undefined): string | undefined {
  return effort === 'max' ? 'high' : effort;
}

export function createResponsesParser(): StreamParser {
  const sink = new EventSink();
  /** Identity of the reasoning part last written to, to put a blank line between parts. */
  let lastPart: string | undefined;

  const reasoning = (part: string, text: string, kind: ReasoningKind) => {
    if (!text) return;
    const sep = lastPart !== undefined && lastPart !== part ? '\n\n' : '';
    lastPart = part;
    sink.reasoning(sep + text, kind);
  };

  return typedSseParser(sink, (type, json) => {
    const item = str(json.item_id) ?? String(num(json.output_index) ?? '');
    switch (type) {
      case 'response.reasoning_summary_text.delta':
        reasoning(`s:${item}:${num(json.summary_index) ?? 0}`, str(json.delta) ?? '', 'summary');
        break;
      case 'response.reasoning_text.delta':
        reasoning(`r:${item}:${num(json.content_index) ?? 0}`, str(json.delta) ?? '', 'raw');
        break;
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        sink.answer(str(json.delta) ?? '');
        break;
      case 'response.completed':
      case 'response.incomplete': {
        const response = obj(json.response);
        const usage = responsesUsage(response?.usage);
        if (usage) sink.usage(usage);
        const reason =
          type === 'response.incomplete' ? (str(obj(response?.incomplete_details)?.reason) ?? 'incomplete') : (str(response?.status) ?? 'completed');
        sink.done(reason);
        break;
      }
      case 'response.failed': {
        const response = obj(json.response);
        const usage = responsesUsage(response?.usage);
        if (usage) sink.usage(usage);
        const { message: text, code } = errorFields(response?.error ?? {}, 'The response failed.');
        sink.error(text, code);
        break;
      }
      default:
        break;
    }
  });
}

export const openAiResponsesAdapter: WireAdapter = {
  id: 'openai-responses',
  label: 'OpenAI Responses',
  reasoningNote: 'A reasoning summary written by the provider, not the raw chain of thought.',
  defaultBaseUrl: 'https://api.openai.com/v1',
  buildRequest(config: RequestConfig): HttpRequest {
    const reasoning: Record<string, unknown> = { summary: 'auto' };
    const effort = responsesEffort(config.reasoningEffort);
    if (effort !== undefined) reasoning.effort = effort;
    const input = config.history?.length ? chatMessages(config) : config.prompt;
    const body: Record<string, unknown> = { model: config.model, input, stream: true, reasoning };
    if (config.maxTokens !== undefined) body.max_output_tokens = config.maxTokens;
    return jsonPost(`${trimBaseUrl(config.baseUrl)}/responses`, body, { accept: 'text/event-stream', ...bearerHeaders(config.apiKey) });
  },
  createParser: createResponsesParser,
  listModelsRequest: (config) => modelsRequest(config.baseUrl, { accept: 'application/json', ...bearerHeaders(config.apiKey) }),
  parseModelList: modelIds,
  describeHttpError: (status, body, url) => describeHttpError(status, body, {}, url),
};
