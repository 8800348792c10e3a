// Anything shaped like a Notion token (current `ntn_…` or legacy `secret_…`) is masked before it reaches a log or a message.
const TOKEN_PATTERN = /\b(ntn|secret)_[A-Za-z0-9]{6,}/g;

export function redactSecrets(text: string, ...knownSecrets: Array<string | undefined>): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result.replace(TOKEN_PATTERN, (_match, prefix: string) => `${prefix}_[redacted]`);
}
