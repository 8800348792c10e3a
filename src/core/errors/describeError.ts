import { NotionApiError } from './errors';
import { redactSecrets } from './redact';
import { UploaderError } from './uploaderError';

/** An error in plain words for a person: what happened, then what to do; Notion's status and code when it answered. */
export function describeError(error: unknown): string {
  if (error instanceof NotionApiError) return joinSentences(`${trimPeriod(error.message)} (${error.status} ${error.code}).`, error.hint);
  if (error instanceof UploaderError) return joinSentences(error.message, error.hint);
  if (error instanceof Error) return redactSecrets(error.message);
  return redactSecrets(String(error));
}

function trimPeriod(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** "It failed" and "Retry." as "It failed. Retry.": a full stop between them unless the first ends a sentence already. */
export function joinSentences(first: string, second: string | undefined): string {
  if (!second) return first;
  return /[.!?]$/.test(first) ? `${first} ${second}` : `${first}. ${second}`;
}
