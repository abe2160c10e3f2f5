/**
 * Printing the dashboard: a canvas prints blank or cut in some engines, so before printing each
 * chart puts a PNG of itself in an <img> that only the print stylesheet shows. The 打印 button
 * sends this event before window.print(); the browser's own Ctrl+P sends `beforeprint`.
 */
export const PRINT_IMAGES_EVENT = 'dangan:dashboard-print-images';

/** The 打印 button's action: the charts' images first, then the browser's print. */
export function printDashboard(): void {
  window.dispatchEvent(new Event(PRINT_IMAGES_EVENT));
  window.print();
}
