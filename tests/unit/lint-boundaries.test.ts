/**
 * The import boundaries of eslint.config.js, proved on small snippets linted with the real
 * config: if a block is dropped or a pattern stops matching, this fails rather than the
 * boundary quietly going away.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The no-restricted-imports messages a one-line import gets in the given (virtual) file. */
async function restricted(filePath: string, spec: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${spec}';\nexport { x };\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('every folder of electron/core is a domain the rules know, with an index.ts face', async () => {
    const config = pathToFileURL(path.join(ROOT, 'eslint.config.js')).href;
    const { DOMAINS } = (await import(config)) as { DOMAINS: string[] };
    const core = path.join(ROOT, 'electron/core');
    const folders = fs.readdirSync(core, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).sort()).toEqual([...DOMAINS].sort());
    for (const d of DOMAINS) expect(fs.existsSync(path.join(core, d, 'index.ts')), d).toBe(true);
  });

  it('a domain reaches another domain only through its index.ts face', async () => {
    expect(await restricted('electron/core/ocr/x.ts', '../scan/services')).toEqual([
      expect.stringContaining("'../scan', not '../scan/services'"),
    ]);
    expect(await restricted('electron/core/ocr/ppocr/x.ts', '../../kernel/errors')).toHaveLength(1);
    expect(await restricted('electron/core/ocr/x.ts', '../scan')).toEqual([]);
    expect(await restricted('electron/core/ocr/x.ts', './pool')).toEqual([]);
    expect(await restricted('electron/core/ocr/ppocr/x.ts', '../pool')).toEqual([]);
    expect(await restricted('electron/core/app.ts', './scan/services')).toHaveLength(1);
    expect(await restricted('electron/core/app.ts', './scan')).toEqual([]);
  });

  it('kernel imports no domain, not even a face', async () => {
    expect(await restricted('electron/core/kernel/x.ts', '../audit')).toEqual([
      expect.stringContaining('kernel/ imports no domain'),
    ]);
    expect(await restricted('electron/core/kernel/x.ts', '../auth/sessions')).toHaveLength(1);
    expect(await restricted('electron/core/kernel/x.ts', './context')).toEqual([]);
  });

  it('core never imports the transports', async () => {
    expect(await restricted('electron/core/app.ts', '../transports/http')).toEqual([
      expect.stringContaining('core never imports electron/transports/'),
    ]);
    expect(await restricted('electron/core/scan/x.ts', '../../transports/ipc')).toHaveLength(1);
  });

  it('db imports nothing from electron/', async () => {
    expect(await restricted('db/migrate.ts', '../electron/core/kernel')).toEqual([
      expect.stringContaining('db/ imports nothing from electron/'),
    ]);
    expect(await restricted('db/schema/x.ts', '../../electron/contract')).toHaveLength(1);
  });

  it('the renderer imports only the contract', async () => {
    expect(await restricted('renderer/src/x.tsx', '../../electron/core/kernel')).toEqual([
      expect.stringContaining('only electron/contract'),
    ]);
    expect(await restricted('renderer/src/features/a/x.tsx', '../../../../db/schema')).toHaveLength(1);
    expect(await restricted('renderer/src/features/a/x.tsx', '../../../../electron/contract')).toEqual([]);
    // A feature's actions.ts calls the client; its components call the actions.
    expect(await restricted('renderer/src/features/a/actions.ts', '../../api/client')).toEqual([]);
    expect(await restricted('renderer/src/features/a/x.tsx', '../../api/client')).toEqual([
      expect.stringContaining("feature's actions.ts"),
    ]);
  });

  it('scripts, the CLI, transports and the shell use faces; tests may reach inside', async () => {
    expect(await restricted('scripts/cli/commands/x.ts', '../../../electron/core/scan/services')).toHaveLength(1);
    expect(await restricted('scripts/bench/x.ts', '../../electron/core/scan')).toEqual([]);
    expect(await restricted('electron/transports/x.ts', '../core/kernel/errors')).toHaveLength(1);
    expect(await restricted('electron/shell/x.ts', '../core/kernel/lock')).toHaveLength(1);
    expect(await restricted('electron/shell/x.ts', 'electron')).toEqual([]);
    expect(await restricted('electron/core/scan/x.ts', 'electron')).toHaveLength(1);
    expect(await restricted('tests/unit/x.test.ts', '../../electron/core/scan/services')).toEqual([]);
  });
});
