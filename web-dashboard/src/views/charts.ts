import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MessageKey } from '@cansat/protocol/i18n';
import { t, translator } from '../i18n.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import { RingSeries } from '../store/ring-series.ts';
import { decimate, rowsBetween } from './decimate.ts';

interface Group {
  /** The chart's name in the page (data-title) and for tools; its words come from `label`. */
  title: string;
  label: MessageKey;
  unit: string;
  /** [field, short name (coloured, in the title), scale, what it is (its tooltip)] */
  series: [string, MessageKey | null, string, MessageKey][];
  /** [scale, its unit when it differs from the chart's] */
  axes: [string, string][];
  /** Shown only when the window is tall enough (the G7 plots come first). */
  optional?: boolean;
  /** Shown only once the flight has a reading of it (the signal, from a radio in API mode). */
  onlyWithData?: boolean;
}

/**
 * The AAS G7 plots (altitude, battery voltage and current, acceleration, rotation rates) and the air's pressure and
 * temperature, SI units in each title. Every field, these included, is also in the telemetry table as text.
 */
const GROUPS: Group[] = [
  { title: 'Altitude', label: 'chart.altitude', unit: 'm', series: [['altitude', 'series.barometric', 'm', 'series.barometricWhy'], ['gpsAltitude', 'series.gpsMsl', 'msl', 'series.gpsMslWhy']], axes: [['m', ''], ['msl', '']] },
  { title: 'Battery', label: 'chart.battery', unit: '', series: [['voltage', 'series.voltage', 'V', 'series.voltageWhy'], ['current', 'series.current', 'A', 'series.currentWhy']], axes: [['V', ''], ['A', '']] },
  { title: 'Acceleration', label: 'chart.acceleration', unit: 'm/s²', series: [['accelR', 'series.roll', 'a', 'series.accelRWhy'], ['accelP', 'series.pitch', 'a', 'series.accelPWhy'], ['accelY', 'series.yaw', 'a', 'series.accelYWhy']], axes: [['a', '']] },
  { title: 'Rotation rate', label: 'chart.rotation', unit: '°/s', series: [['gyroR', 'series.roll', 'dps', 'series.gyroRWhy'], ['gyroP', 'series.pitch', 'dps', 'series.gyroPWhy'], ['gyroY', 'series.yaw', 'dps', 'series.gyroYWhy']], axes: [['dps', '']] },
  { title: 'Pressure', label: 'chart.pressure', unit: 'kPa', series: [['pressure', null, 'kPa', 'series.pressureWhy']], axes: [['kPa', '']], optional: true },
  { title: 'Temperature', label: 'chart.temperature', unit: '°C', series: [['temperature', null, 'C', 'series.temperatureWhy']], axes: [['C', '']], optional: true },
  { title: 'Signal', label: 'chart.signal', unit: 'dBm', series: [['rssi', 'series.measured', 'dBm', 'series.rssiWhy'], ['rssiBudget', 'series.budget', 'dBm', 'series.budgetWhy']], axes: [['dBm', '']], optional: true, onlyWithData: true },
];

/** A y axis's figure: the reader's digits only if asked (uPlot's own would follow the browser's locale). */
const axisFormat = new Intl.NumberFormat(translator.code, { ...translator.digits(), maximumFractionDigits: 6, useGrouping: false });
const axisNumber = (value: number): string => axisFormat.format(value);

const COLORS = ['#0047ab', '#c03000', '#007a3d', '#7a00a8'];
const AXIS_FONT = '19px system-ui, sans-serif';

/** A y axis as wide as its widest value, so that no value is cut at 19 px (uPlot asks again as they change). */
function axisWidth(_u: uPlot, values: string[] | null): number {
  const context = (axisWidth.canvas ??= document.createElement('canvas').getContext('2d')!);
  context.font = AXIS_FONT;
  const widest = Math.max(0, ...(values ?? []).map((v) => context.measureText(v).width));
  return Math.max(40, Math.ceil(widest) + 16);
}
axisWidth.canvas = null as CanvasRenderingContext2D | null;

/** The page's text colour and a fainter one for grid lines, from the theme's CSS variables. */
const ink = () => getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || '#111';
const gridInk = () => getComputedStyle(document.documentElement).getPropertyValue('--border').trim() || '#999';

/** Seconds between time labels that uPlot may choose from. */
const TIME_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/** Receive times on the x axis as UTC hh:mm:ss, the clock of the mission. */
const utcTime = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);

/** One chart, and the time window the user zoomed it to (seconds), if any. */
interface Chart {
  title: string;
  plot: uPlot;
  fields: string[];
  zoom: { min: number; max: number } | null;
  /** Says why the chart is empty, when it is. */
  absent: HTMLElement;
}

/**
 * One uPlot chart per group, fed from the store's ring buffers. Data changes only mark the charts dirty; they are
 * redrawn at most once per animation frame, whatever the message rate. Dragging across a chart zooms it to that
 * window (it then stays there while data arrive); a double click shows the whole flight again.
 */
export class Charts {
  readonly plots: Chart[] = [];
  private readonly empty = new RingSeries(1);
  private drawnVersion = -1;
  /** Frames drawn, for the frame-rate figure. */
  frames = 0;
  /** The newest packet count on the charts at each of the last 1000 redraws, and when (ms since the epoch): latency. */
  readonly drawn: { packetCount: number; at: number }[] = [];

  constructor(
    root: HTMLElement,
    private readonly store: TelemetryStore,
  ) {
    for (const group of GROUPS) {
      const box = document.createElement('div');
      box.className = 'chart';
      box.dataset['title'] = group.title;
      if (group.optional) box.dataset['optional'] = '';
      box.hidden = group.onlyWithData ?? false;
      // The key is in the title (a legend would take a line of its own): each series' name in its colour.
      const key = group.series.map(([, name, , what], i) => (name ? ` <span class="key" style="color:${COLORS[i]}" title="${t(what)}">${t(name)}</span>` : '')).join('');
      box.innerHTML = `<h2 title="${group.series.map((x) => t(x[3])).join('; ')}">${t(group.label)} <span class="unit">${group.unit}</span>${key}</h2><p class="absent" data-field="absent" hidden>${t('chart.noReadings')}</p>`;
      root.append(box);
      const absent = box.querySelector<HTMLElement>('.absent')!;
      const chart: Chart = { title: group.title, plot: null as unknown as uPlot, fields: group.series.map(([field]) => field), zoom: null, absent };
      const options: uPlot.Options = {
        ...this.sizeOf(box),
        scales: { x: { time: true } },
        series: [{}, ...group.series.map(([field, label, scale], i) => ({ label: label ? t(label) : field, scale, stroke: COLORS[i % COLORS.length]!, width: 2.5, spanGaps: false }))],
        // 14 pt at the least on every label: the crew reads this in sunlight, a step back from the screen.
        // The theme's ink, read when drawn: dark-theme axes stay readable.
        axes: [
          // Steps a short flight can show at 19 px: uPlot's own jump from 30 s to 5 min, leaving a 3-minute flight on a
          // narrow chart with no time label at all.
          { font: AXIS_FONT, size: 40, space: 90, incrs: TIME_STEPS, stroke: ink, grid: { stroke: gridInk }, ticks: { stroke: gridInk }, values: (_u: uPlot, splits: number[]) => splits.map(utcTime) },
          ...group.axes.map(([scale], i) => ({ scale, side: i === 0 ? 3 : 1, grid: { show: i === 0, stroke: gridInk }, ticks: { stroke: gridInk }, stroke: ink, font: AXIS_FONT, size: axisWidth, space: 40, values: (_u: uPlot, splits: number[]) => splits.map(axisNumber) })),
        ],
        // Room on the right for the last time label's half, when no axis is there to give it.
        padding: [10, group.axes.length > 1 ? 0 : 40, 0, 0],
        legend: { show: false },
        // The zoom is ours, not uPlot's: the rows in the window are fetched again at full detail.
        cursor: { drag: { x: true, y: false, setScale: false } },
        // Another width is another number of pixel columns to decimate to.
        hooks: { setSelect: [(u) => this.zoom(chart, u)], setSize: [() => (this.drawnVersion = -1)] },
      };
      const data = [new Float64Array(0), ...group.series.map(() => new Float64Array(0))] as unknown as uPlot.AlignedData;
      chart.plot = new uPlot(options, data, box);
      chart.plot.over.addEventListener('dblclick', () => {
        chart.zoom = null;
        delete box.dataset['zoomed'];
        this.feed(chart);
      });
      this.plots.push(chart);
    }
    const frame = () => {
      this.draw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    // Each chart fills its cell of the grid, which the window's size decides: the page never scrolls.
    const resized = new ResizeObserver(() => {
      for (const { plot } of this.plots) plot.setSize(this.sizeOf(plot.root.parentElement!));
    });
    for (const { plot } of this.plots) resized.observe(plot.root.parentElement!);
  }

  /** Redraws every chart in the current theme's colours. */
  restyle(): void {
    for (const { plot } of this.plots) plot.redraw(false, true);
  }

  /** The plot's size in its box: the box less its padding and its title. */
  private sizeOf(box: HTMLElement): { width: number; height: number } {
    const style = getComputedStyle(box);
    const title = box.querySelector('h2')?.getBoundingClientRect().height ?? 0;
    const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const height = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - title - 4;
    return { width: Math.max(150, Math.floor(width)), height: Math.max(100, Math.floor(height)) };
  }

  private zoom(chart: Chart, u: uPlot): void {
    const { left, width } = u.select;
    if (width < 2) return;
    chart.zoom = { min: u.posToVal(left, 'x'), max: u.posToVal(left + width, 'x') };
    // The page says how to get back (the title shows a hint while zoomed).
    if (u.root.parentElement) u.root.parentElement.dataset['zoomed'] = '';
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.feed(chart);
  }

  private draw(): void {
    this.frames++;
    if (this.store.version === this.drawnVersion) return;
    this.drawnVersion = this.store.version;
    for (const chart of this.plots) this.feed(chart);
    const newest = this.store.series.get('packetCount')!.last();
    if (newest !== null) this.drawn.push({ packetCount: newest, at: performance.timeOrigin + performance.now() });
    if (this.drawn.length > 1000) this.drawn.shift();
  }

  /**
   * Hands a chart the rows it shows (all of them, or its zoom window), decimated to two points per pixel column when
   * there are more: uPlot's work then depends on the chart's width, not on the length of the flight.
   */
  private feed(chart: Chart): void {
    const time = this.store.time.values();
    const [from, to] = chart.zoom ? rowsBetween(time, chart.zoom.min, chart.zoom.max) : [0, time.length];
    const columns = Math.max(1, chart.plot.over.clientWidth || chart.plot.width);
    // A derived series (the link budget's signal) may not exist yet: charted as empty.
    const series = chart.fields.map((f) => this.store.series.get(f) ?? this.empty);
    // A sensor the CanSat does not have, or that stopped answering: say so rather than show an empty chart.
    chart.absent.hidden = this.store.count === 0 || series.some((s) => s.last() !== null);
    const box = chart.plot.root.parentElement!;
    if (box.hidden && series.some((s) => s.last() !== null)) box.hidden = false;
    const data =
      to - from <= 2 * columns
        ? [time.subarray(from, to), ...series.map((s) => s.forChart(from, to))]
        : (({ x, series: ys }) => [x, ...ys])(decimate(time.subarray(from, to), series.map((s) => s.values().subarray(from, to)), columns));
    chart.plot.setData(data as unknown as uPlot.AlignedData);
  }

  /** Points held by each chart (for the browser tests). */
  points(): Record<string, number> {
    return Object.fromEntries(this.plots.map(({ title, plot }) => [title, plot.data[0]?.length ?? 0]));
  }
}
