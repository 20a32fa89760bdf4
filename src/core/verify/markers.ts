/**
 * Self-correction / backtracking markers ("Wait,", "actually", "I made a mistake", "let me
 * re-check", "hmm, that's not right"). A marker is a signal, not an error: R1-style chains use
 * them routinely, and suppressing them costs no accuracy (NoWait). They feed the self-correction
 * rate, and a quantity restated after a marker counts as a correction, not an inconsistency.
 */
const MARKERS: RegExp[] = [
  /(?:^|[.!?…]\s+|\b(?:but|no|oh|hmm|ah|so),?\s+|[,;—]\s*)wait\s*[,.!…:—-]|(?:^|[.!?…]\s+|\b(?:but|no|oh|hmm|ah),?\s+)wait\b|\bwait\s*(?:!|…|\.\.\.)|\bwait\s+a\s+(?:moment|minute|second)\b/i,
  /\bhmm+\b/i,
  /\bactually\b/i,
  /\b(?:I|we)\s+(?:think\s+(?:I|we)\s+)?(?:made|make|have\s+made|'ve\s+made)\s+(?:a|an)\s+(?:\w+\s+)?(?:mistake|error)\b|\bmy\s+(?:mistake|bad|error)\b|\b(?:I|we)\s+(?:was|were)\s+wrong\b|\b(?:I|we)\s+(?:miscalculated|misread|miscounted|mis-?stated)\b/i,
  /\b(?:that|this|it)(?:'s|\s+is|\s+was)\s+(?:not\s+(?:right|correct)|wrong|incorrect)\b|\bthat\s+(?:doesn't|does\s+not|can't|cannot)\s+(?:seem\s+right|be\s+right|make\s+sense)\b/i,
  /\blet(?:'s|\s+me|\s+us)\s+(?:re-?check|double[- ]check|re-?verify|re-?examine|re-?evaluate|re-?calculate|re-?compute|re-?consider|re-?think|re-?do|correct\s+(?:this|that)|check\s+(?:this|that)\s+again|try\s+again|go\s+back)\b/i,
  /\bon\s+second\s+thought\b|\bscratch\s+that\b|\boops\b|\bcorrection\s*:/i,
];

/** The self-correction markers in a step as written ("Wait,", "actually", …); empty when none. */
export function findMarkers(text: string): string[] {
  const found: string[] = [];
  for (const re of MARKERS) {
    const m = re.exec(text);
    if (m) found.push(m[0].trim().replace(/^[.!?…]\s*/, ''));
  }
  return found;
}
