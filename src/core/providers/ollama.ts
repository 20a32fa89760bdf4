/**
 * Ollama's native `/api/chat`: newline-delimited JSON, not SSE.
 *
 * - `message.thinking` → raw reasoning; `message.content` → answer, through the `<think>`
 *   splitter for models whose template leaves the tags inline (once `thinking` was seen,
 *   content is the answer at once). Go escapes `<` as `\u003c`, so tags are only visible
 *   after JSON parsing, which is where the splitter runs.
 * - The `done:true` line → usage (`prompt_eval_count`, `eval_count`; Ollama has no separate
 *   thinking count) then done with `done_reason`.
 * - `{"error":"…"}` lines (HTTP 200 mid-stream) → error.
 * The base URL is the server root (`http://127.0.0.1:11434`); a trailing `/v1` or `/api` is
 * tolerated and removed.
 */
import type { HttpRequest, ReasoningEffort, RequestConfig, StreamParser, WireAdapter } from './types';
import { EventSink, framedParser, bearerHeaders, chatMessages, compactUsage, errorFields, jsonPost, trimBaseUrl } from './common';
import { describeHttpError } from './http-errors';
import { createLineReader, isObject, num, obj, str, tryParseJson } from './sse';
import { ThinkSplitter, type ThinkSegment, type ThinkSplitterOptions } from './think-splitter';

export type OllamaOptions = { think?: ThinkSplitterOptions };

export function ollamaRoot(baseUrl: string): string {
  return trimBaseUrl(baseUrl).replace(/\/(v1|api)$/, '');
}

/**
 * `think` for a reasoning effort: 'none' → false, otherwise a level ('minimal' → low,
 * 'max' → high). Unset → omitted: Ollama then thinks by default on thinking-capable models,
 * and `think:true` would be a 400 on models that cannot think.
 */
export function ollamaThink(effort: ReasoningEffort | undefined): boolean | 'low' | 'medium' | 'high' | undefined {
  switch (effort) {
    case undefined:
      return undefined;
    case 'none':
      return false;
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
    case 'max':
      return 'high';
  }
}

export function createOllamaParser(options: OllamaOptions = {}): StreamParser {
  const lines = createLineReader();
  const sink = new EventSink();
  const splitter = new ThinkSplitter(options.think);
  let externalReasoning = false;

  const content = (segments: ThinkSegment[]) => {
    for (const s of segments) {
      if (s.kind === 'answer') sink.answer(s.text);
      else if (!externalReasoning) sink.reasoning(s.text, 'raw');
    }
  };

  const handle = (line: string) => {
    if (sink.finished) return;
    const json = tryParseJson(line);
    if (!isObject(json)) {
      sink.malformed();
      return;
    }
    if (json.error !== undefined && json.error !== null) {
      content(splitter.end());
      const { message, code } = errorFields(json, 'Ollama reported an error.');
      sink.error(message, code);
      return;
    }
    const message = obj(json.message);
    const thinking = str(message?.thinking);
    if (thinking) {
      if (!externalReasoning) {
        externalReasoning = true;
        splitter.noteExternalReasoning();
      }
      sink.reasoning(thinking, 'raw');
    }
    const text = str(message?.content);
    if (text) content(splitter.push(text));
    if (json.done === true) {
      content(splitter.end());
      const prompt = num(json.prompt_eval_count);
      const completion = num(json.eval_count);
      if (prompt !== undefined || completion !== undefined) {
        sink.usage(
          compactUsage({
            promptTokens: prompt,
            completionTokens: completion,
            totalTokens: prompt !== undefined && completion !== undefined ? prompt + completion : undefined,
          }),
        );
      }
      sink.done(str(json.done_reason));
    }
  };

  return framedParser(lines, sink, handle, () => content(splitter.end()));
}

export function createOllamaAdapter(options: OllamaOptions = {}): WireAdapter {
  return {
    id: 'ollama',
    label: 'Ollama (native /api/chat)',
    reasoningNote: 'Raw thinking from message.thinking (thinking-capable models think by default).',
    defaultBaseUrl: 'http://127.0.0.1:11434',
    buildRequest(config: RequestConfig): HttpRequest {
      const body: Record<string, unknown> = {
        model: config.model,
        messages: chatMessages(config),
        stream: true,
      };
      const think = ollamaThink(config.reasoningEffort);
      if (think !== undefined) body.think = think;
      if (config.maxTokens !== undefined) body.options = { num_predict: config.maxTokens };
      return jsonPost(`${ollamaRoot(config.baseUrl)}/api/chat`, body, bearerHeaders(config.apiKey));
    },
    createParser: () => createOllamaParser(options),
    listModelsRequest(config) {
      return { url: `${ollamaRoot(config.baseUrl)}/api/tags`, method: 'GET', headers: { ...bearerHeaders(config.apiKey) } };
    },
    parseModelList(json) {
      const models = isObject(json) ? json.models : undefined;
      if (!Array.isArray(models)) return [];
      return models.flatMap((m) => {
        if (!isObject(m)) return [];
        const name = str(m.name) ?? str(m.model);
        return name ? [name] : [];
      });
    },
    describeHttpError: (status, body, url) =>
      describeHttpError(
        status,
        body,
        {
          403: 'Ollama rejected this origin: add it to OLLAMA_ORIGINS and restart Ollama',
          404: 'model or URL not found: pull the model (ollama pull) and use the server root as base URL, without /v1',
        },
        url,
      ),
  };
}

export const ollamaAdapter = createOllamaAdapter();
