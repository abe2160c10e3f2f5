import type { ReactNode } from 'react';

interface Props {
  /** Header labels, in order; null gives an empty header cell. */
  columns: readonly ReactNode[];
  testId: string;
  /** Extra classes for the scrolling wrapper (e.g. 'fill', 'short'). */
  scrollClassName?: string;
  /** Extra classes for the table (e.g. 'table-select'). */
  className?: string;
  /** The body rows. */
  children: ReactNode;
}

/** A scrolling `.table` with one header row. */
export function DataTable({ columns, testId, scrollClassName, className, children }: Props) {
  return (
    <div className={scrollClassName ? `table-scroll ${scrollClassName}` : 'table-scroll'}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((label, i) => (
              <th key={i}>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
