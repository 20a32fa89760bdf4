/**
 * Chains for the questions the app itself suggests (the prompt box's example), so the demo
 * answers the example it offers with that example's own working, not a scripted scenario's.
 * Every stated `a op b = c` is correct (the tests check it).
 */
import type { SampleChain } from './sample-chain';

/** The example question in the live viewer's empty prompt box. */
export const EXAMPLE_QUESTION = 'A train leaves at 3:40 pm and travels 210 km at 84 km/h. When does it arrive?';

export const EXAMPLE_CHAINS: readonly SampleChain[] = [
  {
    prompt: EXAMPLE_QUESTION,
    steps: [
      'The travel time is the distance divided by the speed: 210 ÷ 84 = 2.5 hours.',
      '2.5 hours is 2 hours and 30 minutes, since 0.5 × 60 = 30 minutes.',
      'Leaving at 3:40 pm, 2 hours later it is 5:40 pm, and 30 more minutes makes it 6:10 pm.',
      'Check: 84 × 2.5 = 210, so in 2 hours 30 minutes the train covers exactly the 210 km.',
    ],
    answer: 'The train arrives at **6:10 pm** (210 km ÷ 84 km/h = 2.5 h = 2 h 30 min after 3:40 pm).',
    source: 'the prompt box’s example question',
  },
];
