/** How the reasoning text is cut into steps. */
export type StepMode = 'paragraph' | 'line' | 'marker' | 'tokens';

export type Step = {
  /** 0-based position; the UI shows index + 1. */
  index: number;
  text: string;
  /** Clock time when the first character of the step arrived. */
  startedAt: number;
  /** Clock time when the step was closed (the separator after it arrived, or the stream ended). */
  completedAt: number;
  /** Set when verification flagged the step and the model corrected it: the index of the step that did. */
  supersededBy?: number;
};

export type SegmenterOptions = {
  mode: StepMode;
  /** For mode 'tokens': how many (whitespace-delimited, approximate) tokens make a step. */
  tokensPerStep?: number;
};
