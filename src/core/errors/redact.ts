// Anything shaped like a Notion token (current `ntn_…` or legacy `secret_…`) is masked before it reaches a log or a message.
// Not `\b`: a token glued to an underscore (`x_secret_…`) has no word boundary before it.
const TOKEN_PATTERN = /(?<![A-Za-z0-9])(ntn|secret)_[A-Za-z0-9]{6,}/g;

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

/** Masks one secret, also in its JSON-escaped form (a raw JSON answer escapes `/` or `"` inside it). */
export function maskSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  // A Notion-shaped token keeps its prefix, as the pattern below masks it: the reader still sees which kind it was.
  const mask = /^(ntn|secret)_/.exec(secret)?.[0] ?? '';
  let result = text.split(secret).join(`${mask}[redacted]`);
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) result = result.split(escaped).join(`${mask}[redacted]`);
  return result;
}

/** Applies redactSecrets to every string field of a flat record (an error or status that is shown or stored). */
export function redactFields<T extends object>(record: T, ...knownSecrets: Array<string | undefined>): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (typeof value === 'string') copy[key] = redactSecrets(value, ...knownSecrets);
  return copy as T;
}
