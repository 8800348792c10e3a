import { redactSecrets } from './redact';

/**
 * The one base of every error a user can see, from the core, the CLI or the extension: a stable `code` for programs,
 * a `message` that says what happened, a `hint` that says what to do, and whether trying the same thing again can
 * help (a refused file will be refused again; a dropped connection may not drop twice).
 */
export class UploaderError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly retryable: boolean;

  constructor(fields: { code: string; message: string; hint: string; retryable?: boolean; cause?: unknown }) {
    super(redactSecrets(fields.message), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.code = redactSecrets(fields.code); // a server chooses the code of its error answers
    this.hint = fields.hint;
    this.retryable = fields.retryable ?? false;
  }
}
