import { describe, expect, it } from 'vitest';
import type { TemplateField } from '../../electron/contract/forms';
import { readWithEngine, trimSpecks, type ZoneCrop } from '../../electron/core/forms/extract-engine';
import type { GreyImage } from '../../electron/core/imaging/raw';
import type { LineText, OcrEngine } from '../../electron/core/ocr/engine';
import type { OcrOutput } from '../../electron/core/ocr/pool';

const PX_PER_MM = 300 / 25.4;

/** An engine that records the images it is given and reads each line as `text`. */
class Recorder implements OcrEngine {
  readonly id = 'ppocr' as const;
  readonly label = 'recorder';
  lines: GreyImage[] = [];
  blocks: GreyImage[] = [];
  constructor(private readonly text: string) {}
  readPage(): Promise<OcrOutput> {
    throw new Error('not used');
  }
  readLines(images: GreyImage[]): Promise<LineText[]> {
    this.lines.push(...images);
    return Promise.resolve(images.map(() => ({ text: this.text, confidence: 90 })));
  }
  readBlock(image: GreyImage): Promise<OcrOutput> {
    this.blocks.push(image);
    const bbox = { x0: 0, y0: 0, x1: 10, y1: 10 };
    return Promise.resolve({
      text: '',
      confidence: 90,
      lines: [{ text: this.text, confidence: 90, bbox, words: [] }],
      ms: 1,
    });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A zone crop: `ink` rows of writing with 12 px (1 mm) of white all round, as extract.ts cuts it. */
function zone(kind: TemplateField['kind'], inkH: number): ZoneCrop {
  const [w, h] = [400, inkH + 24];
  const data = new Uint8Array(w * h).fill(245);
  for (let y = 12; y < 12 + inkH; y++) data.fill(20, y * w + 12, y * w + w - 12);
  const field = { key: kind, label: kind, kind, box: { x: 0, y: 0, w: 10, h: 5 } } as TemplateField;
  return { key: kind, field, image: { data, width: w, height: h }, ink: { x: 12, y: 12, w: w - 24, h: inkH } };
}

describe('zone reading with a line recogniser', () => {
  it('hands the recogniser single lines cut close to their ink, and blocks with their white', async () => {
    const engine = new Recorder('Z129-ZY·HJ·1995-Y-052');
    const crops = [zone('archiveCode', 30), zone('personList', 30)];
    const read = await readWithEngine(engine, crops, 300, PX_PER_MM);
    const margin = Math.round(0.15 * PX_PER_MM);
    expect(engine.lines).toHaveLength(1);
    // The full width, but only the ink's rows and a sliver of white above and below.
    expect(engine.lines[0]).toMatchObject({ width: 400, height: 30 + 2 * margin });
    expect(engine.lines[0]!.data[0]).toBe(245);
    expect(engine.lines[0]!.data[margin * 400 + 200]).toBe(20);
    expect(engine.blocks).toEqual([crops[1]!.image]);
    expect(read.get('archiveCode')?.raw).toBe('Z129-ZY·HJ·1995-Y-052');
  });

  it('drops specks read as punctuation at either end of a value, and keeps them inside', () => {
    expect(trimSpecks(' 330521196601117742: ')).toBe('330521196601117742');
    expect(trimSpecks('·新华路165号。')).toBe('新华路165号');
    expect(trimSpecks('2007.03.06')).toBe('2007.03.06');
    expect(trimSpecks('Z129-ZY·HJ')).toBe('Z129-ZY·HJ');
  });
});
