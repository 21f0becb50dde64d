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
  const findings = [...fileFindings(inputs), ...duplicateFindings(inputs)];
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

/**
 * The API server keeps one object per (kind, namespace, name): a second one in the inputs would
 * replace the first on apply, so evaluating both answers for a cluster that cannot exist.
 */
export function duplicateFindings(inputs: readonly ObjectFile[]): (FileFinding & { severity: 'error' })[] {
  const seen = new Map<string, string>();
  const out: (FileFinding & { severity: 'error' })[] = [];
  for (const input of inputs) {
    input.objects.forEach((o, i) => {
      if (o === null || typeof o !== 'object') return;
      const r = o as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
      if (typeof r.kind !== 'string' || typeof r.metadata?.name !== 'string') return;
      const group = String(r.apiVersion ?? '').split('/').slice(0, -1).join('/');
      const ns = typeof r.metadata.namespace === 'string' ? r.metadata.namespace : '';
      const key = JSON.stringify([group, r.kind, ns, r.metadata.name]);
      const at = placeOf(input, i);
      const here = `${input.file}: doc ${at.doc}${at.item ? ` item ${at.item}` : ''}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, here);
        return;
      }
      out.push({
        file: input.file,
        ...at,
        severity: 'error',
        code: 'OBJECT_DUPLICATE',
        kind: r.kind,
        name: r.metadata.name,
        path: 'metadata.name',
        message: `${r.kind} ${ns ? `${ns}/` : ''}${r.metadata.name} is also ${first}; the API server keeps one object per kind, namespace and name (the later apply replaces the first)`,
      });
    });
  }
  return out;
}

/** Where object `index` of a file sits, as people count: its YAML document from 1, and its list item. */
export function placeOf(input: ObjectFile, index: number): { doc: number; item?: number } {
  const at = input.origins?.[index] ?? { doc: index + 1 };
  return { doc: at.doc, ...(at.item ? { item: at.item } : {}) };
}
