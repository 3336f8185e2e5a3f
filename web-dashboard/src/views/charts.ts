import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import { decimate, rowsBetween } from './decimate.ts';

interface Group {
  title: string;
  /** [field, label, scale] */
  series: [string, string, string][];
  axes: [string, string][];
  /** What the chart says when the latest telemetry has none of its fields (rather than stay empty). */
  absent?: string;
}

/** Every telemetry field, grouped, with SI units. */
const GROUPS: Group[] = [
  { title: 'Altitude', series: [['altitude', 'barometric, above the pad (m)', 'm'], ['gpsAltitude', 'GPS, above sea level (m)', 'msl']], axes: [['m', 'm'], ['msl', 'm MSL']] },
  { title: 'Pressure', series: [['pressure', 'pressure (kPa)', 'kPa']], axes: [['kPa', 'kPa']] },
  { title: 'Temperature', series: [['temperature', 'air (°C)', 'C']], axes: [['C', '°C']] },
  { title: 'Battery', series: [['voltage', 'voltage (V)', 'V'], ['current', 'current (A)', 'A']], axes: [['V', 'V'], ['A', 'A']] },
  { title: 'Rotation rate', series: [['gyroR', 'roll (°/s)', 'dps'], ['gyroP', 'pitch (°/s)', 'dps'], ['gyroY', 'yaw (°/s)', 'dps']], axes: [['dps', '°/s']] },
  { title: 'Acceleration', series: [['accelR', 'roll axis (m/s²)', 'a'], ['accelP', 'pitch axis (m/s²)', 'a'], ['accelY', 'yaw axis (m/s²)', 'a']], axes: [['a', 'm/s²']] },
  { title: 'Magnetic field', series: [['magR', 'roll axis (gauss)', 'G'], ['magP', 'pitch axis (gauss)', 'G'], ['magY', 'yaw axis (gauss)', 'G']], axes: [['G', 'gauss']], absent: 'no magnetometer readings: an MPU-6050 has none (a BNO055 does)' },
  { title: 'GPS satellites', series: [['gpsSats', 'satellites', 'n']], axes: [['n', 'count']], absent: 'no GPS fix yet' },
];

const COLORS = ['#0047ab', '#c03000', '#007a3d', '#7a00a8'];
const AXIS_FONT = '19px system-ui, sans-serif';

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
      box.innerHTML = `<h2>${group.title}</h2><p class="absent" data-field="absent" hidden>${group.absent ?? 'no readings'}</p>`;
      root.append(box);
      const width = Math.max(300, box.clientWidth - 10);
      const absent = box.querySelector<HTMLElement>('.absent')!;
      const chart: Chart = { title: group.title, plot: null as unknown as uPlot, fields: group.series.map(([field]) => field), zoom: null, absent };
      const options: uPlot.Options = {
        width,
        height: 230,
        scales: { x: { time: true } },
        series: [{}, ...group.series.map(([, label, scale], i) => ({ label, scale, stroke: COLORS[i % COLORS.length]!, width: 2.5, spanGaps: false }))],
        // 14 pt at the least on every label: the crew reads this in sunlight, a step back from the screen.
        axes: [{ font: AXIS_FONT, size: 44, space: 120, values: (_u: uPlot, splits: number[]) => splits.map(utcTime) }, ...group.axes.map(([scale, label], i) => ({ scale, label, side: i === 0 ? 3 : 1, grid: { show: i === 0 }, font: AXIS_FONT, labelFont: AXIS_FONT, size: 70 }))],
        legend: { live: false },
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
    addEventListener('resize', () => {
      for (const { plot } of this.plots) plot.setSize({ width: Math.max(300, (plot.root.parentElement?.clientWidth ?? 400) - 10), height: 230 });
    });
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
    const series = chart.fields.map((f) => this.store.series.get(f)!);
    // A sensor the CanSat does not have, or that stopped answering: say so rather than show an empty chart.
    chart.absent.hidden = this.store.count === 0 || series.some((s) => s.last() !== null);
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
