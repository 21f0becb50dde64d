// One closing line per report (plan, diff, migrate, validate, synth, the program's refusal) that
// names `aksnet explain` and the codes in it: a finding's meaning, fix and public sources are a
// command away, without a hint on every line. Here, not in report/, so the Pulumi program's refusal
// message (design/) can end with it too.

/** The codes in the order first met, without repeats. */
export function distinctCodes(codes: Iterable<string>): string[] {
  return [...new Set(codes)];
}

/** "Explain a code: aksnet explain CODE (codes here: SUBNET_EXHAUSTED, LOW_HEADROOM)", or undefined without codes. */
export function explainLine(codes: Iterable<string>): string | undefined {
  const list = distinctCodes(codes);
  return list.length ? `Explain a code: aksnet explain CODE (codes here: ${list.join(', ')})` : undefined;
}

/** The same line for Markdown, with the command and codes as code spans. */
export function explainLineMarkdown(codes: Iterable<string>): string | undefined {
  const list = distinctCodes(codes);
  return list.length ? `Explain a code: \`aksnet explain CODE\` (codes here: ${list.map((c) => `\`${c}\``).join(', ')})` : undefined;
}
