// `aksnet validate FILE... [--format text|json]`: Kubernetes and Calico objects checked before deploy.
// Exit 0 clean (warnings allowed), 1 with an error finding, 2 when a file cannot be read or parsed.
import type { ObjectFinding } from '../netpol/validate';
import { validateObjects } from '../netpol/validate';
import { readObjects } from './readObjects';
import { explainLine } from '../planner/explainHint';

export interface ValidateOptions {
  format: 'text' | 'json';
}

export interface FileFinding extends ObjectFinding {
  file: string;
}

/** `file: doc N kind/name path: message [CODE]`, N counted from 1 as editors and people count. */
export function formatFinding(f: FileFinding): string {
  const what = f.kind ? ` ${f.kind}${f.name ? `/${f.name}` : ''}` : '';
  const severity = f.severity === 'warning' ? 'warning: ' : '';
  return `${f.file}: doc ${f.doc + 1}${what}${f.path ? ` ${f.path}` : ''}: ${severity}${f.message} [${f.code}]`;
}

export function runValidate(files: string[], options: ValidateOptions): number {
  // read every file first: an unreadable one is exit 2 before anything is printed
  const inputs = files.map(readObjects);
  const findings: FileFinding[] = inputs.flatMap(({ file, objects }) => validateObjects(objects).map((f) => ({ file, ...f })));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const objects = inputs.reduce((n, i) => n + i.objects.length, 0);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ok: errors === 0, files: inputs.map((i) => ({ file: i.file, objects: i.objects.length })), findings }, null, 2)}\n`);
  } else {
    for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
    const explain = explainLine(findings.map((f) => f.code));
    if (explain) process.stdout.write(`${explain}\n`);
    const warnings = findings.length - errors;
    process.stdout.write(`${objects} object${objects === 1 ? '' : 's'} in ${inputs.length} file${inputs.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
  return errors ? 1 : 0;
}
