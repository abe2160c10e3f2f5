/**
 * Temperature and humidity over time (ECharts, bundled; only the line chart, its axes,
 * tooltip, legend, the band of the allowed range and the canvas renderer are imported).
 * Loaded on demand so the rest of the app does not carry the chart library.
 */
import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ReadingView, RoomView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

echarts.use([
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkAreaComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

/** 'YYYY-MM-DD HH:MM' → epoch ms on this PC's clock (the axis shows local times). */
const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00`).getTime();

interface Props {
  room: RoomView;
  readings: ReadingView[];
  /** The period shown: the axis spans it whole, so days without readings show as gaps. */
  from: string;
  to: string;
}

export default function RoomChart({ room, readings, from, to }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const band = (min: number, max: number, color: string) => ({
      silent: true,
      itemStyle: { color },
      data: [[{ yAxis: min }, { yAxis: max }]] as [{ yAxis: number }, { yAxis: number }][],
    });
    const mark = (out: boolean) => (out ? { symbolSize: 8, itemStyle: { color: '#c62828' } } : {});
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('room.chart.temp'), t('room.chart.hum')] },
        grid: { left: 48, right: 48, top: 40, bottom: 56 },
        dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
        xAxis: { type: 'time', min: at(`${from} 00:00`), max: at(`${to} 23:59`) },
        yAxis: [
          { type: 'value', name: '°C', scale: true },
          { type: 'value', name: '%RH', scale: true, splitLine: { show: false } },
        ],
        series: [
          {
            name: t('room.chart.temp'),
            type: 'line',
            showSymbol: readings.length < 120,
            // A logger's year (tens of thousands of points) is thinned for drawing, peaks kept.
            sampling: 'lttb',
            data: readings.map((r) => ({ value: [at(r.takenAt), r.temperature], ...mark(r.temperatureSide !== null) })),
            markArea: band(room.tempMin, room.tempMax, 'rgba(229, 115, 115, 0.08)'),
            itemStyle: { color: '#d9534f' },
          },
          {
            name: t('room.chart.hum'),
            type: 'line',
            yAxisIndex: 1,
            showSymbol: readings.length < 120,
            sampling: 'lttb',
            data: readings.map((r) => ({ value: [at(r.takenAt), r.humidity], ...mark(r.humiditySide !== null) })),
            markArea: band(room.humidityMin, room.humidityMax, 'rgba(66, 133, 244, 0.08)'),
            itemStyle: { color: '#2f6fb5' },
          },
        ],
      },
      true,
    );
  }, [room, readings, from, to]);

  return <div ref={el} className="room-chart" role="img" aria-label={t('room.chart')} data-testid="room-chart" />;
}
