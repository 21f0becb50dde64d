// `aksnet validate FILE... [--format text|json]`: Kubernetes and Calico objects checked before deploy.
// Exit 0 clean (warnings allowed), 1 with an error finding, 2 when a file cannot be read or parsed.
import type { ObjectFinding } from '../netpol/validate';
import { validateObjects } from '../netpol/validate';
import { type ObjectFile, readObjects } from './readObjects';
import { explainLine } from '../planner/explainHint';

export interface ValidateOptions {
  format: 'text' | 'json';
}

/**
 * A finding in a file. `doc` is the YAML document, counted from 1 as editors count (in JSON too);
 * `item`, from 1, the object's place in a list or array document (kind: List, or a JSON array).
 */
export interface FileFinding extends ObjectFinding {
  file: string;
  item?: number;
}

/** `file: doc N [item M] kind/name path: message [CODE]`. */
export function formatFinding(f: FileFinding): string {
  const what = f.kind ? ` ${f.kind}${f.name ? `/${f.name}` : ''}` : '';
  const severity = f.severity === 'warning' ? 'warning: ' : '';
  return `${f.file}: doc ${f.doc}${f.item ? ` item ${f.item}` : ''}${what}${f.path ? ` ${f.path}` : ''}: ${severity}${f.message} [${f.code}]`;
}

/** Every file's findings, each placed by YAML document (and list item) as people count them. */
export function fileFindings(inputs: readonly ObjectFile[]): FileFinding[] {
  // the validator numbers objects from 0; people count documents of the file from 1
  return inputs.flatMap(({ file, objects, origins }) =>
    validateObjects(objects).map((f) => {
      const at = origins?.[f.doc] ?? { doc: f.doc + 1 };
      return { file, ...f, doc: at.doc, ...(at.item ? { item: at.item } : {}) };
    }),
  );
}

export function runValidate(files: string[], options: ValidateOptions): number {
  // read every file first: an unreadable one is exit 2 before anything is printed
  const inputs = files.map(readObjects);
  const findings = fileFindings(inputs);
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
