/**
 * Text from outside (file names, Notion's error messages) goes to terminals, notifications and logs. A terminal acts
 * on control characters: ESC starts sequences that clear the screen, recolour, retitle the window or redraw lines, and
 * a newline or carriage return lets a name print lines of its own. These are the characters that must never reach
 * output raw: C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F, which some terminals act on when UTF-8 encoded), the Unicode
 * line and paragraph separators, and the bidirectional overrides that make text display in another order than it is.
 */
const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
const CONTROL = new RegExp(CONTROL_CLASS, 'g');
/** Control characters proper (Unicode category Cc): C0, DEL, C1. */
const CC = /[\u0000-\u001f\u007f-\u009f]/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every control character written as a visible escape (ESC as \x1b, a newline as \n), safe to print.
 * A backslash is left as it is, so Windows paths stay readable; the escapes are for safety, not for round trips.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * Whether the text holds a control character proper (C0, DEL, C1): what a file name sent to Notion cannot hold. The
 * separators and direction marks that escapeControlCharacters also escapes are ordinary in right-to-left names.
 */
export function hasControlCharacters(text: string): boolean {
  return CC.test(text);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0, but leaves DEL, C1, the separators and the bidi overrides raw;
 * these become \uXXXX, which parses back to the same value.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
