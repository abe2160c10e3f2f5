/**
 * A valid input for every contract method, made from a fixture archive (method-fixture.ts),
 * that does the method's real work: a create creates, a delete deletes something of its own,
 * an import imports a bundle written for it. Typed over MethodName, so a new method without
 * a sample does not typecheck. Input factories only, no assertions: the read-only/audit test
 * and the role × clearance matrix both call them.
 */
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName } from '../../electron/contract/methods';
import { FORM, formValues, saneTestConfig, type FixtureNode, type MethodFixture } from './method-fixture';
import { PASSPHRASE } from './sync-nodes';
import { ADMIN, USER_PASSWORD, userToken } from './test-core';
import { labelPhoto } from './label-photo';
import { addBox, addPlace } from './shelf-fixture';

type Awaitable<T> = T | Promise<T>;

export interface MethodSample<M extends MethodName> {
  /** The archive the call goes to. */
  on: FixtureNode;
  /** The input; it may first make records of its own (through dispatch), before the call. */
  input(fx: MethodFixture): Awaitable<MethodInput<M>>;
  /** The session to call with when it must not be the node administrator's (logout, own password). */
  session?(fx: MethodFixture): Promise<string>;
}

export type MethodSamples = { [M in MethodName]: MethodSample<M> };

const admin = (fx: MethodFixture) => fx.nodes.station.adminToken;
const bureauAdmin = (fx: MethodFixture) => fx.nodes.bureau.adminToken;
/** A category the station's scheme does not have yet. */
const newCategory = (fx: MethodFixture) => ({
  code: fx.unique('T'),
  name: fx.unique('测试门类'),
  defaultRetention: 'Y' as const,
  arrangement: 'item' as const,
  codeTemplate: '{fonds}-{category}·{year}-{retention}-{item:4}',
  volumeCodeTemplate: '{fonds}-{category}·{year}-{retention}-{volume:3}',
});
/** A stock-take of its own, on a place of its own holding one box. */
const newStocktake = async (fx: MethodFixture) => {
  const ctx = fx.nodes.station.core.ctx;
  const place = addPlace(ctx, fx.unique('KF'), '盘点库房');
  addBox(ctx, Number(fx.unique('')), place);
  return (await fx.nodes.station.ok('stocktake.start', { place: place.code, title: '季度盘点' }, admin(fx))).id;
};
/** A fresh item boxed alone (through propose and confirm, as the 装盒 dialog does); its box. */
const boxedItem = async (fx: MethodFixture) => {
  const { id } = await fx.newItem();
  const p = await fx.nodes.station.ok('boxes.propose', { selection: { itemIds: [id] } }, admin(fx));
  const b = p.boxes[0]!;
  const r = await fx.nodes.station.ok(
    'boxes.confirm',
    { entity: 'item', ids: [id], boxes: [{ boxNo: b.boxNo, size: 1, thicknessMm: b.thicknessMm }] },
    admin(fx),
  );
  return { itemId: id, box: r.boxes[0]! };
};
/** A room of its own for an archive-room log sample, and a reading or a finding in it. */
const newRoom = async (fx: MethodFixture) =>
  (await fx.nodes.station.ok('env.rooms.save', { code: fx.unique('KF'), name: fx.unique('库房') }, admin(fx))).id;
/** A 库房 of its own for a place sample. */
const newPlace = async (fx: MethodFixture) =>
  (await fx.nodes.station.ok('places.save', { code: fx.unique('P'), name: fx.unique('库房') }, admin(fx))).id;
/** A clerk of the fixture's station who files loan requests (the administrator approves them). */
const lendingClerks = new WeakMap<MethodFixture, Promise<string>>();
const lendingClerk = (fx: MethodFixture) => {
  let t = lendingClerks.get(fx);
  if (!t) lendingClerks.set(fx, (t = userToken(fx.nodes.station, fx.unique('loan-clerk-'), 'clerk', 1)));
  return t;
};
/** A fresh item in a loan request filed by the clerk: pending, approved or handed out. */
const newLoan = async (fx: MethodFixture, stage: 'pending' | 'approved' | 'out') => {
  const { id: itemId } = await fx.newItem();
  const st = fx.nodes.station;
  const loan = await st.ok(
    'lending.create',
    {
      borrowerKind: 'officer',
      borrowerName: '王警官',
      purpose: '工作查考',
      way: '阅览',
      fromDate: '2026-03-02',
      dueDate: '2026-03-16',
      itemIds: [itemId],
    },
    await lendingClerk(fx),
  );
  if (stage !== 'pending')
    await st.ok('lending.decide', { id: loan.id, decision: 'approved', password: ADMIN.password }, admin(fx));
  if (stage === 'out') await st.ok('lending.handOut', { itemId }, admin(fx));
  return { id: loan.id, itemId };
};
/** A fresh arrangement batch of 文书 2020 (the administrator opened it). */
const newArrangement = async (fx: MethodFixture) =>
  fx.nodes.station.ok('arrangement.create', { name: fx.unique('整理批次'), categoryCode: 'WS', year: 2020 }, admin(fx));
/** An item of 1990 kept 10 years: expired, and past the 25 years of opening review. */
const oldItem = async (fx: MethodFixture) =>
  (
    await fx.nodes.station.ok(
      'catalogue.create',
      { categoryId: fx.ws, year: 1990, retention: 'D10', title: fx.unique('旧件') },
      admin(fx),
    )
  ).id;
/** A destruction list of one expired item, compiled by a clerk; approved by the administrator when asked. */
const newDestruction = async (fx: MethodFixture, stage: 'draft' | 'approved') => {
  const st = fx.nodes.station;
  const clerk = await lendingClerk(fx);
  const round = fx.unique('鉴定');
  await st.ok('appraisal.decide', { itemId: await oldItem(fx), decision: 'destroy', round }, clerk);
  const list = await st.ok('destruction.create', { round, listNo: fx.unique('XH-') }, clerk);
  if (stage === 'approved') await st.ok('destruction.approve', { id: list.id, password: ADMIN.password }, admin(fx));
  return list.id;
};
/** A year not closed yet for each statistics.close sample (closing a year twice is refused). */
const closedYears = new WeakMap<MethodFixture, number>();
const yearToClose = (fx: MethodFixture) => {
  const y = (closedYears.get(fx) ?? 1899) + 1;
  closedYears.set(fx, y);
  return y;
};
const reading = { takenAt: '2026-01-05 08:30', temperature: 26.5, humidity: 52 };
const READINGS_CSV = '时间,温度(℃),湿度(%RH)\n2026-01-04 08:00,20.5,50\n2026-01-04 16:00,21,52\n';
const customTemplate = (fx: MethodFixture) => ({ ...FORM, id: fx.unique('custom-form-'), name: fx.unique('自定义') });

export const METHOD_SAMPLES: MethodSamples = {
  'system.status': { on: 'station', input: () => ({}) },
  'setup.initialize': {
    on: 'blank',
    input: () => ({
      nodeRole: 'station',
      unitName: '东湖派出所',
      fondsCode: 'J003',
      adminUsername: 'admin',
      adminDisplayName: '赵管理',
      adminPassword: ADMIN.password,
    }),
  },

  'auth.login': { on: 'station', input: () => ADMIN },
  'auth.logout': {
    on: 'station',
    input: () => ({}),
    session: (fx) => fx.nodes.station.login(ADMIN.username, ADMIN.password),
  },
  'auth.me': { on: 'station', input: () => ({}) },
  'auth.changePassword': {
    on: 'station',
    input: () => ({ oldPassword: USER_PASSWORD, newPassword: 'N3w-Passw0rd' }),
    session: (fx) => userToken(fx.nodes.station, fx.unique('pw'), 'clerk', 0),
  },

  'users.list': { on: 'station', input: () => ({}) },
  'users.create': {
    on: 'station',
    input: (fx) => ({
      username: fx.unique('user'),
      displayName: '新用户',
      role: 'clerk',
      clearance: 1,
      password: 'Initial-Passw0rd',
    }),
  },
  'users.update': {
    on: 'station',
    input: async (fx) => {
      const u = await fx.nodes.station.ok(
        'users.create',
        { username: fx.unique('user'), displayName: '待改', role: 'clerk', clearance: 0, password: 'Initial-Passw0rd' },
        admin(fx),
      );
      return { id: u.id, displayName: '已改名', clearance: 1 };
    },
  },

  'scheme.list': { on: 'station', input: () => ({}) },
  'scheme.save': { on: 'station', input: (fx) => newCategory(fx) },
  'scheme.delete': {
    on: 'station',
    input: async (fx) => ({ id: (await fx.nodes.station.ok('scheme.save', newCategory(fx), admin(fx))).id }),
  },

  'catalogue.tree': { on: 'station', input: () => ({ parent: {} }) },
  'catalogue.query': { on: 'station', input: () => ({}) },
  'catalogue.get': { on: 'station', input: (fx) => ({ id: fx.itemId }) },
  'catalogue.nextCode': { on: 'station', input: (fx) => ({ categoryId: fx.ws, year: 2020 }) },
  'catalogue.create': {
    on: 'station',
    input: (fx) => ({ categoryId: fx.ws, year: 2020, title: '新建的件', persons: [{ name: '李四' }] }),
  },
  'catalogue.update': {
    on: 'station',
    input: async (fx) => {
      const { id, version } = await fx.newItem();
      return { id, expectedVersion: version, title: '改过的题名' };
    },
  },
  'catalogue.delete': { on: 'station', input: async (fx) => ({ id: (await fx.newItem()).id, reason: '重复录入' }) },
  'catalogue.renumber': {
    on: 'station',
    input: async (fx) => {
      // A gap in the numbers (a deleted item in the middle) is what renumbering closes.
      const year = 2018;
      const ids = [];
      for (let i = 0; i < 3; i++)
        ids.push(
          (await fx.nodes.station.ok('catalogue.create', { categoryId: fx.ws, year, title: `件${i}` }, admin(fx))).id,
        );
      await fx.nodes.station.ok('catalogue.delete', { id: ids[1]!, reason: '重复录入' }, admin(fx));
      return { scope: { categoryId: fx.ws, year, retention: 'Y' }, apply: true };
    },
  },
  'catalogue.export': { on: 'station', input: () => ({}) },
  'print.document': { on: 'station', input: (fx) => ({ kind: 'contents', volumeId: fx.volumeId }) },
  'print.labels': { on: 'station', input: (fx) => ({ kind: 'volume', volumeIds: [fx.volumeId] }) },
  'print.labelTest': { on: 'station', input: () => ({ sheet: '3x8' }) },
  'print.labelSettings': { on: 'station', input: () => ({}) },
  'print.saveLabelSettings': { on: 'station', input: () => ({ offsets: { '3x8': { x: 0.5, y: -0.5 } } }) },
  'catalogue.placementPreview': { on: 'station', input: (fx) => ({ id: fx.itemId, categoryId: fx.ws, year: 2021 }) },
  'catalogue.correctPlacement': {
    on: 'station',
    input: async (fx) => {
      const { id, version } = await fx.newItem();
      return { id, expectedVersion: version, categoryId: fx.ws, year: 2021, reason: '年度录错' };
    },
  },
  'catalogue.codeHistory': { on: 'station', input: (fx) => ({ id: fx.itemId }) },
  'catalogue.deletion': { on: 'station', input: async (fx) => ({ id: await fx.deletedItem() }) },
  'catalogue.restore': { on: 'station', input: async (fx) => ({ id: await fx.deletedItem(), note: '误删' }) },

  'volumes.list': { on: 'station', input: () => ({}) },
  'volumes.get': { on: 'station', input: (fx) => ({ id: fx.volumeId }) },
  'volumes.nextCode': { on: 'station', input: (fx) => ({ categoryId: fx.jt, year: 2016 }) },
  'volumes.create': { on: 'station', input: (fx) => ({ categoryId: fx.jt, year: 2016, title: '新案卷' }) },
  'volumes.update': {
    on: 'station',
    input: async (fx) => {
      const { id, version } = await fx.newVolume();
      return { id, expectedVersion: version, title: '改过的案卷题名' };
    },
  },
  'volumes.delete': { on: 'station', input: async (fx) => ({ id: (await fx.newVolume()).id, reason: '重复录入' }) },
  'volumes.placementPreview': { on: 'station', input: (fx) => ({ id: fx.volumeId, year: 2017 }) },
  'volumes.correctPlacement': {
    on: 'station',
    input: async (fx) => {
      const { id, version } = await fx.newVolume();
      return { id, expectedVersion: version, year: 2017, reason: '年度录错' };
    },
  },

  'persons.search': { on: 'station', input: () => ({ q: '王' }) },
  'persons.get': { on: 'station', input: (fx) => ({ id: fx.personId }) },

  'import.preview': { on: 'station', input: (fx) => importSource(fx) },
  'import.commit': { on: 'station', input: (fx) => importSource(fx) },
  'import.template': { on: 'station', input: (fx) => ({ categoryId: fx.ws }) },

  'search.query': { on: 'station', input: () => ({ q: '巡逻' }) },
  'search.status': { on: 'station', input: () => ({}) },
  'search.reindex': { on: 'station', input: () => ({}) },
  'search.rebuild': { on: 'station', input: () => ({}) },
  'search.recent.list': { on: 'station', input: () => ({}) },
  'search.recent.add': { on: 'station', input: (fx) => ({ q: fx.unique('巡逻') }) },
  'search.saved.list': { on: 'station', input: () => ({}) },
  'search.saved.save': { on: 'station', input: (fx) => ({ name: fx.unique('检索'), q: '巡逻' }) },
  'search.saved.delete': {
    on: 'station',
    input: async (fx) => ({
      id: (await fx.nodes.station.ok('search.saved.save', { name: fx.unique('检索'), q: '巡逻' }, admin(fx))).id,
    }),
  },

  'intake.importFiles': {
    on: 'station',
    input: async (fx) => ({ files: [{ name: 'scan.png', dataBase64: await fx.png(7) }], template: 'none' }),
  },
  'scan.devices': {
    on: 'station',
    input: (fx) => {
      process.env.SANE_CONFIG_DIR = saneTestConfig(fx.stick, 'fast');
      return {};
    },
  },
  'scan.start': {
    on: 'station',
    input: (fx) => {
      process.env.SANE_CONFIG_DIR = saneTestConfig(fx.stick, 'fast');
      return { device: 'test:0', resolution: 75, maxPages: 1 };
    },
  },
  'scan.cancel': {
    on: 'station',
    input: async (fx) => {
      process.env.SANE_CONFIG_DIR = saneTestConfig(fx.stick, 'slow');
      const { batchId } = await fx.nodes.station.ok(
        'scan.start',
        { device: 'test:0', resolution: 75, source: 'feeder' },
        admin(fx),
      );
      return { batchId };
    },
  },
  'scan.batches': { on: 'station', input: () => ({}) },
  'hotfolder.get': { on: 'station', input: () => ({}) },
  'hotfolder.set': {
    on: 'station',
    input: (fx) => ({ dir: path.join(os.tmpdir(), fx.unique('dangan-hot-')), enabled: false }),
  },

  'pages.list': { on: 'station', input: (fx) => ({ itemId: fx.itemId }) },
  'pages.image': { on: 'station', input: (fx) => ({ id: fx.pageIds[0]! }) },
  'pages.attach': {
    on: 'station',
    input: async (fx) => ({ ids: (await fx.trayPages(1)).pageIds, itemId: (await fx.newItem()).id }),
  },
  'pages.reorder': { on: 'station', input: (fx) => ({ ids: [...fx.pageIds].reverse() }) },
  'pages.rotate': {
    on: 'station',
    input: async (fx) => ({ id: (await fx.trayPages(1)).pageIds[0]!, quarterTurns: 1 }),
  },
  'pages.skip': { on: 'station', input: async (fx) => ({ id: (await fx.trayPages(1)).pageIds[0]!, skipped: true }) },
  'pages.remove': {
    on: 'station',
    input: async (fx) => ({ id: (await fx.trayPages(1)).pageIds[0]!, reason: '重复扫描' }),
  },
  'pages.replace': {
    on: 'station',
    input: async (fx) => ({ id: (await fx.trayPages(1)).pageIds[0]!, name: 'rescan.png', dataBase64: await fx.png(9) }),
  },
  'pages.ofRecord': { on: 'station', input: (fx) => ({ itemId: fx.itemId }) },
  'pages.text': { on: 'station', input: (fx) => ({ id: fx.formPageId }) },
  'pages.pdf': { on: 'station', input: (fx) => ({ itemId: fx.itemId }) },

  'ocr.enqueue': {
    on: 'station',
    input: async (fx) => {
      // Intake queues its pages already: take them off the queue first, so there is work to do.
      const { pageIds } = await fx.trayPages(1);
      await fx.nodes.station.ok('ocr.cancel', { pageIds }, admin(fx));
      return { pageIds };
    },
  },
  'ocr.status': { on: 'station', input: () => ({}) },
  'ocr.cancel': { on: 'station', input: async (fx) => ({ pageIds: (await fx.trayPages(1)).pageIds }) },
  'ocr.settings.get': { on: 'station', input: () => ({}) },
  'ocr.settings.set': { on: 'station', input: () => ({ formsEngine: 'tesseract', textEngine: 'tesseract' }) },
  'ocr.settings.check': { on: 'station', input: () => ({}) },

  'verify.queue': { on: 'station', input: () => ({}) },
  'verify.get': { on: 'station', input: (fx) => ({ id: fx.formPageId }) },
  'verify.accept': {
    on: 'station',
    input: async (fx) => ({ pageId: (await fx.formPage()).pageId, values: formValues() }),
  },
  'scan.batchRecords.preview': { on: 'station', input: (fx) => ({ batchId: fx.formBatchId }) },
  'scan.batchRecords.commit': {
    on: 'station',
    input: async (fx) => {
      const { batchId, pageId } = await fx.formPage();
      await fx.nodes.station.ok('verify.accept', { pageId, values: formValues() }, admin(fx));
      return { batchId, pageIds: [pageId] };
    },
  },

  'forms.templates.list': { on: 'station', input: () => ({}) },
  'forms.templates.get': { on: 'station', input: () => ({ id: FORM.id }) },
  'forms.templates.save': { on: 'station', input: (fx) => ({ template: customTemplate(fx) }) },
  'forms.templates.delete': {
    on: 'station',
    input: async (fx) => ({
      id: (await fx.nodes.station.ok('forms.templates.save', { template: customTemplate(fx) }, admin(fx))).id,
    }),
  },
  'forms.templates.fromPage': { on: 'station', input: (fx) => ({ pageId: fx.pageIds[0]! }) },
  'forms.templates.proposeFromPage': { on: 'station', input: (fx) => ({ pageId: fx.pageIds[0]! }) },
  'forms.templates.import': {
    on: 'station',
    input: (fx) => ({ fileName: 'form.json', text: JSON.stringify(customTemplate(fx)) }),
  },

  'sync.status': { on: 'station', input: () => ({}) },
  'sync.keys.get': { on: 'station', input: () => ({}) },
  'sync.keys.unlock': { on: 'station', input: () => ({ passphrase: PASSPHRASE }) },
  // The spare station has no keys until it needs them: init makes them. (Run before sync.enroll.)
  'sync.keys.init': { on: 'spare', input: () => ({}) },
  // On the spare station, so the enrolled station's bundles stay signed by the key the bureau trusts.
  'sync.keys.rotate': {
    on: 'spare',
    input: async (fx) => {
      await fx.nodes.spare.ok('sync.keys.init', {}, fx.nodes.spare.adminToken);
      return {};
    },
  },
  'sync.keys.exportIdentity': {
    on: 'bureau',
    input: (fx) => ({ outFile: path.join(fx.stick, `${fx.unique('identity-')}.txt`) }),
  },
  'sync.stations.add': {
    on: 'bureau',
    input: (fx) => ({ stationId: fx.unique('NS'), name: '新登记派出所', outDir: fx.stick }),
  },
  // Keys stay valid for bundles up to 100000, so the station's later bundles are still accepted.
  'sync.stations.revoke': {
    on: 'bureau',
    input: (fx) => ({ stationId: fx.sync.stationId, afterSeq: 100_000, reason: '测试吊销' }),
  },
  'sync.conflicts.list': { on: 'bureau', input: () => ({}) },
  'sync.conflicts.get': { on: 'bureau', input: (fx) => ({ id: fx.conflictId }) },
  'sync.conflicts.resolve': {
    on: 'bureau',
    input: (fx) => ({ id: fx.conflictId, action: 'ours', note: '以县局为准' }),
  },
  'sync.stations.records': { on: 'bureau', input: (fx) => ({ stationId: fx.sync.stationId }) },
  'sync.bundle.inspect': { on: 'bureau', input: async (fx) => ({ dir: await fx.bundle() }) },
  'sync.enroll': {
    on: 'spare',
    input: async (fx) => {
      const stationId = fx.unique('NH');
      await fx.nodes.bureau.ok(
        'sync.stations.add',
        { stationId, name: '南湖派出所', outDir: fx.stick },
        bureauAdmin(fx),
      );
      return { dir: path.join(fx.stick, `DGE-${stationId}`) };
    },
  },
  'sync.bundle.export': {
    on: 'station',
    input: async (fx) => {
      await fx.newItem();
      return { outDir: fx.stick };
    },
  },
  'sync.bundle.import': {
    on: 'bureau',
    input: async (fx) => {
      await fx.newItem();
      return { dir: await fx.bundle() };
    },
  },
  'sync.bundle.verify': { on: 'bureau', input: async (fx) => ({ dir: await fx.bundle() }) },
  'sync.receipt.import': {
    on: 'station',
    input: async (fx) => {
      await fx.newItem();
      const r = await fx.sync.importBundle(await fx.bundle());
      return { file: r.receiptFile! };
    },
  },
  'sync.downlink.export': { on: 'bureau', input: (fx) => ({ stationId: fx.sync.stationId, outDir: fx.stick }) },
  'sync.downlink.import': {
    on: 'station',
    input: async (fx) => {
      const d = await fx.nodes.bureau.ok(
        'sync.downlink.export',
        { stationId: fx.sync.stationId, outDir: fx.stick },
        bureauAdmin(fx),
      );
      return { dir: d.dir };
    },
  },
  'bureau.stats': { on: 'bureau', input: () => ({}) },

  'stocktake.start': {
    on: 'station',
    input: (fx) => ({
      place: addPlace(fx.nodes.station.core.ctx, fx.unique('KF'), '盘点库房').code,
      title: '季度盘点',
    }),
  },
  'stocktake.list': { on: 'station', input: () => ({}) },
  'stocktake.get': { on: 'station', input: async (fx) => ({ id: await newStocktake(fx) }) },
  'stocktake.scan': { on: 'station', input: async (fx) => ({ id: await newStocktake(fx), code: 'B/NO-SUCH-BOX' }) },
  'stocktake.decodePhoto': {
    on: 'station',
    input: async (fx) => ({
      id: await newStocktake(fx),
      base64: (await labelPhoto('B/NO-SUCH-BOX')).toString('base64'),
    }),
  },
  'stocktake.accept': { on: 'station', input: async (fx) => ({ id: await newStocktake(fx) }) },
  'stocktake.cancel': { on: 'station', input: async (fx) => ({ id: await newStocktake(fx) }) },
  'stocktake.print': { on: 'station', input: async (fx) => ({ id: await newStocktake(fx) }) },
  'stocktake.export': { on: 'station', input: async (fx) => ({ id: await newStocktake(fx) }) },

  'lending.create': {
    on: 'station',
    input: async (fx) => ({
      borrowerKind: 'citizen',
      borrowerName: '张三',
      borrowerIdNo: '430602198001011234',
      ownRecords: true,
      onBehalf: true,
      purpose: '依法维权',
      way: '复制摘抄',
      fromDate: '2026-03-02',
      dueDate: '2026-03-02',
      itemIds: [(await fx.newItem()).id],
    }),
  },
  'lending.list': { on: 'station', input: () => ({ queue: true }) },
  'lending.decide': {
    on: 'station',
    input: async (fx) => ({
      id: (await newLoan(fx, 'pending')).id,
      decision: 'approved',
      comment: '同意',
      password: ADMIN.password,
    }),
  },
  'lending.handOut': { on: 'station', input: async (fx) => ({ itemId: (await newLoan(fx, 'approved')).itemId }) },
  'lending.return': {
    on: 'station',
    input: async (fx) => ({ itemId: (await newLoan(fx, 'out')).itemId, pagesChecked: 3, solved: true }),
  },
  'lending.overdue': { on: 'station', input: () => ({}) },
  'lending.counts': { on: 'station', input: () => ({ year: 2026 }) },
  'lending.rules': { on: 'station', input: () => ({}) },
  'lending.register': { on: 'station', input: () => ({ year: 2026, format: 'pdf' }) },
  'lending.reminders': { on: 'station', input: () => ({}) },
  'arrangement.create': {
    on: 'station',
    input: (fx) => ({ name: fx.unique('整理批次'), categoryCode: 'WS', year: 2020 }),
  },
  'arrangement.list': { on: 'station', input: () => ({}) },
  'arrangement.get': { on: 'station', input: async (fx) => ({ id: (await newArrangement(fx)).id }) },
  'arrangement.assign': {
    on: 'station',
    input: async (fx) => ({ batchId: (await newArrangement(fx)).id, username: 'admin', task: '整理', target: 10 }),
  },
  'arrangement.selfCheck': { on: 'station', input: async (fx) => ({ id: (await newArrangement(fx)).id }) },
  'arrangement.sign': {
    on: 'station',
    input: async (fx) => {
      const b = await newArrangement(fx);
      return { batchId: b.id, stepId: b.steps[0]!.id, signRole: 'manager', password: ADMIN.password };
    },
  },
  'arrangement.notes': { on: 'station', input: (fx) => ({ volumeId: fx.volumeId }) },
  'arrangement.print': { on: 'station', input: async (fx) => ({ id: (await newArrangement(fx)).id }) },

  'appraisal.due': { on: 'station', input: () => ({}) },
  'appraisal.decide': {
    on: 'station',
    input: async (fx) => ({ itemId: await oldItem(fx), decision: 'keep', newRetention: 'D10', round: '2026年度鉴定' }),
  },
  'appraisal.hold': {
    on: 'station',
    input: async (fx) => ({ itemId: await oldItem(fx), hold: true, reason: '诉讼保全' }),
  },
  'destruction.create': {
    on: 'station',
    input: async (fx) => {
      const round = fx.unique('鉴定');
      await fx.nodes.station.ok(
        'appraisal.decide',
        { itemId: await oldItem(fx), decision: 'destroy', round },
        admin(fx),
      );
      return { round, listNo: fx.unique('XH-') };
    },
  },
  'destruction.list': { on: 'station', input: () => ({}) },
  'destruction.approve': {
    on: 'station',
    input: async (fx) => ({ id: await newDestruction(fx, 'draft'), password: ADMIN.password }),
  },
  'destruction.execute': { on: 'station', input: async (fx) => ({ id: await newDestruction(fx, 'approved') }) },
  'destruction.print': {
    on: 'station',
    input: async (fx) => ({ id: await newDestruction(fx, 'draft'), format: 'pdf' }),
  },
  'opening.due': { on: 'station', input: () => ({}) },
  'opening.decide': {
    on: 'station',
    input: async (fx) => ({
      itemId: await oldItem(fx),
      result: 'open',
      reason: '无涉密内容',
      password: ADMIN.password,
    }),
  },
  'opening.list': { on: 'station', input: () => ({}) },
  'opening.print': { on: 'station', input: () => ({ format: 'pdf' }) },
  'statistics.annual': { on: 'station', input: () => ({ year: 2025 }) },
  'statistics.drill': { on: 'station', input: () => ({ year: 2026, key: 'holdings.items' }) },
  'statistics.profile.get': { on: 'station', input: () => ({ year: 2026 }) },
  'statistics.print': { on: 'station', input: () => ({ year: 2025, format: 'pdf' }) },
  'statistics.profile.set': {
    on: 'station',
    input: () => ({ year: 2025, storageAreaM2: 60, staffFullTime: 1, staffPartTime: 2 }),
  },
  'dashboard.station': { on: 'station', input: () => ({}) },
  'dashboard.bureau': { on: 'bureau', input: () => ({}) },
  'statistics.close': {
    on: 'station',
    input: (fx) => ({ year: yearToClose(fx), password: ADMIN.password, comment: '数字已核对' }),
  },
  'statistics.indicators': { on: 'station', input: () => ({}) },
  'statistics.indicators.weights': { on: 'station', input: () => ({ weights: { completeness: 30, auditChain: 5 } }) },
  'statistics.bureau.stations': { on: 'bureau', input: () => ({}) },
  'statistics.bureau.county': { on: 'bureau', input: () => ({ year: 2025 }) },
  'security.change': {
    on: 'station',
    input: async (fx) => ({
      itemId: await oldItem(fx),
      newLevel: 1,
      effectiveDate: '2026-01-05',
      reason: '内部使用',
      password: ADMIN.password,
    }),
  },

  'env.rooms.list': { on: 'station', input: () => ({}) },
  'env.rooms.save': { on: 'station', input: (fx) => ({ code: fx.unique('KF'), name: '一号库房', humidityMax: 58 }) },
  'env.readings.add': { on: 'station', input: async (fx) => ({ roomId: await newRoom(fx), ...reading }) },
  'env.readings.list': {
    on: 'station',
    input: async (fx) => ({ roomId: await newRoom(fx), from: '2026-01-01', to: '2026-01-31' }),
  },
  'env.readings.import': {
    on: 'station',
    input: async (fx) => ({
      roomId: await newRoom(fx),
      fileName: 'logger.csv',
      base64: Buffer.from(READINGS_CSV).toString('base64'),
    }),
  },
  'env.readings.setAction': {
    on: 'station',
    input: async (fx) => {
      const r = await fx.nodes.station.ok('env.readings.add', { roomId: await newRoom(fx), ...reading }, admin(fx));
      return { id: r.id, action: '开启空调降温' };
    },
  },
  'env.checks.create': {
    on: 'station',
    input: async (fx) => ({
      roomId: await newRoom(fx),
      checkDate: '2026-01-05',
      findings: [{ guard: 'damp' as const, finding: '北墙返潮' }],
    }),
  },
  'env.checks.list': { on: 'station', input: async (fx) => ({ roomId: await newRoom(fx) }) },
  'env.findings.close': {
    on: 'station',
    input: async (fx) => {
      const check = await fx.nodes.station.ok(
        'env.checks.create',
        { roomId: await newRoom(fx), checkDate: '2026-01-05', findings: [{ guard: 'fire', finding: '灭火器过期' }] },
        admin(fx),
      );
      return { id: check.findings[0]!.id, followUp: '已更换灭火器' };
    },
  },

  'boxes.propose': { on: 'station', input: (fx) => ({ selection: { itemIds: [fx.itemId] } }) },
  'boxes.confirm': {
    on: 'station',
    input: async (fx) => {
      const { id } = await fx.newItem();
      const p = await fx.nodes.station.ok('boxes.propose', { selection: { itemIds: [id] } }, admin(fx));
      return { entity: 'item', ids: [id], boxes: [{ boxNo: p.boxes[0]!.boxNo, size: 1, thicknessMm: 30 }] };
    },
  },
  'boxes.list': { on: 'station', input: () => ({}) },
  'boxes.settings.get': { on: 'station', input: () => ({}) },
  'boxes.settings.save': { on: 'station', input: () => ({ pagesPerMm: 9, recordPages: 12, maxCount: 80 }) },
  'boxes.get': { on: 'station', input: async (fx) => ({ id: (await boxedItem(fx)).box.id }) },
  'boxes.unbox': { on: 'station', input: async (fx) => ({ boxId: (await boxedItem(fx)).box.id }) },
  'boxes.update': {
    on: 'station',
    input: async (fx) => {
      const { box } = await boxedItem(fx);
      return { id: box.id, expectedVersion: box.version, thicknessMm: 40 };
    },
  },
  'places.levels.get': { on: 'station', input: () => ({}) },
  'places.levels.set': { on: 'station', input: () => ({ names: ['库房', '区', '密集架', '节', '层'] }) },
  'places.tree': { on: 'station', input: () => ({}) },
  'places.save': { on: 'station', input: (fx) => ({ code: fx.unique('P'), name: '二号库房' }) },
  'places.delete': { on: 'station', input: async (fx) => ({ id: await newPlace(fx) }) },
  'places.generate': {
    on: 'station',
    input: async (fx) => {
      const room = await newPlace(fx);
      const zone = await fx.nodes.station.ok(
        'places.save',
        { parentId: room, code: fx.unique('Z'), name: '一区' },
        admin(fx),
      );
      return { parentId: zone.id, columns: 1, sections: 2, shelves: 2 };
    },
  },
  'places.holdings': { on: 'station', input: async (fx) => ({ placeId: await newPlace(fx) }) },
  'places.move': {
    on: 'station',
    input: async (fx) => ({ placeId: await newPlace(fx), volumeIds: [(await fx.newVolume()).id] }),
  },
  'places.whereabouts': { on: 'station', input: async (fx) => ({ itemId: (await fx.newItem()).id }) },

  'audit.list': { on: 'station', input: () => ({}) },
  'audit.verify': { on: 'station', input: () => ({}) },
  'demo.generate': { on: 'station', input: (fx) => ({ items: 5, seed: fx.unique('demo') }) },
};

/** A two-row CSV ledger for the 文书 category. */
function importSource(fx: MethodFixture): MethodInput<'import.preview'> {
  const csv = `题名,日期,责任者\n${fx.unique('导入的件')},2011-03-05,北港派出所\n`;
  return {
    fileName: 'ledger.csv',
    base64: Buffer.from(csv).toString('base64'),
    categoryId: fx.ws,
    defaults: { year: 2011 },
  };
}
