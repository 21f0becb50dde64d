/** One breach of a rule: what is wrong and how to fix it, on the resource at fault (or the stack). */
export interface Violation {
  message: string;
  /** the resource at fault; the stack when absent */
  urn?: string;
}
