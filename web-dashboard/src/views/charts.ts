import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TelemetryStore } from '../store/telemetry-store.ts';

interface Group {
  title: string;
  /** [field, label, scale] */
  series: [string, string, string][];
  axes: [string, string][];
}

/** Every telemetry field, grouped, with SI units. */
const GROUPS: Group[] = [
  { title: 'Altitude', series: [['altitude', 'barometric, above the pad (m)', 'm'], ['gpsAltitude', 'GPS, above sea level (m)', 'msl']], axes: [['m', 'm'], ['msl', 'm MSL']] },
  { title: 'Pressure', series: [['pressure', 'pressure (kPa)', 'kPa']], axes: [['kPa', 'kPa']] },
  { title: 'Temperature', series: [['temperature', 'air (°C)', 'C']], axes: [['C', '°C']] },
  { title: 'Battery', series: [['voltage', 'voltage (V)', 'V'], ['current', 'current (A)', 'A']], axes: [['V', 'V'], ['A', 'A']] },
  { title: 'Rotation rate', series: [['gyroR', 'roll (°/s)', 'dps'], ['gyroP', 'pitch (°/s)', 'dps'], ['gyroY', 'yaw (°/s)', 'dps']], axes: [['dps', '°/s']] },
  { title: 'Acceleration', series: [['accelR', 'roll axis (m/s²)', 'a'], ['accelP', 'pitch axis (m/s²)', 'a'], ['accelY', 'yaw axis (m/s²)', 'a']], axes: [['a', 'm/s²']] },
  { title: 'Magnetic field', series: [['magR', 'roll axis (gauss)', 'G'], ['magP', 'pitch axis (gauss)', 'G'], ['magY', 'yaw axis (gauss)', 'G']], axes: [['G', 'gauss']] },
  { title: 'GPS satellites', series: [['gpsSats', 'satellites', 'n']], axes: [['n', 'count']] },
];

const COLORS = ['#0047ab', '#c03000', '#007a3d', '#7a00a8'];
const AXIS_FONT = '19px system-ui, sans-serif';

/** Receive times on the x axis as UTC hh:mm:ss, the clock of the mission. */
const utcTime = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);

/**
 * One uPlot chart per group, fed from the store's ring buffers. Data changes only mark the charts dirty; they are
 * redrawn at most once per animation frame, whatever the message rate.
 */
export class Charts {
  readonly plots: { title: string; plot: uPlot; fields: string[] }[] = [];
  private drawnVersion = -1;
  /** Frames drawn, for the frame-rate figure. */
  frames = 0;

  constructor(
    root: HTMLElement,
    private readonly store: TelemetryStore,
  ) {
    for (const group of GROUPS) {
      const box = document.createElement('div');
      box.className = 'chart';
      box.dataset['title'] = group.title;
      box.innerHTML = `<h2>${group.title}</h2>`;
      root.append(box);
      const width = Math.max(300, box.clientWidth - 10);
      const options: uPlot.Options = {
        width,
        height: 230,
        scales: { x: { time: true } },
        series: [{}, ...group.series.map(([, label, scale], i) => ({ label, scale, stroke: COLORS[i % COLORS.length]!, width: 2.5, spanGaps: false }))],
        // 14 pt at the least on every label: the crew reads this in sunlight, a step back from the screen.
        axes: [{ font: AXIS_FONT, size: 44, space: 120, values: (_u: uPlot, splits: number[]) => splits.map(utcTime) }, ...group.axes.map(([scale, label], i) => ({ scale, label, side: i === 0 ? 3 : 1, grid: { show: i === 0 }, font: AXIS_FONT, labelFont: AXIS_FONT, size: 70 }))],
        legend: { live: false },
      };
      const data = [new Float64Array(0), ...group.series.map(() => new Float64Array(0))] as unknown as uPlot.AlignedData;
      this.plots.push({ title: group.title, plot: new uPlot(options, data, box), fields: group.series.map(([field]) => field) });
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

  private draw(): void {
    this.frames++;
    if (this.store.version === this.drawnVersion) return;
    this.drawnVersion = this.store.version;
    const x = this.store.time.values();
    for (const { plot, fields } of this.plots) {
      plot.setData([x, ...fields.map((f) => this.store.series.get(f)!.forChart())] as unknown as uPlot.AlignedData);
    }
  }

  /** Points held by each chart (for the browser tests). */
  points(): Record<string, number> {
    return Object.fromEntries(this.plots.map(({ title, plot }) => [title, plot.data[0]?.length ?? 0]));
  }
}
