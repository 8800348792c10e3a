import { strict as assert } from 'node:assert';
import { escapeControlCharacters, hasControlCharacters, terminalSafeJson } from '../../../src/core/light';

describe('escapeControlCharacters', () => {
  it('writes every character a terminal acts on as a visible escape, and leaves the rest alone', () => {
    const cases: Array<[text: string, shown: string, control: boolean]> = [
      ['plain Résumé – 日本語 🎉.pdf', 'plain Résumé – 日本語 🎉.pdf', false],
      ['C:\\Users\\me\\a.png', 'C:\\Users\\me\\a.png', false],
      ['\x1b[2J\x1b]0;title\x07', '\\x1b[2J\\x1b]0;title\\x07', true],
      ['a\nb\rc\td', 'a\\nb\\rc\\td', true],
      ['\x00\x7f\u0085\u009b', '\\x00\\x7f\\x85\\x9b', true],
      // Shown escaped, so a name cannot print in another order than it is, but not control characters proper.
      ['left\u202eright\u2066\u2028', 'left\\u202eright\\u2066\\u2028', false],
    ];
    for (const [text, shown, control] of cases) {
      assert.equal(escapeControlCharacters(text), shown, JSON.stringify(text));
      assert.equal(hasControlCharacters(text), control, JSON.stringify(text));
    }
  });

  it('JSON for a terminal escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { name: 'a\u009b31m\x7f\u202e\x1b\n' };
    const text = terminalSafeJson(value);
    assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202e]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});
