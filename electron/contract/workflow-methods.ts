/**
 * The contract's methods for the archive's working life (issue 19): lending and utilisation,
 * arrangement and acceptance, appraisal, destruction and opening review. Spread into methods.ts.
 */
import * as AP from './appraisal';
import * as AR from './arrangement';
import * as LN from './lending';
import { empty, m } from './method-spec';

export const workflowMethods = {
  // 借阅/利用: those who write the catalogue file requests and hand records out; approvers (所长,
  // 管理员) decide with their password; the records a request names are checked against 密级.
  'lending.create': m<LN.LoanView>()(LN.zLoanCreate, 'lending.request', true, { itemIds: 'item', volumeIds: 'volume' }),
  'lending.list': m<LN.LoanView[]>()(LN.zLoanList, 'catalogue.read'),
  'lending.decide': m<LN.LoanView>()(LN.zLoanDecide, 'lending.approve', true),
  'lending.handOut': m<LN.LoanScanResult>()(LN.zLoanHandOut, 'lending.request', true, {
    itemId: 'item',
    volumeId: 'volume',
  }),
  'lending.return': m<LN.LoanScanResult>()(LN.zLoanReturn, 'lending.request', true, {
    itemId: 'item',
    volumeId: 'volume',
  }),
  'lending.overdue': m<LN.OverdueLoan[]>()(LN.zLoanOverdue, 'catalogue.read'),
  'lending.counts': m<LN.UtilisationCounts>()(LN.zLoanYear, 'catalogue.read'),
  'lending.rules': m<LN.LendingRules>()(empty, 'catalogue.read'),
  'lending.register': m<LN.LoanFile>()(LN.zLoanRegister, 'export', 'audit'),
  'lending.reminders': m<LN.LoanFile>()(LN.zLoanReminder, 'export', 'audit'),
  // 整理验收: those who keep the archive open batches and assign people; the step sign-offs are
  // signed with the signer's password (所长 and 户籍民警 sign acceptance as themselves).
  'arrangement.create': m<AR.ArrangementBatch>()(AR.zBatchCreate, 'arrangement.manage', true),
  'arrangement.list': m<AR.ArrangementBatch[]>()(AR.zBatchList, 'catalogue.read'),
  'arrangement.get': m<AR.ArrangementBatch>()(AR.zBatchId, 'catalogue.read'),
  'arrangement.assign': m<AR.ArrangementBatch>()(AR.zBatchAssign, 'arrangement.manage', true),
  'arrangement.selfCheck': m<AR.SelfCheckReport>()(AR.zBatchId, 'catalogue.read'),
  'arrangement.sign': m<AR.ArrangementBatch>()(AR.zBatchSign, 'arrangement.sign', true),
  'arrangement.notes': m<AR.VolumeNotes | null>()(AR.zVolumeNotes, 'catalogue.read', false, { volumeId: 'volume' }),
  'arrangement.print': m<AR.ArrangementFile>()(AR.zBatchId, 'export', 'audit'),
  // 鉴定/销毁/开放鉴定: the appraisal group decides and lists; the station head approves a list and
  // reviews opening and 密级 with their password; the records named are checked against 密级.
  'appraisal.due': m<AP.DuePage>()(AP.zDuePage, 'catalogue.read'),
  'appraisal.decide': m<AP.AppraisalDecisionView>()(AP.zAppraisalDecide, 'appraisal.decide', true, {
    itemId: (i) => i.entity,
  }),
  'appraisal.hold': m<{ held: boolean }>()(AP.zLegalHold, 'appraisal.decide', true, { itemId: (i) => i.entity }),
  'destruction.create': m<AP.DestructionListView>()(AP.zDestructionCreate, 'appraisal.decide', true),
  'destruction.list': m<AP.DestructionListView[]>()(empty, 'catalogue.read'),
  'destruction.approve': m<AP.DestructionListView>()(AP.zDestructionApprove, 'appraisal.approve', true),
  'destruction.execute': m<AP.DestructionListView>()(AP.zDestructionId, 'appraisal.decide', true),
  'destruction.print': m<AP.AppraisalFile>()(AP.zDestructionPrint, 'export', 'audit'),
  'opening.due': m<AP.OpeningDuePage>()(AP.zDuePage, 'catalogue.read'),
  'opening.decide': m<AP.OpeningReviewView>()(AP.zOpeningDecide, 'opening.review', true, { itemId: (i) => i.entity }),
  'opening.list': m<AP.OpeningReviewView[]>()(empty, 'catalogue.read'),
  'opening.print': m<AP.AppraisalFile>()(AP.zOpeningPrint, 'export', 'audit'),
  'security.change': m<AP.SecurityChangeView>()(AP.zSecurityChange, 'opening.review', true, {
    itemId: (i) => i.entity,
  }),
} as const;
