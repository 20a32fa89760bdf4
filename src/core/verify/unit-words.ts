/** Unit words as the arithmetic checks compare them: singular, with common synonyms folded. */

const UNIT_SYNONYMS: Record<string, string> = {
  dollar: '$', buck: '$', usd: '$', hr: 'hour', h: 'hour', min: 'minute', sec: 'second', s: 'second', feet: 'foot', ft: 'foot',
  inche: 'inch', in: 'inch', yd: 'yard', mi: 'mile', lb: 'pound', oz: 'ounce', kilogram: 'kg', gram: 'g', litre: 'liter', l: 'liter',
  metre: 'meter', penny: 'cent', pennie: 'cent', '¢': 'cent', yr: 'year',
};

/** "apples" → "apple", "hours"/"hrs" → "hour", "dollars" → "$". */
export function canonicalUnit(word: string): string {
  const w = singular(word);
  return UNIT_SYNONYMS[w] ?? w;
}

/** "apples" → "apple", "hours" → "hour" (enough to compare units). */
export function singular(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 3 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}
