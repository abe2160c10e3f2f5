/**
 * The one contract: every method the core offers, its input schema, its output
 * type (phantom) and the permission it needs. Every transport goes through it.
 */
// First: validation messages in Chinese for every schema (dispatch parses through this file).
import './zod-zh';
import { z } from 'zod';
import type * as D from './dto';
import * as S from './schemas';
import * as Q from './search';
import * as SC from './scan';
import * as SY from './sync';
import * as DL from './downlink';
import * as BU from './bureau';
import * as SYC from './sync-conflicts';
import * as TP from './templates';
import * as OS from './ocr-settings';
import * as BR from './batch-records';
import * as IM from './importer';
import * as RC from './records';
import * as RP from './record-pages';
import * as RM from './room';
import * as PR from './print';
import * as LB from './labels';
import * as ST from './stocktake';
import * as BX from './boxes';
import * as PL from './places';
import { cliMethods } from './cli';
import { empty, m } from './method-spec';
import { workflowMethods } from './workflow-methods';
import { statisticsMethods } from './statistics';
import { dashboardMethods } from './dashboard';
import { indicatorMethods } from './indicators';
import type { FormTemplate } from './forms';

/** Targets shared by many methods. */
const item = { id: 'item' } as const;
const volume = { id: 'volume' } as const;
const page = { id: 'page' } as const;
const owner = { itemId: 'item', volumeId: 'volume' } as const;

const byId = z.object({ id: S.zId });

const userFields = z.object({
  username: S.zUsername,
  displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(50),
  role: S.zRole,
  clearance: S.zSecurity,
  password: S.zPassword,
});
const userUpdate = z.object({
  id: S.zId,
  displayName: z.string().trim().min(1).max(50).optional(),
  role: S.zRole.optional(),
  clearance: S.zSecurity.optional(),
  disabled: z.boolean().optional(),
  resetPassword: S.zPassword.optional(),
  unlock: z.boolean().optional(),
});
const codeTarget = z.object({
  categoryId: S.zId,
  year: S.zYear,
  retention: S.zRetention.optional(),
  orgCode: S.zOrgCode,
  volumeId: S.zId.nullable().default(null),
});
/** A day (YYYY-MM-DD) or a full ISO time; anything else is refused in Chinese, not compared as text. */
const auditDate = z
  .string()
  .trim()
  .max(30)
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: '日期格式应为 YYYY-MM-DD，例如 2026-03-01' })
  .optional();
const auditFilter = z.object({
  actor: z.string().trim().max(50).optional(),
  action: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(60).optional(),
  from: auditDate,
  to: auditDate,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const methods = {
  'system.status': m<D.SystemStatus>()(empty, 'public'),
  'setup.initialize': m<D.SystemStatus>()(S.zSetup, 'public', true),

  'auth.login': m<D.LoginResult>()(
    z.object({
      username: z.string().trim().min(1, { error: '请填写用户名' }).max(64),
      password: z.string().min(1, { error: '请填写密码' }).max(256),
    }),
    'public',
    true,
  ),
  /** Writes its audit row (退出登录): a mutation, queued behind the write lock like any other. */
  'auth.logout': m<{ ok: true }>()(empty, 'session', true),
  'auth.me': m<D.LoginResult>()(empty, 'session'),
  'auth.changePassword': m<{ ok: true }>()(
    z.object({ oldPassword: z.string().min(1, { error: '请填写原密码' }), newPassword: S.zPassword }),
    'session',
    true,
  ),

  'users.list': m<D.UserView[]>()(empty, 'users.manage'),
  'users.create': m<D.UserView>()(userFields, 'users.manage', true),
  'users.update': m<D.UserView>()(userUpdate, 'users.manage', true),

  'scheme.list': m<D.CategoryView[]>()(empty, 'catalogue.read'),
  'scheme.save': m<D.CategoryView>()(S.zCategoryInput, 'scheme.edit', true),
  'scheme.delete': m<{ ok: true }>()(byId, 'scheme.edit', true),

  'catalogue.tree': m<D.TreeNode[]>()(z.object({ parent: S.zScope.default({}) }), 'catalogue.read'),
  'catalogue.query': m<D.Page<D.ItemRow>>()(S.zItemQuery, 'catalogue.read'),
  'catalogue.get': m<D.ItemView>()(byId, 'catalogue.read', false, item),
  'catalogue.nextCode': m<{ itemNo: number; archiveCode: string }>()(codeTarget, 'catalogue.read', false, {
    volumeId: 'volume',
  }),
  'catalogue.create': m<D.ItemView>()(S.zCreateItem, 'catalogue.write', true, { volumeId: 'volume' }),
  'catalogue.update': m<D.ItemView>()(S.zUpdateItem, 'catalogue.write', true, item),
  'catalogue.delete': m<{ ok: true }>()(S.zDelete, 'catalogue.delete', true, item),
  'catalogue.renumber': m<D.RenumberPlan>()(
    z.object({ scope: S.zScope, apply: z.boolean().default(false) }),
    'catalogue.renumber',
    true,
    { 'scope.volumeId': 'volume' },
  ),
  /** Audited (导出目录: who took which records out): a read that writes its audit entry. */
  'catalogue.export': m<D.ExportFile>()(S.zItemQuery, 'export', 'audit'),
  // Printing hands records out on paper: those who may export them, with the same clearance.
  'print.document': m<PR.PrintResult>()(PR.zPrintDocument, 'export', 'audit', {
    volumeId: 'volume',
    itemIds: 'item',
  }),
  // Labels name records on paper like documents do: those who may export, with their clearance.
  'print.labels': m<LB.LabelsResult>()(LB.zLabelRequest, 'export', 'audit', { volumeIds: 'volume' }),
  'print.labelTest': m<LB.LabelsResult>()(LB.zLabelTest, 'export'),
  'print.labelSettings': m<LB.LabelSettings>()(z.object({}), 'export'),
  'print.saveLabelSettings': m<LB.LabelSettings>()(LB.zLabelSettings, 'export', true),
  'catalogue.placementPreview': m<RC.PlacementPreview>()(RC.zPlacementPreview, 'catalogue.write', false, {
    ...item,
    volumeId: 'volume',
  }),
  'catalogue.correctPlacement': m<D.ItemView>()(RC.zCorrectPlacement, 'catalogue.write', true, {
    ...item,
    volumeId: 'volume',
  }),
  'catalogue.codeHistory': m<RC.CodeHistoryEntry[]>()(RC.zCodeHistoryQuery, 'catalogue.read', false, {
    id: (i) => i.entity,
  }),
  'catalogue.deletion': m<RC.DeletionInfo>()(RC.zRecordRef, 'catalogue.read', false, item),
  'catalogue.restore': m<RC.RestoreResult>()(RC.zRestore, 'catalogue.restore', true, item),

  'volumes.list': m<D.VolumeView[]>()(z.object({ scope: S.zScope.default({}) }), 'catalogue.read'),
  'volumes.get': m<D.VolumeView>()(byId, 'catalogue.read', false, volume),
  'volumes.nextCode': m<{ volumeNo: number; archiveCode: string }>()(
    codeTarget.omit({ volumeId: true }),
    'catalogue.read',
  ),
  'volumes.create': m<D.VolumeView>()(S.zCreateVolume, 'catalogue.write', true),
  'volumes.update': m<D.VolumeView>()(S.zUpdateVolume, 'catalogue.write', true, volume),
  'volumes.delete': m<{ ok: true }>()(S.zDelete, 'catalogue.delete', true, volume),
  'volumes.placementPreview': m<RC.PlacementPreview>()(RC.zVolumePlacementPreview, 'catalogue.write', false, volume),
  'volumes.correctPlacement': m<RC.VolumeCorrection>()(RC.zCorrectVolumePlacement, 'catalogue.write', true, volume),

  'persons.search': m<D.PersonView[]>()(
    z.object({ q: z.string().trim().max(50), limit: z.number().int().min(1).max(200).default(50) }),
    'catalogue.read',
  ),
  'persons.get': m<D.PersonDetail>()(byId, 'catalogue.read'),

  'import.preview': m<D.ImportPreview>()(S.zImportSource, 'import'),
  'import.commit': m<D.ImportResult>()(IM.zImportCommit, 'import', true),
  'import.template': m<D.ExportFile>()(IM.zImportTemplate, 'import'),

  'search.query': m<Q.SearchResult>()(Q.zSearchQuery, 'catalogue.read'),
  'search.status': m<Q.SearchStatusView>()(empty, 'catalogue.read'),
  'search.reindex': m<{ jobId: string }>()(empty, 'search.manage', true),
  'search.recent.list': m<Q.RecentSearch[]>()(empty, 'catalogue.read'),
  'search.recent.add': m<{ ok: true }>()(Q.zRecentSearchInput, 'catalogue.read', true),
  'search.saved.list': m<Q.SavedSearch[]>()(empty, 'catalogue.read'),
  'search.saved.save': m<Q.SavedSearch>()(Q.zSavedSearchInput, 'catalogue.read', true),
  'search.saved.delete': m<{ ok: true }>()(byId, 'catalogue.read', true),

  'intake.importFiles': m<{
    batchId: string;
    pages: number;
    errors: { file: string; page: number | null; message: string }[];
  }>()(SC.zImportFiles, 'scan', true, owner),
  'scan.devices': m<SC.ScannerView>()(empty, 'scan'),
  'scan.start': m<{ batchId: string }>()(SC.zScanStart, 'scan', true, owner),
  'scan.cancel': m<{ ok: true }>()(z.object({ batchId: S.zId }), 'scan', true, { batchId: 'batch' }),
  'scan.batches': m<SC.BatchView[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    'catalogue.read',
  ),
  'hotfolder.get': m<SC.HotFolderView>()(empty, 'scan'),
  // Files in the hot folder are moved into the archive: an administrator chooses it.
  'hotfolder.set': m<SC.HotFolderView>()(SC.zHotFolderSettings, 'settings.manage', true, owner),

  'pages.list': m<SC.PageView[]>()(SC.zPageList, 'catalogue.read', false, {
    ...owner,
    batchId: 'batch',
  }),
  'pages.image': m<{ mime: string; base64: string; width: number; height: number }>()(
    SC.zPageImage,
    'catalogue.read',
    false,
    page,
  ),
  'pages.attach': m<SC.PageView[]>()(SC.zPageAttach, 'scan', true, { ids: 'page', ...owner }),
  'pages.reorder': m<SC.PageView[]>()(SC.zPageReorder, 'scan', true, { ids: 'page' }),
  'pages.rotate': m<SC.PageView>()(SC.zPageRotate, 'scan', true, page),
  'pages.skip': m<SC.PageView>()(SC.zPageSkip, 'scan', true, page),
  'pages.remove': m<{ ok: true }>()(SC.zPageRemove, 'scan', true, page),
  'pages.replace': m<SC.PageView>()(SC.zPageReplace, 'scan', true, page),
  'pages.ofRecord': m<RP.RecordPagesView>()(RP.zPageOwner, 'catalogue.read', false, owner),
  'pages.text': m<RP.PageTextView>()(RP.zPageText, 'catalogue.read', false, page),
  'pages.pdf': m<RP.RecordPdf>()(RP.zPageOwner, 'catalogue.read', false, owner),

  'ocr.enqueue': m<{ queued: number }>()(SC.zOcrEnqueue, 'scan', true, { pageIds: 'page' }),
  'ocr.status': m<SC.OcrQueueView>()(empty, 'catalogue.read'),
  'ocr.cancel': m<{ cancelled: number }>()(SC.zOcrCancel, 'scan', true, { batchId: 'batch', pageIds: 'page' }),
  'ocr.settings.get': m<OS.OcrSettingsView>()(empty, 'scan'),
  'ocr.settings.set': m<OS.OcrSettingsView>()(OS.zOcrSettings, 'settings.manage', true),
  /** Loads PP-OCR's models now (they otherwise load with the first page) and reports. */
  'ocr.settings.check': m<OS.OcrSettingsView>()(empty, 'settings.manage'),

  'verify.queue': m<SC.VerifyQueueEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    'catalogue.read',
  ),
  'verify.get': m<SC.VerifyView>()(byId, 'catalogue.read', false, page),
  'verify.accept': m<SC.VerifyView>()(SC.zVerifyAccept, 'catalogue.write', true, { pageId: 'page' }),
  'scan.batchRecords.preview': m<BR.BatchRecordsPreview>()(BR.zBatchRecordsPreview, 'catalogue.write', false, {
    batchId: 'batch',
  }),
  'scan.batchRecords.commit': m<BR.BatchRecordsResult>()(BR.zBatchRecordsCommit, 'catalogue.write', true, {
    batchId: 'batch',
    pageIds: 'page',
  }),

  'forms.templates.list': m<SC.TemplateSummary[]>()(empty, 'catalogue.read'),
  'forms.templates.get': m<FormTemplate>()(byId, 'catalogue.read'),
  'forms.templates.save': m<SC.TemplateSummary>()(SC.zTemplateSave, 'forms.manage', true),
  'forms.templates.delete': m<{ ok: true }>()(byId, 'forms.manage', true),
  'forms.templates.fromPage': m<TP.TemplateDraft>()(TP.zTemplateFromPage, 'forms.manage', false, { pageId: 'page' }),
  'forms.templates.proposeFromPage': m<TP.TemplateProposal>()(TP.zTemplateFromPage, 'forms.manage', false, {
    pageId: 'page',
  }),
  'forms.templates.import': m<SC.TemplateSummary>()(TP.zTemplateImport, 'forms.manage', true),

  'sync.status': m<SY.SyncStatus>()(empty, 'catalogue.read'),
  'sync.keys.get': m<SY.KeysView>()(empty, 'catalogue.read'),
  'sync.keys.unlock': m<{ unlocked: true }>()(SY.zKeysUnlock, 'sync.export'),
  'sync.keys.init': m<SY.KeysView>()(empty, 'sync.manage', true),
  'sync.keys.rotate': m<SY.KeysView>()(empty, 'sync.manage', true),
  'sync.keys.exportIdentity': m<{ file: string; recipient: string }>()(SY.zExportIdentity, 'sync.manage', true),
  'sync.stations.add': m<SY.StationAddResult>()(SY.zStationAdd, 'sync.manage', true),
  'sync.stations.revoke': m<{ trustVersion: number }>()(SY.zStationRevoke, 'sync.manage', true),
  'sync.conflicts.list': m<SY.ConflictView[]>()(empty, 'catalogue.read'),
  'sync.conflicts.get': m<SYC.ConflictDetail>()(SYC.zConflictGet, 'catalogue.read'),
  'sync.conflicts.resolve': m<SYC.ConflictResolveResult>()(SYC.zConflictResolve, 'sync.manage', true),
  'sync.stations.records': m<SYC.StationRecordPage>()(SYC.zStationRecords, 'catalogue.read'),
  // Methods naming a server-side path (dir, outDir, file, outFile) take it through
  // zServerPath and core's checkServerPath (bundle, receipt, output folder kinds); each is
  // held by the permission of those who handle bundles, never by catalogue.read alone.
  'sync.bundle.inspect': m<SYC.BundleInspectView>()(SYC.zBundleInspect, 'sync.import'),
  'sync.enroll': m<SY.EnrollResult>()(SY.zEnroll, 'sync.manage', true),
  'sync.bundle.export': m<SY.BundleExportResult>()(SY.zBundleExport, 'sync.export', true),
  'sync.bundle.import': m<SY.BundleImportResult>()(SY.zBundleImport, 'sync.import', true),
  'sync.bundle.verify': m<SY.BundleVerifyResult>()(SY.zBundleVerify, 'sync.verify'),
  'sync.receipt.import': m<SY.ReceiptImportResult>()(SY.zReceiptImport, 'sync.export', true),
  'sync.downlink.export': m<DL.DownlinkExportResult>()(DL.zDownlinkExport, 'sync.export', true),
  'sync.downlink.import': m<DL.DownlinkImportResult>()(DL.zDownlinkImport, 'sync.import', true),
  'bureau.stats': m<BU.BureauStats>()(BU.zBureauStats, 'catalogue.read'),

  // The archive-room log: anyone on duty who writes the catalogue logs readings and 九防
  // checks; a room's ranges are a setting (the administrator).
  'env.rooms.list': m<RM.RoomView[]>()(empty, 'catalogue.read'),
  'env.rooms.save': m<RM.RoomView>()(RM.zRoomSave, 'settings.manage', true),
  'env.readings.add': m<RM.ReadingView>()(RM.zReadingAdd, 'catalogue.write', true),
  'env.readings.list': m<RM.ReadingLog>()(RM.zReadingList, 'catalogue.read'),
  'env.readings.import': m<RM.ReadingImportResult>()(RM.zReadingImport, 'catalogue.write', true),
  'env.readings.setAction': m<RM.ReadingView>()(RM.zReadingAction, 'catalogue.write', true),
  'env.checks.create': m<RM.CheckView>()(RM.zCheckCreate, 'catalogue.write', true),
  'env.checks.list': m<RM.CheckList>()(RM.zCheckList, 'catalogue.read'),
  'env.findings.close': m<RM.FindingView>()(RM.zFindingClose, 'catalogue.write', true),

  // 盘点: those who write the catalogue count the shelves; the report prints and exports like a catalogue.
  'stocktake.start': m<ST.StocktakeView>()(ST.zStocktakeStart, 'catalogue.write', true),
  'stocktake.list': m<ST.StocktakeView[]>()(ST.zStocktakeList, 'catalogue.read'),
  'stocktake.get': m<ST.StocktakeReport>()(ST.zStocktakeId, 'catalogue.read'),
  'stocktake.scan': m<ST.ScanLine>()(ST.zStocktakeScan, 'catalogue.write', true),
  'stocktake.decodePhoto': m<ST.PhotoScanResult>()(ST.zStocktakePhoto, 'catalogue.write', 'audit'),
  'stocktake.accept': m<ST.StocktakeReport>()(ST.zStocktakeId, 'catalogue.write', true),
  'stocktake.cancel': m<ST.StocktakeView>()(ST.zStocktakeId, 'catalogue.write', true),
  'stocktake.print': m<ST.StocktakeFile>()(ST.zStocktakeId, 'export', 'audit'),
  'stocktake.export': m<ST.StocktakeFile>()(ST.zStocktakeId, 'export', 'audit'),
  // Boxes (装盒): proposing reads, confirming writes; the records named are checked against 密级.
  'boxes.propose': m<BX.BoxProposal>()(BX.zBoxPropose, 'catalogue.write', false, {
    'selection.itemIds': 'item',
    'selection.volumeIds': 'volume',
  }),
  'boxes.confirm': m<BX.BoxConfirmResult>()(BX.zBoxConfirm, 'catalogue.write', true, { ids: (i) => i.entity }),
  'boxes.list': m<D.Page<BX.BoxView>>()(BX.zBoxList, 'catalogue.read'),
  'boxes.get': m<BX.BoxDetail>()(byId, 'catalogue.read'),
  'boxes.unbox': m<BX.BoxUnboxResult>()(BX.zBoxUnbox, 'catalogue.write', true, {
    itemIds: 'item',
    volumeIds: 'volume',
  }),
  'boxes.update': m<BX.BoxView>()(BX.zBoxUpdate, 'catalogue.write', true),
  'boxes.settings.get': m<BX.BoxingSettings>()(empty, 'catalogue.read'),
  'boxes.settings.save': m<BX.BoxingSettings>()(BX.zBoxingSettings, 'settings.manage', true),
  // 库位: the tree's levels are a setting (the administrator); setting up and moving shelves
  // is the clerks' daily work. A record's whereabouts is read under its clearance.
  'places.levels.get': m<PL.PlaceLevels>()(empty, 'catalogue.read'),
  'places.levels.set': m<PL.PlaceLevels>()(PL.zPlaceLevels, 'settings.manage', true),
  'places.tree': m<PL.PlaceTreeView>()(empty, 'catalogue.read'),
  'places.save': m<PL.PlaceNode>()(PL.zPlaceSave, 'catalogue.write', true),
  'places.delete': m<{ deleted: number }>()(PL.zPlaceDelete, 'catalogue.write', true),
  'places.generate': m<PL.PlaceGenerateResult>()(PL.zPlaceGenerate, 'catalogue.write', true),
  'places.holdings': m<PL.PlaceHoldingsView>()(PL.zPlaceHoldings, 'catalogue.read'),
  'places.move': m<PL.PlaceMoveResult>()(PL.zPlaceMove, 'catalogue.write', true, { volumeIds: 'volume' }),
  'places.whereabouts': m<PL.WhereaboutsView>()(PL.zWhereabouts, 'catalogue.read', false, {
    itemId: 'item',
    volumeId: 'volume',
  }),

  'audit.list': m<D.Page<D.AuditEntryView>>()(auditFilter, 'audit.read'),
  'audit.verify': m<D.AuditVerifyResult>()(empty, 'audit.read'),

  ...workflowMethods,
  ...statisticsMethods,
  ...dashboardMethods,
  ...indicatorMethods,
  ...cliMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsed<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
