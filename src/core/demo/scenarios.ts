/**
 * The built-in demo model's scripted scenarios. Each is replayed as real OpenAI-compatible SSE
 * bytes (see sse-frames.ts), so the whole app works offline through the real parsing path.
 *
 * Reasoning texts use blank-line paragraphs: one paragraph is one step for the paragraph
 * segmenter. Every stated `a op b = c` is correct except the deliberate slip in
 * 'arithmetic-slip' (the tests check this).
 */

export type ScenarioId =
  | 'short'
  | 'medium'
  | 'complex'
  | 'arithmetic-slip'
  | 'repetition-loop'
  | 'stall'
  | 'disconnect'
  | 'checkpointed-long';

export type ScenarioFault =
  /** The server stops sending for `ms` after `afterStep` complete steps (1-based count), then resumes. */
  | { kind: 'stall'; afterStep: number; ms: number }
  /** The connection breaks once `afterFraction` of the reasoning text has been sent; nothing follows. */
  | { kind: 'disconnect'; afterFraction: number };

export type Scenario = {
  id: ScenarioId;
  title: string;
  /** What the scenario demonstrates, for the picker UI. */
  description: string;
  /** An example prompt that fits the scripted reasoning. */
  prompt: string;
  /** Words in a prompt that select this scenario (matched case-insensitively on word boundaries). */
  keywords: string[];
  reasoning: string;
  answer: string;
  fault?: ScenarioFault;
  /**
   * Set when the scenario is meant to miss its latency target (a stall, a very long chain): the
   * caption shown instead of a failure banner. Also the end of the description.
   */
  expectedMiss?: string;
};

const paragraphs = (...parts: string[]): string => parts.join('\n\n');

const short: Scenario = {
  id: 'short',
  title: 'Short answer',
  description: 'A quick percentage question: a handful of steps, then the answer.',
  prompt: 'What is 15% of 80?',
  keywords: ['short', 'quick', 'simple', 'easy', 'brief', 'tiny', 'percent', 'percentage'],
  reasoning: paragraphs(
    `Let me work out 15% of 80. Percentages are easiest to split into pieces I can do in my head.`,
    `10% of 80 is 8, and 5% is half of 10%, so 5% of 80 is 4.`,
    `So 15% of 80 is 8 + 4 = 12.`,
    `Quick check the other way: 0.15 × 80 = 12. Both routes agree, so the answer is 12.`,
  ),
  answer: `15% of 80 is **12**.`,
};

const medium: Scenario = {
  id: 'medium',
  title: 'Word problem',
  description: 'A GSM8K-style word problem solved in about a dozen steps, with a final cross-check.',
  prompt:
    'A bakery sells cupcakes for $3 each and cookies for $1.50 each. On Monday it sold 48 cupcakes and twice as many cookies. On Tuesday it sold 25% more cupcakes than on Monday and 30 fewer cookies than on Monday. What was the total revenue over the two days?',
  keywords: ['medium', 'word problem', 'gsm8k', 'math', 'maths', 'bakery', 'revenue', 'cupcake', 'cookie'],
  reasoning: paragraphs(
    `Let me start by listing what's given. Cupcakes cost $3 each and cookies cost $1.50 each. On Monday the bakery sold 48 cupcakes and twice as many cookies. On Tuesday it sold 25% more cupcakes than on Monday and 30 fewer cookies than on Monday. I need the total revenue for both days.`,
    `First, Monday's cookies. Twice as many cookies as cupcakes means 2 × 48 = 96 cookies.`,
    `Monday's cupcake revenue: 48 × $3 = $144.`,
    `Monday's cookie revenue: 96 × $1.50 = $144. Interesting, exactly the same as the cupcakes.`,
    `So Monday's total is $144 + $144 = $288.`,
    `Now Tuesday. 25% more cupcakes than Monday means 48 × 1.25 = 60 cupcakes. Let me double-check that: 25% of 48 is 12, and 48 + 12 = 60. Yes.`,
    `Tuesday's cupcake revenue: 60 × $3 = $180.`,
    `Tuesday's cookies: 30 fewer than Monday's 96, so 96 - 30 = 66 cookies.`,
    `Tuesday's cookie revenue: 66 × $1.50 = $99.`,
    `So Tuesday's total is $180 + $99 = $279.`,
    `Adding both days: $288 + $279 = $567.`,
    `Let me sanity-check by adding up each item over both days instead. Cupcakes: 48 + 60 = 108, and 108 × $3 = $324. Cookies: 96 + 66 = 162, and 162 × $1.50 = $243. Then $324 + $243 = $567. Same answer.`,
  ),
  answer: `The bakery took in **$567** over the two days: $288 on Monday ($144 from cupcakes, $144 from cookies) and $279 on Tuesday ($180 from cupcakes, $99 from cookies).`,
};

const complex: Scenario = {
  id: 'complex',
  title: 'Project plan (critical path)',
  description:
    'A multi-part planning problem: forward and backward passes, slack, worker limits and what-if delays. Long enough for several verification rounds and checkpoints.',
  prompt:
    'A renovation has seven tasks. A (3 days) has no prerequisites; B (2 days) and C (4 days) need A; D (2 days) needs B; E (3 days) needs B and C; G (2 days) needs C; F (1 day) needs D, E and G. Each task needs one worker for its whole duration. What is the shortest project length and the critical path, how much slack does each task have, can two workers finish in that time, how long would one worker take, and what happens if C or D slips by 2 days?',
  keywords: ['complex', 'complicated', 'plan', 'planning', 'schedule', 'scheduling', 'project', 'critical path', 'hard', 'multi-step', 'multi-part', 'logic', 'puzzle'],
  reasoning: paragraphs(
    `Seven tasks: A = 3, B = 2, C = 4, D = 2, E = 3, G = 2 and F = 1 days. A forward pass gives the earliest times, a backward pass the latest; then workers and delays.`,
    `First, let me write the dependencies down as edges so I don't misread them:\nA → B, A → C\nB → D, B → E\nC → E, C → G\nD → F, E → F, G → F`,
    `Forward pass. A has no prerequisites, so it starts at day 0 and finishes at 0 + 3 = 3.`,
    `B needs only A, so B starts at 3 and finishes at 3 + 2 = 5.`,
    `C also needs only A: it starts at 3 and finishes at 3 + 4 = 7.`,
    `D needs B, which finishes at 5. So D starts at 5 and finishes at 5 + 2 = 7.`,
    `E needs both B and C, so it can't start until the later of the two is done. B finishes at 5 and C at 7, so E starts at 7 and finishes at 7 + 3 = 10.`,
    `G needs C, so G starts at 7 and finishes at 7 + 2 = 9.`,
    `F needs D, E and G, which finish at 7, 10 and 9. The latest of those is 10, so F starts at 10 and finishes at 10 + 1 = 11. With enough workers the project takes 11 days.`,
    `Now the backward pass, starting from the project end at day 11. F must finish by 11, so it must start by 11 - 1 = 10.`,
    `E, D and G all feed F, so each must finish by day 10. E must start by 10 - 3 = 7, D by 10 - 2 = 8, and G by 10 - 2 = 8.`,
    `C feeds E (latest start 7) and G (latest start 8). It has to finish by the earlier of those, day 7, so C must start by 7 - 4 = 3.`,
    `B feeds D (latest start 8) and E (latest start 7), so B must finish by 7 and start by 7 - 2 = 5.`,
    `A feeds B (latest start 5) and C (latest start 3), so A must finish by 3 and start by 3 - 3 = 0. That matches the forward pass starting at 0, which is a good consistency check.`,
    `Slack is the latest start minus the earliest start:\nA: 0 - 0 = 0\nB: 5 - 3 = 2\nC: 3 - 3 = 0\nD: 8 - 5 = 3\nE: 7 - 7 = 0\nG: 8 - 7 = 1\nF: 10 - 10 = 0`,
    `The zero-slack tasks are A, C, E and F, and they form a chain: A → C → E → F. Its length is 3 + 4 + 3 + 1 = 11 days, which equals the project length, so that is the critical path.`,
    `Hmm, is there a second critical path? A → B → E → F is 9 days, A → B → D → F is 8 and A → C → G → F is 10. All shorter than 11, so it is unique.`,
    `Can two workers keep the 11-day schedule? Only if no more than two tasks ever run at once in the earliest-start schedule.`,
    `Days 0–3: only A runs. Days 3–5: B and C run, that's two. Days 5–7: C continues and D runs, two again. Days 7–9: E and G run. Days 9–10: only E. Days 10–11: only F.`,
    `The peak is two tasks at a time, so two workers can finish in 11 days with no delay. Worker 1 can take A, C, E and F (the critical path) and worker 2 can take B, D and G.`,
    `Let me double-check worker 2: B runs days 3–5, D 5–7, G 7–9. No overlaps, and each starts after its prerequisites finish. Good.`,
    `One worker runs nothing in parallel, so the project takes the sum of all durations: 3 + 2 + 4 + 2 + 3 + 2 + 1 = 17 days, in any order that respects the dependencies.`,
    `What-if 1: C slips by 2 days, so it takes 4 + 2 = 6 days. C is on the critical path with zero slack, so the whole delay passes through: C finishes at 3 + 6 = 9, E runs days 9–12, G runs 9–11, and F runs 12–13. The project becomes 13 days.`,
    `What-if 2: D slips by 2 days instead, so it takes 2 + 2 = 4 days and finishes at 5 + 4 = 9. D has 3 days of slack and F only needs it by day 10, so the project still takes 11 days.`,
    `Let me recheck the C-delay case with two workers: E and G run together on days 9–11 and D finished at day 7, so two workers still suffice, at 13 days.`,
  ),
  answer: [
    `**Shortest length: 11 days**, critical path **A → C → E → F** (3 + 4 + 3 + 1).`,
    ``,
    `| Task | Earliest start | Latest start | Slack |`,
    `|---|---|---|---|`,
    `| A | 0 | 0 | 0 |`,
    `| B | 3 | 5 | 2 |`,
    `| C | 3 | 3 | 0 |`,
    `| D | 5 | 8 | 3 |`,
    `| E | 7 | 7 | 0 |`,
    `| G | 7 | 8 | 1 |`,
    `| F | 10 | 10 | 0 |`,
    ``,
    `- **Two workers** can keep the 11-day schedule (never more than two tasks at once): one takes A, C, E, F; the other B, D, G.`,
    `- **One worker** needs 17 days (the sum of all durations).`,
    `- **C slips 2 days** → the project takes 13 days (C is critical). **D slips 2 days** → still 11 days (D has 3 days of slack).`,
  ].join('\n'),
};

const arithmeticSlip: Scenario = {
  id: 'arithmetic-slip',
  title: 'Arithmetic slip, self-corrected',
  description:
    'The model states a wrong product (17 × 24 = 418), builds on it, then notices with "Wait, …" and recomputes. The final answer is right; the verifier should flag the slip.',
  prompt:
    'A warehouse has 24 rows with 17 pallets in each row, and every pallet holds 36 boxes. If 1,250 boxes are shipped out, how many boxes are left?',
  keywords: ['arithmetic-slip', 'slip', 'mistake', 'wrong', 'typo', 'miscalculation', 'miscalculate', 'self-correct', 'self-correction', 'correction', 'correct itself'],
  reasoning: paragraphs(
    `Let me figure out how many boxes the warehouse holds first, then subtract the shipment.`,
    `There are 24 rows with 17 pallets in each, so the number of pallets is 17 × 24 = 418.`,
    `Each pallet holds 36 boxes, so the total is 418 × 36. Let me break that up: 418 × 30 = 12,540 and 418 × 6 = 2,508.`,
    `So the warehouse holds 12,540 + 2,508 = 15,048 boxes in total.`,
    `Hmm, that seems a bit high for 24 rows. Let me re-check the pallet count before going on.`,
    `Wait, 17 × 24 = 408, not 418. Breaking it up: 17 × 20 = 340 and 17 × 4 = 68, and 340 + 68 = 408. I added 10 pallets too many.`,
    `Redoing the box count with 408 pallets: 408 × 30 = 12,240 and 408 × 6 = 2,448, so 408 × 36 = 12,240 + 2,448 = 14,688 boxes.`,
    `Another way to check: one row holds 17 × 36 = 612 boxes, and 24 rows hold 612 × 24 = 14,688. That matches.`,
    `Now subtract the shipment: 14,688 - 1,250 = 13,438 boxes left.`,
    `So the warehouse held 14,688 boxes, and 13,438 remain after the shipment.`,
  ),
  answer: `**13,438 boxes** are left: 24 rows × 17 pallets = 408 pallets, 408 × 36 = 14,688 boxes, and 14,688 − 1,250 = 13,438.`,
};

const loopA = `So 221 = 13 × 17, and 221 is not prime. But wait, let me verify that again.`;
const loopB = `13 × 17: 13 × 10 = 130 and 13 × 7 = 91, and 130 + 91 = 221. Yes, 13 × 17 = 221.`;

const repetitionLoop: Scenario = {
  id: 'repetition-loop',
  title: 'Repetition loop',
  description:
    'The model gets the answer, then keeps re-verifying the same multiplication in nearly identical paragraphs before breaking out. The repetition check should fire.',
  prompt: 'Is 221 a prime number?',
  keywords: ['repetition-loop', 'loop', 'looping', 'repeat', 'repeating', 'repeated', 'repetition', 'repetitive', 'stuck', 'cycle', 'cycling'],
  reasoning: paragraphs(
    `Let me check whether 221 is prime by trying prime divisors up to its square root. Since 15 × 15 = 225, which is just above 221, I only need primes up to 13.`,
    `221 is odd, so it isn't divisible by 2. Its digit sum is 2 + 2 + 1 = 5, which isn't a multiple of 3, so 3 is out. It doesn't end in 0 or 5, so 5 is out.`,
    `For 7: 7 × 31 = 217 and 7 × 32 = 224, so 221 falls between two multiples of 7 and 7 doesn't divide it.`,
    `For 11: the alternating digit sum is 2 - 2 + 1 = 1, not a multiple of 11, so 11 doesn't divide it.`,
    `For 13: 13 × 17 = 221. So 221 is divisible by 13, which means it is not prime.`,
    `But wait, let me verify that again. 13 × 17: 13 × 10 = 130 and 13 × 7 = 91, and 130 + 91 = 221. Yes, 13 × 17 = 221.`,
    loopA,
    loopB,
    `So 221 = 13 × 17, and therefore 221 is not prime. But wait, let me verify that again.`,
    loopB,
    loopA,
    `13 × 17: 13 × 10 = 130, 13 × 7 = 91, and 130 + 91 = 221. Yes, 13 × 17 = 221.`,
    loopA,
    loopB,
    `Hold on, I keep re-verifying the same multiplication. It has checked out every time, so there is nothing left to verify: 221 = 13 × 17 is settled.`,
    `Conclusion: besides 1 and itself, 221 has the factors 13 and 17, so it is composite, not prime.`,
  ),
  answer: `No. 221 is not prime: **221 = 13 × 17**.`,
};

const stall: Scenario = {
  id: 'stall',
  title: 'Stalled stream',
  description:
    'The server stops sending tokens for 35 s after step 3 (longer than the default 30 s step timeout), then resumes and finishes normally. This scenario shows a stall: the latency target will be missed.',
  prompt: 'A train covers 180 km in 2 hours 30 minutes. What is its average speed in km/h and in m/s?',
  keywords: ['stall', 'stalled', 'stalling', 'slow', 'hang', 'hanging', 'freeze', 'frozen', 'pause', 'paused', 'timeout', 'time out', 'timed out'],
  reasoning: paragraphs(
    `Let me convert the time first. 2 hours 30 minutes is 2.5 hours, since 30 minutes is half an hour.`,
    `Average speed is distance divided by time: 180 ÷ 2.5 = 72 km/h.`,
    `Let me double-check: 72 × 2.5 = 180. Yes, that gives back the distance.`,
    `Now convert to metres per second. 1 km is 1,000 m and 1 hour is 3,600 s, so 72 km/h means 72 × 1,000 = 72,000 m every 3,600 s.`,
    `72,000 ÷ 3,600 = 20, so the speed is 20 m/s.`,
    `Another way: dividing a speed in km/h by 3.6 gives m/s, and 72 ÷ 3.6 = 20. Same result.`,
    `So the train averages 72 km/h, which is 20 m/s.`,
  ),
  answer: `The average speed is **72 km/h**, which is **20 m/s**.`,
  fault: { kind: 'stall', afterStep: 3, ms: 35_000 },
  expectedMiss: 'This scenario shows a stall: the latency target will be missed.',
};

const disconnect: Scenario = {
  id: 'disconnect',
  title: 'Dropped connection',
  description: 'The connection breaks about 60 % of the way through the reasoning, after several steps; no answer and no [DONE] arrive.',
  prompt: 'I invest $5,000 at 4% interest compounded annually. How much will I have after 3 years, and how much of that is interest?',
  keywords: ['disconnect', 'disconnected', 'break', 'broken', 'drop', 'dropped', 'network', 'connection', 'abort', 'aborted', 'cut off'],
  reasoning: paragraphs(
    `Let me set this up. Compound interest means each year's interest is added to the balance, and the next year's interest is computed on the new balance. The growth factor per year is 1 + 0.04 = 1.04.`,
    `Year 1: the interest is 5,000 × 0.04 = 200, so the balance becomes 5,000 + 200 = 5,200.`,
    `Year 2: the interest is 5,200 × 0.04 = 208, so the balance becomes 5,200 + 208 = 5,408.`,
    `Year 3: the interest is 5,408 × 0.04 = 216.32, so the balance becomes 5,408 + 216.32 = 5,624.32.`,
    `Let me verify with the formula A = P(1 + r)^n. First 1.04 × 1.04 = 1.0816, then 1.0816 × 1.04 = 1.124864.`,
    `So A = 5,000 × 1.124864 = 5,624.32. That matches the year-by-year calculation.`,
    `The interest earned is the final balance minus the principal: 5,624.32 - 5,000 = 624.32.`,
    `As a sanity check, simple interest would be 3 × 200 = 600, and compound interest should be a little more because of interest on interest. The extra is 624.32 - 600 = 24.32, which is small, as expected.`,
    `Let me break that extra down: in year 2 the interest on year 1's interest is 200 × 0.04 = 8, and in year 3 the interest on the accumulated 408 is 408 × 0.04 = 16.32. Together 8 + 16.32 = 24.32. Consistent.`,
    `So after 3 years the balance is $5,624.32, of which $624.32 is interest.`,
  ),
  answer: `After 3 years you will have **$5,624.32**, of which **$624.32** is interest.`,
  fault: { kind: 'disconnect', afterFraction: 0.6 },
};

const checkpointedLong: Scenario = {
  id: 'checkpointed-long',
  title: 'Long chain (checkpoints)',
  description:
    "A 40-step month-by-month cash-flow plan with running totals and cross-checks, for checkpoint summaries and long-chain rendering. This scenario shows a long chain: at the demo's default speed it runs past the 30 s attention ceiling, so the latency target will be missed (that is what checkpoints are for).",
  prompt:
    "I'm opening a café with $8,000 in cash. Revenue should be $6,000 in month 1 and grow by $400 every month. Fixed costs are $4,200 a month and ingredients cost 25% of revenue. The renovation ($6,500) is paid in month 1 and a $3,000 espresso machine in month 4. Walk me through the first 12 months: monthly profit, cash balance, when cash is lowest, and the total profit for the year.",
  keywords: ['checkpointed-long', 'checkpoint', 'checkpointed', 'long chain', 'very long', 'cash flow', 'cashflow', 'budget', 'café', 'cafe', 'monthly'],
  reasoning: paragraphs(
    `Let me organize this. I'll go month by month and, for each month, compute the revenue, the ingredient cost, the total cost, the profit and the cash balance. There are two one-off costs: the $6,500 renovation in month 1 and the $3,000 espresso machine in month 4.`,
    `Revenue in month m is 6,000 + 400 × (m - 1). So month 1 is $6,000 and month 12 is 6,000 + 400 × 11 = 10,400.`,
    `Costs each month are the fixed $4,200 plus ingredients at 25% of revenue. So profit = revenue - 4,200 - 0.25 × revenue, which simplifies to 0.75 × revenue - 4,200. I'll compute the first month both ways to make sure the shortcut is right.`,
    `Month 1: revenue $6,000. Ingredients 6,000 × 0.25 = 1,500, so costs are 4,200 + 1,500 = 5,700 and the profit is 6,000 - 5,700 = 300. Shortcut: 0.75 × 6,000 - 4,200 = 300. Same.`,
    `Cash after month 1: 8,000 + 300 - 6,500 = 1,800, because the renovation is paid this month. That's a big drop.`,
    `Month 2: revenue 6,000 + 400 = 6,400. Ingredients 6,400 × 0.25 = 1,600, costs 4,200 + 1,600 = 5,800, profit 6,400 - 5,800 = 600.`,
    `Cash after month 2: 1,800 + 600 = 2,400.`,
    `Month 3: revenue 6,800. Ingredients 6,800 × 0.25 = 1,700, costs 4,200 + 1,700 = 5,900, profit 6,800 - 5,900 = 900.`,
    `Cash after month 3: 2,400 + 900 = 3,300.`,
    `Month 4: revenue 7,200. Ingredients 7,200 × 0.25 = 1,800, costs 4,200 + 1,800 = 6,000, profit 7,200 - 6,000 = 1,200.`,
    `Month 4 also has the espresso machine. Cash after month 4: 3,300 + 1,200 - 3,000 = 1,500. That's lower than after month 1, so the machine month is the tightest point so far.`,
    `I notice the profit rises by exactly 300 each month. That makes sense: revenue grows by 400, ingredients take 25% of that, which is 100, so profit grows by 400 - 100 = 300. I can use that to check each month from here on.`,
    `Month 5: revenue 7,600. Ingredients 7,600 × 0.25 = 1,900, costs 4,200 + 1,900 = 6,100, profit 7,600 - 6,100 = 1,500. And 1,200 + 300 = 1,500, consistent.`,
    `Cash after month 5: 1,500 + 1,500 = 3,000.`,
    `Month 6: revenue 8,000. Ingredients 8,000 × 0.25 = 2,000, costs 4,200 + 2,000 = 6,200, profit 8,000 - 6,200 = 1,800.`,
    `Cash after month 6: 3,000 + 1,800 = 4,800.`,
    `Checkpoint on the first half-year: the profits were 300, 600, 900, 1,200, 1,500 and 1,800, which total 300 + 600 + 900 + 1,200 + 1,500 + 1,800 = 6,300. Cash check: 8,000 + 6,300 - 6,500 - 3,000 = 4,800. Matches.`,
    `Month 7: revenue 8,400. Ingredients 8,400 × 0.25 = 2,100, costs 4,200 + 2,100 = 6,300, profit 8,400 - 6,300 = 2,100.`,
    `Cash after month 7: 4,800 + 2,100 = 6,900.`,
    `Month 8: revenue 8,800. Ingredients 8,800 × 0.25 = 2,200, costs 4,200 + 2,200 = 6,400, profit 8,800 - 6,400 = 2,400.`,
    `Cash after month 8: 6,900 + 2,400 = 9,300.`,
    `Month 9: revenue 9,200. Ingredients 9,200 × 0.25 = 2,300, costs 4,200 + 2,300 = 6,500, profit 9,200 - 6,500 = 2,700.`,
    `Cash after month 9: 9,300 + 2,700 = 12,000.`,
    `Month 10: revenue 9,600. Ingredients 9,600 × 0.25 = 2,400, costs 4,200 + 2,400 = 6,600, profit 9,600 - 6,600 = 3,000.`,
    `Cash after month 10: 12,000 + 3,000 = 15,000.`,
    `Month 11: revenue 10,000. Ingredients 10,000 × 0.25 = 2,500, costs 4,200 + 2,500 = 6,700, profit 10,000 - 6,700 = 3,300.`,
    `Cash after month 11: 15,000 + 3,300 = 18,300.`,
    `Month 12: revenue 10,400, which matches the formula from the start. Ingredients 10,400 × 0.25 = 2,600, costs 4,200 + 2,600 = 6,800, profit 10,400 - 6,800 = 3,600.`,
    `Cash after month 12: 18,300 + 3,600 = 21,900.`,
    `Checkpoint on the second half-year: the profits 2,100, 2,400, 2,700, 3,000, 3,300 and 3,600 sum to 2,100 + 2,400 + 2,700 + 3,000 + 3,300 + 3,600 = 17,100.`,
    `Total operating profit for the year: 6,300 + 17,100 = 23,400.`,
    `Let me verify that with the arithmetic-series formula. The profits are 300 × k for k from 1 to 12, and 1 + 2 + … + 12 = 12 × 13 / 2 = 78, so the sum is 300 × 78 = 23,400. Same.`,
    `Cash check for the whole year: 8,000 + 23,400 - 6,500 - 3,000 = 21,900. That equals the month-12 balance, so the running balance has no slips.`,
    `Now, when is cash lowest? The month-end balances were 1,800, 2,400, 3,300, 1,500, 3,000, 4,800, 6,900, 9,300, 12,000, 15,000, 18,300 and 21,900. The minimum is 1,500, after month 4.`,
    `That's worth flagging: the café never runs out of cash, but after the machine purchase it has only $1,500 left, which is about a third of one month's fixed costs (1,500 / 4,200 ≈ 0.36).`,
    `What if the machine were bought in month 6 instead? Then month 4 would end at 3,300 + 1,200 = 4,500, month 5 at 4,500 + 1,500 = 6,000, and month 6 at 6,000 + 1,800 - 3,000 = 4,800. The lowest point would then be 1,800, after month 1.`,
    `So delaying the machine by two months lifts the minimum from 1,500 to 1,800, and by the end of month 6 the balance is 4,800 either way, since the same costs have been paid by then.`,
    `One more check on break-even: a month covers its fixed costs when 0.75 × revenue is at least 4,200, i.e. revenue of at least 4,200 / 0.75 = 5,600. Month 1 already brings in $6,000, so every month is profitable.`,
    `The one-off costs add up to 6,500 + 3,000 = 9,500. The running profit is 6,300 after month 6, 6,300 + 2,100 = 8,400 after month 7 and 8,400 + 2,400 = 10,800 after month 8, so the one-off costs are earned back during month 8.`,
    `Summary: monthly profit rises from $300 to $3,600 in steps of $300; cash bottoms out at $1,500 after month 4; the year's operating profit is $23,400; and the café ends the year with $21,900 in cash.`,
  ),
  expectedMiss: "This scenario shows a long chain: at the demo's default speed it runs past the 30 s attention ceiling, so the latency target will be missed (that is what checkpoints are for).",
  answer: [
    `**Year one at a glance**`,
    ``,
    `| Month | Revenue | Profit | Cash at month end |`,
    `|---|---|---|---|`,
    `| 1 | $6,000 | $300 | $1,800 (after the $6,500 renovation) |`,
    `| 2 | $6,400 | $600 | $2,400 |`,
    `| 3 | $6,800 | $900 | $3,300 |`,
    `| 4 | $7,200 | $1,200 | **$1,500** (after the $3,000 machine) |`,
    `| 5 | $7,600 | $1,500 | $3,000 |`,
    `| 6 | $8,000 | $1,800 | $4,800 |`,
    `| 7 | $8,400 | $2,100 | $6,900 |`,
    `| 8 | $8,800 | $2,400 | $9,300 |`,
    `| 9 | $9,200 | $2,700 | $12,000 |`,
    `| 10 | $9,600 | $3,000 | $15,000 |`,
    `| 11 | $10,000 | $3,300 | $18,300 |`,
    `| 12 | $10,400 | $3,600 | $21,900 |`,
    ``,
    `- Cash is lowest after **month 4** ($1,500); buying the machine in month 6 would keep it above $1,800.`,
    `- Operating profit for the year: **$23,400**; year-end cash: **$21,900**.`,
  ].join('\n'),
};

/** All scenarios, in picker order. */
export const SCENARIOS: readonly Scenario[] = [short, medium, complex, arithmeticSlip, repetitionLoop, stall, disconnect, checkpointedLong];

export function getScenario(id: ScenarioId): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`Unknown demo scenario: ${id}`);
  return found;
}
