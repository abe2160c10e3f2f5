/**
 * 一键确认's choice of fields and its threshold: only read, valid fields at or above the
 * threshold and still as read (plus what the clerk confirmed) are accepted in one key; the
 * threshold defaults to 90, is kept between 1 and 100, and is remembered on this PC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldView } from '../../electron/contract';
import {
  DEFAULT_THRESHOLD,
  readThreshold,
  saveThreshold,
  sureKeys,
} from '../../renderer/src/features/scan/verify-threshold';

const field = (key: string, o: Partial<FieldView>): FieldView => ({
  key,
  label: key,
  kind: 'text',
  raw: 'x',
  value: 'x',
  confidence: 95,
  valid: true,
  issue: null,
  required: false,
  empty: false,
  bbox: { x: 1, y: 1, w: 10, h: 10 },
  status: 'pending',
  accepted: null,
  ...o,
});

describe('sureKeys', () => {
  const fields = [
    field('missing', { confidence: null, raw: '', value: '', empty: true }),
    field('blankZone', { confidence: 0, raw: '', value: '', empty: true }),
    field('invalid', { confidence: 97, valid: false }),
    field('low', { confidence: 89.9 }),
    field('edge', { confidence: 90 }),
    field('edited', { confidence: 99 }),
    field('sure', { confidence: 99 }),
  ];
  const values = Object.fromEntries(fields.map((f) => [f.key, f.value]));

  it('takes the read, valid fields at or above the threshold, as read', () => {
    expect(sureKeys(fields, { ...values, edited: 'y' }, new Set(), 90)).toEqual(['edge', 'sure']);
    expect(sureKeys(fields, values, new Set(), 80)).toEqual(['low', 'edge', 'edited', 'sure']);
  });

  it('adds what the clerk has confirmed, whatever its confidence', () => {
    expect(sureKeys(fields, values, new Set(['missing', 'low']), 95)).toEqual(['missing', 'low', 'edited', 'sure']);
  });
});

describe('the threshold', () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('is 90 until set, then remembered, kept within 1..100', () => {
    expect(readThreshold()).toBe(DEFAULT_THRESHOLD);
    expect(DEFAULT_THRESHOLD).toBe(90);
    saveThreshold(95);
    expect(readThreshold()).toBe(95);
    saveThreshold(250);
    expect(readThreshold()).toBe(100);
    store.set('dangan.verify.threshold', 'junk');
    expect(readThreshold()).toBe(DEFAULT_THRESHOLD);
  });
});
