// `aksnet validate FILE... [--format text|json]`: Kubernetes and Calico objects checked before deploy.
// Exit 0 clean (warnings allowed), 1 with an error finding, 2 when a file cannot be read or parsed.
import type { ObjectFinding } from '../netpol/validate';
import { validateObjects } from '../netpol/validate';
import { readObjects, type ObjectFile } from './readObjects';
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
  const findings: FileFinding[] = [...inputs.flatMap(({ file, objects }) => validateObjects(objects).map((f) => ({ file, ...f }))), ...duplicateFindings(inputs)];
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
export function duplicateFindings(inputs: ObjectFile[]): (FileFinding & { severity: 'error' })[] {
  const seen = new Map<string, { file: string; doc: number }>();
  const out: (FileFinding & { severity: 'error' })[] = [];
  for (const { file, objects } of inputs) {
    objects.forEach((o, doc) => {
      if (o === null || typeof o !== 'object') return;
      const r = o as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
      if (typeof r.kind !== 'string' || typeof r.metadata?.name !== 'string') return;
      const group = String(r.apiVersion ?? '').split('/').slice(0, -1).join('/');
      const ns = typeof r.metadata.namespace === 'string' ? r.metadata.namespace : '';
      const key = JSON.stringify([group, r.kind, ns, r.metadata.name]);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { file, doc });
        return;
      }
      out.push({
        file,
        doc,
        severity: 'error',
        code: 'OBJECT_DUPLICATE',
        kind: r.kind,
        name: r.metadata.name,
        path: 'metadata.name',
        message: `${r.kind} ${ns ? `${ns}/` : ''}${r.metadata.name} is also ${first.file}: doc ${first.doc + 1}; the API server keeps one object per kind, namespace and name (the later apply replaces the first)`,
      });
    });
  }
  return out;
}
