import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

describe('offline install settings', () => {
  it('npm commands print no warning about the project config', () => {
    const r = spawnSync('npm', ['pkg', 'get', 'name'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/Unknown (project|user|env) config/);
  });

  it("reviews every install script: builds run, onnxruntime-node's CUDA download does not", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>;
    };
    expect(pkg.allowScripts).toMatchObject({ 'better-sqlite3': true, esbuild: true, 'onnxruntime-node': false });
    const pending = execFileSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
    expect(pending).toContain('No packages with unreviewed install scripts');
  });
});
