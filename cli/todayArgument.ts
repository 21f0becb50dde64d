// `--today YYYY-MM-DD`: the date dated checks compare with (default: today, UTC). Tests always pin it.
import { InputError } from './inputError';

export function todayArgument(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--today', message: `"${text}" is not a date such as 2026-11-29` }]);
  }
  return date;
}
