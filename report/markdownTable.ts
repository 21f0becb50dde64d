// GitHub-flavoured Markdown tables for the PR-comment reports (plan and diff).
const cell = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
export const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;

/** `right` lists the columns to align right (numbers). */
export function mdTable(head: string[], rows: (string | number)[][], right: number[] = []): string {
  return [row(head), `|${head.map((_, i) => (right.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(row)].join('\n');
}
