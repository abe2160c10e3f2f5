/**
 * The dashboard's two charts (ECharts, zh-CN, canvas renderer; loaded on demand like RoomChart):
 * holdings and digitisation per month (cumulative, pages on their own axis) and pages OCR'd per
 * day. Each chart also keeps a PNG of itself for printing (print.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BureauMonth, StationDashboard } from '../../../../electron/contract/dashboard';
import { t } from '../../i18n/zh-CN';
import { PRINT_IMAGES_EVENT } from './print';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

function Chart({ id, option }: { id: string; option: echarts.EChartsCoreOption }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [image, setImage] = useState('');

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = c;
    const resize = () => c.resize();
    const snapshot = () => setImage(c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }));
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', snapshot);
    window.addEventListener(PRINT_IMAGES_EVENT, snapshot);
    return () => {
      window.removeEventListener('resize', resize);
      window.removeEventListener('beforeprint', snapshot);
      window.removeEventListener(PRINT_IMAGES_EVENT, snapshot);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <>
      <div ref={el} className="dash-chart" data-testid={`dash-chart-${id}`} />
      {image && <img className="dash-chart-image" src={image} alt="" data-testid={`dash-chart-${id}-image`} />}
    </>
  );
}

const line = (name: string, values: number[], yAxisIndex = 0) => ({
  name,
  type: 'line',
  yAxisIndex,
  showSymbol: false,
  data: values,
});

/** Holdings and digitisation per month; at the bureau the months carry no 已核对 count (fields are not mirrored). */
function progressOption(progress: (BureauMonth & { verifiedItems?: number })[]): echarts.EChartsCoreOption {
  const verified = progress.every((m) => m.verifiedItems !== undefined);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 64, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: progress.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: '件/卷', minInterval: 1 },
      { type: 'value', name: '页', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      line(
        t('dash.chart.items'),
        progress.map((m) => m.items),
      ),
      line(
        t('dash.chart.volumes'),
        progress.map((m) => m.volumes),
      ),
      ...(verified
        ? [
            line(
              t('dash.chart.verified'),
              progress.map((m) => m.verifiedItems!),
            ),
          ]
        : []),
      line(
        t('dash.chart.pages'),
        progress.map((m) => m.pages),
        1,
      ),
    ],
  };
}

/** The progress chart alone, as the county bureau's 工作台 shows it for a station or the county. */
export function ProgressChart({ progress }: { progress: BureauMonth[] }) {
  return (
    <section className="dash-card" aria-label={t('dash.chart.progress')}>
      <h2>{t('dash.chart.progress')}</h2>
      <Chart id="progress" option={progressOption(progress)} />
    </section>
  );
}

export default function DashboardCharts({ data }: { data: StationDashboard }) {
  const progress = progressOption(data.progress);
  const ocr: echarts.EChartsCoreOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: data.ocr.days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('dash.chart.ocrPages'), type: 'bar', data: data.ocr.days.map((d) => d.pages) }],
  };
  return (
    <div className="dash-charts">
      <section className="dash-card" aria-label={t('dash.chart.progress')}>
        <h2>{t('dash.chart.progress')}</h2>
        <Chart id="progress" option={progress} />
      </section>
      <section className="dash-card" aria-label={t('dash.chart.ocr')}>
        <h2>{t('dash.chart.ocr')}</h2>
        <Chart id="ocr" option={ocr} />
      </section>
    </div>
  );
}
