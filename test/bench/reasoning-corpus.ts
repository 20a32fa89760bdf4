/**
 * Realistic reasoning: 10,000 short paragraphs (≈ 100 characters each, 1 MB), with an
 * arithmetic slip every 50th step so the verifier has warnings to deliver while streaming.
 */
import { mulberry32 } from '../../src/core/random';
export function makeReasoning(): string {
  // Varied like a real chain (different quantities and phrasings), not one sentence repeated.
  const subjects = ['warehouse', 'bakery', 'factory', 'school', 'farm', 'library', 'garage', 'clinic', 'hotel', 'market'];
  const things = ['boxes', 'loaves', 'parts', 'pencils', 'apples', 'books', 'tyres', 'masks', 'towels', 'melons'];
  const units = ['hour', 'day', 'shift', 'week'];
  const templates = [
    (a: number, b: number, k: number) => `The ${subjects[k % 10]} handles ${a} ${things[(k >> 1) % 10]} per ${units[k % 4]}, so in ${b} ${units[k % 4]}s it handles ${a} × ${b} = ${a * b}.`,
    (a: number, b: number, k: number) => `Adding the ${b} spare ${things[(k >> 2) % 10]} to the ${a} counted earlier gives ${a} + ${b} = ${a + b} in step ${k}.`,
    (a: number, _b: number, k: number) => `Wait, let me re-check the ${things[k % 10]} count for the ${subjects[(k >> 3) % 10]} before going on (${a}).`,
    (a: number, b: number, k: number) => `Splitting ${a * b} ${things[(k >> 1) % 10]} evenly over ${b} crates means ${a * b} / ${b} = ${a} per crate.`,
    (a: number, b: number, k: number) => `So far the ${subjects[k % 10]} total stands at ${a + b * 3} ${things[k % 10]}, with ${b} still to place.`,
  ];
  // mulberry32, not an LCG: an LCG's low bits repeat every few calls, which made identical steps.
  const next = mulberry32(12345);
  const rand = (n: number) => 2 + Math.floor(next() * n);
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.length < 10_000; i++) {
    const a = rand(90);
    const b = rand(12);
    paragraphs.push(i % 50 === 49 ? `There are 24 rows of 17 pallets in bay ${i}, so 17 × 24 = 418 pallets.` : templates[i % templates.length](a, b, i));
  }
  return paragraphs.join('\n\n') + '\n\n';
}

