/**
 * The built-in offline embedding: hashed character n-grams of the normalized prompt.
 *
 * It matches WORDING, not meaning: "What is 17 × 24?" and "what is 17 x 24" are identical, but
 * "How much is seventeen times twenty-four?" is not close to either. And a changed number moves
 * a short prompt only a little ("17 × 24" vs "17 × 25": about 0.86), so pair a cache lookup
 * with `numbersMatch` (below) before replaying a chain. Good for catching repeated
 * and lightly edited prompts with no model and no network; use a real embedding model
 * (`/v1/embeddings`) to match paraphrases.
 *
 * Method: the normalized text (`normalizeForEmbedding`: words and arithmetic operators, one space
 * apart), padded with a space at each end; every character 3-, 4- and 5-gram is hashed
 * (FNV-1a over code points, then a murmur3 finalizer) into `dim` buckets with a hash-derived
 * sign (signed feature hashing, so collisions cancel on average instead of adding a baseline
 * similarity); the vector is L2-normalized. Deterministic across runs and platforms.
 */

import { FNV_OFFSET, FNV_PRIME, fmix32 } from '../hash';

export const LEXICAL_DIM = 512;
/** Embedding-model id of the built-in embedding (cache entries are keyed by it). */
export const LEXICAL_EMBEDDING_MODEL = `builtin:char-ngram-3-5@${LEXICAL_DIM}`;

export type LexicalOptions = { dim?: number; minN?: number; maxN?: number };

/** Signs that change a problem's meaning, so they are kept as tokens ("17 + 24" ≠ "17 × 24"). */
const OPERATORS = '+\\-×/÷=<>^%';
const TOKEN = new RegExp(`[\\p{L}\\p{M}\\p{N}]+(?:[.,]\\p{N}+)*|[${OPERATORS}]`, 'gu');

/**
 * The text as the embedding sees it: NFKC, lower case, tokens separated by one space. Tokens
 * are words (letters, marks, digits; decimals like 3.5 and 1,000 kept whole) and arithmetic
 * operators, with `*`, `·`, `⋅` and `x` between numbers unified to `×` and `−`, `–` to `-`; other
 * punctuation is dropped.
 */
export function normalizeForEmbedding(text: string): string {
  const t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*·⋅∙✕]/g, '×')
    .replace(/(\p{N})\s*x\s*(?=\p{N})/gu, '$1×')
    .replace(/[−–]/g, '-');
  return (t.match(TOKEN) ?? []).join(' ');
}


export function embedLexical(text: string, options: LexicalOptions = {}): Float32Array {
  const dim = options.dim ?? LEXICAL_DIM;
  const minN = options.minN ?? 3;
  const maxN = options.maxN ?? 5;
  if (!(dim >= 1 && Number.isInteger(dim))) throw new RangeError(`embedLexical: dim must be a positive integer (got ${dim})`);
  if (!(minN >= 1 && maxN >= minN)) throw new RangeError(`embedLexical: need 1 ≤ minN ≤ maxN (got ${minN}, ${maxN})`);
  const acc = new Float64Array(dim);
  const norm = normalizeForEmbedding(text);
  if (norm !== '') {
    const cps: number[] = [32];
    for (const ch of norm) cps.push(ch.codePointAt(0) as number);
    cps.push(32);
    const pow2 = (dim & (dim - 1)) === 0;
    const count = cps.length;
    // Texts shorter than minN still get one gram (the whole padded text).
    const lo = Math.min(minN, count);
    for (let i = 0; i < count; i++) {
      let h = FNV_OFFSET;
      for (let j = 0; j < maxN && i + j < count; j++) {
        h = Math.imul(h ^ cps[i + j], FNV_PRIME);
        if (j + 1 >= lo) {
          const f = fmix32(h ^ (j + 1));
          const slot = pow2 ? f & (dim - 1) : f % dim;
          acc[slot] += f & 0x80000000 ? -1 : 1;
        }
      }
      if (count < minN) break;
    }
  }
  let ss = 0;
  for (let i = 0; i < dim; i++) ss += acc[i] * acc[i];
  const out = new Float32Array(dim);
  if (ss > 0) {
    const inv = 1 / Math.sqrt(ss);
    for (let i = 0; i < dim; i++) out[i] = acc[i] * inv;
  }
  return out;
}

/** The numbers in a prompt, as written after normalization ("1,000" and "3.5" stay whole), in order. */
export function extractNumbers(text: string): string[] {
  return normalizeForEmbedding(text).match(/\p{N}+(?:[.,]\p{N}+)*/gu) ?? [];
}

/**
 * Whether two prompts state the same numbers in the same order. A reasoning chain for
 * "17 × 24" is wrong for "17 × 25" however similar the wording, so a cache hit should also pass
 * this check (any embedding model: a semantic model puts them even closer together).
 */
export function numbersMatch(a: string, b: string): boolean {
  const x = extractNumbers(a);
  const y = extractNumbers(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
