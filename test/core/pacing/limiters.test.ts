import { strict as assert } from 'node:assert';
import { BandwidthLimiter, RequestRateLimiter } from '../../../src/core';
import { backoffDelayMs } from '../../../src/core/notion/backoff';

describe('RequestRateLimiter', () => {
  it('lets a full budget start at once, then holds the next start until the oldest leaves the window', () => {
    let now = 1_000_000;
    const limiter = new RequestRateLimiter(3, 1_000, 50, () => now);
    for (let i = 0; i < 3; i++) {
      assert.equal(limiter.delayUntilNextStart(), 0);
      void limiter.acquire();
      now += 100;
    }
    assert.equal(limiter.delayUntilNextStart(), 1_000 + 50 - 300);
    now += 1_000 + 50 - 300;
    assert.equal(limiter.delayUntilNextStart(), 0);
  });

  it('makes every caller wait out a shared pause', async () => {
    const limiter = new RequestRateLimiter(100, 60_000);
    limiter.pauseFor(300);
    const started = Date.now();
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    assert.ok(Date.now() - started >= 290, `waited ${Date.now() - started} ms`);
  });

  it('stops waiting when aborted', async () => {
    const limiter = new RequestRateLimiter(1, 60_000);
    await limiter.acquire();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(limiter.acquire(controller.signal), /aborted/i);
  });

  it('never starts more than the budget in any window under concurrent callers', async () => {
    const limiter = new RequestRateLimiter(5, 400, 0);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 12 }, async () => {
      await limiter.acquire();
      starts.push(Date.now());
    }));
    starts.sort((a, b) => a - b);
    for (let i = 5; i < starts.length; i++) assert.ok(starts[i] - starts[i - 5] >= 395, `start ${i} too early: ${starts[i] - starts[i - 5]} ms`);
  });
});

describe('BandwidthLimiter', () => {
  it('holds a stream of takes to the configured rate', async () => {
    const rate = 2 * 1024 * 1024;
    const limiter = new BandwidthLimiter(rate);
    const started = Date.now();
    const chunk = 64 * 1024;
    const total = rate; // one second's worth
    await Promise.all([0, 1].map(async () => {
      for (let sent = 0; sent < total / 2; sent += chunk) await limiter.take(chunk);
    }));
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds > 0.85 && seconds < 1.15, `took ${seconds} s for one second's worth`);
  });

  it('does not wait at all when unlimited', async () => {
    const limiter = new BandwidthLimiter(0);
    const started = Date.now();
    for (let i = 0; i < 1000; i++) await limiter.take(1024 * 1024);
    assert.ok(Date.now() - started < 50);
  });
});

describe('backoffDelayMs', () => {
  it('doubles per attempt with jitter between half and all, up to the cap', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    assert.equal(backoffDelayMs(1, { ...options, random: () => 0 }), 50);
    assert.equal(backoffDelayMs(1, { ...options, random: () => 1 }), 100);
    assert.equal(backoffDelayMs(3, { ...options, random: () => 1 }), 400);
    assert.equal(backoffDelayMs(10, { ...options, random: () => 1 }), 1_000);
    assert.equal(backoffDelayMs(10, { ...options, random: () => 0 }), 500);
  });
});
