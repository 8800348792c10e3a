// The settings table (src/core/settings/settingsSchema.ts) is the one place a knob's name, range and default are
// written: the core validates against it and package.json's Settings contributions must say the same.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, resolveSettings, SettingsError, TUNABLE_SETTINGS } from '../../../src/core';
import { projectRoot } from '../../support/projectPaths';

interface ContributedSetting {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  description?: string;
  markdownDescription?: string;
  deprecationMessage?: string;
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, ContributedSetting> } };
};
const contributed = manifest.contributes.configuration.properties;

describe('settings table', () => {
  it('package.json contributes every knob of the table, under the same key, type, range, default and description', () => {
    for (const setting of TUNABLE_SETTINGS) {
      const property = contributed[`notionUpload.${setting.key}`];
      assert.ok(property, `package.json contributes notionUpload.${setting.key}`);
      assert.deepEqual(
        { type: property.type, default: property.default, minimum: property.minimum, maximum: property.maximum, description: property.description ?? property.markdownDescription },
        { type: setting.integer ? 'integer' : 'number', default: setting.default, minimum: setting.min, maximum: setting.max, description: setting.description },
        setting.key,
      );
    }
  });

  it('every numeric setting in package.json is a knob of the table, or an old name kept only to move its value', () => {
    const numeric = Object.entries(contributed)
      .filter(([, property]) => (property.type === 'integer' || property.type === 'number') && !property.deprecationMessage)
      .map(([key]) => key).sort();
    assert.deepEqual(numeric, TUNABLE_SETTINGS.map((setting) => `notionUpload.${setting.key}`).sort());
  });

  it('the core defaults to the table\'s defaults and accepts exactly its range', () => {
    for (const setting of TUNABLE_SETTINGS) {
      assert.equal(DEFAULT_SETTINGS[setting.key], setting.default, setting.key);
      assert.equal(resolveSettings({ [setting.key]: setting.min })[setting.key], setting.min);
      assert.equal(resolveSettings({ [setting.key]: setting.max })[setting.key], setting.max);
      for (const outside of [setting.min - 1, setting.max + 1, Number.NaN]) {
        assert.throws(() => resolveSettings({ [setting.key]: outside }), (error: unknown) =>
          error instanceof SettingsError && error.message.includes(setting.label) && error.message.includes(`${setting.min} to ${setting.max}`), `${setting.key} = ${outside}`);
      }
      if (setting.integer) assert.throws(() => resolveSettings({ [setting.key]: setting.min + 0.5 }), SettingsError, `${setting.key} takes whole numbers`);
      else assert.equal(resolveSettings({ [setting.key]: setting.min + 0.5 })[setting.key], setting.min + 0.5);
    }
  });
});
