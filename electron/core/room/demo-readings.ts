/**
 * A year of readings for `dangan demo`: two a day (08:30 and 16:30) in a room kept near
 * 19 °C and 52 %RH, with the seasons' drift and a handful of out-of-range days (a summer
 * heat wave, the plum-rain 梅雨 damp), as a logger's CSV so it goes in through the same
 * import as a real file. Deterministic: the same end day gives the same file.
 */
import { daysBetween } from './readings';

/** Days of the year (0-based) that go out of range, and how. */
const EXCURSIONS: Record<number, { dt: number; dh: number }> = {
  160: { dt: 0, dh: 12 },
  161: { dt: 0, dh: 10 },
  200: { dt: 7, dh: 0 },
  201: { dt: 6, dh: 3 },
  340: { dt: -7, dh: -8 },
};

const round1 = (n: number) => Math.round(n * 10) / 10;

export function demoReadingsCsv(endDay: string, days = 365): { csv: string; rows: number } {
  const start = new Date(Date.parse(endDay) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const lines = ['时间,温度(℃),湿度(%RH)'];
  daysBetween(start, endDay).forEach((day, i) => {
    const doy = Math.floor((Date.parse(day) - Date.parse(`${day.slice(0, 4)}-01-01`)) / 86_400_000);
    const season = Math.sin(((doy - 105) / 365) * 2 * Math.PI); // warmest and dampest in July
    const ex = EXCURSIONS[doy] ?? { dt: 0, dh: 0 };
    for (const [time, warm] of [
      ['08:30', -0.6],
      ['16:30', 0.6],
    ] as const) {
      const wobble = Math.sin(i * 1.7 + warm) * 0.8;
      const t = round1(19 + 3 * season + warm + wobble + ex.dt);
      const h = round1(52 + 4 * season - warm + wobble * 2 + ex.dh);
      lines.push(`${day} ${time},${t},${h}`);
    }
  });
  return { csv: lines.join('\n') + '\n', rows: lines.length - 1 };
}
