/**
 * OpenAI Chat Completions and everything that speaks it: vLLM, SGLang, llama.cpp server,
 * LM Studio, Ollama `/v1`, OpenRouter, DeepSeek, Together, Groq.
 *
 * - Reasoning comes from exactly one field per delta, in this order: `reasoning_details[]`
 *   (when non-empty: `reasoning.text` text, `reasoning.summary` summary, encrypted shows
 *   nothing), `reasoning_content`, `reasoning`. They are never added together: OpenRouter and
 *   vLLM's transition releases send the same text in two of them.
 * - `content` goes through the `<think>` splitter (see think-splitter.ts). Once a reasoning
 *   field was seen, content is the answer at once, and inline `<think>` blocks are dropped as
 *   duplicates (llama.cpp `deepseek-legacy` sends both).
 * - `content` may also be an array of typed parts (Mistral): read part by part, in order —
 *   `{type:"thinking", thinking:[{type:"text", text}]}` is reasoning, `{type:"text", text}` is
 *   content as above; other parts (references, images) are skipped. A thinking part that follows
 *   answer text starts a new reasoning block, separated by a blank line. A delta that also has a
 *   reasoning field takes its reasoning from that field only (never both).
 * - Usage is emitted whenever a chunk carries a non-null `usage` (the `choices:[]` chunk, the
 *   finish chunk on DeepSeek, the chunk after it on OpenRouter).
 * - `[DONE]` → done with the last finish_reason. Without `[DONE]`, a clean end after a
 *   finish_reason also counts as done; a body cut before any finish_reason yields no done.
 * - Errors: `event: error`, data with an `error` key (OpenAI, OpenRouter, llama.cpp), vLLM's
 *   `{"object":"error"}`, `finish_reason:"error"`, llama.cpp's old `error:` field.
 */
import type { HttpRequest, ReasoningKind, RequestConfig, StreamParser, WireAdapter } from './types';
import { EventSink, framedParser, bearerHeaders, chatMessages, errorFields, jsonPost, modelIds, modelsRequest, openAiUsage, trimBaseUrl } from './common';
import { describeHttpError } from './http-errors';
import { createSseReader, isObject, obj, str, tryParseJson, type SseMessage } from './sse';
import { ThinkSplitter, type ThinkSplitterOptions } from './think-splitter';
import { refusedRequestFields } from './presets';

export type OpenAiCompatibleOptions = { think?: ThinkSplitterOptions };

/** The reasoning of one delta, from the first field that has it. */
export function pickReasoning(delta: Record<string, unknown>): { text: string; kind: ReasoningKind } | undefined {
  const details = delta.reasoning_details;
  if (Array.isArray(details) && details.length > 0) {
    let text = '';
    let kind: ReasoningKind = 'raw';
    for (const item of details) {
      if (!isObject(item)) continue;
      if (item.type === 'reasoning.text' && typeof item.text === 'string') text += item.text;
      else if (item.type === 'reasoning.summary' && typeof item.summary === 'string') {
        text += item.summary;
        kind = 'summary';
      }
      // reasoning.encrypted: opaque, nothing to show.
    }
    return { text, kind };
  }
  for (const key of ['reasoning_content', 'reasoning'] as const) {
    const value = delta[key];
    if (typeof value === 'string' && value) return { text: value, kind: 'raw' };
  }
  return undefined;
}

export type ContentPart = { kind: 'reasoning' | 'content'; text: string };

/** `delta.content` as ordered parts: a plain string is one content part; typed arrays are read part by part. */
export function contentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return content ? [{ kind: 'content', text: content }] : [];
  if (!Array.isArray(content)) return [];
  const out: ContentPart[] = [];
  for (const part of content) {
    if (typeof part === 'string') {
      if (part) out.push({ kind: 'content', text: part });
      continue;
    }
    if (!isObject(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string' && part.text) out.push({ kind: 'content', text: part.text });
    else if (part.type === 'thinking') {
      const inner = part.thinking;
      let text = '';
      if (typeof inner === 'string') text = inner;
      else if (Array.isArray(inner)) for (const t of inner) if (isObject(t) && t.type === 'text' && typeof t.text === 'string') text += t.text;
      if (text) out.push({ kind: 'reasoning', text });
    }
  }
  return out;
}

export function createOpenAiChatParser(options: OpenAiCompatibleOptions = {}): StreamParser {
  const sse = createSseReader();
  const sink = new EventSink();
  const splitter = new ThinkSplitter(options.think);
  let externalReasoning = false;
  let finishReason: string | undefined;
  /** Thinking parts: whether one was emitted, and whether answer text came after the last one. */
  let thinkingSeen = false;
  let answerSinceThinking = false;

  const content = (segments: ReturnType<ThinkSplitter['push']>) => {
    for (const s of segments) {
      if (s.kind === 'answer') {
        sink.answer(s.text);
        answerSinceThinking = true;
      }
      else if (!externalReasoning) sink.reasoning(s.text, 'raw');
    }
  };

  const finish = () => {
    content(splitter.end());
  };

  const handle = (message: SseMessage) => {
    if (sink.finished) return;
    const data = message.data.trim();
    if (message.event === 'error') {
      finish();
      const { message: text, code } = errorFields(tryParseJson(data) ?? data, 'The server reported an error.');
      sink.error(text, code);
      return;
    }
    if (data === '[DONE]') {
      finish();
      sink.done(finishReason);
      return;
    }
    if (!data) return;
    const json = tryParseJson(data);
    if (!isObject(json)) {
      sink.malformed();
      return;
    }
    if (json.error !== undefined && json.error !== null) {
      finish();
      const { message: text, code } = errorFields(json, 'The server reported an error.');
      sink.error(text, code);
      return;
    }
    if (json.object === 'error') {
      finish();
      const { message: text, code } = errorFields(json, 'The server reported an error.');
      sink.error(text, code);
      return;
    }
    const choices = Array.isArray(json.choices) ? json.choices : [];
    const choice = choices.find((c) => isObject(c) && (c.index === 0 || c.index === undefined));
    if (isObject(choice)) {
      const delta = obj(choice.delta) ?? obj(choice.message);
      if (delta) {
        const reasoning = pickReasoning(delta);
        if (reasoning) {
          if (!externalReasoning) {
            externalReasoning = true;
            splitter.noteExternalReasoning();
          }
          sink.reasoning(reasoning.text, reasoning.kind);
        }
        for (const part of contentParts(delta.content)) {
          if (part.kind === 'content') content(splitter.push(part.text));
          else if (!reasoning) {
            if (!externalReasoning) {
              externalReasoning = true;
              splitter.noteExternalReasoning();
            }
            sink.reasoning(thinkingSeen && answerSinceThinking ? `\n\n${part.text}` : part.text, 'raw');
            thinkingSeen = true;
            answerSinceThinking = false;
          }
        }
      }
      const reason = str(choice.finish_reason);
      if (reason) {
        finishReason = reason;
        finish();
      }
    }
    // Groq reports usage under `x_groq.usage` on the last chunk.
    const usage = openAiUsage(json.usage) ?? openAiUsage(obj(json.x_groq)?.usage);
    if (usage) sink.usage(usage);
    if (finishReason === 'error') sink.error('The provider stopped with an error.', 'error');
  };

  return framedParser(sse, sink, handle, () => {
    finish();
    if (finishReason) sink.done(finishReason);
  });
}

export function createOpenAiCompatibleAdapter(options: OpenAiCompatibleOptions = {}): WireAdapter {
  return {
    id: 'openai-compatible',
    label: 'OpenAI-compatible (Chat Completions)',
    reasoningNote:
      'Raw reasoning from reasoning_content / reasoning fields or <think> tags. OpenAI’s own models send no reasoning text here; use the Responses API for summaries.',
    defaultBaseUrl: 'https://api.openai.com/v1',
    buildRequest(config: RequestConfig): HttpRequest {
      const body: Record<string, unknown> = {
        model: config.model,
        messages: chatMessages(config),
        stream: true,
        stream_options: { include_usage: true },
      };
      if (config.maxTokens !== undefined) body.max_tokens = config.maxTokens;
      if (config.reasoningEffort !== undefined) body.reasoning_effort = config.reasoningEffort;
      for (const field of refusedRequestFields('openai-compatible', config.baseUrl)) delete body[field];
      return jsonPost(`${trimBaseUrl(config.baseUrl)}/chat/completions`, body, { accept: 'text/event-stream', ...bearerHeaders(config.apiKey) });
    },
    createParser: () => createOpenAiChatParser(options),
    listModelsRequest: (config) => modelsRequest(config.baseUrl, { accept: 'application/json', ...bearerHeaders(config.apiKey) }),
    parseModelList: modelIds,
    describeHttpError: (status, body, url) => describeHttpError(status, body, {}, url),
  };
}

export const openAiCompatibleAdapter = createOpenAiCompatibleAdapter();
