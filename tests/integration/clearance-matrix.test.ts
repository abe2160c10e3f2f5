/**
 * One place decides, checked from outside: every contract method is called as every role at
 * every clearance below a secret record's 密级, with its sample input, with that input aimed
 * at the secret records (tests/helpers/matrix-inputs.ts) and with queries that would find
 * them, against an archive holding an item, a volume, a person, pages, a batch, audit
 * entries and bureau copies of each level (tests/helpers/secret-fixture.ts). It fails when
 * any answer — value or error, message and details, and any xlsx/PDF payload decoded — holds
 * a marker of a level above the caller, or when a call changes a secret record's rows.
 *
 * `npm test`: every method × every role at clearance 0 against 内部 records, and 秘密 records
 * at clearance 1 for one role per method (rotating over the roles by method). `npm run
 * test:long`: the full method × role × clearance × level product.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, SECURITY_LEVELS, type Role } from '../../electron/contract/domain';
import { methods, type MethodName } from '../../electron/contract/methods';
import { LONG } from '../helpers/long';
import { sampleInput, sentByCaller, variantsOf, type MatrixNode } from '../helpers/matrix-inputs';
import { makeMethodFixture, type MethodFixture } from '../helpers/method-fixture';
import {
  addSecretRecords,
  ITEM_YEAR,
  SECRET_LEVELS,
  type SecretArchive,
  type SecretLevel,
} from '../helpers/secret-fixture';
import { USER_PASSWORD, userToken } from '../helpers/test-core';

/**
 * Methods not run against the secret records, and why. Every other method is. (Files the
 * sync methods write to the stick — bundles, downlinks — are encrypted for the receiving
 * node and not read here; payloads methods return are decoded: an xlsx's cells read, PDF and
 * image bytes searched as they are.)
 */
const EXEMPT: Partial<Record<MethodName, string>> = {
  'setup.initialize': 'sets up the blank node, which holds no records and has no users to call as',
  'sync.keys.init': "makes the spare (unenrolled) station's keys: that node holds no records",
  'sync.keys.rotate': "rotates the spare station's keys (the fixture station's bundles must stay trusted): no records",
  'sync.enroll': 'enrols the spare station with the bureau: no records there',
};

let fx: MethodFixture;
let secrets: SecretArchive;
/** A session per node, role and clearance below the top level. */
const tokens = new Map<string, string>();
const userName = (role: Role, clearance: number) => `mx-${role}-${clearance}`;
const CALLER_CLEARANCES = [0, 1] as const;

beforeAll(async () => {
  fx = await makeMethodFixture();
  secrets = await addSecretRecords(fx);
  for (const node of ['station', 'bureau'] as const)
    for (const role of ROLES)
      for (const c of CALLER_CLEARANCES)
        tokens.set(`${node}/${role}/${c}`, await userToken(fx.nodes[node], userName(role, c), role, c));
}, 180_000);

let cases = 0;
let calls = 0;
const ran = new Set<MethodName>();
afterAll(() => {
  console.log(
    `clearance matrix: ${cases} method×role×clearance×level cases, ${calls} calls (${LONG ? 'full' : 'bounded'})`,
  );
  delete process.env.SANE_CONFIG_DIR;
  fx?.close();
});

/** The session a case calls with: logout and a password change spend theirs, so they get their own. */
async function sessionFor(m: MethodName, node: MatrixNode, role: Role, clearance: number): Promise<string> {
  const t = fx.nodes[node];
  if (m === 'auth.logout') return t.login(userName(role, clearance), USER_PASSWORD);
  if (m === 'auth.changePassword') return userToken(t, fx.unique(`pw-${role}-`), role, clearance);
  return tokens.get(`${node}/${role}/${clearance}`)!;
}

/** Every string of an answer, joined (a search snippet splits a marker over its parts), and decoded payloads. */
async function answerText(r: unknown): Promise<string> {
  const strings: string[] = [];
  const payloads: Buffer[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      strings.push(v);
      if (v.length > 64 && /^[A-Za-z0-9+/]+=*$/.test(v)) payloads.push(Buffer.from(v, 'base64'));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(r);
  const decoded: string[] = [];
  for (const bytes of payloads) {
    decoded.push(bytes.toString('utf8'));
    if (bytes.subarray(0, 2).toString() === 'PK') {
      // An xlsx: its cells (the file's own strings are deflated).
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      book.eachSheet((sheet) => sheet.eachRow((row) => decoded.push(JSON.stringify(row.values))));
    }
  }
  return [JSON.stringify(r), strings.join(''), ...decoded].join('\n');
}

/** The callers of a method at a level: all of them in the full run; a bounded subset under `npm test`. */
function callers(methodIndex: number, level: SecretLevel): [Role, number][] {
  const below = CALLER_CLEARANCES.filter((c) => c < level);
  const all = below.flatMap((c) => ROLES.map((role) => [role, c] as [Role, number]));
  if (LONG) return all;
  if (level === 1) return all;
  return [[ROLES[methodIndex % ROLES.length]!, level - 1]];
}

const names = Object.keys(methods) as MethodName[];
const matrix = names.filter((m) => !EXEMPT[m]);

describe('the role × clearance matrix', () => {
  it('covers every 密级 above 公开 and every clearance below the top, and exempts only contract methods', () => {
    expect([...SECRET_LEVELS]).toEqual(SECURITY_LEVELS.filter((l) => l > 0));
    expect([...CALLER_CLEARANCES]).toEqual(SECURITY_LEVELS.slice(0, -1));
    for (const m of Object.keys(EXEMPT)) expect(names).toContain(m);
  });

  it.each(matrix)(
    '%s tells a caller below a record’s 密级 nothing of it and changes nothing of it',
    async (m) => {
      const index = matrix.indexOf(m);
      const problems: string[] = [];
      const base = await sampleInput(fx, m);
      await fx.settle('station', false); // not the scanner batch scan.cancel's sample started for it
      for (const level of SECRET_LEVELS) {
        const who = callers(index, level);
        if (!who.length) continue;
        const variants = variantsOf(fx, m, secrets.sets[level], base);
        for (const [role, clearance] of who) {
          cases++;
          for (const v of variants) {
            const t = fx.nodes[v.node];
            const before = secrets.snapshot(v.node);
            const r = await t.call(m, v.input, await sessionFor(m, v.node, role, clearance));
            calls++;
            if (methods[m].mutates) await fx.settle(v.node);
            const text = await answerText(r);
            const markers = secrets.above(clearance);
            const sent = sentByCaller(v.input, markers);
            const leaked = markers.filter((mk) => !sent.has(mk) && text.includes(mk));
            const at = `${v.label} as ${role}@${clearance}`;
            if (leaked.length) problems.push(`${at}: leaks ${leaked.join(', ')} in ${JSON.stringify(r).slice(0, 400)}`);
            if (secrets.snapshot(v.node) !== before)
              problems.push(`${at}: changed a secret record (${JSON.stringify(r).slice(0, 200)})`);
          }
        }
      }
      ran.add(m);
      expect(problems).toEqual([]);
    },
    120_000,
  );

  /** Reads that together show every field of the secret records (to a caller cleared for them). */
  const CONTROL: MethodName[] = [
    'catalogue.get',
    'catalogue.query',
    'catalogue.export',
    'volumes.get',
    'persons.get',
    'pages.list',
    'pages.text',
    'scan.batches',
    'search.query',
    'sync.conflicts.list',
    'sync.conflicts.get',
  ];
  // The control: the same reads as the node administrator (cleared for 秘密) find every marker,
  // so the fixture holds what the matrix looks for, and the decoding of payloads works.
  it('shows a caller cleared for them every secret record it hides from the others', async () => {
    const found = new Set<string>();
    for (const m of CONTROL) {
      const base = await sampleInput(fx, m);
      for (const level of SECRET_LEVELS)
        for (const v of variantsOf(fx, m, secrets.sets[level], base)) {
          const text = await answerText(await fx.nodes[v.node].call(m, v.input, fx.nodes[v.node].adminToken));
          for (const mk of secrets.above(0)) if (text.includes(mk)) found.add(mk);
        }
    }
    for (const s of Object.values(secrets.sets)) {
      const { station } = fx.nodes;
      const text = await answerText(
        await station.call('catalogue.get', { id: s.publicVolumeItemId }, station.adminToken),
      );
      for (const mk of s.markers) if (text.includes(mk)) found.add(mk);
    }
    expect(secrets.above(0).filter((mk) => !found.has(mk))).toEqual([]);
    // An export's rows are found in its decoded xlsx, not in the answer's JSON.
    const exported = await fx.nodes.station.ok(
      'catalogue.export',
      { scope: { categoryId: fx.ws, year: ITEM_YEAR } },
      fx.nodes.station.adminToken,
    );
    expect(JSON.stringify(exported)).not.toContain('MK2-责任者');
    expect(await answerText(exported)).toContain('MK2-责任者');
    // And the snapshot sees a write that reaches a secret record (run after the matrix: it changes one).
    const before = secrets.snapshot('station');
    const { station } = fx.nodes;
    await station.ok('pages.rotate', { id: secrets.sets[2].pageIds[0], quarterTurns: 1 }, station.adminToken);
    expect(secrets.snapshot('station')).not.toBe(before);
  }, 60_000);

  it('ran every method it does not exempt', () => {
    expect(matrix.filter((m) => !ran.has(m))).toEqual([]);
  });
});
