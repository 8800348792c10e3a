// Anything shaped like a Notion token (current `ntn_…` or legacy `secret_…`) is masked before it reaches a log or a message.
// Not `\b`: a token glued to an underscore (`x_secret_…`) has no word boundary before it.
// The underscore may come percent- or JSON-escaped (`ntn%5F…`, `ntn\\u005f…`) from a server that echoes it encoded.
const TOKEN_PATTERN = /(?<![A-Za-z0-9])(ntn|secret)(?:_|%5[Ff]|\\u005[Ff])[A-Za-z0-9]{6,}/g;

/**
 * Tokens this process was given (every request loop registers its own). A token need not look like `ntn_…`, and a
 * server can echo it back in any field of any answer, so every message, code and id that reaches a person, a log or
 * a stored record masks these too, whatever their shape.
 */
const configuredSecrets = new Set<string>();

/** Remembers a configured token so that redactSecrets masks it wherever it turns up. */
export function rememberSecret(secret: string | undefined): void {
  const trimmed = secret?.trim();
  if (trimmed && trimmed.length >= 4) configuredSecrets.add(trimmed);
}

export function redactSecrets(text: string, ...knownSecrets: Array<string | undefined>): string {
  let result = text;
  for (const secret of [...knownSecrets, ...configuredSecrets]) result = maskSecret(result, secret);
  return result.replace(TOKEN_PATTERN, (_match, prefix: string) => `${prefix}_[redacted]`);
}

/**
 * Masks one secret wherever it turns up, also written in the encodings a server's answer can carry it in: each
 * character as itself or percent-encoded, JSON- or HTML-escaped (in any mix, any case of hex), and the secret whole in
 * base64 or base64url. A server that has the token can echo it any way it likes; these are the ways a person reading
 * a log could read it back without effort.
 */
export function maskSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  // A Notion-shaped token keeps its prefix, as the pattern below masks it: the reader still sees which kind it was.
  const mask = /^(ntn|secret)_/.exec(secret)?.[0] ?? '';
  let result = text.replace(secretPattern(secret), `${mask}[redacted]`);
  for (const encoded of wholeEncodings(secret)) result = result.split(encoded).join(`${mask}[redacted]`);
  return result;
}

const secretPatterns = new Map<string, RegExp>();

function secretPattern(secret: string): RegExp {
  let pattern = secretPatterns.get(secret);
  if (!pattern) {
    pattern = new RegExp([...secret].map(characterForms).join(''), 'g');
    secretPatterns.set(secret, pattern);
  }
  return pattern;
}

/** One character as itself, percent-encoded (its UTF-8 bytes), JSON's \u escape, or an HTML character reference. */
function characterForms(character: string): string {
  const code = character.codePointAt(0)!;
  const bytes = [...Buffer.from(character, 'utf8')].map((byte) => `%${hexDigits(byte, 2)}`).join('');
  const units = [...character].length === 1 && code > 0xffff
    ? [character.charCodeAt(0), character.charCodeAt(1)].map((unit) => `\\\\u${hexDigits(unit, 4)}`).join('')
    : `\\\\u${hexDigits(code, 4)}`;
  const jsonEscape = character === '"' || character === '\\' || character === '/' ? [`\\\\${escapeRegExp(character)}`] : [];
  return `(?:${[escapeRegExp(character), bytes, units, `&#0*${code};`, `&#[xX]0*${hexDigits(code, 1)};`, ...jsonEscape].join('|')})`;
}

/** The hex digits of a number as a pattern that takes either case, padded to `width`. */
function hexDigits(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wholeEncodings(secret: string): string[] {
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  const unpadded = base64.replace(/=+$/, '');
  const url = Buffer.from(secret, 'utf8').toString('base64url');
  return [...new Set([base64, unpadded, url])].filter((encoded) => encoded.length >= 4);
}

/** Applies redactSecrets to every string field of a flat record (an error or status that is shown or stored). */
export function redactFields<T extends object>(record: T, ...knownSecrets: Array<string | undefined>): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (typeof value === 'string') copy[key] = redactSecrets(value, ...knownSecrets);
  return copy as T;
}
