// Reading Kubernetes/Calico object files for `aksnet validate` and `aksnet reach`: YAML with any
// number of documents, or JSON holding one object, an array, or a `kind: List` (as kubectl writes).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadAll, YAMLException } from 'js-yaml';
import { InputError } from './inputError';

export interface ObjectFile {
  /** the path as given, relative to the working directory when inside it */
  file: string;
  objects: unknown[];
  /** where each object sits, as people count: its YAML document from 1, and its item from 1 in a list or array */
  origins?: ObjectOrigin[];
}

export interface ObjectOrigin {
  doc: number;
  item?: number;
}

export function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** A file's text and the name messages show for it (shownPath); unreadable is bad input (exit 2). */
export function readInputFile(file: string, expected = 'a YAML or JSON file'): { shown: string; text: string } {
  const shown = shownPath(file);
  try {
    return { shown, text: readFileSync(file, 'utf8') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EISDIR') throw new InputError([{ code: 'NOT_A_FILE', file: shown, message: `is a directory; name ${expected}` }]);
    const reason = err.code === 'ENOENT' ? 'no such file' : err.message;
    throw new InputError([{ code: 'FILE_NOT_FOUND', file: shown, message: `cannot read: ${reason}` }]);
  }
}

/** Parsed documents of a YAML or JSON file; exit 2 (InputError) when it does not parse. */
export function readDocuments(file: string): unknown[] {
  return parseDocuments(file).filter((d) => d !== null && d !== undefined);
}

/** Every document of the file in order, empty ones included (null), so positions are the file's. */
function parseDocuments(file: string): unknown[] {
  const { shown, text } = readInputFile(file);
  if (/\.json$/i.test(file)) {
    try {
      return [JSON.parse(text)];
    } catch (e) {
      throw new InputError([{ code: 'INVALID_JSON', file: shown, message: (e as Error).message }]);
    }
  }
  try {
    // JSON is YAML too, so a .yaml file holding JSON reads here as well
    return loadAll(text, null, { filename: shown });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const where = e.mark ? `${shown}:${e.mark.line + 1}:${e.mark.column + 1}` : shown;
    throw new InputError([{ code: 'INVALID_YAML', file: where, message: e.reason || e.message }]);
  }
}

/** Objects of a file: documents, with arrays and `kind: List` items spread in order. */
export function readObjects(file: string): ObjectFile {
  const objects: unknown[] = [];
  const origins: ObjectOrigin[] = [];
  parseDocuments(file).forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    const items = Array.isArray(doc) ? doc : isList(doc) ? (doc.items as unknown[]) : undefined;
    if (items) {
      items.forEach((item, j) => {
        objects.push(item);
        origins.push({ doc: i + 1, item: j + 1 });
      });
    } else {
      objects.push(doc);
      origins.push({ doc: i + 1 });
    }
  });
  // an empty file (or a glob that matched the wrong file) would otherwise check nothing and pass
  if (objects.length === 0) throw new InputError([{ code: 'NO_OBJECTS', file: shownPath(file), message: 'holds no objects (no YAML document, an empty list or an empty kind: List); name a file with the objects to check' }]);
  return { file: shownPath(file), objects, origins };
}

function isList(doc: unknown): doc is { items: unknown[] } {
  if (doc === null || typeof doc !== 'object') return false;
  const d = doc as Record<string, unknown>;
  return typeof d.kind === 'string' && /List$/.test(d.kind) && Array.isArray(d.items);
}
