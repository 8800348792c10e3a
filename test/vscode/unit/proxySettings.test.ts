// VS Code's http.* settings mapped to the core's connection options, and those options at work through tinyproxy.
import { strict as assert } from 'node:assert';
import { NotionClient } from '../../../src/core';
import { connectionFromVscodeSettings, readVscodeHttpSettings } from '../../../src/vscode/proxySettings';
import { start, type Emulator } from '../../emulator/index';
import { startTinyproxy, tinyproxyBinary, TINYPROXY_MISSING, type Tinyproxy } from '../../support/tinyproxy';

describe('VS Code proxy settings', () => {
  const env = { HTTPS_PROXY: 'http://env-proxy:3128', http_proxy: 'http://env-http:8080', NO_PROXY: 'intranet.example' };

  it('http.proxy wins over the environment, for HTTPS and HTTP alike', () => {
    assert.deepEqual(connectionFromVscodeSettings({ proxy: ' http://corp:8080 ', noProxy: [], proxyStrictSSL: true, proxyAuthorization: null }, env), {
      httpsProxy: 'http://corp:8080', httpProxy: 'http://corp:8080', noProxy: 'intranet.example',
    });
  });

  it('falls back to HTTPS_PROXY, http_proxy and NO_PROXY when the settings are unset or blank', () => {
    assert.deepEqual(connectionFromVscodeSettings({ proxy: '', noProxy: ['  '] }, env), {
      httpsProxy: 'http://env-proxy:3128', httpProxy: 'http://env-http:8080', noProxy: 'intranet.example',
    });
    assert.deepEqual(connectionFromVscodeSettings({}, {}), {});
  });

  it('http.noProxy replaces NO_PROXY; http.proxyAuthorization is sent as is; http.proxyStrictSSL off accepts any certificate', () => {
    assert.deepEqual(connectionFromVscodeSettings({ proxy: 'corp:8080', noProxy: ['localhost', '.corp.example'], proxyStrictSSL: false, proxyAuthorization: 'Negotiate abc' }, env), {
      httpsProxy: 'corp:8080', httpProxy: 'corp:8080', noProxy: 'localhost,.corp.example', proxyAuthorization: 'Negotiate abc', rejectUnauthorized: false,
    });
  });

  it('http.proxySupport off goes direct, ignoring http.proxy and the environment', () => {
    assert.deepEqual(connectionFromVscodeSettings({ proxySupport: 'off', proxy: 'http://corp:8080', proxyStrictSSL: false }, env), { rejectUnauthorized: false });
  });

  it('reads user settings only: a workspace cannot send the token through a proxy of its choosing', () => {
    const values: Record<string, { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown }> = {
      proxy: { defaultValue: '', workspaceValue: 'http://attacker:1' },
      noProxy: { defaultValue: [], globalValue: ['localhost'] },
      proxyStrictSSL: { defaultValue: true, workspaceValue: false },
      proxyAuthorization: { defaultValue: null, globalValue: 'Basic dTpw' },
      proxySupport: { defaultValue: 'override' },
    };
    const config = { inspect: <T>(key: string) => ({ key, ...values[key] }) as { key: string; defaultValue?: T; globalValue?: T; workspaceValue?: T } };
    assert.deepEqual(readVscodeHttpSettings(config), {
      proxy: '', noProxy: ['localhost'], proxyStrictSSL: true, proxyAuthorization: 'Basic dTpw', proxySupport: 'override',
    });
  });

  describe('at work', () => {
    let emulator: Emulator;
    let proxy: Tinyproxy;
    before(async function () {
      if (!tinyproxyBinary()) {
        console.log(`      ${TINYPROXY_MISSING}`);
        this.skip();
      }
      emulator = await start({ tls: true });
      proxy = await startTinyproxy({ credentials: { user: 'vscode', password: 'from-settings' } });
    });
    after(async () => Promise.all([proxy?.stop(), emulator?.stop()]));

    it('http.proxy with http.proxyAuthorization reaches Notion through the proxy', async () => {
      const connection = connectionFromVscodeSettings({ proxy: proxy.url, proxyAuthorization: `Basic ${Buffer.from('vscode:from-settings').toString('base64')}` }, {});
      const client = new NotionClient({ token: emulator.token, apiBase: emulator.url, connection: { ...connection, extraCaCertificates: [emulator.caCertificate!] } });
      try {
        assert.equal((await client.usersMe()).name, 'Notion Emulator');
      } finally {
        await client.close();
      }
      assert.deepEqual(await proxy.connectTargets(), [new URL(emulator.url).host]);
    });
  });
});
