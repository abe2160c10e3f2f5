/** Output shapes returned by core handlers. Plain JSON-serialisable data only. */
import type { Arrangement, FieldDef, NodeRole, Retention, Role, SecurityLevel } from './domain';
import type { ImportColumnWarning } from './importer';

export interface SystemStatus {
  setupDone: boolean;
  appVersion: string;
  nodeRole: NodeRole | null;
  unitName: string | null;
  fondsCode: string | null;
  nodeId: string | null;
  idleTimeoutMinutes: number;
  /** The core's clock (ISO): screens default to its year (统计年报: last year), not the browser's. */
  now: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  clearance: SecurityLevel;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface LoginResult {
  token: string;
  user: UserView;
  permissions: string[];
  idleTimeoutMinutes: number;
  /** An administrator set this password (new account or reset): only changing it is allowed until then. */
  mustChangePassword: boolean;
}

export interface CategoryView {
  id: string;
  parentId: string | null;
  code: string;
  /** The full code with parents' codes joined by `·` (e.g. ZY·HJ·QR). */
  fullCode: string;
  name: string;
  /** Pinyin initials of the name (迁入 → qr), for finding it by typing. */
  initials: string;
  defaultRetention: Retention;
  arrangement: Arrangement;
  codeTemplate: string;
  volumeCodeTemplate: string;
  fields: FieldDef[];
  /** Own fields plus inherited ones (parents first). */
  effectiveFields: FieldDef[];
  sortOrder: number;
  version: number;
}

export interface PersonRef {
  id?: string;
  name: string;
  idNumber: string | null;
}

export interface ItemView {
  id: string;
  nodeId: string;
  version: number;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  fondsCode: string;
  year: number;
  retention: Retention;
  orgCode: string;
  volumeId: string | null;
  itemNo: number;
  archiveCode: string;
  title: string;
  author: string;
  docNumber: string;
  date: string;
  pageCount: number | null;
  securityLevel: SecurityLevel;
  remarks: string;
  extra: Record<string, string>;
  persons: PersonRef[];
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedReason: string | null;
}

/** A grid row: the columns the catalogue grid shows, without the heavy parts. */
export type ItemRow = Omit<ItemView, 'extra' | 'persons' | 'remarks' | 'nodeId'> & {
  personNames: string;
  /** 盒号 of the box holding the item (or its volume); absent when it is in no box. */
  boxNo?: number;
  /** At the county bureau, a record received from a station (read-only there). */
  station?: StationRef;
};

/** A station registered at the county bureau. */
export interface StationRef {
  id: string;
  name: string;
}

export interface VolumeView {
  id: string;
  version: number;
  categoryId: string;
  categoryCode: string;
  fondsCode: string;
  year: number;
  retention: Retention;
  orgCode: string;
  volumeNo: number;
  archiveCode: string;
  title: string;
  startDate: string;
  endDate: string;
  securityLevel: SecurityLevel;
  remarks: string;
  itemCount: number;
  deletedAt: string | null;
}

export interface TreeNode {
  key: string;
  label: string;
  level: 'station' | 'fonds' | 'category' | 'year' | 'retention' | 'org' | 'volume';
  count: number;
  filter: CatalogueScope;
  hasChildren: boolean;
}

export interface CatalogueScope {
  /**
   * At the county bureau: one station's received records ('' is the bureau's own
   * catalogue; absent is everything the bureau holds). Ignored at a station.
   */
  stationId?: string;
  categoryId?: string;
  year?: number;
  retention?: Retention;
  orgCode?: string;
  volumeId?: string;
}

export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

export interface PersonView {
  id: string;
  name: string;
  idNumber: string | null;
  sex: '男' | '女' | null;
  birthDate: string | null;
  recordCount: number;
  /** At the county bureau, a person from a station's records. */
  station?: StationRef;
}

export interface PersonDetail extends PersonView {
  records: ItemRow[];
}

export interface AuditEntryView {
  seq: number;
  ts: string;
  actorId: string | null;
  actorName: string;
  /** Who acted, the same way on every row: 姓名（用户名）, or 系统 for work without a user. */
  operator: string;
  action: string;
  actionLabel: string;
  entity: string;
  entityLabel: string;
  /** Null when the entry concerns a record above the viewer's 密级 (see `hidden`). */
  entityId: string | null;
  /** The entity as people know it: the 档号 of an item or volume, a user's name, a category's name; null if none. */
  entityName: string | null;
  /** The record is above the viewer's clearance: the entry is listed, its 档号, summary and details are not. */
  hidden: boolean;
  summary: string;
  details: unknown;
  /**
   * The entry's chain hash; null when `hidden`: the hash is over the entry's content, so a
   * viewer below its 密级 could confirm a guessed title or ID number against it offline.
   */
  hash: string | null;
}

/** The whole chain checked on the server, entries hidden from the caller included. */
export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportPreview {
  sheets: string[];
  sheet: string;
  headers: string[];
  mapping: Record<string, string>;
  mappingRemembered: boolean;
  totalRows: number;
  sampleRows: Record<string, string>[];
  errors: ImportRowError[];
  validRows: number;
  /** Unmapped columns that look like ID numbers or names. */
  warnings: ImportColumnWarning[];
}

export interface ImportResult {
  jobId: string;
  imported: number;
  firstArchiveCode: string | null;
  lastArchiveCode: string | null;
  /** Rows left out by a valid-rows-only import (0 otherwise). */
  skipped: number;
  /** The skipped rows with a column of reasons, to fix and re-import; null when none were skipped. */
  report: ExportFile | null;
}

export interface ExportFile {
  fileName: string;
  base64: string;
  rows: number;
}

export interface RenumberPlan {
  changes: { id: string; from: string; to: string }[];
  applied: boolean;
}
