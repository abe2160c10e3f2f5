/** The county bureau's views over its stations' records: statistics. */
import { z } from 'zod';
import type { Retention } from './domain';
import { zStationId } from './sync';
import { zYear } from './schemas';

export const zBureauStats = z.object({
  /** One station only; all stations (and the county total) when absent. */
  stationId: zStationId.optional(),
  yearFrom: zYear.optional(),
  yearTo: zYear.optional(),
});

export interface CountBy<K> {
  key: K;
  label: string;
  /** 件 (items). */
  items: number;
  /** 页数 recorded on the items. */
  pages: number;
}

/** Counts over one station's mirrored records (records above the caller's clearance are not counted). */
export interface StatsBlock {
  /** Items held (not deleted). */
  items: number;
  /** Items the station deleted (tombstones, kept for the record). */
  deletedItems: number;
  /** 案卷 held. */
  volumes: number;
  /** Sum of the items' 页数. */
  pages: number;
  /** Scanned pages (page records). */
  scannedPages: number;
  /** Scan files received and their bytes. */
  scanFiles: number;
  scanBytes: number;
  /** Open conflicts waiting for a person. */
  openConflicts: number;
  byCategory: CountBy<string>[];
  byYear: CountBy<number>[];
  byRetention: CountBy<Retention>[];
}

export interface StationStats extends StatsBlock {
  stationId: string;
  name: string;
  status: string;
  lastSeq: number;
  /** When the last bundle from the station was imported. */
  lastBundleAt: string | null;
}

export interface BureauStats {
  stations: StationStats[];
  /** The sum over the stations listed (the bureau's own catalogue is not in it). */
  county: StatsBlock & { stations: number; lastBundleAt: string | null };
  generatedAt: string;
}
