// NotionClient.retrievePage takes only the page asked for as the page: Notion answers with "object": "page" and the
// page's id, dashed. Every caller benefits: the CLI's page check, the extension's page link and connection check, and
// the Markdown publisher's read of a page it made before.
import { strict as assert } from 'node:assert';
import { NotionApiError, NotionClient } from '../../../src/core';
import { ScriptedNotion } from '../../scenarios/badInput/support/scriptedNotion';

describe('NotionClient.retrievePage: the answer must be the page asked for', function () {
  const scripted = new ScriptedNotion();
  const COMPACT = '1F2E3D4C5B6A79881F2E3D4C5B6A7988';
  const DASHED = '1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988';
  let client: NotionClient;
  const answerWith = (value: unknown) => {
    scripted.script = (call) => (call === 'retrievePage' ? { status: 200, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } } : undefined);
  };

  before(async () => {
    await scripted.start();
    client = new NotionClient({ token: 'ntn_scriptedTokenAbcdefghij1234567890', apiBase: scripted.url });
  });
  after(async () => {
    await client.close();
    await scripted.stop();
  });

  it('asked without dashes (in capitals), answered dashed: the page, its title read', async () => {
    answerWith({ object: 'page', id: DASHED, url: 'https://www.notion.so/x', properties: { Name: { type: 'title', title: [{ plain_text: 'Plans' }] } } });
    const page = await client.retrievePage(COMPACT);
    assert.deepEqual(page, { id: DASHED, title: 'Plans', url: 'https://www.notion.so/x' });
  });

  it('a partial page object (object and id only, as the SDK types allow) is the page', async () => {
    answerWith({ object: 'page', id: DASHED });
    assert.equal((await client.retrievePage(DASHED)).id, DASHED);
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ['an empty object', {}, /no "object" field/],
    ['a list', { object: 'list', results: [] }, /its "object" is "list"/],
    ['a database', { object: 'database', id: DASHED }, /its "object" is "database"/],
    ['a page without an id', { object: 'page' }, /without an id/],
    ['another page', { object: 'page', id: '0123abcd-0123-4567-89ab-0123456789ab' }, /another page \(0123abcd-0123-4567-89ab-0123456789ab\)/],
  ];
  for (const [name, body, says] of refused) {
    it(`${name} is refused as invalid_response, naming the page asked for`, async () => {
      answerWith(body);
      const before = scripted.count('retrievePage');
      await assert.rejects(client.retrievePage(COMPACT), (error: unknown) => error instanceof NotionApiError && error.code === 'invalid_response'
        && error.status === 200 && error.message.includes(`reading page ${DASHED} is not that page`) && says.test(error.message) && /proxy|API base/.test(error.hint));
      assert.equal(scripted.count('retrievePage') - before, 1, 'not retried: the same server would answer the same');
    });
  }
});
