/**
 * A box's code: its class and 盒号 in the 档号's order, e.g. 0001-WS-2024-Y-BGS-H0007, ASCII
 * so that its barcode travels through a keyboard-wedge scanner. Demo, boxing and labels all
 * name boxes this way, so a label printed from any of them scans back to the same box.
 */
export interface BoxClass {
  fondsCode: string;
  categoryCode: string;
  year: number;
  retention: string;
  orgCode: string;
}

export const boxCode = (c: BoxClass, boxNo: number): string =>
  [c.fondsCode, c.categoryCode, String(c.year), c.retention, c.orgCode, `H${String(boxNo).padStart(4, '0')}`]
    .filter((s) => s !== '')
    .join('-');
