/** One line of a chart: its points (x, y; y null for a gap) in x order. */
export interface ChartSeries {
  label: string;
  color: string;
  points: readonly (readonly [number, number | null])[];
  dashed?: boolean;
}

/** A shaded stretch of the x axis (a mission state). */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
  color: string;
}

/** What to draw. */
export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  bands?: readonly ChartBand[];
  /** Keep x and y at the same scale (a map). */
  equalAxes?: boolean;
  width?: number;
  height?: number;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Round steps for an axis: 1, 2 or 5 times a power of ten, about `count` of them over the range. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  return ticks;
}

const label = (n: number) => (Math.abs(n) >= 1000 ? n.toLocaleString('en', { maximumFractionDigits: 0 }) : String(Number(n.toPrecision(4))));

/**
 * A line chart as an SVG element, self-contained (no script, no font fetched): axes with round ticks, the series
 * as polylines broken at gaps, shaded bands, and a legend. Prints sharp at any size.
 */
export function lineChart(o: ChartOptions): string {
  const width = o.width ?? 640;
  const height = o.height ?? 300;
  const margin = { left: 62, right: 14, top: 30, bottom: 44 };
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of o.series) {
    for (const [x, y] of s.points) {
      if (y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      xs.push(x);
      ys.push(y);
    }
  }
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  if (xs.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(o.title)}: no data"><text x="${width / 2}" y="18" text-anchor="middle" class="title">${escape(o.title)}</text><text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">no data</text></svg>`;
  }
  let [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  let [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  if (xMax === xMin) xMax = xMin + 1;
  if (yMax === yMin) [yMin, yMax] = [yMin - 1, yMax + 1];
  const pad = (yMax - yMin) * 0.05;
  yMin -= pad;
  yMax += pad;
  if (o.equalAxes) {
    // Metres on both axes: widen the narrower range about its middle.
    const perPixel = Math.max((xMax - xMin) / plotW, (yMax - yMin) / plotH);
    const cx = (xMin + xMax) / 2;
    const cy = (yMin + yMax) / 2;
    [xMin, xMax] = [cx - (perPixel * plotW) / 2, cx + (perPixel * plotW) / 2];
    [yMin, yMax] = [cy - (perPixel * plotH) / 2, cy + (perPixel * plotH) / 2];
  }
  const px = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const py = (y: number) => margin.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" class="title">${escape(o.title)}</text>`);
  for (const band of o.bands ?? []) {
    const from = Math.max(xMin, band.from);
    const to = Math.min(xMax, band.to);
    if (to <= from) continue;
    parts.push(`<rect x="${px(from).toFixed(1)}" y="${margin.top}" width="${(px(to) - px(from)).toFixed(1)}" height="${plotH}" fill="${band.color}" class="band"><title>${escape(band.label)}</title></rect>`);
    parts.push(`<text x="${(px(from) + 3).toFixed(1)}" y="${margin.top + 11}" class="band-label">${escape(band.label)}</text>`);
  }
  for (const t of niceTicks(xMin, xMax, 6)) parts.push(`<line x1="${px(t).toFixed(1)}" x2="${px(t).toFixed(1)}" y1="${margin.top}" y2="${margin.top + plotH}" class="grid"/><text x="${px(t).toFixed(1)}" y="${margin.top + plotH + 16}" text-anchor="middle">${label(t)}</text>`);
  for (const t of niceTicks(yMin, yMax, 5)) parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" class="grid"/><text x="${margin.left - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${label(t)}</text>`);
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" class="frame"/>`);
  parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 6}" text-anchor="middle" class="axis-label">${escape(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${escape(o.yLabel)}</text>`);
  for (const s of o.series) {
    // One polyline per stretch without a gap.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
      else if (run.length === 1) parts.push(`<circle cx="${run[0]!.split(',')[0]}" cy="${run[0]!.split(',')[1]}" r="2" fill="${s.color}"/>`);
      run = [];
    };
    for (const [x, y] of s.points) {
      if (y === null || !Number.isFinite(y)) flush();
      else run.push(`${px(x).toFixed(1)},${py(y).toFixed(1)}`);
    }
    flush();
  }
  if (o.series.length > 1 || o.series[0]?.label) {
    o.series.forEach((s, i) => {
      const y = margin.top + 14 + i * 15;
      parts.push(`<line x1="${width - margin.right - 150}" x2="${width - margin.right - 132}" y1="${y - 4}" y2="${y - 4}" stroke="${s.color}" stroke-width="3"/><text x="${width - margin.right - 128}" y="${y}" class="legend">${escape(s.label)}</text>`);
    });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(o.title)}">${parts.join('')}</svg>`;
}

/**
 * At most `buckets` × 2 points: the lowest and highest of each stretch of x (in their order), so a two-hour flight
 * draws every peak in a chart a few hundred pixels wide, and the report stays small.
 */
export function thinPoints(points: readonly (readonly [number, number | null])[], buckets = 800): (readonly [number, number | null])[] {
  if (points.length <= buckets * 2) return points.slice();
  const out: (readonly [number, number | null])[] = [];
  const per = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * per);
    const to = Math.floor((b + 1) * per);
    let low: readonly [number, number | null] | null = null;
    let high: readonly [number, number | null] | null = null;
    let gap = false;
    for (let i = from; i < to; i++) {
      const p = points[i]!;
      if (p[1] === null) {
        gap = true;
        continue;
      }
      if (!low || p[1] < low[1]!) low = p;
      if (!high || p[1] > high[1]!) high = p;
    }
    if (gap && !low) out.push([points[from]![0], null]);
    if (low && high) out.push(...(low[0] <= high[0] ? [low, high] : [high, low]).filter((p, i, a) => i === 0 || p !== a[0]));
  }
  return out;
}
