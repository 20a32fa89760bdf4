export { answerNumber, answersMatch, cleanAnswer, extractAnswer, isChoiceReference, lastBoxed, type Extracted, type ExtractionRule } from './extract';
export { gradeRun, type Grade, type Verdict } from './grade';
