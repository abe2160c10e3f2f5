/**
 * A ruling line and the rules of a page, apart from the code that finds them (rules.ts) and
 * the code that frames a table from them (table.ts), so neither imports the other for them.
 */
export interface Line {
  /** Ends of the centre line; x1 ≤ x2 for horizontal rules, y1 ≤ y2 for vertical ones. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
}

export interface Rules {
  horizontal: Line[];
  vertical: Line[];
}
