// Structured logs: one JSON object per line on stdout (info) or stderr (warn, error). Secrets and
// personal text never reach them: values under sensitive keys are replaced, whatever their depth.
// Free of server-only and Node APIs so proxy.ts and instrumentation can use it.

type Level = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

/** Keys whose values are never logged: credentials, session material, and achievement texts. */
const SENSITIVE = /pass(word)?|secret|token|cookie|authori[sz]ation|session|csrf|summary|body|feedback|comment|reason/i;
const MAX_STRING = 2000;

export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' && value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (depth > 6) return '[deep]';
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: value.stack?.split('\n').slice(0, 8).join('\n') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function formatLog(level: Level, msg: string, fields: LogFields = {}, now = new Date()): string {
  return JSON.stringify({ time: now.toISOString(), level, msg, ...(redact(fields) as LogFields) });
}

function emit(level: Level, msg: string, fields?: LogFields) {
  const line = formatLog(level, msg, fields);
  if (level === 'info') console.log(line);
  else console.error(line);
}

export const log = {
  info: (msg: string, fields?: LogFields) => emit('info', msg, fields),
  warn: (msg: string, fields?: LogFields) => emit('warn', msg, fields),
  error: (msg: string, fields?: LogFields) => emit('error', msg, fields),
};
