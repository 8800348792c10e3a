import { strict as assert } from 'node:assert';
import { decideResume, EXPIRY_MARGIN_MS, reasonToStartOver } from '../../../src/core/sessions/resumeDecision';
import type { StoredSession } from '../../../src/core/sessions/sessionStore';
import { planUpload, type UploadPlan } from '../../../src/core/rules/uploadPlan';
import { MiB } from '../../../src/core/rules/units';
import { UPLOAD_LIFETIME_MS } from '../../../src/core/notion/notionLimits';

function plan(sizeBytes: number, partSizeBytes = 5 * MiB): UploadPlan {
  const planned = planUpload({ fileName: 'clip.mp4', sizeBytes, maxFileUploadSizeBytes: 5 * 1024 * MiB, partSizeBytes });
  assert.ok(planned.ok);
  return planned.plan;
}

function stored(p: UploadPlan, fields: Partial<StoredSession> = {}): StoredSession {
  return {
    id: 's1', filePath: '/x/clip.mp4', file: { size: p.sizeBytes, mtimeMs: 1000 }, pageId: 'p', asText: false, plan: p, uploadId: 'u1',
    partsAcknowledged: [], uploadCreatedAt: 0, blockId: null, state: 'failed', createdAt: 0, updatedAt: 0, ...fields,
  };
}

describe('resume decision', () => {
  const multi = plan(23 * MiB);
  const single = plan(1 * MiB);

  it('starts over when the file, the plan or the hour changed, and says which', () => {
    const record = stored(multi);
    assert.equal(reasonToStartOver(record, multi, { size: multi.sizeBytes, mtimeMs: 1000 }, 60_000), null);
    assert.match(reasonToStartOver(record, multi, { size: multi.sizeBytes, mtimeMs: 2000 }, 60_000) ?? '', /file changed/);
    assert.match(reasonToStartOver(record, plan(23 * MiB, 10 * MiB), { size: multi.sizeBytes, mtimeMs: 1000 }, 60_000) ?? '', /plan changed/);
    assert.match(reasonToStartOver(record, multi, { size: multi.sizeBytes, mtimeMs: 1000 }, UPLOAD_LIFETIME_MS - EXPIRY_MARGIN_MS) ?? '', /one-hour/);
    assert.match(reasonToStartOver(stored(multi, { uploadCreatedAt: null }), multi, { size: multi.sizeBytes, mtimeMs: 1000 }, 0) ?? '', /one-hour/);
  });

  it('trusts Notion over the record: uploaded means every part, pending single-part means none', () => {
    const whole = decideResume(stored(multi, { partsAcknowledged: [1] }), multi, 'uploaded');
    assert.deepEqual(whole.resume && whole.acknowledged, [1, 2, 3, 4, 5]);
    const pendingSingle = decideResume(stored(single, { partsAcknowledged: [1] }), single, 'pending');
    assert.deepEqual(pendingSingle.resume && pendingSingle.acknowledged, []);
  });

  it('keeps only real part numbers from a damaged record, once each', () => {
    const decision = decideResume(stored(multi, { partsAcknowledged: [3, 1, 3, 0, 9, 2.5, -1] }), multi, 'pending');
    assert.ok(decision.resume);
    assert.deepEqual(decision.acknowledged, [1, 3]);
    assert.equal(decision.notice, 'Resumed: sending 3 of 5 parts.');
  });

  it('starts over on an upload Notion says has failed or expired', () => {
    for (const status of ['failed', 'expired']) {
      const decision = decideResume(stored(multi), multi, status);
      assert.ok(!decision.resume);
      assert.match(decision.why, new RegExp(status));
    }
  });
});
