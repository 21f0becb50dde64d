// Bad input is never a stack trace: it is a file, a config path, a stable code and a sentence.
export type InputErrorCode =
  | 'FILE_NOT_FOUND'
  | 'NOT_A_FILE'
  | 'INVALID_YAML'
  | 'INVALID_JSON'
  | 'INVALID_CONFIG'
  | 'INVALID_CIDR'
  | 'INVALID_ARGUMENT'
  | 'INVALID_PLAN'
  | 'NO_STACKS'
  | 'INVALID_PODS'
  | 'INVALID_PROBES'
  | 'INVALID_POLICY'
  | 'NO_OBJECTS'
  | 'INVALID_HISTORY'
  | 'AZURE_CREDENTIAL_UNAVAILABLE'
  /** aksnet explain: a code the findings catalog does not have */
  | 'UNKNOWN_CODE';

export interface InputProblem {
  code: InputErrorCode;
  file?: string;
  /** config path, e.g. "config.aks-networking:network.nodePools[0].maxCount" */
  path?: string;
  message: string;
}

/** Thrown for input the CLI cannot use; main() turns it into stderr lines and exit status 2. */
export class InputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

/** Also true for an InputError thrown from another bundle (dist/netpol.js has its own copy of the class). */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError || (e instanceof Error && e.name === 'InputError' && Array.isArray((e as InputError).problems));
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.path].filter(Boolean).join(': ');
  return `${where ? `${where}: ` : ''}${p.message} [${p.code}]`;
}
