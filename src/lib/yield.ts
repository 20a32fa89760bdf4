// The yielder lives beside the workers, which use it too; the page imports it from here.
export { createYielder, yieldToEventLoop } from '../workers/yield';
