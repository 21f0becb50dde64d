// Kubernetes label syntax (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set):
//   key   = [prefix/]name; prefix a DNS subdomain of at most 253 characters; name at most 63
//           characters, alphanumerics with '-', '_', '.' inside, starting and ending alphanumeric;
//   value = empty, or at most 63 characters of the same form as a name.
// The API server refuses an object whose labels or selectors break these rules, so a pods file or a
// selector that breaks them describes nothing a cluster can hold. Pure.

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a label key (a qualified name), or undefined when it is one. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    return `label key "${key}": the prefix before "/" must be a lower-case DNS subdomain of at most 253 characters`;
  }
  if (!NAME.test(name) || name.length > 63) {
    return `label key "${key}": the name must be at most 63 characters, letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Why `value` is not a label value, or undefined when it is one (the empty value is one). */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (!NAME.test(value) || value.length > 63) {
    return `label value "${value}" must be empty or at most 63 characters, letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}
