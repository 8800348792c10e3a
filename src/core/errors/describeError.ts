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

function joinSentences(first: string, second: string): string {
  if (!second) return first;
  return /[.!?]$/.test(first) ? `${first} ${second}` : `${first}. ${second}`;
}
